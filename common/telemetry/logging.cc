#include "common/telemetry/logging.h"

#include <ctime>
#include <string>

#include "absl/strings/str_format.h"
#include "common/request_id.h"
#include "nlohmann/json.hpp"
#include "spdlog/sinks/stdout_sinks.h"

namespace yjinspect::common {
namespace {

// The fields of the LogEvent being formatted on this thread: spdlog's
// loggers here are synchronous, so the formatter runs inside the spdlog call
// that LogEvent makes, on the same thread.
thread_local const LogFields* event_fields = nullptr;

// RFC 3339 in UTC with microseconds.
std::string Rfc3339(spdlog::log_clock::time_point time) {
  const auto since_epoch = time.time_since_epoch();
  const auto seconds =
      std::chrono::duration_cast<std::chrono::seconds>(since_epoch);
  const auto micros = std::chrono::duration_cast<std::chrono::microseconds>(
      since_epoch - seconds);
  const std::time_t whole = static_cast<std::time_t>(seconds.count());
  std::tm utc{};
  gmtime_r(&whole, &utc);
  return absl::StrFormat("%04d-%02d-%02dT%02d:%02d:%02d.%06dZ",
                         utc.tm_year + 1900, utc.tm_mon + 1, utc.tm_mday,
                         utc.tm_hour, utc.tm_min, utc.tm_sec,
                         static_cast<int>(micros.count()));
}

class JsonLogFormatter final : public spdlog::formatter {
 public:
  void format(const spdlog::details::log_msg& msg,
              spdlog::memory_buf_t& dest) override {
    nlohmann::ordered_json line;
    line["time"] = Rfc3339(msg.time);
    const auto level = spdlog::level::to_string_view(msg.level);
    line["level"] = std::string(level.data(), level.size());
    line["service"] =
        std::string(msg.logger_name.data(), msg.logger_name.size());
    line["message"] = std::string(msg.payload.data(), msg.payload.size());
    if (event_fields != nullptr) {
      for (const auto& [key, value] : event_fields->fields()) {
        std::visit([&line, &key = key](const auto& v) { line[key] = v; },
                   value);
      }
    }
    if (!line.contains("request_id") && !CurrentRequestId().empty()) {
      line["request_id"] = CurrentRequestId();
    }
    // Invalid UTF-8 is replaced rather than thrown on: a log line must never
    // take the service down.
    const std::string text =
        line.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    dest.append(text.data(), text.data() + text.size());
    dest.push_back('\n');
  }

  std::unique_ptr<spdlog::formatter> clone() const override {
    return std::make_unique<JsonLogFormatter>();
  }
};

}  // namespace

std::unique_ptr<spdlog::formatter> NewJsonLogFormatter() {
  return std::make_unique<JsonLogFormatter>();
}

void InitLogging(absl::string_view service, absl::string_view level) {
  auto logger = spdlog::stderr_logger_mt(std::string(service));
  logger->set_formatter(NewJsonLogFormatter());
  logger->set_level(spdlog::level::from_str(std::string(level)));
  logger->flush_on(spdlog::level::info);
  spdlog::set_default_logger(logger);
}

void LogEvent(spdlog::level::level_enum level, absl::string_view message,
              const LogFields& fields) {
  auto* logger = spdlog::default_logger_raw();
  if (!logger->should_log(level)) return;
  const LogFields* previous = event_fields;
  event_fields = &fields;
  logger->log(level, "{}", std::string(message));
  event_fields = previous;
}

}  // namespace yjinspect::common
