// The /metrics endpoints of both services, scraped over HTTP as Prometheus
// does while calls are made: RPC counts by method and status code, cases
// stored, sampled cases delivered and applied, the stream's lag, and the
// store's figures read at scrape time.

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <map>
#include <memory>
#include <string>
#include <thread>

#include "absl/strings/str_cat.h"
#include "absl/time/time.h"
#include "gtest/gtest.h"
#include "services/findings/findings_server.h"
#include "services/intake/intake_server.h"
#include "tests/testing/intake_harness.h"
#include "tests/testing/metrics_scrape.h"
#include "tests/testing/sampled_caseload.h"
#include "tests/testing/temp_dir.h"
#include "tests/testing/unary_call.h"
#include "yjinspect/v1/findings_service.grpc.pb.h"
#include "yjinspect/v1/intake_service.grpc.pb.h"

namespace yjinspect {
namespace {

using testing::Call;
using testing::ScrapeMetrics;
using testing::SeriesValue;

constexpr absl::Duration kCatchUpTimeout = absl::Seconds(10);

// Both services with metrics on, shared by the suite: stopping a metrics
// endpoint takes up to two seconds (civetweb's poll quantum), too long to pay
// per test. Tests compare figures before and after their own calls, and use
// their own YOTs and inspections.
struct Services {
  testing::TempDir dir;
  std::unique_ptr<intake::IntakeServer> intake;
  std::unique_ptr<findings::FindingsServer> findings;
  std::unique_ptr<v1::CaseIntake::Stub> intake_stub;
  std::unique_ptr<v1::Findings::Stub> findings_stub;

  absl::Status Start() {
    intake::IntakeServerOptions intake_options =
        testing::LoopbackIntakeOptions(dir.Sub("intake"));
    intake_options.metrics_listen = "127.0.0.1:0";
    auto started_intake = intake::IntakeServer::Start(intake_options);
    if (!started_intake.ok()) return started_intake.status();
    intake = std::move(*started_intake);

    findings::FindingsServerOptions findings_options =
        testing::LoopbackFindingsOptions(dir.Sub("findings"),
                                         intake->address());
    findings_options.sync = false;
    findings_options.metrics_listen = "127.0.0.1:0";
    auto started_findings = findings::FindingsServer::Start(findings_options);
    if (!started_findings.ok()) return started_findings.status();
    findings = std::move(*started_findings);

    intake_stub = v1::CaseIntake::NewStub(grpc::CreateChannel(
        intake->address(), grpc::InsecureChannelCredentials()));
    findings_stub = v1::Findings::NewStub(grpc::CreateChannel(
        findings->address(), grpc::InsecureChannelCredentials()));
    return absl::OkStatus();
  }

  // Both at once: each spends up to two seconds closing its metrics
  // endpoint. (A findings service outliving its intake just reconnects.)
  ~Services() {
    std::thread stop_findings([this] {
      if (findings != nullptr) findings->Shutdown();
    });
    if (intake != nullptr) intake->Shutdown();
    stop_findings.join();
  }
};

class MetricsTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    services_ = new Services();
    started_ = services_->Start();
  }
  static void TearDownTestSuite() {
    delete services_;
    services_ = nullptr;
  }

  void SetUp() override { ASSERT_TRUE(started_.ok()) << started_; }

  intake::IntakeServer& intake() { return *services_->intake; }
  findings::FindingsServer& findings() { return *services_->findings; }
  v1::CaseIntake::Stub& intake_stub() { return *services_->intake_stub; }
  v1::Findings::Stub& findings_stub() { return *services_->findings_stub; }

  std::string Scrape(int port) {
    auto text = ScrapeMetrics(port);
    EXPECT_TRUE(text.ok()) << text.status();
    return text.ok() ? *text : "";
  }
  std::string ScrapeIntake() { return Scrape(intake().metrics_port()); }
  std::string ScrapeFindings() { return Scrape(findings().metrics_port()); }

  absl::StatusCode GetCaseCode(const std::string& name) {
    v1::GetCaseRequest request;
    request.set_name(name);
    return Call(intake_stub(), &v1::CaseIntake::Stub::GetCase, request)
        .status()
        .code();
  }

  // A counter's value, 0 before its first increment (no series yet).
  static double Count(const std::string& text, const std::string& name,
                      const std::map<std::string, std::string>& labels) {
    return SeriesValue(text, name, labels).value_or(0);
  }

