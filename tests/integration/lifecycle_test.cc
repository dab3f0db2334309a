// The inspection lifecycle at intake: steps in order, each recorded with
// who, when and why; a step out of order refused with the state and what it
// needs. And retries of a create after the case changed or was erased.

#include <initializer_list>
#include <string>

#include "absl/strings/str_cat.h"
#include "common/rpc/grpc_status.h"
#include "gmock/gmock.h"
#include "grpcpp/grpcpp.h"
#include "gtest/gtest.h"
#include "tests/testing/case_builder.h"
#include "tests/testing/intake_harness.h"

namespace yjinspect {
namespace {

using ::testing::HasSubstr;
using testing::IntakeHarness;

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
  // message naming each of `named`.
  void ExpectAdvanceRefused(v1::InspectionState to,
                            std::initializer_list<const char*> named) {
    v1::Inspection unchanged;
    grpc::Status refused = Advance(to, &unchanged);
    EXPECT_EQ(refused.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
    for (const char* text : named) {
      EXPECT_THAT(refused.error_message(), HasSubstr(text));
    }
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
  ExpectAdvanceRefused(v1::INSPECTION_STATE_CASELOAD_RECEIVED, {"ANNOUNCED"});
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
                         {"ResetSample"});
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
  EXPECT_EQ(Draw(&inspection).error_code(),
            grpc::StatusCode::FAILED_PRECONDITION);
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
  EXPECT_THAT(std::string(again.status().message()), HasSubstr("erased"));
  EXPECT_EQ(harness_.server().store().HeadSequence(), head);
}

}  // namespace
}  // namespace yjinspect
