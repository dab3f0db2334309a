#pragma once

// The command line's privacy subcommands: `audit list` and `audit verify`
// read a service's audit trail, `keygen` makes intake's pseudonym key.

#include <functional>

#include "CLI/CLI.hpp"
#include "cli/intake_commands.h"

namespace yjinspect::cli {

void AddAuditCommands(CLI::App& app, const GlobalOptions& global,
                      std::function<int()>* action);

}  // namespace yjinspect::cli
