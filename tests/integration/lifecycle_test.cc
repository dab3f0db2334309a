// The inspection lifecycle at intake: steps in order, each recorded with
// who, when and why; a step out of order refused with the state and what it
// needs, in words for a person and as a reason and a violated condition
// (google.rpc.ErrorInfo, PreconditionFailure) for a program. And retries of
// a create after the case changed or was erased.

#include <initializer_list>
#include <string>

#include "absl/strings/str_cat.h"
#include "common/error_details.h"
#include "common/rpc/grpc_status.h"
#include "gmock/gmock.h"
#include "grpcpp/grpcpp.h"
#include "gtest/gtest.h"
#include "tests/testing/case_builder.h"
#include "tests/testing/intake_harness.h"
#include "tests/testing/rich_error.h"

namespace yjinspect {
namespace {

using ::testing::HasSubstr;
using testing::IntakeHarness;
using testing::ReadRichError;
using testing::RichError;

// `refused` carries, on the wire, an ErrorInfo of `reason` in the yjinspect
// domain and one violated precondition described by its message.
void ExpectReason(const grpc::Status& refused, const std::string& reason) {
  const RichError error = ReadRichError(refused);
  ASSERT_TRUE(error.info.has_value()) << refused.error_message();
  EXPECT_EQ(error.info->reason(), reason) << refused.error_message();
  EXPECT_EQ(error.info->domain(), "yjinspect");
  ASSERT_TRUE(error.precondition.has_value()) << refused.error_message();
  ASSERT_EQ(error.precondition->violations_size(), 1);
  EXPECT_EQ(error.precondition->violations(0).description(),
            refused.error_message());
}

class LifecycleTest : public ::testing::Test {
 protected:
  // A context that names the caller, as the orchestrator does.
  static std::unique_ptr<grpc::ClientContext> As(const std::string& actor) {
    auto context = IntakeHarness::Context();
    context->AddMetadata("x-yjinspect-actor", actor);
    return context;
  }

  v1::Inspection Create() {
    v1::Inspection inspection;
    EXPECT_TRUE(harness_.stub()
                    .CreateInspection(As("ORCH-1").get(),
                                      testing::ValidCreateInspectionRequest(
                                          "nm-2014", "northmoor"),
                                      &inspection)
                    .ok());
    return inspection;
  }

  // An eligible case (started 2014-10-01, runs past fieldwork).
  void AddEligibleCase(const std::string& id) {
    v1::CreateCaseRequest request =
        testing::ValidCreateCaseRequest("northmoor", id);
    *request.mutable_case_()->mutable_disposal()->mutable_start_date() =
        testing::MakeDate(2014, 10, 1);
    *request.mutable_case_()->mutable_disposal()->mutable_end_date() =
        testing::MakeDate(2015, 6, 1);
    request.mutable_case_()->clear_pre_sentence_report_date();
    v1::Case stored;
    ASSERT_TRUE(
        harness_.stub()
            .CreateCase(IntakeHarness::Context().get(), request, &stored)
            .ok());
  }

  // The orchestrator draws the sample with seed 7.
  grpc::Status Draw(v1::Inspection* out) {
    v1::DrawSampleRequest draw;
    draw.set_name("inspections/nm-2014");
    draw.set_seed(7);
    return harness_.stub().DrawSample(As("ORCH-1").get(), draw, out);
  }

  // The findings service starts fieldwork, as on a first judgement.
  grpc::Status StartFieldwork(v1::Inspection* out) {
    v1::StartFieldworkRequest start;
    start.set_name("inspections/nm-2014");
    return harness_.stub().StartFieldwork(As("FINDINGS").get(), start, out);
  }

  // A create of a northmoor case that a client may retry: it carries
  // `request_id`.
  static v1::CreateCaseRequest RetriableCreate(const std::string& case_id,
                                               const std::string& request_id) {
    v1::CreateCaseRequest request =
        testing::ValidCreateCaseRequest("northmoor", case_id);
    request.set_request_id(request_id);
    return request;
  }

