#pragma once

// The command line's intake subcommands: load a synthetic caseload, list and
// summarise cases, create and show inspections.

#include <functional>
#include <string>

#include "CLI/CLI.hpp"

namespace yjinspect::cli {

// Options every subcommand shares.
struct GlobalOptions {
  std::string intake = "127.0.0.1:50051";
  std::string findings = "127.0.0.1:50052";
  bool json = false;
  // Pseudonymous reference of the person or system acting.
  std::string actor;
};

// Adds the intake subcommands to `app`. The chosen one stores its action in
// `*action`, to run after parsing; the action returns the exit code.
void AddIntakeCommands(CLI::App& app, const GlobalOptions& global,
                       std::function<int()>* action);

}  // namespace yjinspect::cli
