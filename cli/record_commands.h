#pragma once

// The command line's commands on single records a person looks after at
// intake: show, update and erase a case, list inspections, reset a sample.

#include "CLI/CLI.hpp"
#include "cli/subcommand.h"

namespace yjinspect::cli {

// Adds show-case, update-case, erase-case, list-inspections and
// reset-sample to
// `commands`.
void AddRecordCommands(Subcommands commands);

}  // namespace yjinspect::cli
