#pragma once

// Waiting with a deadline for something another thread or process does.

#include <functional>

#include "absl/time/clock.h"
#include "absl/time/time.h"

namespace yjinspect::testing {

// Polls `condition` every `poll` until it holds (true) or `timeout` passes
// (false, after one last look).
inline bool WaitUntil(const std::function<bool()>& condition,
                      absl::Duration timeout,
                      absl::Duration poll = absl::Milliseconds(5)) {
  const absl::Time deadline = absl::Now() + timeout;
  while (!condition()) {
    if (absl::Now() >= deadline) return condition();
    absl::SleepFor(poll);
  }
  return true;
}

}  // namespace yjinspect::testing
