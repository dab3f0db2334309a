#pragma once

// The command line's commands on the inspection frameworks a service knows
// (yjinspect.v1.Frameworks, asked of the findings service): list them, and
// show one with its criteria and answer scales.

#include <ostream>
#include <string>

#include "CLI/CLI.hpp"
#include "cli/subcommand.h"
#include "yjinspect/v1/frameworks_service.pb.h"

namespace yjinspect::cli {

// The framework version a user names: "frameworks/{id}/versions/{version}"
// as it is, or an id with `version` ("sqs-2014" and "2"). Empty when an id
// comes without a version (the newest is then looked up).
std::string FrameworkVersionNameOf(const std::string& framework,
                                   const std::string& version);

// One line: the name, the title, and "newest" or what supersedes it.
void PrintFrameworkLine(const v1::FrameworkVersion& framework,
                        std::ostream& out);

// The framework for a person: title and provenance, then each section with
// its criteria (id, wording, the answers its scale allows).
void PrintFrameworkText(const v1::FrameworkVersion& framework,
                        std::ostream& out);

// Adds list-frameworks and show-framework to `commands`.
void AddFrameworkCommands(Subcommands commands);

}  // namespace yjinspect::cli
