#pragma once

// The command line's YJB exchange subcommands (docs/yjb-exchange.md):
// import-cases, import-context and export-results.

#include <functional>

#include "CLI/CLI.hpp"
#include "cli/intake_commands.h"

namespace yjinspect::cli {

// Adds the exchange subcommands to `app`; the chosen one stores its action
// in `*action`, to run after parsing; the action returns the exit code.
void AddExchangeCommands(CLI::App& app, const GlobalOptions& global,
                         std::function<int()>* action);

}  // namespace yjinspect::cli
