#pragma once

// The command line's moderation commands: give sampled records a second
// marker, record a second marking, list and resolve the markers'
// disagreements, show the inter-rater agreement, and agree the verdicts
// once moderation is done.

#include "cli/subcommand.h"

namespace yjinspect::cli {

void AddModerationCommands(Subcommands commands);

}  // namespace yjinspect::cli
