// Every role against every RPC of both services, over real mutual TLS: the
// calls a role may make reach the service (whatever it then answers), the
// others are refused with PERMISSION_DENIED; a certificate outside the
// policy, or none, gets UNAUTHENTICATED on every RPC.

#include <functional>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "common/access/access_rules.h"
#include "gtest/gtest.h"
#include "tests/integration/access/tls_services.h"

namespace yjinspect::testing {
namespace {

using Call = std::function<grpc::Status(Stubs&)>;

struct Rpc {
  std::string method;  // full gRPC method name
  Call call;
  // Identities of the test policy that may make this call (on the bolton
  // resources every request below names).
  std::set<std::string> allowed;
};

const std::set<std::string> kNobody;
const std::set<std::string> kBoltonTeam = {"insp-1", "lead-1"};
const std::set<std::string> kLead = {"lead-1"};
const std::set<std::string> kCaseReaders = {"bolton-yot", "insp-1", "lead-1"};

template <typename Request, typename Response, typename Stub>
Call Unary(grpc::Status (Stub::*method)(grpc::ClientContext*, const Request&,
                                        Response*),
           std::unique_ptr<Stub> Stubs::*stub,
           std::function<void(Request&)> fill) {
  return [=](Stubs& stubs) {
    Request request;
    fill(request);
    Response response;
    auto context = CallContext();
    return ((*(stubs.*stub)).*method)(context.get(), request, &response);
  };
}

constexpr auto kIntake = &Stubs::intake;
constexpr auto kFindings = &Stubs::findings;
using Intake = v1::CaseIntake::Stub;
using Findings = v1::Findings::Stub;

void FillCase(v1::CreateCaseRequest& r) {
  r.set_parent("yots/bolton");
  r.set_case_id("B-1");
  r.mutable_case_()->set_yot_display_name("Bolton");
}

std::vector<Rpc> AllRpcs() {
  const std::string kInspection = "inspections/bolton-2014-12";
  const std::string kCase = "yots/bolton/cases/B-1";
  const std::string kFindingsName = kInspection + "/caseFindings/B-1";
  std::vector<Rpc> rpcs;
  auto add = [&](const std::string& service, const std::string& name, Call call,
                 std::set<std::string> allowed) {
    rpcs.push_back({absl::StrCat("/yjinspect.v1.", service, "/", name),
                    std::move(call), std::move(allowed)});
  };
  // --- CaseIntake ---
  add("CaseIntake", "CreateCase",
      Unary<v1::CreateCaseRequest, v1::Case>(&Intake::CreateCase, kIntake,
                                             FillCase),
      {"bolton-yot", "lead-1"});
  add("CaseIntake", "BatchCreateCases",
      [](Stubs& stubs) {
        v1::BatchCreateCasesResponse response;
        auto context = CallContext();
        auto writer = stubs.intake->BatchCreateCases(context.get(), &response);
        v1::BatchCreateCasesRequest chunk;
        FillCase(*chunk.add_requests());
        writer->Write(chunk);
        writer->WritesDone();
        return writer->Finish();
      },
      {"bolton-yot", "lead-1"});
  add("CaseIntake", "GetCase",
      Unary<v1::GetCaseRequest, v1::Case>(
          &Intake::GetCase, kIntake,
          [=](v1::GetCaseRequest& r) { r.set_name(kCase); }),
      kCaseReaders);
  add("CaseIntake", "ListCases",
      Unary<v1::ListCasesRequest, v1::ListCasesResponse>(
          &Intake::ListCases, kIntake,
          [](v1::ListCasesRequest& r) { r.set_parent("yots/bolton"); }),
      kCaseReaders);
  add("CaseIntake", "UpdateCase",
      Unary<v1::UpdateCaseRequest, v1::Case>(&Intake::UpdateCase, kIntake,
                                             [=](v1::UpdateCaseRequest& r) {
                                               r.mutable_case_()->set_name(
                                                   kCase);
                                             }),
      {"bolton-yot"});
  add("CaseIntake", "DeleteCase",
      Unary<v1::DeleteCaseRequest, google::protobuf::Empty>(
          &Intake::DeleteCase, kIntake,
          [=](v1::DeleteCaseRequest& r) { r.set_name(kCase); }),
      {"bolton-yot"});
  add("CaseIntake", "CreateInspection",
      Unary<v1::CreateInspectionRequest, v1::Inspection>(
          &Intake::CreateInspection, kIntake,
          [](v1::CreateInspectionRequest& r) {
            r.set_inspection_id("bolton-2014-12");
            r.mutable_inspection()->set_yot("yots/bolton");
          }),
      kLead);
  add("CaseIntake", "GetInspection",
      Unary<v1::GetInspectionRequest, v1::Inspection>(
          &Intake::GetInspection, kIntake,
          [=](v1::GetInspectionRequest& r) { r.set_name(kInspection); }),
      kBoltonTeam);
  add("CaseIntake", "ListInspections",
      Unary<v1::ListInspectionsRequest, v1::ListInspectionsResponse>(
          &Intake::ListInspections, kIntake,
          [](v1::ListInspectionsRequest& r) { r.set_yot("yots/bolton"); }),
      kCaseReaders);
  add("CaseIntake", "DrawSample",
      Unary<v1::DrawSampleRequest, v1::Inspection>(
          &Intake::DrawSample, kIntake,
          [=](v1::DrawSampleRequest& r) { r.set_name(kInspection); }),
      kLead);
  add("CaseIntake", "ResetSample",
      Unary<v1::ResetSampleRequest, v1::Inspection>(
          &Intake::ResetSample, kIntake,
          [=](v1::ResetSampleRequest& r) { r.set_name(kInspection); }),
      kLead);
  add("CaseIntake", "StartFieldwork",
      Unary<v1::StartFieldworkRequest, v1::Inspection>(
          &Intake::StartFieldwork, kIntake,
          [=](v1::StartFieldworkRequest& r) { r.set_name(kInspection); }),
      {"findings-service", "lead-1"});
  add("CaseIntake", "AdvanceInspection",
      Unary<v1::AdvanceInspectionRequest, v1::Inspection>(
          &Intake::AdvanceInspection, kIntake,
          [=](v1::AdvanceInspectionRequest& r) { r.set_name(kInspection); }),
      kLead);
  add("CaseIntake", "StreamSampledCases",
      [](Stubs& stubs) {
        // Beyond the head: an allowed caller gets OUT_OF_RANGE at once
        // instead of a stream that stays open.
        v1::StreamSampledCasesRequest request;
        request.set_after_sequence(uint64_t{1} << 60);
        auto context = CallContext();
        auto reader = stubs.intake->StreamSampledCases(context.get(), request);
        v1::StreamSampledCasesResponse response;
        while (reader->Read(&response)) {
        }
        return reader->Finish();
      },
      {"findings-service"});
  // --- Findings ---
  add("Findings", "RecordJudgements",
      Unary<v1::RecordJudgementsRequest, v1::CaseFindings>(
          &Findings::RecordJudgements, kFindings,
          [=](v1::RecordJudgementsRequest& r) {
            r.set_inspection(kInspection);
            r.set_case_(kCase);
          }),
      kBoltonTeam);
  add("Findings", "GetCaseFindings",
      Unary<v1::GetCaseFindingsRequest, v1::CaseFindings>(
          &Findings::GetCaseFindings, kFindings,
          [=](v1::GetCaseFindingsRequest& r) { r.set_name(kFindingsName); }),
      kBoltonTeam);
  add("Findings", "ListCaseFindings",
      Unary<v1::ListCaseFindingsRequest, v1::ListCaseFindingsResponse>(
          &Findings::ListCaseFindings, kFindings,
          [=](v1::ListCaseFindingsRequest& r) { r.set_parent(kInspection); }),
      kBoltonTeam);
  add("Findings", "ListJudgementHistory",
      Unary<v1::ListJudgementHistoryRequest, v1::ListJudgementHistoryResponse>(
          &Findings::ListJudgementHistory, kFindings,
          [=](v1::ListJudgementHistoryRequest& r) {
            r.set_name(kFindingsName);
          }),
      kBoltonTeam);
  add("Findings", "GetFeedStatus",
      Unary<v1::GetFeedStatusRequest, v1::FeedStatus>(
          &Findings::GetFeedStatus, kFindings,
          [](v1::GetFeedStatusRequest&) {}),
      {"insp-1", "lead-1", "lead-2"});
  add("Findings", "GetInspectionProgress",
      Unary<v1::GetInspectionProgressRequest, v1::InspectionProgress>(
          &Findings::GetInspectionProgress, kFindings,
          [=](v1::GetInspectionProgressRequest& r) {
            r.set_inspection(kInspection);
          }),
      kBoltonTeam);
  add("Findings", "RecordInterview",
      Unary<v1::RecordInterviewRequest, v1::CaseFindings>(
          &Findings::RecordInterview, kFindings,
          [=](v1::RecordInterviewRequest& r) {
            r.set_inspection(kInspection);
          }),
      kBoltonTeam);
  add("Findings", "SetReportInputs",
      Unary<v1::SetReportInputsRequest, v1::ReportInputs>(
          &Findings::SetReportInputs, kFindings,
          [=](v1::SetReportInputsRequest& r) {
            r.set_inspection(kInspection);
          }),
      kLead);
  add("Findings", "GetReportInputs",
      Unary<v1::GetReportInputsRequest, v1::ReportInputs>(
          &Findings::GetReportInputs, kFindings,
          [=](v1::GetReportInputsRequest& r) {
            r.set_inspection(kInspection);
          }),
      kBoltonTeam);
  add("Findings", "RecordVerdictDecision",
      Unary<v1::RecordVerdictDecisionRequest, v1::VerdictDecisions>(
          &Findings::RecordVerdictDecision, kFindings,
          [=](v1::RecordVerdictDecisionRequest& r) {
            r.set_inspection(kInspection);
          }),
      kLead);
  add("Findings", "GetVerdicts",
      Unary<v1::GetVerdictsRequest, v1::InspectionVerdicts>(
          &Findings::GetVerdicts, kFindings,
          [=](v1::GetVerdictsRequest& r) { r.set_inspection(kInspection); }),
      kBoltonTeam);
  // A reader's RenderReport needs the report published; this one is not
  // (reader_test.cc has the published case).
  add("Findings", "RenderReport",
      Unary<v1::RenderReportRequest, v1::RenderedReport>(
          &Findings::RenderReport, kFindings,
          [=](v1::RenderReportRequest& r) { r.set_inspection(kInspection); }),
      kBoltonTeam);
  return rpcs;
}

TEST(RoleMatrixTest, EveryRpcOfBothServicesIsInTheMatrix) {
  std::set<std::string> covered;
  for (const Rpc& rpc : AllRpcs()) covered.insert(rpc.method);
  std::set<std::string> served;
  for (const auto* service : {v1::CaseIntake::service_full_name(),
                              v1::Findings::service_full_name()}) {
    const auto* descriptor =
        google::protobuf::DescriptorPool::generated_pool()->FindServiceByName(
            service);
    ASSERT_NE(descriptor, nullptr);
    for (int i = 0; i < descriptor->method_count(); ++i) {
      served.insert(
          absl::StrCat("/", service, "/", descriptor->method(i)->name()));
    }
  }
  EXPECT_EQ(covered, served);
}

class RoleMatrixTest : public ::testing::TestWithParam<std::string> {
 protected:
  TlsServices services_;
};

// Each identity of the test policy: allowed calls get past authorization
// (any code but PERMISSION_DENIED and UNAUTHENTICATED), others are refused
// with PERMISSION_DENIED.
TEST_P(RoleMatrixTest, AllowedCallsPassAndOthersArePermissionDenied) {
  const std::string identity = GetParam();
  Stubs stubs = services_.ClientAs(identity);
  for (const Rpc& rpc : AllRpcs()) {
    SCOPED_TRACE(identity + " " + rpc.method);
    grpc::Status status = rpc.call(stubs);
    if (rpc.allowed.count(identity) > 0) {
      EXPECT_NE(status.error_code(), grpc::StatusCode::PERMISSION_DENIED)
          << status.error_message();
      EXPECT_NE(status.error_code(), grpc::StatusCode::UNAUTHENTICATED)
          << status.error_message();
    } else {
      EXPECT_EQ(status.error_code(), grpc::StatusCode::PERMISSION_DENIED)
          << status.error_message();
    }
  }
}

INSTANTIATE_TEST_SUITE_P(PolicyCallers, RoleMatrixTest,
                         ::testing::Values("bolton-yot", "wigan-yot", "insp-1",
                                           "lead-1", "lead-2",
                                           "findings-service", "reader-1"),
                         [](const auto& param_info) {
                           std::string name = param_info.param;
                           for (char& c : name) {
                             if (c == '-') c = '_';
                           }
                           return name;
                         });

class UnknownCallerTest : public ::testing::TestWithParam<std::string> {
 protected:
  TlsServices services_;
};

// A certificate from the CA whose name is not in the policy, and a TLS
// connection with no client certificate at all: every RPC UNAUTHENTICATED.
TEST_P(UnknownCallerTest, EveryRpcIsUnauthenticated) {
  Stubs stubs = services_.ClientAs(GetParam());
  for (const Rpc& rpc : AllRpcs()) {
    SCOPED_TRACE(rpc.method);
    EXPECT_EQ(rpc.call(stubs).error_code(), grpc::StatusCode::UNAUTHENTICATED);
  }
}

INSTANTIATE_TEST_SUITE_P(Unknown, UnknownCallerTest,
                         ::testing::Values("stranger", ""),
                         [](const auto& param_info) {
                           return param_info.param.empty()
                                      ? std::string("no_cert")
                                      : param_info.param;
                         });

}  // namespace
}  // namespace yjinspect::testing
