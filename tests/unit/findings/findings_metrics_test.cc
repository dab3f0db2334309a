// services/findings/findings_metrics.h: what a Prometheus scrape of the
// findings service's own figures reads, over the real /metrics endpoint on
// a free port (no gRPC): applied changes counted by kind, and the feed's
// cursor and the store's size read afresh at each scrape. The feed is not
// started (no intake), so its intake head, lag and connection read as a
// feed that has not yet reached intake; intake_feed_test covers how they
// move.

#include "services/findings/findings_metrics.h"

#include <atomic>
#include <map>
#include <optional>
#include <string>

#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"
#include "gtest/gtest.h"
#include "services/findings/intake_feed.h"
#include "tests/testing/in_memory_findings_store.h"
#include "tests/testing/metrics_scrape.h"

namespace yjinspect::findings {
namespace {

using testing::ScrapeMetrics;
using testing::SeriesValue;

constexpr char kApplied[] = "yjinspect_findings_changes_applied_total";

v1::Inspection Inspection() {
  v1::Inspection inspection;
  inspection.set_name("inspections/northmoor-2026");
  inspection.set_framework_id("sqs-2014");
  inspection.set_framework_version("2");
  return inspection;
}

// The in-memory store with a cursor and storage figures a test sets; the
// scrape reads them from another thread.
class StoreWithFigures final : public testing::InMemoryFindingsStore {
 public:
  StoreWithFigures() : InMemoryFindingsStore(Inspection(), {}) {}

  uint64_t Cursor() const override { return cursor_.load(); }
  common::StorageFigures Figures() const override {
    absl::MutexLock lock(&mu_);
    return figures_;
  }

  void SetCursor(uint64_t cursor) { cursor_.store(cursor); }
  void SetFigures(const common::StorageFigures& figures) {
    absl::MutexLock lock(&mu_);
    figures_ = figures;
  }

 private:
  std::atomic<uint64_t> cursor_{0};
  mutable absl::Mutex mu_;
  common::StorageFigures figures_ ABSL_GUARDED_BY(mu_);
};

v1::Change OfKind(v1::Change::KindCase kind) {
  v1::Change change;
  switch (kind) {
    case v1::Change::kInspectionStored:
      *change.mutable_inspection_stored() = Inspection();
      break;
    case v1::Change::kCaseSampled:
      change.mutable_case_sampled()->set_inspection(Inspection().name());
      break;
    case v1::Change::kCaseStored:
      change.mutable_case_stored()->set_name("yots/northmoor/cases/NM-0001");
      break;
    case v1::Change::kCaseErased:
      change.mutable_case_erased()->set_name("yots/northmoor/cases/NM-0001");
      break;
    case v1::Change::kVictimCaseSampled:
      change.mutable_victim_case_sampled()->set_inspection(Inspection().name());
      break;
    case v1::Change::kVictimCaseStored:
      change.mutable_victim_case_stored()->set_name(
          "yots/northmoor/victimCases/V-1");
      break;
    case v1::Change::kVictimCaseErased:
      change.mutable_victim_case_erased()->set_name(
          "yots/northmoor/victimCases/V-1");
      break;
    case v1::Change::KIND_NOT_SET:
      break;  // a checkpoint
  }
  return change;
}

// One set of served metrics for the whole process, never stopped: stopping
// the HTTP listener takes up to two seconds (civetweb's accept loop polls
// that long), which every test would pay. So tests read counters as
// differences, and set the cursor and figures they then read.
struct ServedMetrics {
  StoreWithFigures store;
  IntakeFeed feed{store, IntakeFeedOptions()};
  common::ServiceMetrics metrics{"findings"};
  FindingsMetrics findings_metrics{metrics, store, feed};
  absl::StatusOr<int> port = absl::UnknownError("not served");
};

ServedMetrics& Served() {
  static ServedMetrics* const served = [] {
    auto* s = new ServedMetrics();
    s->port = s->metrics.Serve("127.0.0.1:0");
    return s;
  }();
  return *served;
}

class FindingsMetricsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(Served().port.ok()) << Served().port.status();
  }

