// Mutual TLS and the access policy end to end: certificates that must not
// get in, refusals that do not tell whether a resource exists, readers and
// published reports, batches held to the submitter's YOT, and the findings
// service following intake with its own certificate.

#include <fstream>
#include <string>
#include <vector>

#include "absl/time/time.h"
#include "gmock/gmock.h"
#include "grpc/health/v1/health.grpc.pb.h"
#include "grpcpp/grpcpp.h"
#include "gtest/gtest.h"
#include "tests/integration/access/tls_services.h"
#include "tests/testing/case_builder.h"
#include "tests/testing/unary_call.h"
#include "tests/testing/wait_until.h"

namespace yjinspect::testing {
namespace {

grpc::Status GetCase(Stubs& stubs, const std::string& name) {
  v1::GetCaseRequest request;
  request.set_name(name);
  v1::Case response;
  return stubs.intake->GetCase(CallContext().get(), request, &response);
}

grpc::Status GetInspection(Stubs& stubs, const std::string& name) {
  v1::GetInspectionRequest request;
  request.set_name(name);
  v1::Inspection response;
  return stubs.intake->GetInspection(CallContext().get(), request, &response);
}

grpc::Status RenderReport(Stubs& stubs, const std::string& inspection) {
  v1::RenderReportRequest request;
  request.set_inspection(inspection);
  v1::RenderedReport response;
  return stubs.findings->RenderReport(CallContext().get(), request, &response);
}

class AccessTest : public ::testing::Test {
 protected:
  // Sends `cases` as one chunk of a BatchCreateCases call as the bolton YOT.
  grpc::Status SendBatchAsBolton(
      const std::vector<v1::CreateCaseRequest>& cases,
      v1::BatchCreateCasesResponse* response) {
    Stubs bolton = services_.ClientAs("bolton-yot");
    v1::BatchCreateCasesRequest chunk;
    for (const v1::CreateCaseRequest& c : cases) *chunk.add_requests() = c;
    return testing::SendBatch(*bolton.intake, *CallContext(), {chunk},
                              response);
  }

