#include "common/host/audit_head_anchor.h"

#include <string>
#include <vector>

#include "absl/synchronization/mutex.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/testing/captured_log.h"
#include "tests/testing/metrics_scrape.h"
#include "tests/testing/wait_until.h"

namespace yjinspect::common {
namespace {

// A trail whose head the test moves.
class MovableTrail : public AuditSource {
 public:
  absl::StatusOr<std::vector<StoredAuditEntry>> ReadAuditEntries(
      uint64_t, size_t) const override {
    return std::vector<StoredAuditEntry>();
  }
  absl::StatusOr<AuditChainHead> ReadAuditHead() const override {
    absl::MutexLock lock(&mu_);
    return head_;
  }
  void MoveTo(uint64_t sequence) {
    absl::MutexLock lock(&mu_);
    head_ = {sequence,
             std::string(kAuditHashBytes, static_cast<char>(sequence & 0x7f))};
  }

 private:
  mutable absl::Mutex mu_;
  AuditChainHead head_;
};

// The audit_head values the captured log holds, in order.
std::vector<std::string> LoggedHeads(const testing::CapturedLog& log) {
  std::vector<std::string> heads;
  for (const nlohmann::json& line : log.Lines()) {
    if (line.value("message", "") == "audit trail head") {
      heads.push_back(line.value("audit_head", ""));
    }
  }
  return heads;
}

TEST(AuditHeadTextTest, IsSequenceColonHex) {
  EXPECT_EQ(AuditHeadText({3, std::string("\x01\xab", 2)}), "3:01ab");
  EXPECT_EQ(AuditHeadText({}), "0:");
}

TEST(AuditHeadAnchorTest, LogsAHeadWhenItMovesAndAlwaysAtStop) {
  testing::CapturedLog log(spdlog::level::info);
  MovableTrail trail;
  ServiceMetrics metrics("intake");
  trail.MoveTo(4);
  AuditHeadAnchor anchor(trail, metrics, absl::Milliseconds(5));
  anchor.Start();
  const std::string four = AuditHeadText(*trail.ReadAuditHead());
  ASSERT_TRUE(testing::WaitUntil([&] { return LoggedHeads(log).size() == 1; },
                                 absl::Seconds(10)));
  // Unchanged, it is not logged again.
  absl::SleepFor(absl::Milliseconds(50));
  EXPECT_EQ(LoggedHeads(log), std::vector<std::string>({four}));

  trail.MoveTo(9);
  const std::string nine = AuditHeadText(*trail.ReadAuditHead());
  ASSERT_TRUE(testing::WaitUntil([&] { return LoggedHeads(log).size() == 2; },
                                 absl::Seconds(10)));
  anchor.Stop();
  anchor.Stop();  // idempotent
  EXPECT_EQ(LoggedHeads(log), std::vector<std::string>({four, nine, nine}));
}

TEST(AuditHeadAnchorTest, WithoutAnIntervalLogsOnlyAtStop) {
  testing::CapturedLog log(spdlog::level::info);
  MovableTrail trail;
  ServiceMetrics metrics("findings");
  trail.MoveTo(2);
  {
    AuditHeadAnchor anchor(trail, metrics, absl::ZeroDuration());
    anchor.Start();
    absl::SleepFor(absl::Milliseconds(20));
    EXPECT_TRUE(LoggedHeads(log).empty());
    anchor.Stop();
  }
  EXPECT_EQ(LoggedHeads(log).size(), 1u);
}

TEST(AuditHeadAnchorTest, AnAnchorThatNeverStartedLogsNothing) {
  // A service whose start failed: its store may be gone already.
  testing::CapturedLog log(spdlog::level::info);
  ServiceMetrics metrics("intake");
  {
    MovableTrail trail;
    AuditHeadAnchor anchor(trail, metrics, absl::Milliseconds(1));
    anchor.Stop();
  }
  EXPECT_TRUE(LoggedHeads(log).empty());
}

TEST(AuditHeadAnchorTest, TheMetricIsTheHeadAtEachScrape) {
  MovableTrail trail;
  ServiceMetrics metrics("intake");
  AuditHeadAnchor anchor(trail, metrics, absl::ZeroDuration());
  absl::StatusOr<int> port = metrics.Serve("127.0.0.1:0");
  ASSERT_TRUE(port.ok()) << port.status();
  trail.MoveTo(12);
  auto text = testing::ScrapeMetrics(*port);
  ASSERT_TRUE(text.ok()) << text.status();
  EXPECT_EQ(testing::SeriesValue(*text, "yjinspect_audit_head_sequence"), 12.0);
  trail.MoveTo(13);
  text = testing::ScrapeMetrics(*port);
  ASSERT_TRUE(text.ok()) << text.status();
  EXPECT_EQ(testing::SeriesValue(*text, "yjinspect_audit_head_sequence"), 13.0);
  metrics.StopServing();
}

}  // namespace
}  // namespace yjinspect::common
