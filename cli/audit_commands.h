#pragma once

// The command line's audit subcommands: `audit list` and `audit verify`
// read a service's audit trail.

#include <functional>

#include "CLI/CLI.hpp"
#include "cli/intake_commands.h"

namespace yjinspect::cli {

void AddAuditCommands(CLI::App& app, const GlobalOptions& global,
                      std::function<int()>* action);

}  // namespace yjinspect::cli
