#include "common/host/erasure_purger.h"

#include <utility>

#include "common/telemetry/logging.h"

namespace yjinspect::common {

ErasurePurger::ErasurePurger(std::function<absl::Status()> purge)
    : purge_(std::move(purge)) {
  thread_ = std::thread([this] { Run(); });
}

ErasurePurger::~ErasurePurger() {
  {
    absl::MutexLock lock(&mu_);
    stopping_ = true;
  }
  thread_.join();
}

void ErasurePurger::Request() {
  absl::MutexLock lock(&mu_);
  ++requested_;
}

uint64_t ErasurePurger::completed() const {
  absl::MutexLock lock(&mu_);
  return completed_;
}

bool ErasurePurger::WaitForPurgedForTest(absl::Duration timeout) const {
  absl::MutexLock lock(&mu_);
  const uint64_t target = requested_;
  auto done = [this, target]() ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_) {
    return finished_ >= target || failed_;
  };
  mu_.AwaitWithTimeout(absl::Condition(&done), timeout);
  return finished_ >= target && !failed_;
}

void ErasurePurger::Run() {
  while (true) {
    uint64_t covering = 0;
    {
      absl::MutexLock lock(&mu_);
      auto ready = [this]() ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_) {
        return stopping_ || requested_ > started_;
      };
      mu_.Await(absl::Condition(&ready));
      // An erasure requested before shutdown is still purged: its bytes
      // must not wait for the next start.
      if (requested_ == started_) return;
      covering = started_ = requested_;
    }
    absl::Status status = purge_();
    absl::MutexLock lock(&mu_);
    if (status.ok()) {
      finished_ = covering;
      ++completed_;
    } else {
      failed_ = true;
      spdlog::error("purging erased content failed: {}", status.ToString());
    }
  }
}

}  // namespace yjinspect::common
