// services/intake/intake_metrics.h, scraped over HTTP as Prometheus does
// (tests/testing/metrics_scrape.h), on a real intake store: cases stored
// and changes delivered are counted (by kind), and the change-log head and
// the store's figures are read afresh at each scrape.

#include "services/intake/intake_metrics.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <thread>

#include "absl/time/clock.h"
#include "common/telemetry/service_metrics.h"
#include "gtest/gtest.h"
#include "tests/testing/case_builder.h"
#include "tests/testing/metrics_scrape.h"
#include "tests/unit/intake/intake_domain_fixture.h"

namespace yjinspect::intake {
namespace {

using testing::SeriesValue;

// Stops serving without waiting out civetweb's poll: its listener looks
// at the stop flag only between polls of two seconds, and a connection ends
// the poll at once. Connections are opened and closed, never read.
void StopServingPromptly(common::ServiceMetrics& service, int port) {
  std::atomic<bool> stopped{false};
  std::thread stopper([&] {
    service.StopServing();
    stopped.store(true);
  });
  while (!stopped.load()) {
    const int fd = socket(AF_INET, SOCK_STREAM, 0);
    if (fd >= 0) {
      sockaddr_in address{};
      address.sin_family = AF_INET;
      address.sin_port = htons(static_cast<uint16_t>(port));
      address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
      (void)connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof(address));
      close(fd);
    }
    absl::SleepFor(absl::Milliseconds(5));
  }
  stopper.join();
}

class IntakeMetricsTest : public IntakeDomainTest {
 protected:
  void SetUp() override {
    IntakeDomainTest::SetUp();
    metrics_ = std::make_unique<IntakeMetrics>(service_, *store_);
    auto port = service_.Serve("127.0.0.1:0");
    ASSERT_TRUE(port.ok()) << port.status();
    port_ = *port;
  }
  // Nothing reads the store once serving stops.
  void TearDown() override {
    if (port_ != 0) StopServingPromptly(service_, port_);
    IntakeDomainTest::TearDown();
  }

  // The value of `name` (with `labels`) in a fresh scrape.
  std::optional<double> Scraped(
      const std::string& name,
      const std::map<std::string, std::string>& labels = {}) {
    auto text = testing::ScrapeMetrics(port_);
    EXPECT_TRUE(text.ok()) << text.status();
    if (!text.ok()) return std::nullopt;
    return SeriesValue(*text, name, labels);
  }
  void StoreCase(const std::string& id) {
    auto created = Create(testing::ValidCreateCaseRequest(kYot, id));
    ASSERT_TRUE(created.ok()) << created.status();
  }

  common::ServiceMetrics service_{"intake"};
  std::unique_ptr<IntakeMetrics> metrics_;
  int port_ = 0;
};

TEST_F(IntakeMetricsTest, CountsCasesStored) {
  EXPECT_EQ(Scraped("yjinspect_intake_cases_stored_total"), 0.0);
  metrics_->CaseStored();
  metrics_->CaseStored();
  EXPECT_EQ(Scraped("yjinspect_intake_cases_stored_total"), 2.0);
}

TEST_F(IntakeMetricsTest, CountsDeliveredChangesByKind) {
  v1::Change sampled;
  sampled.mutable_case_sampled()->set_inspection(kInspection);
  v1::Change erased;
  erased.mutable_case_erased()->set_name("yots/northmoor/cases/NM-0001");
  const v1::Change checkpoint;
  metrics_->ChangeDelivered(sampled);
  metrics_->ChangeDelivered(sampled);
  metrics_->ChangeDelivered(erased);
  metrics_->ChangeDelivered(checkpoint);
  const std::string name = "yjinspect_intake_changes_delivered_total";
  EXPECT_EQ(Scraped(name, {{"kind", "case_sampled"}}), 2.0);
  EXPECT_EQ(Scraped(name, {{"kind", "case_erased"}}), 1.0);
  EXPECT_EQ(Scraped(name, {{"kind", "checkpoint"}}), 1.0);
  // A kind never delivered has no series.
  EXPECT_EQ(Scraped(name, {{"kind", "inspection_stored"}}), std::nullopt);
}

TEST_F(IntakeMetricsTest, TheChangeLogHeadIsReadAtEachScrape) {
  EXPECT_EQ(Scraped("yjinspect_intake_change_log_head"), 0.0);
  StoreCase("NM-1");
  StoreCase("NM-2");
  EXPECT_EQ(Scraped("yjinspect_intake_change_log_head"), 2.0);
  StoreCase("NM-3");
  EXPECT_EQ(Scraped("yjinspect_intake_change_log_head"), 3.0);
}

TEST_F(IntakeMetricsTest, TheStoreFiguresAreExported) {
  StoreCase("NM-1");
  auto wal = Scraped("yjinspect_store_wal_bytes");
  ASSERT_TRUE(wal.has_value());
  EXPECT_EQ(*wal, static_cast<double>(store_->Figures().wal_bytes));
  EXPECT_GT(*wal, 0.0);
  EXPECT_TRUE(Scraped("yjinspect_store_memtable_bytes").has_value());
  EXPECT_EQ(Scraped("yjinspect_store_write_stopped"), 0.0);
}

}  // namespace
}  // namespace yjinspect::intake
