#include "common/host/condition_watch.h"

#include <string>
#include <vector>

#include "absl/synchronization/mutex.h"
#include "gtest/gtest.h"
#include "tests/testing/wait_until.h"

namespace yjinspect::common {
namespace {

// A condition the test sets, and what the watch did about it.
class Scripted {
 public:
  ConditionWatch::Hooks Hooks() {
    return {[this] {
              absl::MutexLock lock(&mu_);
              return problem_;
            },
            [this](bool serving) {
              absl::MutexLock lock(&mu_);
              reports_.push_back(serving);
            },
            [this](const std::string& problem) {
              absl::MutexLock lock(&mu_);
              logged_.push_back("problem: " + problem);
            },
            [this] {
              absl::MutexLock lock(&mu_);
              logged_.push_back("recovered");
            }};
  }
  void Set(const std::string& problem) {
    absl::MutexLock lock(&mu_);
    problem_ = problem;
  }
  std::vector<bool> reports() {
    absl::MutexLock lock(&mu_);
    return reports_;
  }
  std::vector<std::string> logged() {
    absl::MutexLock lock(&mu_);
    return logged_;
  }

 private:
  absl::Mutex mu_;
  std::string problem_;
  std::vector<bool> reports_;
  std::vector<std::string> logged_;
};

TEST(ConditionWatchTest, ReportsEachChangeOnceAndLogsIt) {
  Scripted condition;
  ConditionWatch watch(condition.Hooks(), absl::Milliseconds(2));
  watch.Start();
  EXPECT_EQ(condition.reports(), std::vector<bool>({true}));
  EXPECT_TRUE(condition.logged().empty());

  condition.Set("disk full");
  ASSERT_TRUE(testing::WaitUntil(
      [&] { return condition.reports().size() == 2; }, absl::Seconds(10)));
  absl::SleepFor(absl::Milliseconds(20));  // unchanged: no more reports
  EXPECT_EQ(condition.reports(), std::vector<bool>({true, false}));

  condition.Set("");
  ASSERT_TRUE(testing::WaitUntil(
      [&] { return condition.reports().size() == 3; }, absl::Seconds(10)));
  watch.Stop();
  watch.Stop();  // idempotent
  EXPECT_EQ(condition.reports(), std::vector<bool>({true, false, true}));
  EXPECT_EQ(condition.logged(),
            std::vector<std::string>({"problem: disk full", "recovered"}));
}

TEST(ConditionWatchTest, AProblemFromTheStartIsReportedAndLogged) {
  Scripted condition;
  condition.Set("sync failed");
  ConditionWatch watch(condition.Hooks());
  watch.Start();
  watch.Stop();
  EXPECT_EQ(condition.reports(), std::vector<bool>({false}));
  EXPECT_EQ(condition.logged(),
            std::vector<std::string>({"problem: sync failed"}));
}

}  // namespace
}  // namespace yjinspect::common
