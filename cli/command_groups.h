#pragma once

// Where each command stands in `yjinspect --help`: under the part of an
// inspection it serves (cases, inspections, judgements and reports, the
// YJB exchange, operating the services) rather than in one long list.

#include <string>

#include "CLI/CLI.hpp"
#include "absl/strings/string_view.h"

namespace yjinspect::cli {

// The heading `command` is listed under; "Other commands" for one not yet
// placed, so that a new command still shows.
std::string GroupOf(absl::string_view command);

// Sets the group of each of `app`'s subcommands. Call after adding them.
void GroupCommands(CLI::App& app);

}  // namespace yjinspect::cli
