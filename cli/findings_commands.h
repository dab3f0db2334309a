#pragma once

// The command line's findings subcommands: run a whole inspection from a
// spec, show verdicts, render the report, and show the stream's lag.

#include <functional>

#include "CLI/CLI.hpp"
#include "cli/intake_commands.h"

namespace yjinspect::cli {

void AddFindingsCommands(CLI::App& app, const GlobalOptions& global,
                         std::function<int()>* action);

}  // namespace yjinspect::cli
