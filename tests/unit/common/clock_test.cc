// common/clock.h: the defaults the services pass for time and randomness.

#include "common/clock.h"

#include "absl/time/clock.h"
#include "gtest/gtest.h"

namespace yjinspect::common {
namespace {

TEST(ClockTest, SystemClockIsNow) {
  const absl::Time before = absl::Now();
  const absl::Time read = SystemClock()();
  EXPECT_LE(before, read);
  EXPECT_LE(read, absl::Now());
}

TEST(ClockTest, SystemRandomGivesFreshBits) {
  const RandomBits random = SystemRandom();
  // Two equal draws of 64 random bits: one chance in 2^64.
  EXPECT_NE(random(), random());
}

}  // namespace
}  // namespace yjinspect::common
