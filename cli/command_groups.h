#pragma once

// How `yjinspect --help` presents the commands: each under the part of an
// inspection it serves (cases, inspections, judgements and reports, the
// YJB exchange, operating the services) rather than in one long list, and
// each with an example command line under its own --help.

#include <string>

#include "CLI/CLI.hpp"
#include "absl/strings/string_view.h"

namespace yjinspect::cli {

// The heading `command` is listed under; "Other commands" for one not yet
// placed, so that a new command still shows.
std::string GroupOf(absl::string_view command);

// A whole command line using `command` ("audit list" for a command of a
// group), for its --help; empty for a command that has none yet.
std::string ExampleOf(absl::string_view command);

// Sets the group of each of `app`'s subcommands, and the example of each
// command and of each command of a group as its help's footer. Call after
// adding them.
void GroupCommands(CLI::App& app);

}  // namespace yjinspect::cli
