#pragma once

// The command line's backup subcommands: `backup` asks a running service to
// back up its store (or lists or checks its backups); `restore` copies a
// backup into a fresh folder, offline, for a service to be started on.

#include <functional>

#include "CLI/CLI.hpp"
#include "cli/intake_commands.h"

namespace yjinspect::cli {

void AddBackupCommands(CLI::App& app, const GlobalOptions& global,
                       std::function<int()>* action);

}  // namespace yjinspect::cli
