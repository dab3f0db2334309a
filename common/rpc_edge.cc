#include "common/rpc_edge.h"

#include "absl/status/status.h"

namespace yjinspect::common {

void LogCall(absl::string_view method, absl::string_view resource,
             const absl::Status& status, absl::Time started) {
  const double millis = absl::ToDoubleMilliseconds(absl::Now() - started);
  const std::string code = absl::StatusCodeToString(status.code());
  // Server-side faults are errors, refusals are worth a line, and successes
  // only when debugging (a bulk load makes thousands).
  const bool fault = status.code() == absl::StatusCode::kInternal ||
                     status.code() == absl::StatusCode::kDataLoss ||
                     status.code() == absl::StatusCode::kUnknown;
  auto level = fault         ? spdlog::level::err
               : status.ok() ? spdlog::level::debug
                             : spdlog::level::info;
  spdlog::log(level, "method={} resource={} code={} duration_ms={:.3f}",
              std::string(method), std::string(resource), code, millis);
}

}  // namespace yjinspect::common
