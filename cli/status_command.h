#pragma once

// `yjinspect status`: are the services up and serving? With --wait it polls
// until they are (for scripts that have just started them).

#include <functional>

#include "CLI/CLI.hpp"
#include "cli/subcommand.h"

namespace yjinspect::cli {

void AddStatusCommand(CLI::App& app, const GlobalOptions& global,
                      std::function<int()>* action);

}  // namespace yjinspect::cli
