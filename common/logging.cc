#include "common/logging.h"

#include <string>

#include "spdlog/sinks/stdout_sinks.h"

namespace yjinspect::common {

void InitLogging(absl::string_view service, absl::string_view level) {
  auto logger = spdlog::stderr_logger_mt(std::string(service));
  logger->set_pattern("%Y-%m-%dT%H:%M:%S.%fZ %l %n %v",
                      spdlog::pattern_time_type::utc);
  logger->set_level(spdlog::level::from_str(std::string(level)));
  logger->flush_on(spdlog::level::info);
  spdlog::set_default_logger(logger);
}

}  // namespace yjinspect::common
