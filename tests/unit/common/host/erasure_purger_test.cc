// common/host/erasure_purger.h: purges run on the purger's own thread, one
// at a time; requests that arrive during a purge are served together by one
// more; a requested purge still runs at shutdown; a failed one is logged and
// not counted. The purge is a test function that can be held mid-way: no
// clock is involved, and nothing waits on time but one 50 ms look for
// something that must not happen.

#include "common/host/erasure_purger.h"

#include <atomic>
#include <memory>
#include <thread>
#include <utility>

#include "absl/synchronization/notification.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/testing/captured_log.h"

namespace yjinspect::common {
namespace {

using ::testing::HasSubstr;

// Deadline for what should happen at once; reached only when a test fails.
constexpr absl::Duration kPatience = absl::Seconds(10);

// A purge that counts its runs and can be made to wait inside its first run
// until released, or to fail.
class ScriptedPurge {
 public:
  std::function<absl::Status()> Function() {
    return [this]() -> absl::Status {
      const int run = ++runs_;
      if (run == 1 && hold_first_) {
        first_started_.Notify();
        release_first_.WaitForNotification();
      }
      return outcome_;
    };
  }

  void HoldFirstRun() { hold_first_ = true; }
  // Waits until the held first run has started.
  bool FirstRunStarted() {
    return first_started_.WaitForNotificationWithTimeout(kPatience);
  }
  void ReleaseFirstRun() { release_first_.Notify(); }
  void FailWith(absl::Status status) { outcome_ = std::move(status); }
  int runs() const { return runs_; }

 private:
  std::atomic<int> runs_{0};
  bool hold_first_ = false;
  absl::Status outcome_;
  absl::Notification first_started_;
  absl::Notification release_first_;
};

TEST(ErasurePurgerTest, NothingIsPurgedUntilAsked) {
  ScriptedPurge purge;
  {
    ErasurePurger purger(purge.Function());
    EXPECT_TRUE(purger.WaitForPurgedForTest(kPatience));
    EXPECT_EQ(purger.completed(), 0u);
  }
  EXPECT_EQ(purge.runs(), 0);
}

TEST(ErasurePurgerTest, ARequestIsPurgedOnce) {
  ScriptedPurge purge;
  ErasurePurger purger(purge.Function());
  purger.Request();
  ASSERT_TRUE(purger.WaitForPurgedForTest(kPatience));
  EXPECT_EQ(purger.completed(), 1u);
  EXPECT_EQ(purge.runs(), 1);
}

TEST(ErasurePurgerTest, RequestsDuringAPurgeAreServedByOneMore) {
  ScriptedPurge purge;
  purge.HoldFirstRun();
  ErasurePurger purger(purge.Function());
  purger.Request();
  ASSERT_TRUE(purge.FirstRunStarted());
  // Three erasures while the first purge runs: none of them waits for it.
  purger.Request();
  purger.Request();
  purger.Request();
  EXPECT_EQ(purger.completed(), 0u);
  purge.ReleaseFirstRun();

  ASSERT_TRUE(purger.WaitForPurgedForTest(kPatience));
  EXPECT_EQ(purge.runs(), 2);
  EXPECT_EQ(purger.completed(), 2u);
}

TEST(ErasurePurgerTest, ARequestJustBeforeShutdownIsStillPurged) {
  // Its bytes must not wait for the next start.
  ScriptedPurge purge;
  {
    ErasurePurger purger(purge.Function());
    purger.Request();
  }
  EXPECT_EQ(purge.runs(), 1);
}

TEST(ErasurePurgerTest, ShutdownWaitsForThePurgeUnderWay) {
  ScriptedPurge purge;
  purge.HoldFirstRun();
  auto purger = std::make_unique<ErasurePurger>(purge.Function());
  purger->Request();
  ASSERT_TRUE(purge.FirstRunStarted());
  purger->Request();
  absl::Notification destroyed;
  std::thread stopping([&] {
    purger.reset();
    destroyed.Notify();
  });
  // Held inside the purge, the purger cannot have stopped.
  EXPECT_FALSE(
      destroyed.WaitForNotificationWithTimeout(absl::Milliseconds(50)));
  purge.ReleaseFirstRun();
  stopping.join();
  // The request made during the first purge was served before stopping.
  EXPECT_EQ(purge.runs(), 2);
}

TEST(ErasurePurgerTest, AFailedPurgeIsLoggedAndNotCounted) {
  testing::CapturedLog log;
  ScriptedPurge purge;
  purge.FailWith(absl::InternalError("compacting after an erasure: disk gone"));
  ErasurePurger purger(purge.Function());
  purger.Request();
  // The wait ends at the failure, not at the deadline.
  EXPECT_FALSE(purger.WaitForPurgedForTest(kPatience));
  EXPECT_EQ(purger.completed(), 0u);
  EXPECT_EQ(purge.runs(), 1);
  EXPECT_THAT(log.Text(), HasSubstr("purging erased content failed"));
  EXPECT_THAT(log.Text(), HasSubstr("disk gone"));
}

}  // namespace
}  // namespace yjinspect::common
