#pragma once

// The command line's commands on recorded judgements: list an inspection's
// case findings, and a case's judgement history (who changed which answer
// when).

#include <functional>

#include "CLI/CLI.hpp"
#include "cli/intake_commands.h"

namespace yjinspect::cli {

// Adds list-findings and judgement-history to `app`; the chosen one stores
// its action in `*action` (see AddIntakeCommands).
void AddJudgementCommands(CLI::App& app, const GlobalOptions& global,
                          std::function<int()>* action);

}  // namespace yjinspect::cli
