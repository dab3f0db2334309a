#include "tests/integration/workbench/workbench_fixture.h"

#include "nlohmann/json.hpp"
#include "tests/testing/sampled_caseload.h"
#include "tests/testing/wait_until.h"

namespace yjinspect::testing {

workbench::WorkbenchServerOptions WorkbenchTest::Options() {
  workbench::WorkbenchServerOptions options;
  options.listen = "127.0.0.1:0";
  options.intake = services_.intake().address();
  options.findings = services_.findings().address();
  options.security.cert_file = TestCertificates() + "/workbench.pem";
  options.security.key_file = TestCertificates() + "/workbench.key";
  options.security.ca_file = TestCertificates() + "/ca.pem";
  options.security.policy_file = kTestPolicyFile;
  options.sign_in.trusted_proxies = {"127.0.0.1"};
  options.call_deadline = absl::Seconds(10);
  return options;
}

void WorkbenchTest::SetUp() {
  Stubs lead = services_.ClientAs("lead-1");
  SampledCaseloadSpec spec;
  spec.yot = "bolton";
  spec.inspection_id = "bolton-2014-12";
  spec.eligible = 6;
  spec.ineligible = 1;
  absl::StatusOr<SampledCaseload> caseload =
      LoadSampledCaseload(*lead.intake, spec);
  ASSERT_TRUE(caseload.ok()) << caseload.status();
  sampled_ = caseload->sampled;
  // Findings must hold the sampled cases before they can be judged.
  ASSERT_TRUE(WaitUntil(
      [&] {
        v1::GetInspectionProgressRequest request;
        request.set_inspection("inspections/bolton-2014-12");
        v1::InspectionProgress progress;
        return lead.findings
                   ->GetInspectionProgress(CallContext().get(), request,
                                           &progress)
                   .ok() &&
               progress.cases_received() ==
                   static_cast<int32_t>(sampled_.size());
      },
      absl::Seconds(20)));
  absl::StatusOr<std::unique_ptr<workbench::WorkbenchServer>> started =
      workbench::WorkbenchServer::Start(Options());
  ASSERT_TRUE(started.ok()) << started.status();
  workbench_ = *std::move(started);
}

httplib::Result WorkbenchTest::Get(const std::string& path,
                                   const std::string& user) {
  httplib::Client client("127.0.0.1", workbench_->port());
  httplib::Headers headers;
  if (!user.empty()) headers.emplace("X-Forwarded-User", user);
  return client.Get(path.c_str(), headers);
}

httplib::Result WorkbenchTest::Post(const std::string& path,
                                    const std::string& user,
                                    const std::string& json,
                                    const std::string* token) {
  httplib::Client client("127.0.0.1", workbench_->port());
  httplib::Headers headers;
  if (!user.empty()) headers.emplace("X-Forwarded-User", user);
  const std::string own = token == nullptr ? TokenOf(user) : *token;
  if (!own.empty()) headers.emplace("X-CSRF-Token", own);
  return client.Post(path.c_str(), headers, json, "application/json");
}

std::string WorkbenchTest::TokenOf(const std::string& user) {
  httplib::Result session = Get("/workbench/session", user);
  if (!session || session->status != 200) return "";
  return nlohmann::json::parse(session->body)["csrfToken"];
}

}  // namespace yjinspect::testing