  // The value of series `name` (with `labels`) in a fresh scrape.
  static std::optional<double> Scraped(
      const std::string& name,
      const std::map<std::string, std::string>& labels = {}) {
    auto text = ScrapeMetrics(*Served().port);
    EXPECT_TRUE(text.ok()) << text.status();
    return text.ok() ? SeriesValue(*text, name, labels) : std::nullopt;
  }
  // How many changes of `kind` were counted (none yet: 0).
  static double AppliedOf(const std::string& kind) {
    return Scraped(kApplied, {{"kind", kind}}).value_or(0);
  }

  StoreWithFigures& store_ = Served().store;
  FindingsMetrics& findings_metrics_ = Served().findings_metrics;
};

TEST_F(FindingsMetricsTest, AppliedChangesAreCountedByKind) {
  const double inspections = AppliedOf("inspection_stored");
  const double sampled = AppliedOf("case_sampled");
  const double erased = AppliedOf("case_erased");
  const double checkpoints = AppliedOf("checkpoint");
  const double stored = AppliedOf("case_stored");
  findings_metrics_.ChangeApplied(OfKind(v1::Change::kInspectionStored));
  findings_metrics_.ChangeApplied(OfKind(v1::Change::kCaseSampled));
  findings_metrics_.ChangeApplied(OfKind(v1::Change::kCaseSampled));
  findings_metrics_.ChangeApplied(OfKind(v1::Change::kCaseErased));
  findings_metrics_.ChangeApplied(OfKind(v1::Change::KIND_NOT_SET));

  EXPECT_EQ(AppliedOf("inspection_stored") - inspections, 1);
  EXPECT_EQ(AppliedOf("case_sampled") - sampled, 2);
  EXPECT_EQ(AppliedOf("case_erased") - erased, 1);
  EXPECT_EQ(AppliedOf("checkpoint") - checkpoints, 1);
  EXPECT_EQ(AppliedOf("case_stored") - stored, 0);
}

TEST_F(FindingsMetricsTest, TheServicesRpcFiguresAreBeside) {
  EXPECT_EQ(&findings_metrics_.service(), &Served().metrics);
  findings_metrics_.service().RecordCall("GetInspectionProgress", "NOT_FOUND",
                                         0.002);
  EXPECT_EQ(
      Scraped("yjinspect_rpc_calls_total",
              {{"method", "GetInspectionProgress"}, {"code", "NOT_FOUND"}}),
      1);
}

TEST_F(FindingsMetricsTest, TheCursorIsReadAtEachScrape) {
  store_.SetCursor(7);
  EXPECT_EQ(Scraped("yjinspect_findings_stream_cursor"), 7);
  store_.SetCursor(9);
  EXPECT_EQ(Scraped("yjinspect_findings_stream_cursor"), 9);
  // No stream has reported intake's head: nothing is counted as lag.
  EXPECT_EQ(Scraped("yjinspect_findings_intake_head"), 0);
  EXPECT_EQ(Scraped("yjinspect_findings_stream_lag"), 0);
  EXPECT_EQ(Scraped("yjinspect_findings_stream_connected"), 0);
}

TEST_F(FindingsMetricsTest, TheStoresSizeIsReadAtEachScrape) {
  common::StorageFigures figures;
  figures.sst_bytes = 40960;
  figures.memtable_bytes = 512;
  figures.wal_bytes = 128;
  store_.SetFigures(figures);
  EXPECT_EQ(Scraped("yjinspect_store_sst_bytes"), 40960);
  EXPECT_EQ(Scraped("yjinspect_store_memtable_bytes"), 512);
  EXPECT_EQ(Scraped("yjinspect_store_wal_bytes"), 128);
  EXPECT_EQ(Scraped("yjinspect_store_write_stopped"), 0);
  figures.write_stopped = true;
  store_.SetFigures(figures);
  EXPECT_EQ(Scraped("yjinspect_store_write_stopped"), 1);
}

}  // namespace
}  // namespace yjinspect::findings