  TlsServices services_;
};

class RefusedCertificateTest : public ::testing::TestWithParam<std::string> {
 protected:
  TlsServices services_;
};

// Expired, self-signed and signed-by-another-CA certificates (all naming
// lead-1, who is in the policy) fail the TLS handshake: no call gets in.
TEST_P(RefusedCertificateTest, HandshakeFailsAndNothingIsStored) {
  Stubs stubs = services_.ClientAs(GetParam());
  v1::CreateCaseRequest request = ValidCreateCaseRequest("bolton", "B-1");
  v1::Case response;
  grpc::Status status =
      stubs.intake->CreateCase(CallContext().get(), request, &response);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::UNAVAILABLE)
      << status.error_message();
  EXPECT_EQ(RenderReport(stubs, "inspections/bolton-2014-12").error_code(),
            grpc::StatusCode::UNAVAILABLE);
  EXPECT_EQ(services_.intake().store().HeadSequence(), 0u);
}

INSTANTIATE_TEST_SUITE_P(Certificates, RefusedCertificateTest,
                         ::testing::Values("expired", "self-signed",
                                           "wrong-ca"),
                         [](const auto& param_info) {
                           std::string name = param_info.param;
                           for (char& c : name) {
                             if (c == '-') c = '_';
                           }
                           return name;
                         });

TEST_F(AccessTest, TheSameCertificateFromTheRightCaGetsIn) {
  Stubs lead = services_.ClientAs("lead-1");
  v1::CreateCaseRequest request = ValidCreateCaseRequest("bolton", "B-1");
  v1::Case response;
  grpc::Status status =
      lead.intake->CreateCase(CallContext().get(), request, &response);
  EXPECT_TRUE(status.ok()) << status.error_message();
}

TEST_F(AccessTest, RefusalOfAnExistingCaseLooksLikeThatOfAMissingOne) {
  Stubs wigan = services_.ClientAs("wigan-yot");
  v1::CreateCaseRequest request = ValidCreateCaseRequest("wigan", "W-1");
  v1::Case stored;
  ASSERT_TRUE(
      wigan.intake->CreateCase(CallContext().get(), request, &stored).ok());

  Stubs bolton = services_.ClientAs("bolton-yot");
  grpc::Status existing = GetCase(bolton, "yots/wigan/cases/W-1");
  grpc::Status missing = GetCase(bolton, "yots/wigan/cases/W-404");
  EXPECT_EQ(existing.error_code(), grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_EQ(missing.error_code(), existing.error_code());
  EXPECT_EQ(missing.error_message(), existing.error_message());
  EXPECT_TRUE(existing.error_details().empty());
  // The owner sees it.
  EXPECT_TRUE(GetCase(wigan, "yots/wigan/cases/W-1").ok());
}

TEST_F(AccessTest, RefusalOfAnExistingInspectionLooksLikeThatOfAMissingOne) {
  Stubs lead2 = services_.ClientAs("lead-2");
  v1::CreateInspectionRequest request =
      ValidCreateInspectionRequest("wigan-2015-01", "wigan");
  v1::Inspection created;
  grpc::Status status =
      lead2.intake->CreateInspection(CallContext().get(), request, &created);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_TRUE(GetInspection(lead2, "inspections/wigan-2015-01").ok());

  Stubs inspector = services_.ClientAs("insp-1");
  grpc::Status existing = GetInspection(inspector, "inspections/wigan-2015-01");
  grpc::Status missing = GetInspection(inspector, "inspections/wigan-2099-01");
  EXPECT_EQ(existing.error_code(), grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_EQ(missing.error_code(), existing.error_code());
  EXPECT_EQ(missing.error_message(), existing.error_message());
}

TEST_F(AccessTest, ALeadInspectorCreatesOnlyItsAssignmentOfItsYot) {
  Stubs lead = services_.ClientAs("lead-1");
  v1::Inspection created;
  // Its assignment, but of another YOT than the assignment names.
  v1::CreateInspectionRequest wrong_yot =
      ValidCreateInspectionRequest("bolton-2014-12", "wigan");
  EXPECT_EQ(
      lead.intake->CreateInspection(CallContext().get(), wrong_yot, &created)
          .error_code(),
      grpc::StatusCode::PERMISSION_DENIED);
  // No id: the service would choose one, which no assignment can name.
  v1::CreateInspectionRequest no_id =
      ValidCreateInspectionRequest("bolton-2014-12", "bolton");
  no_id.clear_inspection_id();
  EXPECT_EQ(lead.intake->CreateInspection(CallContext().get(), no_id, &created)
                .error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
  v1::CreateInspectionRequest right =
      ValidCreateInspectionRequest("bolton-2014-12", "bolton");
  auto context = CallContext();
  context->AddMetadata("x-yjinspect-actor", "someone-else");
  grpc::Status status =
      lead.intake->CreateInspection(context.get(), right, &created);
  ASSERT_TRUE(status.ok()) << status.error_message();
  ASSERT_GT(created.transitions_size(), 0);
  // Steps on the inspection are recorded under the certificate's identity,
  // whatever the call's actor metadata claims.
  EXPECT_EQ(created.transitions(0).actor(), "lead-1");
}

TEST_F(AccessTest, ABatchWithAnotherYotsCaseIsRefusedBeforeItsChunkIsStored) {
  v1::BatchCreateCasesResponse response;
  grpc::Status status =
      SendBatchAsBolton({ValidCreateCaseRequest("bolton", "B-1"),
                         ValidCreateCaseRequest("wigan", "W-1")},
                        &response);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_EQ(services_.intake().store().HeadSequence(), 0u);
}

TEST_F(AccessTest, ABatchOfTheSubmittersOwnYotIsStored) {
  v1::BatchCreateCasesResponse response;
  grpc::Status status =
      SendBatchAsBolton({ValidCreateCaseRequest("bolton", "B-1"),
                         ValidCreateCaseRequest("bolton", "B-2")},
                        &response);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_EQ(response.created_count(), 2);
}

// A reader gets a report only once it is published; unknown and
// unpublished inspections are refused alike.
TEST_F(AccessTest, AReaderRendersOnlyPublishedReports) {
  auto store_inspection = [&](uint64_t sequence, const std::string& id,
                              const std::string& yot, v1::InspectionState s) {
    v1::Change change;
    change.set_sequence(sequence);
    change.set_for_findings(true);
    v1::Inspection* inspection = change.mutable_inspection_stored();
    *inspection = ValidCreateInspectionRequest(id, yot).inspection();
    inspection->set_name("inspections/" + id);
    inspection->set_state(s);
    ASSERT_TRUE(services_.findings().store().ApplyChange(change).ok());
  };
  store_inspection(1000, "wigan-2015-01", "wigan",
                   v1::INSPECTION_STATE_REPORT_PUBLISHED);
  store_inspection(1001, "bolton-2014-12", "bolton",
                   v1::INSPECTION_STATE_FIELDWORK);

  Stubs reader = services_.ClientAs("reader-1");
  grpc::Status published = RenderReport(reader, "inspections/wigan-2015-01");
  EXPECT_NE(published.error_code(), grpc::StatusCode::PERMISSION_DENIED)
      << published.error_message();
  EXPECT_NE(published.error_code(), grpc::StatusCode::UNAUTHENTICATED);
  grpc::Status unpublished = RenderReport(reader, "inspections/bolton-2014-12");
  grpc::Status unknown = RenderReport(reader, "inspections/nowhere-2000-01");
  EXPECT_EQ(unpublished.error_code(), grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_EQ(unknown.error_code(), grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_EQ(unknown.error_message(), unpublished.error_message());
}

// The findings service dials intake with its own certificate (role
// findings-service): a sampled inspection arrives in its store.
TEST_F(AccessTest, FindingsFollowsIntakeWithItsOwnCertificate) {
  Stubs lead = services_.ClientAs("lead-1");
  v1::Inspection created;
  v1::CreateInspectionRequest request =
      ValidCreateInspectionRequest("bolton-2014-12", "bolton");
  grpc::Status status =
      lead.intake->CreateInspection(CallContext().get(), request, &created);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_TRUE(WaitUntil(
      [&] {
        auto stored =
            services_.findings().store().GetInspection("bolton-2014-12");
        return stored.ok() && stored->has_value();
      },
      absl::Seconds(20)));
  EXPECT_TRUE(services_.findings().feed().Status().connected());
}

TEST(TransportChoiceTest, AServiceWithNeitherTlsNorInsecureRefusesToStart) {
  TempDir dir;
  intake::IntakeServerOptions options;
  options.listen = "127.0.0.1:0";
  options.data_dir = dir.Sub("intake");
  options.insecure_development_pseudonyms = true;
  auto server = intake::IntakeServer::Start(options);
  ASSERT_FALSE(server.ok());
  EXPECT_EQ(server.status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_THAT(std::string(server.status().message()),
              ::testing::HasSubstr("--tls_cert --tls_key --tls_ca "
                                   "--policy_file (or --insecure"));
}

TEST(TransportChoiceTest, ABadPolicyFileStopsTheStartNamingItsLine) {
  TempDir dir;
  const std::string policy = dir.Sub("policy.textproto");
  std::ofstream(policy) << "caller { identity: \"a\" role: \"reader\" }\n"
                        << "caller { identity: \"b\" role: \"boss\" }\n";
  intake::IntakeServerOptions options;
  options.listen = "127.0.0.1:0";
  options.data_dir = dir.Sub("intake");
  options.insecure_development_pseudonyms = true;
  options.security.cert_file = TestCertificates() + "/intake.pem";
  options.security.key_file = TestCertificates() + "/intake.key";
  options.security.ca_file = TestCertificates() + "/ca.pem";
  options.security.policy_file = policy;
  auto server = intake::IntakeServer::Start(options);
  ASSERT_FALSE(server.ok());
  EXPECT_THAT(std::string(server.status().message()),
              ::testing::HasSubstr(policy + ":2:"));
}

// Probes without certificates use the plaintext health-only listener; the
// main port still wants a certificate.
TEST(TransportChoiceTest, TheHealthListenerAnswersWithoutCertificates) {
  TempDir dir;
  const std::string policy = dir.Sub("policy.textproto");
  std::ofstream(policy) << kTestPolicy;
  intake::IntakeServerOptions options;
  options.listen = "127.0.0.1:0";
  options.health_listen = "127.0.0.1:0";
  options.data_dir = dir.Sub("intake");
  options.insecure_development_pseudonyms = true;
  options.sync = false;
  options.security.cert_file = TestCertificates() + "/intake.pem";
  options.security.key_file = TestCertificates() + "/intake.key";
  options.security.ca_file = TestCertificates() + "/ca.pem";
  options.security.policy_file = policy;
  auto server = intake::IntakeServer::Start(options);
  ASSERT_TRUE(server.ok()) << server.status();
  ASSERT_NE((*server)->health_port(), 0);

  auto health = grpc::health::v1::Health::NewStub(grpc::CreateChannel(
      "127.0.0.1:" + std::to_string((*server)->health_port()),
      grpc::InsecureChannelCredentials()));
  grpc::health::v1::HealthCheckRequest request;
  request.set_service("yjinspect.v1.CaseIntake");
  grpc::health::v1::HealthCheckResponse response;
  grpc::Status status = health->Check(CallContext().get(), request, &response);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_EQ(response.status(), grpc::health::v1::HealthCheckResponse::SERVING);

  // Only health there: the service itself is not served in plaintext.
  auto plain = v1::CaseIntake::NewStub(grpc::CreateChannel(
      "127.0.0.1:" + std::to_string((*server)->health_port()),
      grpc::InsecureChannelCredentials()));
  v1::GetCaseRequest get;
  get.set_name("yots/bolton/cases/B-1");
  v1::Case got;
  EXPECT_EQ(plain->GetCase(CallContext().get(), get, &got).error_code(),
            grpc::StatusCode::UNIMPLEMENTED);
  (*server)->Shutdown();
}

}  // namespace
}  // namespace yjinspect::testing
