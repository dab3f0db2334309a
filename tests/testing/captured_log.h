#pragma once

// Captures what the services log in this process: while alive, the default
// spdlog logger writes JSON lines (common/telemetry/logging.h) at `level` into
// memory instead of to the console. Restores the previous logger when
// destroyed.

#include <memory>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include "absl/synchronization/mutex.h"
#include "nlohmann/json.hpp"
#include "spdlog/spdlog.h"

namespace yjinspect::testing {

class CapturedLog {
 public:
  explicit CapturedLog(spdlog::level::level_enum level = spdlog::level::debug);
  ~CapturedLog();
  CapturedLog(const CapturedLog&) = delete;
  CapturedLog& operator=(const CapturedLog&) = delete;

  // Everything logged so far, as written.
  std::string Text() const;
  // Each line parsed; a line that is not a JSON object fails the test and is
  // left out.
  std::vector<nlohmann::json> Lines() const;

 private:
  class Sink;
  std::shared_ptr<Sink> sink_;
  std::shared_ptr<spdlog::logger> previous_;
};

}  // namespace yjinspect::testing
