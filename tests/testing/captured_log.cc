#include "tests/testing/captured_log.h"

#include <mutex>

#include "common/telemetry/logging.h"
#include "gtest/gtest.h"
#include "spdlog/sinks/base_sink.h"

namespace yjinspect::testing {

// Appends formatted lines to a string, under spdlog's sink mutex.
class CapturedLog::Sink final : public spdlog::sinks::base_sink<std::mutex> {
 public:
  std::string Text() {
    std::lock_guard<std::mutex> lock(mutex_);
    return text_;
  }

 protected:
  void sink_it_(const spdlog::details::log_msg& msg) override {
    spdlog::memory_buf_t formatted;
    formatter_->format(msg, formatted);
    text_.append(formatted.data(), formatted.size());
  }
  void flush_() override {}

 private:
  std::string text_;
};

CapturedLog::CapturedLog(spdlog::level::level_enum level)
    : sink_(std::make_shared<Sink>()), previous_(spdlog::default_logger()) {
  sink_->set_formatter(common::NewJsonLogFormatter());
  auto logger = std::make_shared<spdlog::logger>("test", sink_);
  logger->set_level(level);
  spdlog::set_default_logger(logger);
}

CapturedLog::~CapturedLog() { spdlog::set_default_logger(previous_); }

std::string CapturedLog::Text() const { return sink_->Text(); }

std::vector<nlohmann::json> CapturedLog::Lines() const {
  std::vector<nlohmann::json> lines;
  std::istringstream text(Text());
  for (std::string line; std::getline(text, line);) {
    nlohmann::json parsed = nlohmann::json::parse(line, nullptr, false);
    EXPECT_TRUE(parsed.is_object()) << "not a JSON object: " << line;
    if (parsed.is_object()) lines.push_back(std::move(parsed));
  }
  return lines;
}

}  // namespace yjinspect::testing
