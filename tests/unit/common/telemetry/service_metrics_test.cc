// common/telemetry/service_metrics.h: RPC counts and latencies by method and
// code, read straight from the registry; and the /metrics endpoint, where
// each scrape first runs the refreshers of the figures read at scrape time.
// The endpoint tests share one endpoint on 127.0.0.1:0, because closing one
// takes civetweb up to two seconds; each uses metrics of its own.

#include "common/telemetry/service_metrics.h"

#include <atomic>
#include <limits>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "prometheus/text_serializer.h"
#include "tests/testing/metrics_scrape.h"

namespace yjinspect::common {
namespace {

using ::testing::ElementsAreArray;
using ::testing::HasSubstr;
using ::testing::Optional;
using testing::ScrapeMetrics;
using testing::SeriesValue;

// The registry's figures as the endpoint would write them.
std::string Exposition(ServiceMetrics& metrics) {
  return prometheus::TextSerializer().Serialize(metrics.registry().Collect());
}

// The histogram series of `method` and `code`, or null.
const prometheus::ClientMetric* DurationsOf(
    const std::vector<prometheus::MetricFamily>& families,
    const std::string& method, const std::string& code) {
  for (const auto& family : families) {
    if (family.name != "yjinspect_rpc_duration_seconds") continue;
    for (const auto& metric : family.metric) {
      std::map<std::string, std::string> labels;
      for (const auto& label : metric.label) labels[label.name] = label.value;
      if (labels["method"] == method && labels["code"] == code) return &metric;
    }
  }
  return nullptr;
}

TEST(ServiceMetricsTest, CallsAreCountedByMethodAndCodeUnderTheService) {
  ServiceMetrics metrics("findings");
  EXPECT_EQ(metrics.service(), "findings");
  metrics.RecordCall("GetVerdicts", "OK", 0.003);
  metrics.RecordCall("GetVerdicts", "OK", 0.004);
  metrics.RecordCall("GetVerdicts", "NOT_FOUND", 0.001);
  metrics.RecordCall("RenderReport", "OK", 0.2);

  const std::string text = Exposition(metrics);
  EXPECT_THAT(
      SeriesValue(
          text, "yjinspect_rpc_calls_total",
          {{"service", "findings"}, {"method", "GetVerdicts"}, {"code", "OK"}}),
      Optional(2.0));
  EXPECT_THAT(SeriesValue(text, "yjinspect_rpc_calls_total",
                          {{"method", "GetVerdicts"}, {"code", "NOT_FOUND"}}),
              Optional(1.0));
  EXPECT_THAT(SeriesValue(text, "yjinspect_rpc_calls_total",
                          {{"method", "RenderReport"}, {"code", "OK"}}),
              Optional(1.0));
  EXPECT_EQ(SeriesValue(text, "yjinspect_rpc_calls_total",
                        {{"method", "RenderReport"}, {"code", "NOT_FOUND"}}),
            std::nullopt);
}

TEST(ServiceMetricsTest, DurationsAreObservedInSeconds) {
  ServiceMetrics metrics("findings");
  metrics.RecordCall("GetVerdicts", "OK", 0.003);
  metrics.RecordCall("GetVerdicts", "OK", 0.004);
  const std::string text = Exposition(metrics);
  EXPECT_THAT(SeriesValue(text, "yjinspect_rpc_duration_seconds_count",
                          {{"service", "findings"}, {"method", "GetVerdicts"}}),
              Optional(2.0));
  std::optional<double> sum = SeriesValue(
      text, "yjinspect_rpc_duration_seconds_sum", {{"method", "GetVerdicts"}});
  ASSERT_TRUE(sum.has_value());
  EXPECT_DOUBLE_EQ(*sum, 0.007);
}

TEST(ServiceMetricsTest, BucketsRunFromHalfAMillisecondToTenSeconds) {
  ServiceMetrics metrics("intake");
  metrics.RecordCall("GetCase", "OK", 0.003);
  metrics.RecordCall("GetCase", "OK", 30);  // past every bound
  const auto families = metrics.registry().Collect();
  const prometheus::ClientMetric* durations =
      DurationsOf(families, "GetCase", "OK");
  ASSERT_NE(durations, nullptr);
  std::vector<double> bounds;
  std::vector<uint64_t> counts;
  for (const auto& bucket : durations->histogram.bucket) {
    bounds.push_back(bucket.upper_bound);
    counts.push_back(bucket.cumulative_count);
  }
  const double inf = std::numeric_limits<double>::infinity();
  EXPECT_THAT(bounds,
              ElementsAreArray({0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05,
                                0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, inf}));
  // 3 ms falls in the 5 ms bucket; 30 s only in +Inf.
  EXPECT_THAT(counts, ElementsAreArray<uint64_t>(
                          {0, 0, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 2}));
}

// One endpoint for the suite, with a scrape-time gauge whose refresher
// counts the scrapes. Registered before Serve(), as the contract asks.
class ServedMetricsTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    metrics_ = new ServiceMetrics("intake");
    prometheus::Gauge& scrapes = metrics_->ScrapedGauge(
        "yjinspect_test_scrapes", "scrapes seen by the refresher");
    metrics_->OnScrape(
        [&scrapes] { scrapes.Set(static_cast<double>(++refreshes_)); });
    absl::StatusOr<int> port = metrics_->Serve("127.0.0.1:0");
    ASSERT_TRUE(port.ok()) << port.status();
    port_ = *port;
  }
  static void TearDownTestSuite() {
    delete metrics_;
    metrics_ = nullptr;
  }

