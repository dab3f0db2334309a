#pragma once

// What the command line says when it is used wrongly: a mistyped command
// named with the command it most likely meant, and any usage error as one
// JSON object on stderr when --json was given, so that a script reads every
// failure the same way (client/rpc_client.h: ReportFailure).

#include <optional>
#include <string>
#include <vector>

#include "CLI/CLI.hpp"
#include "absl/strings/string_view.h"

namespace yjinspect::cli {

// The name in `names` that `typed` most likely misspells: the nearest by
// edit distance (a swap of two neighbouring letters counting one), when at
// most a third of `typed`'s length away, or one that `typed` begins or that
// begins `typed`. Nothing when none is that close or two are equally near.
std::optional<std::string> LikelyMeant(absl::string_view typed,
                                       const std::vector<std::string>& names);

// For a parse of `app` that ended without a subcommand where one was
// needed: "unknown command 'list-case'; did you mean list-cases?" (or
// naming the commands there are), taken from the deepest command parsed
// and the first word left over. Nothing when no word was left over.
std::optional<std::string> UnknownCommandMessage(const CLI::App& app);

// Reports a failed parse of `app` and returns the exit code: 0 after --help
// or --version (CLI11 prints them), 2 otherwise, the message as text or,
// with `json`, as UsageFailureJson (client/rpc_client.h).
int ReportUsageError(const CLI::App& app, const CLI::ParseError& error,
                     bool json);

}  // namespace yjinspect::cli
