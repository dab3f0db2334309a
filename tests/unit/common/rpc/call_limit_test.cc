#include "common/rpc/call_limit.h"

#include "common/error_details.h"
#include "common/error_reasons.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace yjinspect::common {
namespace {

using ::testing::HasSubstr;

TEST(CallLimitTest, RefusesPastTheLimitUntilAPlaceIsFreed) {
  CallLimit limit(2, "bulk uploads", "--max_concurrent_uploads");
  auto first = limit.Enter();
  auto second = limit.Enter();
  ASSERT_TRUE(first.ok());
  ASSERT_TRUE(second.ok());
  EXPECT_EQ(limit.in_use(), 2);

  auto third = limit.Enter();
  ASSERT_EQ(third.status().code(), absl::StatusCode::kResourceExhausted);
  EXPECT_THAT(std::string(third.status().message()),
              HasSubstr("taking 2 bulk uploads at once already "
                        "(--max_concurrent_uploads); retry with backoff"));
  ASSERT_TRUE(ErrorInfoOf(third.status()).has_value());
  EXPECT_EQ(ErrorInfoOf(third.status())->reason, kTooManyCalls);
  EXPECT_EQ(limit.in_use(), 2);

  first->reset();  // the call ended
  EXPECT_EQ(limit.in_use(), 1);
  EXPECT_TRUE(limit.Enter().ok());  // entered and left at once
  EXPECT_EQ(limit.in_use(), 1);
}

TEST(CallLimitTest, NoLimitTakesEveryCall) {
  CallLimit limit(0, "calls", "--flag");
  std::vector<std::shared_ptr<void>> held;
  for (int i = 0; i < 100; ++i) {
    auto place = limit.Enter();
    ASSERT_TRUE(place.ok());
    held.push_back(*place);
  }
  EXPECT_EQ(limit.in_use(), 100);
}

}  // namespace
}  // namespace yjinspect::common
