#pragma once

// Containers are configured through environment variables. Every flag of a
// yjinspect program can take its value from YJINSPECT_<FLAG NAME IN UPPER
// CASE> (`--data_dir` from YJINSPECT_DATA_DIR); a flag given on the command
// line still wins, because the environment is applied before the command line
// is parsed.

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace yjinspect::common {

// "YJINSPECT_DATA_DIR" for the flag "data_dir".
std::string FlagEnvironmentName(absl::string_view flag_name);

struct FlagEnvironment {
  // The variables that set a flag, in the order of the environment.
  std::vector<std::string> applied;
  // YJINSPECT_ variables that name no flag of this program (a typo, or a
  // variable meant for another program such as the yjinspect CLI).
  std::vector<std::string> unknown;
};

// Sets each flag whose YJINSPECT_ variable appears in `environment` (a
// null-terminated array of "NAME=value", like `environ`) to that value. Call
// before absl::ParseCommandLine. abseil's own flags (--help, --flagfile, ...)
// cannot be set this way. INVALID_ARGUMENT naming the variable when a value
// does not parse for its flag; flags already set stay set.
absl::StatusOr<FlagEnvironment> DefaultFlagsFromEnvironment(
    const char* const* environment);

}  // namespace yjinspect::common
