#pragma once

// Logging for both services: spdlog to stderr. Callers log methods, resource
// names and status codes, never case content (a child's details must not
// reach a log).

#include "absl/strings/string_view.h"
#include "spdlog/spdlog.h"

namespace yjinspect::common {

// Sets the process-wide logger: stderr, one line per event, tagged with the
// service name. `level` is spdlog's name ("info", "debug", "warn").
void InitLogging(absl::string_view service, absl::string_view level);

}  // namespace yjinspect::common
