#pragma once

// Runs a program to the end as a child process, as a user or a script
// would, and keeps what it printed: for tests of the real `yjinspect`
// binary (its parsing, exit codes and output streams), which an in-process
// call cannot show.

#include <string>
#include <vector>

namespace yjinspect::testing {

struct CommandResult {
  // The exit status, or -1 when the child could not be started or did not
  // exit normally (a signal).
  int exit_code = -1;
  std::string out;
  std::string err;
};

// Runs `argv` (argv[0] is the program's path) with standard input from
// /dev/null and this process's environment plus `environment` ("NAME=value"
// each, replacing a variable of that name), and waits for it.
CommandResult RunCommand(const std::vector<std::string>& argv,
                         const std::vector<std::string>& environment = {});

}  // namespace yjinspect::testing