  void SetUp() override { ASSERT_NE(port_, 0); }

  static ServiceMetrics* metrics_;
  static int port_;
  static std::atomic<int> refreshes_;
};

ServiceMetrics* ServedMetricsTest::metrics_ = nullptr;
int ServedMetricsTest::port_ = 0;
std::atomic<int> ServedMetricsTest::refreshes_{0};

TEST_F(ServedMetricsTest, TheEndpointServesTheRecordedCalls) {
  metrics_->RecordCall("ListInspections", "INVALID_ARGUMENT", 0.002);
  absl::StatusOr<std::string> text = ScrapeMetrics(port_);
  ASSERT_TRUE(text.ok()) << text.status();
  EXPECT_THAT(SeriesValue(*text, "yjinspect_rpc_calls_total",
                          {{"service", "intake"},
                           {"method", "ListInspections"},
                           {"code", "INVALID_ARGUMENT"}}),
              Optional(1.0));
}

TEST_F(ServedMetricsTest, EachScrapeRunsTheRefreshersFirst) {
  absl::StatusOr<std::string> first = ScrapeMetrics(port_);
  ASSERT_TRUE(first.ok()) << first.status();
  absl::StatusOr<std::string> second = ScrapeMetrics(port_);
  ASSERT_TRUE(second.ok()) << second.status();
  std::optional<double> seen_first =
      SeriesValue(*first, "yjinspect_test_scrapes");
  std::optional<double> seen_second =
      SeriesValue(*second, "yjinspect_test_scrapes");
  ASSERT_TRUE(seen_first.has_value()) << *first;
  ASSERT_TRUE(seen_second.has_value()) << *second;
  // Each scrape reads what its own refresh set.
  EXPECT_EQ(*seen_second, *seen_first + 1);
  EXPECT_EQ(*seen_second, refreshes_.load());
}

TEST_F(ServedMetricsTest, ServingTwiceIsRefused) {
  absl::StatusOr<int> again = metrics_->Serve("127.0.0.1:0");
  EXPECT_EQ(again.status().code(), absl::StatusCode::kFailedPrecondition);
  // The first endpoint still serves.
  EXPECT_TRUE(ScrapeMetrics(port_).ok());
}

TEST_F(ServedMetricsTest, APortInUseIsUnavailableNamingIt) {
  const std::string taken = "127.0.0.1:" + std::to_string(port_);
  ServiceMetrics other("findings");
  absl::StatusOr<int> port = other.Serve(taken);
  EXPECT_EQ(port.status().code(), absl::StatusCode::kUnavailable);
  EXPECT_THAT(std::string(port.status().message()),
              HasSubstr("cannot serve metrics on " + taken));
}

}  // namespace
}  // namespace yjinspect::common
