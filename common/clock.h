#pragma once

// What domain code asks for the time and for random bits, injected so that
// tests can give fixed ones (the services pass the defaults).

#include <cstdint>
#include <functional>

#include "absl/time/time.h"

namespace yjinspect::common {

using Clock = std::function<absl::Time()>;
using RandomBits = std::function<uint64_t()>;

// absl::Now().
Clock SystemClock();
// 64 bits from the operating system's random source (std::random_device).
RandomBits SystemRandom();

}  // namespace yjinspect::common
