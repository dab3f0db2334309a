#pragma once

// The command line's commands on single records a person looks after at
// intake: show and erase a case, list inspections, reset a sample.

#include <functional>

#include "CLI/CLI.hpp"
#include "cli/intake_commands.h"

namespace yjinspect::cli {

// Adds show-case, erase-case, list-inspections and reset-sample to `app`;
// the chosen one stores its action in `*action` (see AddIntakeCommands).
void AddRecordCommands(CLI::App& app, const GlobalOptions& global,
                       std::function<int()>* action);

}  // namespace yjinspect::cli