  // Fails unless advancing to `to` is refused as FAILED_PRECONDITION with a
  // message naming each of `named`, and of `reason`.
  void ExpectAdvanceRefused(v1::InspectionState to,
                            std::initializer_list<const char*> named,
                            const std::string& reason = "WRONG_STATE") {
    v1::Inspection unchanged;
    grpc::Status refused = Advance(to, &unchanged);
    EXPECT_EQ(refused.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
    for (const char* text : named) {
      EXPECT_THAT(refused.error_message(), HasSubstr(text));
    }
    ExpectReason(refused, reason);
  }

  grpc::Status Advance(v1::InspectionState to, v1::Inspection* out) {
    v1::AdvanceInspectionRequest request;
    request.set_name("inspections/nm-2014");
    request.set_state(to);
    request.set_reason("panel met on 2015-01-09");
    return harness_.stub().AdvanceInspection(As("LEAD-1").get(), request, out);
  }

  IntakeHarness harness_{/*sync=*/false};
};

TEST_F(LifecycleTest, CreationIsRecordedWithItsActor) {
  v1::Inspection inspection = Create();
  ASSERT_EQ(inspection.transitions_size(), 1);
  EXPECT_EQ(inspection.transitions(0).from(), v1::INSPECTION_STATE_UNSPECIFIED);
  EXPECT_EQ(inspection.transitions(0).to(), v1::INSPECTION_STATE_ANNOUNCED);
  EXPECT_EQ(inspection.transitions(0).actor(), "ORCH-1");
  EXPECT_TRUE(inspection.transitions(0).has_time());
}

TEST_F(LifecycleTest, CaseloadReceivedNeedsACase) {
  Create();
  ExpectAdvanceRefused(v1::INSPECTION_STATE_CASELOAD_RECEIVED, {"ANNOUNCED"},
                       "NO_CASELOAD");
  AddEligibleCase("NM-1");
  v1::Inspection inspection;
  ASSERT_TRUE(
      Advance(v1::INSPECTION_STATE_CASELOAD_RECEIVED, &inspection).ok());
  EXPECT_EQ(inspection.state(), v1::INSPECTION_STATE_CASELOAD_RECEIVED);
  EXPECT_EQ(inspection.transitions().rbegin()->actor(), "LEAD-1");
  EXPECT_EQ(inspection.transitions().rbegin()->reason(),
            "panel met on 2015-01-09");
}

TEST_F(LifecycleTest, StepsOutOfOrderAreRefusedNamingTheStateAndTheNeed) {
  Create();
  ExpectAdvanceRefused(v1::INSPECTION_STATE_VERDICTS_AGREED,
                       {"is ANNOUNCED", "needs fieldwork"});
  v1::Inspection inspection;
  v1::StartFieldworkRequest start;
  start.set_name("inspections/nm-2014");
  EXPECT_EQ(
      harness_.stub()
          .StartFieldwork(IntakeHarness::Context().get(), start, &inspection)
          .error_code(),
      grpc::StatusCode::FAILED_PRECONDITION);
  v1::AdvanceInspectionRequest fieldwork;
  fieldwork.set_name("inspections/nm-2014");
  fieldwork.set_state(v1::INSPECTION_STATE_FIELDWORK);
  grpc::Status wrong = harness_.stub().AdvanceInspection(
      IntakeHarness::Context().get(), fieldwork, &inspection);
  EXPECT_EQ(wrong.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
}

// Only ResetSample goes back over a drawn sample: it releases the sampled
// cases and records why. Advancing to CASELOAD_RECEIVED instead would keep
// the sample with no reason on record and let it be redrawn in fieldwork.
TEST_F(LifecycleTest, AdvancingBackOverASampleIsRefusedInFavourOfAReset) {
  Create();
  AddEligibleCase("NM-1");
  v1::Inspection inspection;
  ASSERT_TRUE(Draw(&inspection).ok());
  for (bool in_fieldwork : {false, true}) {
    SCOPED_TRACE(in_fieldwork ? "in fieldwork" : "sample drawn");
    if (in_fieldwork) {
      ASSERT_TRUE(StartFieldwork(&inspection).ok());
    }
    const v1::InspectionState before = inspection.state();
    ExpectAdvanceRefused(v1::INSPECTION_STATE_CASELOAD_RECEIVED,
                         {"ResetSample"}, "SAMPLE_EXISTS");
    v1::GetInspectionRequest get;
    get.set_name("inspections/nm-2014");
    ASSERT_TRUE(
        harness_.stub()
            .GetInspection(IntakeHarness::Context().get(), get, &inspection)
            .ok());
    EXPECT_EQ(inspection.state(), before);
    EXPECT_TRUE(inspection.has_sample());
  }
  // In fieldwork the sample stays fixed: it cannot be redrawn.
  const grpc::Status redraw = Draw(&inspection);
  EXPECT_EQ(redraw.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  ExpectReason(redraw, "SAMPLE_FIXED");
}

// A program acts on the details, never on the message's words: here read
// from grpc::Status::error_details() as any gRPC client would.
TEST_F(LifecycleTest, ARefusalCarriesItsReasonAndTheConditionItViolates) {
  Create();
  v1::Inspection unchanged;
  const grpc::Status early =
      Advance(v1::INSPECTION_STATE_VERDICTS_AGREED, &unchanged);
  ASSERT_EQ(early.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  const RichError error = ReadRichError(early);
  ASSERT_TRUE(error.info.has_value());
  EXPECT_EQ(error.info->reason(), "WRONG_STATE");
  EXPECT_EQ(error.info->domain(), "yjinspect");
  EXPECT_EQ(error.info->metadata().at("state"), "INSPECTION_STATE_ANNOUNCED");
  EXPECT_EQ(error.info->metadata().at("requested_state"),
            "INSPECTION_STATE_VERDICTS_AGREED");
  EXPECT_EQ(error.info->metadata_size(), 2);
  ASSERT_TRUE(error.precondition.has_value());
  ASSERT_EQ(error.precondition->violations_size(), 1);
  const auto& violation = error.precondition->violations(0);
  EXPECT_EQ(violation.type(), "STATE");
  EXPECT_EQ(violation.subject(), "inspections/nm-2014");
  EXPECT_EQ(violation.description(), early.error_message());

  // Fieldwork without a sample: another reason, another condition.
  const grpc::Status unsampled = StartFieldwork(&unchanged);
  ExpectReason(unsampled, "NO_SAMPLE");
  EXPECT_EQ(ReadRichError(unsampled).precondition->violations(0).type(),
            "SAMPLE");
}

TEST_F(LifecycleTest, TheWholeLifecycleIsRecordedInOrder) {
  Create();
  AddEligibleCase("NM-1");
  v1::Inspection inspection;
  ASSERT_TRUE(Draw(&inspection).ok());
  ASSERT_TRUE(StartFieldwork(&inspection).ok());
  ASSERT_TRUE(Advance(v1::INSPECTION_STATE_VERDICTS_AGREED, &inspection).ok());
  ASSERT_TRUE(Advance(v1::INSPECTION_STATE_REPORT_PUBLISHED, &inspection).ok());
  // Idempotent once there.
  ASSERT_TRUE(Advance(v1::INSPECTION_STATE_REPORT_PUBLISHED, &inspection).ok());

  std::vector<v1::InspectionState> states;
  for (const auto& t : inspection.transitions()) states.push_back(t.to());
  EXPECT_EQ(states, (std::vector<v1::InspectionState>{
                        v1::INSPECTION_STATE_ANNOUNCED,
                        v1::INSPECTION_STATE_CASELOAD_RECEIVED,
                        v1::INSPECTION_STATE_SAMPLE_DRAWN,
                        v1::INSPECTION_STATE_FIELDWORK,
                        v1::INSPECTION_STATE_VERDICTS_AGREED,
                        v1::INSPECTION_STATE_REPORT_PUBLISHED}));
  EXPECT_EQ(inspection.transitions(3).actor(), "FINDINGS");
  // After publication the sample can be neither redrawn nor reset.
  EXPECT_EQ(Draw(&inspection).error_code(),
            grpc::StatusCode::FAILED_PRECONDITION);
  v1::ResetSampleRequest reset;
  reset.set_name("inspections/nm-2014");
  reset.set_reason("a case was found to be ineligible");
  EXPECT_EQ(harness_.stub()
                .ResetSample(IntakeHarness::Context().get(), reset, &inspection)
                .error_code(),
            grpc::StatusCode::FAILED_PRECONDITION);
}

TEST_F(LifecycleTest, ARetriedCreateReturnsTheCaseAsCorrectedSince) {
  const v1::CreateCaseRequest request = RetriableCreate("NM-R", "retry-me");
  auto first = harness_.Call(&v1::CaseIntake::Stub::CreateCase, request);
  ASSERT_TRUE(first.ok()) << first.status();
  v1::UpdateCaseRequest update;
  *update.mutable_case_() = *first;
  update.mutable_case_()->mutable_child()->set_age_at_sentence(16);
  update.set_etag(first->etag());
  auto corrected = harness_.Call(&v1::CaseIntake::Stub::UpdateCase, update);
  ASSERT_TRUE(corrected.ok()) << corrected.status();
  auto retried = harness_.Call(&v1::CaseIntake::Stub::CreateCase, request);
  ASSERT_TRUE(retried.ok()) << retried.status();
  EXPECT_EQ(retried->etag(), corrected->etag());
  EXPECT_EQ(retried->child().age_at_sentence(), 16);
}

TEST_F(LifecycleTest, ALateRetryDoesNotBringAnErasedCaseBack) {
  const v1::CreateCaseRequest request = RetriableCreate("NM-E", "late-retry");
  auto created = harness_.Call(&v1::CaseIntake::Stub::CreateCase, request);
  ASSERT_TRUE(created.ok()) << created.status();
  v1::DeleteCaseRequest erase;
  erase.set_name(created->name());
  ASSERT_TRUE(harness_.Call(&v1::CaseIntake::Stub::DeleteCase, erase).ok());
  const uint64_t head = harness_.server().store().HeadSequence();
  auto again = harness_.Call(&v1::CaseIntake::Stub::CreateCase, request);
  EXPECT_EQ(again.status().code(), absl::StatusCode::kFailedPrecondition);
  // Through the client's conversion the reason is a payload again.
  ASSERT_TRUE(common::ErrorInfoOf(again.status()).has_value());
  EXPECT_EQ(common::ErrorInfoOf(again.status())->reason, "CASE_ERASED");
  EXPECT_THAT(std::string(again.status().message()), HasSubstr("erased"));
  EXPECT_EQ(harness_.server().store().HeadSequence(), head);
}

}  // namespace
}  // namespace yjinspect
