// Every class of bad judgement input to the findings service, one row of a
// table each: the code, the field a google.rpc.BadRequest names, and that
// nothing changed (no findings, no fieldwork started, no new revision).

#include <functional>
#include <ostream>
#include <string>

#include "common/field_violations.h"
#include "gmock/gmock.h"
#include "google/protobuf/util/message_differencer.h"
#include "gtest/gtest.h"
#include "tests/integration/findings_fixture.h"

namespace yjinspect {
namespace {

using ::google::protobuf::util::MessageDifferencer;
using ::testing::Contains;
using testing::SampledCaseload;

// One class of bad judgement input: how it breaks a valid request, and the
// code and field (if any) it must get.
struct BadJudgementCase {
  std::string name;
  std::function<void(v1::RecordJudgementsRequest&, const SampledCaseload&)>
      mutate;
  absl::StatusCode code;
  std::string field;
};

void PrintTo(const BadJudgementCase& c, std::ostream* os) { *os << c.name; }

class BadJudgementTest
    : public FindingsTest,
      public ::testing::WithParamInterface<BadJudgementCase> {
 protected:
  void ExpectRefused(const v1::RecordJudgementsRequest& request) {
    auto refused = Record(request);
    EXPECT_EQ(refused.status().code(), GetParam().code) << refused.status();
    if (GetParam().field.empty()) {
      EXPECT_TRUE(common::ViolationsOf(refused.status()).empty());
    } else {
      EXPECT_THAT(FieldsOf(refused.status()), Contains(GetParam().field))
          << refused.status();
    }
  }
};

TEST_P(BadJudgementTest, IsRefusedAndChangesNothing) {
  // On a case never judged, before fieldwork has started.
  const std::string& fresh = caseload_.sampled[1];
  v1::RecordJudgementsRequest first = ValidRecording(fresh);
  GetParam().mutate(first, caseload_);
  ExpectRefused(first);
  EXPECT_EQ(GetFindings(fresh).status().code(), absl::StatusCode::kNotFound);
  auto at_intake = IntakeInspection();
  ASSERT_TRUE(at_intake.ok()) << at_intake.status();
  EXPECT_EQ(at_intake->state(), v1::INSPECTION_STATE_SAMPLE_DRAWN);

  // On a judged case, with its current etag.
  const std::string& judged = caseload_.sampled[0];
  auto recorded = Record(ValidRecording(judged));
  ASSERT_TRUE(recorded.ok()) << recorded.status();
  v1::RecordJudgementsRequest later = ValidRecording(judged);
  *later.mutable_judgements(0) = Answer("2.5", "under_estimated");
  later.set_etag(recorded->etag());
  GetParam().mutate(later, caseload_);
  ExpectRefused(later);
  auto current = GetFindings(judged);
  ASSERT_TRUE(current.ok()) << current.status();
  EXPECT_TRUE(MessageDifferencer::Equals(*current, *recorded));
  ASSERT_NO_FATAL_FAILURE(ExpectRevisions(judged, 1));
  EXPECT_EQ(GetFindings(fresh).status().code(), absl::StatusCode::kNotFound);
}

using Request = v1::RecordJudgementsRequest;
using Caseload = SampledCaseload;

INSTANTIATE_TEST_SUITE_P(
    EveryClass, BadJudgementTest,
    ::testing::Values(
        BadJudgementCase{"UnknownCriterion",
                         [](Request& r, const Caseload&) {
                           r.mutable_judgements(0)->set_criterion_id("9.9");
                         },
                         absl::StatusCode::kInvalidArgument,
                         "judgements[0].criterion_id"},
        BadJudgementCase{
            "AnswerNotInTheScale",
            [](Request& r, const Caseload&) {
              r.mutable_judgements(0)->set_answer("yes");  // 2.5: risk_level
            },
            absl::StatusCode::kInvalidArgument, "judgements[0].answer"},
        BadJudgementCase{
            "NotApplicableOnAYesNoCriterion",
            [](Request& r, const Caseload&) {
              *r.mutable_judgements(0) = Answer("1.5", "na");  // yes_no
            },
            absl::StatusCode::kInvalidArgument, "judgements[0].answer"},
        BadJudgementCase{"StaffInterviewCriterionOnACase",
                         [](Request& r, const Caseload&) {
                           *r.mutable_judgements(0) = Answer("om.1", "yes");
                         },
                         absl::StatusCode::kInvalidArgument,
                         "judgements[0].criterion_id"},
        BadJudgementCase{"DuplicateCriterion",
                         [](Request& r, const Caseload&) {
                           *r.add_judgements() = Answer("1.1", "no");
                         },
                         absl::StatusCode::kInvalidArgument,
                         "judgements[3].criterion_id"},
        BadJudgementCase{
            "MissingInspectorReference",
            [](Request& r, const Caseload&) { r.clear_inspector_reference(); },
            absl::StatusCode::kInvalidArgument, "inspector_reference"},
        BadJudgementCase{"BadInspectionName",
                         [](Request& r, const Caseload&) {
                           r.set_inspection("inspection/northmoor-2014");
                         },
                         absl::StatusCode::kInvalidArgument, "inspection"},
        BadJudgementCase{
            "BadCaseName",
            [](Request& r, const Caseload&) { r.set_case_("cases/E-00"); },
            absl::StatusCode::kInvalidArgument, "case"},
        BadJudgementCase{
            "NoJudgements",
            [](Request& r, const Caseload&) { r.clear_judgements(); },
            absl::StatusCode::kInvalidArgument, "judgements"},
        BadJudgementCase{"EvidenceNoteOf2001Characters",
                         [](Request& r, const Caseload&) {
                           r.mutable_judgements(0)->set_evidence_note(
                               std::string(2001, 'e'));
                         },
                         absl::StatusCode::kInvalidArgument,
                         "judgements[0].evidence_note"},
        BadJudgementCase{"CaseNotInTheSample",
                         [](Request& r, const Caseload& caseload) {
                           r.set_case_(caseload.unsampled.front());
                         },
                         absl::StatusCode::kFailedPrecondition, ""},
        BadJudgementCase{"UnknownInspection",
                         [](Request& r, const Caseload&) {
                           r.set_inspection("inspections/nowhere-2014");
                         },
                         absl::StatusCode::kNotFound, ""}),
    [](const ::testing::TestParamInfo<BadJudgementCase>& row) {
      return row.param.name;
    });

}  // namespace
}  // namespace yjinspect
