#pragma once

// The command line's findings subcommands: run a whole inspection from a
// spec, show verdicts, render the report, and show the stream's lag.

#include "CLI/CLI.hpp"
#include "cli/subcommand.h"

namespace yjinspect::cli {

void AddFindingsCommands(Subcommands commands);

}  // namespace yjinspect::cli
