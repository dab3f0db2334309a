#pragma once

// Logging for both services: spdlog to stderr, one JSON object per line
//   {"time":"2026-11-26T12:00:00.123456Z","level":"info","service":"intake",
//    "message":"...", ...fields}
// so that log shippers need no parsing rules. Callers log methods, resource
// names, status codes and request ids, never case content (a child's
// details must not reach a log).

#include <cstdint>
#include <memory>
#include <string>
#include <variant>
#include <vector>

#include "absl/strings/string_view.h"
#include "spdlog/spdlog.h"

namespace yjinspect::common {

// Sets the process-wide logger: stderr, JSON lines, tagged with the service
// name. `level` is spdlog's name ("info", "debug", "warn").
void InitLogging(absl::string_view service, absl::string_view level);

// The JSON-lines formatter InitLogging installs, for other sinks (tests
// capture the log with it). Each line carries the thread's current request
// id (common/request_id.h) when there is one.
std::unique_ptr<spdlog::formatter> NewJsonLogFormatter();

// The fields of one structured log line, in order: strings and numbers that
// are safe to log (names, codes, ids; never case content).
class LogFields {
 public:
  using Value = std::variant<std::string, int64_t, uint64_t, double>;

  LogFields& Add(absl::string_view key, absl::string_view value) {
    fields_.emplace_back(std::string(key), std::string(value));
    return *this;
  }
  LogFields& Add(absl::string_view key, int64_t value) {
    fields_.emplace_back(std::string(key), value);
    return *this;
  }
  LogFields& Add(absl::string_view key, uint64_t value) {
    fields_.emplace_back(std::string(key), value);
    return *this;
  }
  LogFields& Add(absl::string_view key, double value) {
    fields_.emplace_back(std::string(key), value);
    return *this;
  }

  const std::vector<std::pair<std::string, Value>>& fields() const {
    return fields_;
  }

 private:
  std::vector<std::pair<std::string, Value>> fields_;
};

// Logs `message` through the default logger with `fields` as members of the
// line, after time, level, service and message. A "service" field replaces
// the logger's name.
void LogEvent(spdlog::level::level_enum level, absl::string_view message,
              const LogFields& fields);

}  // namespace yjinspect::common
