// Mutual TLS and the access policy end to end: certificates that must not
// get in, refusals that do not tell whether a resource exists, readers and
// published reports, batches held to the submitter's YOT, and the findings
// service following intake with its own certificate.

#include <fstream>
#include <string>
#include <thread>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "common/rpc/grpc_status.h"
#include "gmock/gmock.h"
#include "google/protobuf/empty.pb.h"
#include "grpc/health/v1/health.grpc.pb.h"
#include "grpcpp/grpcpp.h"
#include "gtest/gtest.h"
#include "tests/integration/access/tls_services.h"
#include "tests/testing/case_builder.h"
#include "tests/testing/loopback_options.h"
#include "tests/testing/rich_error.h"
#include "tests/testing/unary_call.h"
#include "tests/testing/wait_until.h"
#include "yjinspect/v1/audit.grpc.pb.h"

namespace yjinspect::testing {
namespace {

grpc::Status CreateCase(Stubs& stubs, const v1::CreateCaseRequest& request) {
  v1::Case response;
  return stubs.intake->CreateCase(CallContext().get(), request, &response);
}

// The lead inspector's inspection of `yot`, as `stubs` create it.
grpc::Status CreateInspection(Stubs& stubs, const std::string& id,
                              const std::string& yot, v1::Inspection* created) {
  return stubs.intake->CreateInspection(
      CallContext().get(), ValidCreateInspectionRequest(id, yot), created);
}

// As CreateInspection, for a caller allowed to: the test stops otherwise.
void CreateAllowedInspection(Stubs& stubs, const std::string& id,
                             const std::string& yot) {
  v1::Inspection created;
  grpc::Status status = CreateInspection(stubs, id, yot, &created);
  ASSERT_TRUE(status.ok()) << status.error_message();
}

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

// Fails unless `existing` is refused and `missing` gets the very same
// refusal, details and all: a refusal must not tell whether the resource
// exists.
void ExpectRefusedAlike(const grpc::Status& existing,
                        const grpc::Status& missing) {
  EXPECT_EQ(existing.error_code(), grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_EQ(missing.error_code(), existing.error_code());
  EXPECT_EQ(missing.error_message(), existing.error_message());
  EXPECT_EQ(missing.error_details(), existing.error_details());
}

class AccessTest : public ::testing::Test {
 protected:
  // Sends `cases` as one chunk of a BatchCreateCases call as the bolton YOT.
  absl::StatusOr<v1::BatchCreateCasesResponse> SendBatchAsBolton(
      const std::vector<v1::CreateCaseRequest>& cases) {
    Stubs bolton = services_.ClientAs("bolton-yot");
    v1::BatchCreateCasesRequest chunk;
    for (const v1::CreateCaseRequest& c : cases) *chunk.add_requests() = c;
    v1::BatchCreateCasesResponse response;
    grpc::Status status =
        testing::SendBatch(*bolton.intake, *CallContext(), {chunk}, &response);
    if (!status.ok()) return common::FromGrpcStatus(status);
    return response;
  }

  // Puts inspection `id` of `yot` in `state` straight into the findings
  // store, as intake's stream would deliver it at `sequence`.
  void StoreInspection(uint64_t sequence, const std::string& id,
                       const std::string& yot, v1::InspectionState state) {
    v1::Change change;
    change.set_sequence(sequence);
    change.set_for_findings(true);
    v1::Inspection* inspection = change.mutable_inspection_stored();
    *inspection = ValidCreateInspectionRequest(id, yot).inspection();
    inspection->set_name("inspections/" + id);
    inspection->set_state(state);
    ASSERT_TRUE(services_.findings().store().ApplyChange(change).ok());
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
  grpc::Status status =
      CreateCase(stubs, ValidCreateCaseRequest("bolton", "B-1"));
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
  grpc::Status status =
      CreateCase(lead, ValidCreateCaseRequest("bolton", "B-1"));
  EXPECT_TRUE(status.ok()) << status.error_message();
}

TEST_F(AccessTest, RefusalOfAnExistingCaseLooksLikeThatOfAMissingOne) {
  Stubs wigan = services_.ClientAs("wigan-yot");
  ASSERT_TRUE(CreateCase(wigan, ValidCreateCaseRequest("wigan", "W-1")).ok());

  Stubs bolton = services_.ClientAs("bolton-yot");
  grpc::Status existing = GetCase(bolton, "yots/wigan/cases/W-1");
  ExpectRefusedAlike(existing, GetCase(bolton, "yots/wigan/cases/W-404"));
  // The details give a program the reason, and name the method and the
  // caller's role, never the resource.
  const testing::RichError error = testing::ReadRichError(existing);
  ASSERT_TRUE(error.info.has_value());
  EXPECT_EQ(error.info->reason(), "ACCESS_NOT_GRANTED");
  EXPECT_EQ(error.info->domain(), "yjinspect");
  EXPECT_EQ(error.info->metadata().at("method"), "GetCase");
  EXPECT_EQ(error.info->metadata_size(), 2);
  EXPECT_FALSE(error.precondition.has_value());
  EXPECT_EQ(existing.error_details().find("W-1"), std::string::npos);
  // The owner sees it.
  EXPECT_TRUE(GetCase(wigan, "yots/wigan/cases/W-1").ok());
}

TEST_F(AccessTest, RefusalOfAnExistingInspectionLooksLikeThatOfAMissingOne) {
  Stubs lead2 = services_.ClientAs("lead-2");
  ASSERT_NO_FATAL_FAILURE(
      CreateAllowedInspection(lead2, "wigan-2015-01", "wigan"));
  EXPECT_TRUE(GetInspection(lead2, "inspections/wigan-2015-01").ok());

  Stubs inspector = services_.ClientAs("insp-1");
  ExpectRefusedAlike(GetInspection(inspector, "inspections/wigan-2015-01"),
                     GetInspection(inspector, "inspections/wigan-2099-01"));
}

TEST_F(AccessTest, ALeadInspectorCreatesOnlyItsAssignmentOfItsYot) {
  Stubs lead = services_.ClientAs("lead-1");
  v1::Inspection created;
  // Its assignment, but of another YOT than the assignment names.
  EXPECT_EQ(
      CreateInspection(lead, "bolton-2014-12", "wigan", &created).error_code(),
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
  auto sent = SendBatchAsBolton({ValidCreateCaseRequest("bolton", "B-1"),
                                 ValidCreateCaseRequest("wigan", "W-1")});
  EXPECT_EQ(sent.status().code(), absl::StatusCode::kPermissionDenied);
  EXPECT_EQ(services_.intake().store().HeadSequence(), 0u);
}

TEST_F(AccessTest, ABatchOfTheSubmittersOwnYotIsStored) {
  auto sent = SendBatchAsBolton({ValidCreateCaseRequest("bolton", "B-1"),
                                 ValidCreateCaseRequest("bolton", "B-2")});
  ASSERT_TRUE(sent.ok()) << sent.status();
  EXPECT_EQ(sent->created_count(), 2);
}

// A reader gets a report only once it is published; unknown and
// unpublished inspections are refused alike.
TEST_F(AccessTest, AReaderRendersOnlyPublishedReports) {
  StoreInspection(1000, "wigan-2015-01", "wigan",
                  v1::INSPECTION_STATE_REPORT_PUBLISHED);
  StoreInspection(1001, "bolton-2014-12", "bolton",
                  v1::INSPECTION_STATE_FIELDWORK);

  Stubs reader = services_.ClientAs("reader-1");
  grpc::Status published = RenderReport(reader, "inspections/wigan-2015-01");
  EXPECT_NE(published.error_code(), grpc::StatusCode::PERMISSION_DENIED)
      << published.error_message();
  EXPECT_NE(published.error_code(), grpc::StatusCode::UNAUTHENTICATED);
  ExpectRefusedAlike(RenderReport(reader, "inspections/bolton-2014-12"),
                     RenderReport(reader, "inspections/nowhere-2000-01"));
}

grpc::Status RenderBoardSummary(Stubs& stubs, const std::string& inspection) {
  v1::RenderBoardSummaryRequest request;
  request.set_inspection(inspection);
  v1::BoardSummary response;
  return stubs.findings->RenderBoardSummary(CallContext().get(), request,
                                            &response);
}

// A YOT's submitter reaches the action plan of its own YOT's inspection
// (as the findings service last received it); another YOT's and an
// unknown one are refused alike.
TEST_F(AccessTest, ASubmitterReachesOnlyItsOwnYotsActionPlan) {
  StoreInspection(1000, "wigan-2015-01", "wigan",
                  v1::INSPECTION_STATE_REPORT_PUBLISHED);
  StoreInspection(1001, "bolton-2014-12", "bolton",
                  v1::INSPECTION_STATE_REPORT_PUBLISHED);

  Stubs bolton = services_.ClientAs("bolton-yot");
  grpc::Status own = RenderBoardSummary(bolton, "inspections/bolton-2014-12");
  EXPECT_NE(own.error_code(), grpc::StatusCode::PERMISSION_DENIED)
      << own.error_message();
  EXPECT_NE(own.error_code(), grpc::StatusCode::UNAUTHENTICATED);
  ExpectRefusedAlike(RenderBoardSummary(bolton, "inspections/wigan-2015-01"),
                     RenderBoardSummary(bolton, "inspections/nowhere-2000-01"));
  // Its published report's recommendations, which its actions answer.
  v1::ListRecommendationsRequest list;
  list.set_parent("inspections/bolton-2014-12");
  v1::ListRecommendationsResponse listed;
  grpc::Status read =
      bolton.findings->ListRecommendations(CallContext().get(), list, &listed);
  EXPECT_TRUE(read.ok()) << read.error_message();
}

// The findings service dials intake with its own certificate (role
// findings-service): a sampled inspection arrives in its store.
TEST_F(AccessTest, AGatewaysCallIsAuditedAsTheUsersOwn) {
  Stubs submitter = services_.ClientFor("workbench", "bolton-yot");
  ASSERT_TRUE(
      CreateCase(submitter, ValidCreateCaseRequest("bolton", "B-GW")).ok());
  v1::DeleteCaseRequest erase;
  erase.set_name("yots/bolton/cases/B-GW");
  erase.set_reason("sent in error");
  google::protobuf::Empty erased;
  ASSERT_TRUE(
      submitter.intake->DeleteCase(CallContext().get(), erase, &erased).ok());

  Stubs auditor = services_.ClientFor("workbench", "auditor-1");
  v1::AuditTrail::Stub trail(auditor.intake_channel);
  v1::ListAuditRecordsRequest list;
  list.set_resource("yots/bolton/cases/B-GW");
  v1::ListAuditRecordsResponse records;
  grpc::Status listed =
      trail.ListAuditRecords(CallContext().get(), list, &records);
  ASSERT_TRUE(listed.ok()) << listed.error_message();
  ASSERT_EQ(records.records_size(), 1);
  // The person the workbench called for, with the workbench named apart.
  EXPECT_EQ(records.records(0).caller(), "bolton-yot");
  EXPECT_EQ(records.records(0).role(), "yot-submitter");
  EXPECT_EQ(records.records(0).gateway(), "workbench");
  EXPECT_EQ(records.records(0).action(), v1::AUDIT_ACTION_ERASE_CASE);
}

// One connection of a gateway carries calls for many users, as the
// workbench's does: each call is its own user's, whoever called before on
// the same connection (gRPC's auth context is the connection's, shared by
// its calls).
TEST_F(AccessTest, EachCallOnAGatewaysConnectionIsItsOwnUsers) {
  Stubs gateway = services_.ClientAs("workbench");
  auto create_as = [&](const std::string& user, const std::string& yot,
                       const std::string& id) {
    auto context = CallContext();
    context->AddMetadata(common::kUserMetadata, user);
    v1::Case response;
    return gateway.intake
        ->CreateCase(context.get(), ValidCreateCaseRequest(yot, id), &response)
        .error_code();
  };
  EXPECT_EQ(create_as("bolton-yot", "bolton", "B-C1"), grpc::StatusCode::OK);
  EXPECT_EQ(create_as("wigan-yot", "bolton", "B-C2"),
            grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_EQ(create_as("wigan-yot", "wigan", "W-C1"), grpc::StatusCode::OK);
  EXPECT_EQ(create_as("bolton-yot", "wigan", "W-C2"),
            grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_EQ(create_as("bolton-yot", "bolton", "B-C3"), grpc::StatusCode::OK);

  // Reads are audited: each under the user who made it.
  for (const auto& [name, user] :
       std::vector<std::pair<std::string, std::string>>{
           {"yots/wigan/cases/W-C1", "wigan-yot"},
           {"yots/bolton/cases/B-C1", "bolton-yot"}}) {
    auto context = CallContext();
    context->AddMetadata(common::kUserMetadata, user);
    v1::GetCaseRequest get;
    get.set_name(name);
    v1::Case read;
    ASSERT_TRUE(gateway.intake->GetCase(context.get(), get, &read).ok());
  }
  v1::AuditTrail::Stub trail(services_.ClientAs("auditor-1").intake_channel);
  for (const auto& [name, user] :
       std::vector<std::pair<std::string, std::string>>{
           {"yots/wigan/cases/W-C1", "wigan-yot"},
           {"yots/bolton/cases/B-C1", "bolton-yot"}}) {
    v1::ListAuditRecordsRequest list;
    list.set_resource(name);
    v1::ListAuditRecordsResponse records;
    ASSERT_TRUE(
        trail.ListAuditRecords(CallContext().get(), list, &records).ok());
    ASSERT_GE(records.records_size(), 1) << name;
    for (const v1::AuditRecord& record : records.records()) {
      EXPECT_EQ(record.caller(), user) << name;
      EXPECT_EQ(record.gateway(), "workbench") << name;
    }
  }
}

// The first calls of a new gateway connection, all at once: each is still
// its own user's (the identity check describes the connection under a
// lock, so no call reads it half-written).
TEST_F(AccessTest, ConcurrentFirstCallsOfAGatewaysConnectionAreEachTheirUsers) {
  Stubs gateway = services_.ClientAs("workbench");
  constexpr int kCalls = 16;
  std::vector<grpc::StatusCode> codes(kCalls);
  std::vector<std::thread> threads;
  for (int i = 0; i < kCalls; ++i) {
    threads.emplace_back([&, i] {
      // Even calls as bolton-yot into bolton (allowed), odd ones as
      // wigan-yot into bolton (refused).
      auto context = CallContext();
      context->AddMetadata(common::kUserMetadata,
                           i % 2 == 0 ? "bolton-yot" : "wigan-yot");
      v1::Case response;
      codes[static_cast<size_t>(i)] =
          gateway.intake
              ->CreateCase(
                  context.get(),
                  ValidCreateCaseRequest("bolton", "B-R" + std::to_string(i)),
                  &response)
              .error_code();
    });
  }
  for (std::thread& t : threads) t.join();
  for (int i = 0; i < kCalls; ++i) {
    EXPECT_EQ(
        codes[static_cast<size_t>(i)],
        i % 2 == 0 ? grpc::StatusCode::OK : grpc::StatusCode::PERMISSION_DENIED)
        << i;
  }
}

TEST_F(AccessTest, FindingsFollowsIntakeWithItsOwnCertificate) {
  Stubs lead = services_.ClientAs("lead-1");
  ASSERT_NO_FATAL_FAILURE(
      CreateAllowedInspection(lead, "bolton-2014-12", "bolton"));
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
  options.security = ServerSecurity("intake", policy);
  auto server = intake::IntakeServer::Start(options);
  ASSERT_FALSE(server.ok());
  EXPECT_THAT(std::string(server.status().message()),
              ::testing::HasSubstr(policy + ":2:"));
}

// Probes without certificates use the plaintext health-only listener; the
// main port still wants a certificate.
TEST(TransportChoiceTest, TheHealthListenerAnswersWithoutCertificates) {
  TempDir dir;
  intake::IntakeServerOptions options =
      LoopbackIntakeOptions(dir.Sub("intake"));
  options.health_listen = "127.0.0.1:0";
  options.security = ServerSecurity("intake", kTestPolicyFile);
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