  // Waits until the findings service has applied all of intake's log.
  bool CaughtUp() {
    return findings().feed().WaitForCursor(intake().store().HeadSequence(),
                                           kCatchUpTimeout);
  }

  static Services* services_;
  static absl::Status started_;
};

Services* MetricsTest::services_ = nullptr;
absl::Status MetricsTest::started_;

TEST_F(MetricsTest, EachServiceServesItsOwnPort) {
  ASSERT_NE(intake().metrics_port(), 0);
  ASSERT_NE(findings().metrics_port(), 0);
  EXPECT_NE(intake().metrics_port(), findings().metrics_port());
  const std::string intake_text = ScrapeIntake();
  const std::string findings_text = ScrapeFindings();
  EXPECT_TRUE(SeriesValue(intake_text, "yjinspect_intake_change_log_head"));
  EXPECT_FALSE(SeriesValue(intake_text, "yjinspect_findings_stream_lag"));
  EXPECT_TRUE(SeriesValue(findings_text, "yjinspect_findings_stream_lag"));
  EXPECT_FALSE(SeriesValue(findings_text, "yjinspect_intake_change_log_head"));
}

TEST_F(MetricsTest, RpcCountsMoveByMethodAndStatusCode) {
  const std::map<std::string, std::string> not_found{{"method", "GetCase"},
                                                     {"code", "NOT_FOUND"}};
  const std::map<std::string, std::string> invalid{
      {"method", "GetCase"}, {"code", "INVALID_ARGUMENT"}};
  const std::string before = ScrapeIntake();

  const std::string missing = "yots/northmoor/cases/NOPE-1";
  EXPECT_EQ(GetCaseCode(missing), absl::StatusCode::kNotFound);
  EXPECT_EQ(GetCaseCode(missing), absl::StatusCode::kNotFound);
  EXPECT_EQ(GetCaseCode("not a case name"), absl::StatusCode::kInvalidArgument);

  const std::string after = ScrapeIntake();
  EXPECT_EQ(Count(after, "yjinspect_rpc_calls_total", not_found),
            Count(before, "yjinspect_rpc_calls_total", not_found) + 2);
  EXPECT_EQ(Count(after, "yjinspect_rpc_calls_total", invalid),
            Count(before, "yjinspect_rpc_calls_total", invalid) + 1);
  EXPECT_EQ(
      Count(after, "yjinspect_rpc_duration_seconds_count", not_found),
      Count(before, "yjinspect_rpc_duration_seconds_count", not_found) + 2);
  EXPECT_FALSE(SeriesValue(after, "yjinspect_rpc_calls_total",
                           {{"method", "GetCase"}, {"code", "OK"}}));

  // The findings service counts its own calls, GetFeedStatus included.
  const std::map<std::string, std::string> feed_status{
      {"method", "GetFeedStatus"}, {"code", "OK"}};
  const double feed_status_before =
      Count(ScrapeFindings(), "yjinspect_rpc_calls_total", feed_status);
  EXPECT_TRUE(Call(findings_stub(), &v1::Findings::Stub::GetFeedStatus,
                   v1::GetFeedStatusRequest())
                  .ok());
  EXPECT_EQ(Count(ScrapeFindings(), "yjinspect_rpc_calls_total", feed_status),
            feed_status_before + 1);
}

