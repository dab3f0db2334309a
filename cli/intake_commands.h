#pragma once

// The command line's intake subcommands: load a synthetic caseload, list and
// summarise cases, create and show inspections.

#include "CLI/CLI.hpp"
#include "cli/subcommand.h"

namespace yjinspect::cli {

// Adds the intake subcommands to `commands` (see Subcommands: the chosen
// one leaves its action for main to run after parsing).
void AddIntakeCommands(Subcommands commands);

}  // namespace yjinspect::cli
