#include "common/host/store_watch.h"

#include <vector>

#include "absl/synchronization/mutex.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/testing/captured_log.h"
#include "tests/testing/wait_until.h"

namespace yjinspect::common {
namespace {

class Scripted {
 public:
  StorageFigures Figures() {
    absl::MutexLock lock(&mu_);
    return figures_;
  }
  void Refuse(const std::string& why, bool disk_full) {
    absl::MutexLock lock(&mu_);
    figures_.writes_refused = why;
    figures_.disk_full = disk_full;
  }
  void Report(bool writable) {
    absl::MutexLock lock(&mu_);
    reports_.push_back(writable);
  }
  std::vector<bool> reports() {
    absl::MutexLock lock(&mu_);
    return reports_;
  }

 private:
  absl::Mutex mu_;
  StorageFigures figures_;
  std::vector<bool> reports_;
};

int Lines(const testing::CapturedLog& log, const std::string& start) {
  int count = 0;
  for (const nlohmann::json& line : log.Lines()) {
    if (line.value("message", "").rfind(start, 0) == 0) ++count;
  }
  return count;
}

TEST(StoreWatchTest, ReportsEachChangeOnceAndLogsIt) {
  testing::CapturedLog log(spdlog::level::info);
  Scripted store;
  StoreWatch watch([&] { return store.Figures(); },
                   [&](bool writable) { store.Report(writable); },
                   absl::Milliseconds(2));
  watch.Start();
  EXPECT_EQ(store.reports(), std::vector<bool>({true}));

  store.Refuse("IO error: No space left on device", true);
  ASSERT_TRUE(testing::WaitUntil([&] { return store.reports().size() == 2; },
                                 absl::Seconds(10)));
  absl::SleepFor(absl::Milliseconds(20));  // unchanged: no more reports
  EXPECT_EQ(store.reports(), std::vector<bool>({true, false}));
  EXPECT_EQ(Lines(log, "the store refuses every write: its disk is full"), 1);

  store.Refuse("", false);
  ASSERT_TRUE(testing::WaitUntil([&] { return store.reports().size() == 3; },
                                 absl::Seconds(10)));
  watch.Stop();
  EXPECT_EQ(store.reports(), std::vector<bool>({true, false, true}));
  EXPECT_EQ(Lines(log, "the store takes writes again"), 1);
}

TEST(StoreWatchTest, AnotherStorageErrorAsksForARestart) {
  testing::CapturedLog log(spdlog::level::info);
  Scripted store;
  store.Refuse("IO error: sync failed", false);
  StoreWatch watch([&] { return store.Figures(); },
                   [&](bool writable) { store.Report(writable); });
  watch.Start();
  watch.Stop();
  EXPECT_EQ(store.reports(), std::vector<bool>({false}));
  EXPECT_EQ(Lines(log,
                  "the store refuses every write after a storage "
                  "error; see the reason, then restart the service"),
            1);
}

}  // namespace
}  // namespace yjinspect::common
