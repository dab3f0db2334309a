#pragma once

// The command line's audit subcommands: `audit list` and `audit verify`
// read a service's audit trail.

#include "CLI/CLI.hpp"
#include "cli/subcommand.h"

namespace yjinspect::cli {

void AddAuditCommands(Subcommands commands);

}  // namespace yjinspect::cli
