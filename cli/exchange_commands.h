#pragma once

// The command line's YJB exchange subcommands (docs/yjb-exchange.md):
// import-cases, import-victim-cases, import-context and export-results.

#include "CLI/CLI.hpp"
#include "cli/subcommand.h"

namespace yjinspect::cli {

// Adds the exchange subcommands to `commands`.
void AddExchangeCommands(Subcommands commands);

}  // namespace yjinspect::cli
