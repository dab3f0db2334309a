// Once verdicts are agreed at intake, the findings service keeps findings,
// interviews and decisions as they were; the same request again still
// succeeds (a rerun of an orchestrated run changes nothing).

#include <string>

#include "gtest/gtest.h"
#include "tests/integration/findings_fixture.h"
#include "tests/testing/unary_call.h"
#include "tests/testing/wait_until.h"

namespace yjinspect {
namespace {

TEST_F(FindingsTest, AfterVerdictsAreAgreedNothingChanges) {
  const std::string& case_name = caseload_.sampled.front();
  ASSERT_TRUE(Record(ValidRecording(case_name)).ok());
  v1::RecordVerdictDecisionRequest decision;
  decision.set_inspection(inspection());
  v1::VerdictOverride* o = decision.mutable_verdict_override();
  o->set_target("1");
  o->set_value("Good");
  o->set_reason("the panel weighed the recent improvements");
  o->set_by("LEAD-1");
  // SQS themes are not rated by bands: the engine refuses a rating value it
  // cannot place only if the framework says so; either way the same request
  // must behave the same before and after agreement.
  auto first = testing::Call(
      findings_.stub(), &v1::Findings::Stub::RecordVerdictDecision, decision);

  v1::AdvanceInspectionRequest agree;
  agree.set_name(inspection());
  agree.set_state(v1::INSPECTION_STATE_VERDICTS_AGREED);
  agree.set_reason("verdicts agreed by the inspection team");
  ASSERT_TRUE(testing::Call(intake_.stub(),
                            &v1::CaseIntake::Stub::AdvanceInspection, agree)
                  .ok());
  ASSERT_TRUE(CaughtUp());

  // The same judgements again: unchanged, still fine (a rerun).
  auto again = Record(ValidRecording(case_name));
  ASSERT_TRUE(again.ok()) << again.status();
  EXPECT_EQ(again->revision(), 1);
  // A different answer: refused, nothing stored.
  v1::RecordJudgementsRequest changed = ValidRecording(case_name);
  changed.mutable_judgements(0)->set_answer("under_estimated");
  auto before = GetFindings(case_name);
  ASSERT_TRUE(before.ok());
  changed.set_etag(before->etag());
  EXPECT_EQ(Record(changed).status().code(),
            absl::StatusCode::kFailedPrecondition);
  auto after = GetFindings(case_name);
  ASSERT_TRUE(after.ok());
  EXPECT_EQ(after->revision(), before->revision());

  // A new decision is refused; the one recorded before is kept.
  v1::RecordVerdictDecisionRequest other = decision;
  other.mutable_verdict_override()->set_reason("a different reason");
  EXPECT_EQ(testing::Call(findings_.stub(),
                          &v1::Findings::Stub::RecordVerdictDecision, other)
                .status()
                .code(),
            absl::StatusCode::kFailedPrecondition);
  if (first.ok()) {
    EXPECT_TRUE(testing::Call(findings_.stub(),
                              &v1::Findings::Stub::RecordVerdictDecision,
                              decision)
                    .ok());
  }

  // Interviews too.
  v1::RecordInterviewRequest interview;
  interview.set_inspection(inspection());
  interview.set_interview_id("CM-1");
  interview.set_inspector_reference("INSP-01");
  *interview.add_judgements() = Answer("om.1", "yes");
  EXPECT_EQ(testing::Call(findings_.stub(),
                          &v1::Findings::Stub::RecordInterview, interview)
                .status()
                .code(),
            absl::StatusCode::kFailedPrecondition);
}

}  // namespace
}  // namespace yjinspect
