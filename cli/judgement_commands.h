#pragma once

// The command line's commands on recorded judgements: list an inspection's
// case findings, and a case's judgement history (who changed which answer
// when).

#include "CLI/CLI.hpp"
#include "cli/subcommand.h"

namespace yjinspect::cli {

// Adds list-findings and judgement-history to `commands`.
void AddJudgementCommands(Subcommands commands);

}  // namespace yjinspect::cli
