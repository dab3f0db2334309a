// A long partition between findings and intake (issue: faults as tests,
// part 3). findings_server follows intake through a TCP proxy that stops
// forwarding anything, as a network dropping every packet does, while
// intake keeps taking cases and draws a second sample. Findings must say
// it is degraded (health, GetFeedStatus, metrics in changes and seconds),
// reconnect with capped backoff, and catch up once the network heals with
// nothing lost or applied twice (the stores are compared offline, as the
// crash test does).
//
// The partition lasts YJ_FAULTS_PARTITION_SECONDS (8 in ctest; the long
// variant in docs/faults.md runs 300).

#include <algorithm>
#include <cstdlib>
#include <regex>
#include <string>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "grpc/health/v1/health.grpc.pb.h"
#include "gtest/gtest.h"
#include "tests/crash/store_snapshot.h"
#include "tests/faults/fault_services.h"
#include "tests/faults/tcp_proxy.h"
#include "tests/testing/case_builder.h"
#include "tests/testing/metrics_scrape.h"
#include "tests/testing/sampled_caseload.h"
#include "tests/testing/temp_dir.h"
#include "tests/testing/unary_call.h"
#include "yjinspect/v1/findings_service.grpc.pb.h"
#include "yjinspect/v1/intake_service.grpc.pb.h"

namespace yjinspect::faults {
namespace {

constexpr char kActor[] = "OPS-FAULTS";

absl::Duration PartitionLength() {
  int seconds = 8;
  if (const char* text = std::getenv("YJ_FAULTS_PARTITION_SECONDS")) {
    if (!absl::SimpleAtoi(text, &seconds) || seconds < 4) seconds = 8;
  }
  return absl::Seconds(seconds);
}

int PortOf(const std::string& address) {
  int port = 0;
  EXPECT_TRUE(absl::SimpleAtoi(address.substr(address.rfind(':') + 1), &port));
  return port;
}

class PartitionTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto intake =
        IntakeProcess(folder_.Sub("intake"), folder_.Sub("intake.log"));
    ASSERT_TRUE(intake.ok());
    intake_ = *std::move(intake);
    ASSERT_TRUE(intake_->Start().ok());
    auto proxy = TcpProxy::Start(PortOf(intake_->address()));
    ASSERT_TRUE(proxy.ok()) << proxy.status();
    proxy_ = *std::move(proxy);
    auto metrics_port = crash::PickFreePort();
    ASSERT_TRUE(metrics_port.ok());
    metrics_port_ = *metrics_port;
    auto findings = FindingsProcess(
        folder_.Sub("findings"), folder_.Sub("findings.log"), proxy_->address(),
        {"--intake_keepalive_seconds=1", "--feed_degraded_after_seconds=2",
         absl::StrCat("--metrics_listen=127.0.0.1:", metrics_port_)});
    ASSERT_TRUE(findings.ok());
    findings_ = *std::move(findings);
    ASSERT_TRUE(findings_->Start().ok());
    intake_stub_ = v1::CaseIntake::NewStub(Dial(intake_->address()));
    findings_stub_ = v1::Findings::NewStub(Dial(findings_->address()));
  }

  v1::FeedStatus Feed() {
    auto status = testing::CallAs(kActor, *findings_stub_,
                                  &v1::Findings::Stub::GetFeedStatus,
                                  v1::GetFeedStatusRequest());
    EXPECT_TRUE(status.ok()) << status.status();
    return status.ok() ? *status : v1::FeedStatus();
  }

  // Waits until findings holds every change intake has.
  bool WaitCaughtUp(absl::Duration timeout) {
    const absl::Time give_up = absl::Now() + timeout;
    while (absl::Now() < give_up) {
      const v1::FeedStatus status = Feed();
      if (status.connected() && status.lag() == 0 && status.cursor() > 0 &&
          !status.degraded()) {
        return true;
      }
      absl::SleepFor(absl::Milliseconds(50));
    }
    return false;
  }

  // Intake's work meanwhile: new cases, corrections of sampled ones.
  void TakeCases(int round) {
    for (int i = 0; i < 5; ++i) {
      auto created = testing::CallAs(
          kActor, *intake_stub_, &v1::CaseIntake::Stub::CreateCase,
          testing::EligibleCreateCaseRequest(
              "northmoor", absl::StrCat("P-", round, "-", i)));
      ASSERT_TRUE(created.ok()) << created.status();
    }
  }

  testing::TempDir folder_;
  std::unique_ptr<crash::ServiceProcess> intake_;
  std::unique_ptr<TcpProxy> proxy_;
  std::unique_ptr<crash::ServiceProcess> findings_;
  int metrics_port_ = 0;
  std::unique_ptr<v1::CaseIntake::Stub> intake_stub_;
  std::unique_ptr<v1::Findings::Stub> findings_stub_;
};

