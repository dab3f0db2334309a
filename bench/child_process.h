#pragma once

// A service binary run as a child process, for what only a real process
// shows: its resident memory (/proc/<pid>/status) and its start-up time.

#include <sys/types.h>

#include <string>
#include <vector>

namespace yjinspect::bench {

class ChildProcess {
 public:
  // Starts `argv` (argv[0] a path) with stdout and stderr appended to `log`.
  ChildProcess(const std::vector<std::string>& argv, const std::string& log);
  // Terminates it if still running.
  ~ChildProcess();
  ChildProcess(const ChildProcess&) = delete;
  ChildProcess& operator=(const ChildProcess&) = delete;

  pid_t pid() const { return pid_; }
  // A field of /proc/<pid>/status in kB ("VmHWM", "VmRSS"); -1 if absent.
  long StatusKb(const std::string& field) const;
  // SIGTERM and wait for the exit; the exit status.
  int Terminate();

 private:
  pid_t pid_ = -1;
};

// A TCP port on 127.0.0.1 free at the time of asking.
int FreeLoopbackPort();

}  // namespace yjinspect::bench