TEST_F(MetricsTest, CasesStoredDeliveredAppliedAndTheLagClosed) {
  ASSERT_TRUE(CaughtUp());
  const std::string intake_before = ScrapeIntake();
  const std::string findings_before = ScrapeFindings();
  const std::map<std::string, std::string> case_sampled{
      {"kind", "case_sampled"}};
  testing::SampledCaseloadSpec spec;
  spec.yot = "eastmoor";
  spec.inspection_id = "eastmoor-2014";
  auto loaded = testing::LoadSampledCaseload(intake_stub(), spec);
  ASSERT_TRUE(loaded.ok()) << loaded.status();
  const double sampled = static_cast<double>(loaded->sampled.size());
  ASSERT_GT(sampled, 0);
  ASSERT_TRUE(CaughtUp());

  const std::string intake_text = ScrapeIntake();
  const double stored_before =
      Count(intake_before, "yjinspect_intake_cases_stored_total", {});
  EXPECT_EQ(Count(intake_text, "yjinspect_intake_cases_stored_total", {}),
            stored_before + spec.eligible + spec.ineligible);
  EXPECT_EQ(Count(intake_text, "yjinspect_intake_changes_delivered_total",
                  case_sampled),
            Count(intake_before, "yjinspect_intake_changes_delivered_total",
                  case_sampled) +
                sampled);
  const double head =
      SeriesValue(intake_text, "yjinspect_intake_change_log_head").value_or(-1);
  EXPECT_EQ(head, static_cast<double>(intake().store().HeadSequence()));

  const std::string findings_text = ScrapeFindings();
  EXPECT_EQ(Count(findings_text, "yjinspect_findings_changes_applied_total",
                  case_sampled),
            Count(findings_before, "yjinspect_findings_changes_applied_total",
                  case_sampled) +
                sampled);
  EXPECT_EQ(SeriesValue(findings_text, "yjinspect_findings_stream_cursor"),
            head);
  EXPECT_EQ(SeriesValue(findings_text, "yjinspect_findings_intake_head"), head);
  EXPECT_EQ(SeriesValue(findings_text, "yjinspect_findings_stream_lag"), 0);
  EXPECT_EQ(SeriesValue(findings_text, "yjinspect_findings_stream_connected"),
            1);

  // An update is a case stored too.
  v1::GetCaseRequest get;
  get.set_name(loaded->sampled.front());
  auto current = Call(intake_stub(), &v1::CaseIntake::Stub::GetCase, get);
  ASSERT_TRUE(current.ok()) << current.status();
  v1::UpdateCaseRequest update;
  *update.mutable_case_() = *current;
  update.mutable_case_()->set_case_manager_reference("CM-99");
  ASSERT_TRUE(
      Call(intake_stub(), &v1::CaseIntake::Stub::UpdateCase, update).ok());
  EXPECT_EQ(Count(ScrapeIntake(), "yjinspect_intake_cases_stored_total", {}),
            stored_before + spec.eligible + spec.ineligible + 1);
}

TEST_F(MetricsTest, StoreFiguresAreReadAtEachScrape) {
  const double wal_before =
      SeriesValue(ScrapeIntake(), "yjinspect_store_wal_bytes").value_or(-1);
  testing::SampledCaseloadSpec spec;
  spec.yot = "westmoor";
  spec.inspection_id = "westmoor-2014";
  ASSERT_TRUE(testing::LoadSampledCaseload(intake_stub(), spec).ok());
  const std::string intake_text = ScrapeIntake();
  EXPECT_GT(SeriesValue(intake_text, "yjinspect_store_wal_bytes").value_or(-1),
            wal_before);
  EXPECT_GT(
      SeriesValue(intake_text, "yjinspect_store_memtable_bytes").value_or(-1),
      0);
  EXPECT_EQ(SeriesValue(intake_text, "yjinspect_store_write_stopped"), 0);
  EXPECT_EQ(
      SeriesValue(intake_text, "yjinspect_store_write_stall_seconds_total"), 0);
  EXPECT_TRUE(SeriesValue(intake_text, "yjinspect_store_sst_bytes"));
  EXPECT_TRUE(SeriesValue(ScrapeFindings(), "yjinspect_store_wal_bytes"));
}

TEST(MetricsStartTest, BusyMetricsPortRefusesToStart) {
  // Something else listening on the port.
  const int listener = socket(AF_INET, SOCK_STREAM, 0);
  ASSERT_GE(listener, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t length = sizeof(address);
  ASSERT_EQ(bind(listener, reinterpret_cast<sockaddr*>(&address), length), 0);
  ASSERT_EQ(listen(listener, 1), 0);
  ASSERT_EQ(
      getsockname(listener, reinterpret_cast<sockaddr*>(&address), &length), 0);

  testing::TempDir dir;
  intake::IntakeServerOptions options =
      testing::LoopbackIntakeOptions(dir.Sub("intake"));
  options.metrics_listen = absl::StrCat("127.0.0.1:", ntohs(address.sin_port));
  auto started = intake::IntakeServer::Start(options);
  EXPECT_EQ(started.status().code(), absl::StatusCode::kUnavailable)
      << started.status();
  close(listener);
}

TEST(MetricsStartTest, NoMetricsAddressServesNone) {
  testing::TempDir other;
  intake::IntakeServerOptions options =
      testing::LoopbackIntakeOptions(other.Sub("intake"));
  auto plain = intake::IntakeServer::Start(options);
  ASSERT_TRUE(plain.ok()) << plain.status();
  EXPECT_EQ((*plain)->metrics_port(), 0);
}

}  // namespace
}  // namespace yjinspect
