// common/telemetry/storage_metrics.h: a store's figures as read at each
// scrape, from a figures function the test sets; the stall time as a
// counter that grows by what the statistics gained since the last scrape.
// One endpoint on 127.0.0.1:0 for the suite (closing one takes civetweb up
// to two seconds); tests compare what they set with what a scrape shows.

#include "common/telemetry/storage_metrics.h"

#include <algorithm>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>

#include "absl/synchronization/mutex.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/testing/metrics_scrape.h"

namespace yjinspect::common {
namespace {

using ::testing::Optional;
using testing::ScrapeMetrics;
using testing::SeriesValue;

// What the store would report; read by the refresher on the scrape thread.
class FakeStore {
 public:
  void Set(const StorageFigures& figures) {
    absl::MutexLock lock(&mu_);
    figures_ = figures;
    highest_stall_micros_ =
        std::max(highest_stall_micros_, figures.stall_micros);
  }
  // The most stall time any test has set: the counter has counted up to at
  // most this, whatever order the tests ran in.
  uint64_t highest_stall_micros() {
    absl::MutexLock lock(&mu_);
    return highest_stall_micros_;
  }
  StorageFigures Read() {
    absl::MutexLock lock(&mu_);
    ++reads_;
    return figures_;
  }
  int reads() {
    absl::MutexLock lock(&mu_);
    return reads_;
  }

 private:
  absl::Mutex mu_;
  StorageFigures figures_;
  uint64_t highest_stall_micros_ = 0;
  int reads_ = 0;
};

class StorageMetricsTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    store_ = new FakeStore();
    metrics_ = new ServiceMetrics("intake");
    ExportStorageFigures(*metrics_, [] { return store_->Read(); });
    absl::StatusOr<int> port = metrics_->Serve("127.0.0.1:0");
    ASSERT_TRUE(port.ok()) << port.status();
    port_ = *port;
  }
  static void TearDownTestSuite() {
    delete metrics_;  // stops serving before the store goes
    metrics_ = nullptr;
    delete store_;
    store_ = nullptr;
  }

  void SetUp() override { ASSERT_NE(port_, 0); }

  static std::string Scrape() {
    absl::StatusOr<std::string> text = ScrapeMetrics(port_);
    EXPECT_TRUE(text.ok()) << text.status();
    return text.ok() ? *text : "";
  }
  static std::optional<double> StallSeconds(const std::string& text) {
    return SeriesValue(text, "yjinspect_store_write_stall_seconds_total");
  }

  static FakeStore* store_;
  static ServiceMetrics* metrics_;
  static int port_;
};

FakeStore* StorageMetricsTest::store_ = nullptr;
ServiceMetrics* StorageMetricsTest::metrics_ = nullptr;
int StorageMetricsTest::port_ = 0;

TEST_F(StorageMetricsTest, EveryFigureIsExportedAsRead) {
  StorageFigures figures;
  figures.sst_bytes = 7 << 20;
  figures.memtable_bytes = 3 << 20;
  figures.wal_bytes = 512 << 10;
  figures.write_stopped = true;
  figures.delayed_write_rate = 16 << 20;
  store_->Set(figures);

  const std::string text = Scrape();
  EXPECT_THAT(SeriesValue(text, "yjinspect_store_sst_bytes"),
              Optional(7.0 * (1 << 20)));
  EXPECT_THAT(SeriesValue(text, "yjinspect_store_memtable_bytes"),
              Optional(3.0 * (1 << 20)));
  EXPECT_THAT(SeriesValue(text, "yjinspect_store_wal_bytes"),
              Optional(512.0 * (1 << 10)));
  EXPECT_THAT(SeriesValue(text, "yjinspect_store_write_stopped"),
              Optional(1.0));
  EXPECT_THAT(SeriesValue(text, "yjinspect_store_delayed_write_rate"),
              Optional(16.0 * (1 << 20)));
}

TEST_F(StorageMetricsTest, EachScrapeReadsTheStoreAfresh) {
  StorageFigures figures;
  figures.sst_bytes = 1000;
  store_->Set(figures);
  const int reads = store_->reads();
  EXPECT_THAT(SeriesValue(Scrape(), "yjinspect_store_sst_bytes"),
              Optional(1000.0));
  figures.sst_bytes = 2000;
  figures.write_stopped = false;
  store_->Set(figures);
  const std::string text = Scrape();
  EXPECT_THAT(SeriesValue(text, "yjinspect_store_sst_bytes"), Optional(2000.0));
  EXPECT_THAT(SeriesValue(text, "yjinspect_store_write_stopped"),
              Optional(0.0));
  EXPECT_EQ(store_->reads(), reads + 2);
}

TEST_F(StorageMetricsTest, StallTimeGrowsByWhatTheStoreGainedInSeconds) {
  // Start level with whatever earlier tests left the counter at.
  StorageFigures figures;
  figures.stall_micros = store_->highest_stall_micros();
  store_->Set(figures);
  const std::optional<double> start = StallSeconds(Scrape());
  ASSERT_TRUE(start.has_value());

  figures.stall_micros += 1'500'000;
  store_->Set(figures);
  EXPECT_THAT(StallSeconds(Scrape()), Optional(*start + 1.5));

  // Nothing gained: the counter stays.
  EXPECT_THAT(StallSeconds(Scrape()), Optional(*start + 1.5));

  figures.stall_micros += 250'000;
  store_->Set(figures);
  EXPECT_THAT(StallSeconds(Scrape()), Optional(*start + 1.75));
}

TEST_F(StorageMetricsTest, AStallCountThatGoesBackNeverLowersTheCounter) {
  // A counter only grows: a store whose statistics restarted lower is not
  // a negative stall.
  StorageFigures figures;
  figures.stall_micros = store_->highest_stall_micros() + 2'000'000;
  store_->Set(figures);
  const std::optional<double> high = StallSeconds(Scrape());
  ASSERT_TRUE(high.has_value());
  figures.stall_micros = 0;
  store_->Set(figures);
  EXPECT_THAT(StallSeconds(Scrape()), Optional(*high));
}

}  // namespace
}  // namespace yjinspect::common