TEST_F(PartitionTest, FindingsSaysItIsDegradedAndCatchesUpExactlyOnce) {
  auto caseload = testing::LoadSampledCaseload(*intake_stub_);
  ASSERT_TRUE(caseload.ok()) << caseload.status();
  ASSERT_TRUE(WaitCaughtUp(absl::Seconds(30)));
  EXPECT_TRUE(HealthServing(findings_->address(), "yjinspect.feed"));

  proxy_->Partition();
  const absl::Time cut = absl::Now();
  int round = 0;
  bool seen_degraded = false;
  absl::Time first_degraded = absl::InfiniteFuture();
  while (absl::Now() - cut < PartitionLength()) {
    TakeCases(round++);
    const v1::FeedStatus status = Feed();
    if (status.degraded()) {
      seen_degraded = true;
      first_degraded = std::min(first_degraded, absl::Now());
      EXPECT_GT(status.lag_seconds(), 2.0);
      // The health watch polls every 250 ms: it follows within a poll.
      if (absl::Now() - first_degraded > absl::Seconds(1)) {
        EXPECT_FALSE(HealthServing(findings_->address(), "yjinspect.feed"));
      }
      // Findings itself goes on serving what it holds.
      EXPECT_TRUE(HealthServing(findings_->address(), "yjinspect.v1.Findings"));
    }
    absl::SleepFor(absl::Milliseconds(200));
  }
  // A second inspection's sample is drawn during the partition.
  v1::CreateInspectionRequest second =
      testing::ValidCreateInspectionRequest("northmoor-2015", "northmoor");
  ASSERT_TRUE(testing::CallAs(kActor, *intake_stub_,
                              &v1::CaseIntake::Stub::CreateInspection, second)
                  .ok());
  v1::DrawSampleRequest draw;
  draw.set_name("inspections/northmoor-2015");
  draw.set_seed(7);
  auto drawn = testing::CallAs(kActor, *intake_stub_,
                               &v1::CaseIntake::Stub::DrawSample, draw);
  ASSERT_TRUE(drawn.ok()) << drawn.status();

  EXPECT_TRUE(seen_degraded) << "never reported degraded";
  const v1::FeedStatus during = Feed();
  EXPECT_FALSE(during.connected());
  EXPECT_TRUE(during.degraded());
  EXPECT_FALSE(during.last_error().empty());
  auto scraped = testing::ScrapeMetrics(metrics_port_);
  ASSERT_TRUE(scraped.ok());
  EXPECT_EQ(
      testing::SeriesValue(*scraped, "yjinspect_findings_stream_degraded"),
      1.0);
  EXPECT_GT(
      testing::SeriesValue(*scraped, "yjinspect_findings_stream_lag_seconds")
          .value_or(0),
      absl::ToDoubleSeconds(PartitionLength()) - 4);

  proxy_->Heal();
  const absl::Time healed = absl::Now();
  ASSERT_TRUE(WaitCaughtUp(absl::Seconds(30)));
  std::cerr << "caught up " << absl::Now() - healed << " after the heal\n";
  // The health watch polls every 250 ms.
  const absl::Time polled = absl::Now() + absl::Seconds(5);
  while (!HealthServing(findings_->address(), "yjinspect.feed") &&
         absl::Now() < polled) {
    absl::SleepFor(absl::Milliseconds(50));
  }
  EXPECT_TRUE(HealthServing(findings_->address(), "yjinspect.feed"));
  const v1::FeedStatus after = Feed();

  // Reconnection waits grew, and never beyond the 5 s cap.
  const std::string log = ReadWholeFile(folder_.Sub("findings.log"));
  static const std::regex kWait("reconnecting in ([0-9]+) ms");
  int waits = 0;
  int longest = 0;
  for (auto it = std::sregex_iterator(log.begin(), log.end(), kWait);
       it != std::sregex_iterator(); ++it) {
    ++waits;
    longest = std::max(longest, std::stoi((*it)[1]));
  }
  EXPECT_GE(waits, 2);
  EXPECT_GT(longest, 100);
  EXPECT_LE(longest, 5000);
  EXPECT_THAT(log, ::testing::HasSubstr("findings feed degraded"));
  EXPECT_THAT(log,
              ::testing::HasSubstr("findings is up to date with intake again"));

  // Nothing lost, nothing applied twice: the stores, read offline.
  findings_stub_.reset();
  intake_stub_.reset();
  findings_->Kill();
  intake_->Kill();
  auto intake_store = crash::ReadIntakeStore(folder_.Sub("intake"));
  ASSERT_TRUE(intake_store.ok()) << intake_store.status();
  auto findings_store = crash::ReadFindingsStore(folder_.Sub("findings"));
  ASSERT_TRUE(findings_store.ok()) << findings_store.status();
  EXPECT_EQ(findings_store->cursor, intake_store->head);
  EXPECT_EQ(after.applied_since_start(),
            intake_store->ForFindings(0, intake_store->head));
  size_t compared = 0;
  for (const auto& [name, held] : findings_store->cases) {
    auto at_intake = intake_store->cases.find(name);
    ASSERT_NE(at_intake, intake_store->cases.end()) << name;
    EXPECT_EQ(held.SerializeAsString(), at_intake->second.SerializeAsString())
        << name;
    ++compared;
  }
  EXPECT_GE(compared,
            caseload->sampled.size() +
                static_cast<size_t>(drawn->sample().cases_size()) / 2);
}

}  // namespace
}  // namespace yjinspect::faults
