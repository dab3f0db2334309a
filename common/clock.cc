#include "common/clock.h"

#include <random>

#include "absl/time/clock.h"

namespace yjinspect::common {

Clock SystemClock() {
  return [] { return absl::Now(); };
}

RandomBits SystemRandom() {
  return [] {
    std::random_device device;
    return (uint64_t{device()} << 32) | device();
  };
}

}  // namespace yjinspect::common
