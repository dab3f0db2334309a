#pragma once

// The command line's backup subcommands: `backup` asks a running service to
// back up its store (or lists or checks its backups); `restore` copies a
// backup into a fresh folder, offline, for a service to be started on.

#include "CLI/CLI.hpp"
#include "cli/subcommand.h"

namespace yjinspect::cli {

void AddBackupCommands(Subcommands commands);

}  // namespace yjinspect::cli
