// Moderation over real gRPC: the lead inspector gives sampled cases a
// second marker at intake; the second marker marks blind to the first
// marker's answers on every read path; disagreements are listed and
// resolved; the verdicts use the resolved answers and cannot be agreed
// while anything is open; a restart mid second marking loses nothing.

#include <algorithm>
#include <set>
#include <string>
#include <vector>

#include "common/error_details.h"
#include "common/error_reasons.h"
#include "gtest/gtest.h"
#include "tests/integration/findings_fixture.h"
#include "tests/testing/unary_call.h"
#include "yjinspect/v1/audit.grpc.pb.h"

namespace yjinspect {
namespace {

using Findings = v1::Findings::Stub;

constexpr char kFirst[] = "INSP-01";
constexpr char kSecond[] = "INSP-09";

std::string ReasonOf(const absl::Status& status) {
  auto info = common::ErrorInfoOf(status);
  return info ? info->reason : "";
}

class ModerationTest : public FindingsTest {
 protected:
  void SetUp() override {
    ASSERT_NO_FATAL_FAILURE(FindingsTest::SetUp());
    first_case_ = caseload_.sampled[0];
    other_case_ = caseload_.sampled[1];
    // The first marker's findings start fieldwork.
    ASSERT_TRUE(Record(ValidRecording(first_case_)).ok());
    ASSERT_TRUE(Record(ValidRecording(other_case_)).ok());
  }

  absl::StatusOr<v1::Inspection> Assign(std::vector<std::string> cases,
                                        const std::string& marker = kSecond) {
    v1::AssignSecondMarkersRequest request;
    request.set_name(inspection());
    request.set_second_marker_reference(marker);
    for (const auto& c : cases) request.add_cases(c);
    auto assigned = testing::Call(
        intake_.stub(), &v1::CaseIntake::Stub::AssignSecondMarkers, request);
    EXPECT_TRUE(CaughtUp());
    return assigned;
  }

  // The second marker's answers: as the first marker's, but 1.1 is "no".
  v1::RecordSecondMarkingRequest SecondMarking(const std::string& case_name,
                                               bool submit) {
    v1::RecordSecondMarkingRequest request;
    request.set_inspection(inspection());
    request.set_case_(case_name);
    request.set_inspector_reference(kSecond);
    *request.add_judgements() = Answer("2.5", "right");
    *request.add_judgements() = Answer("1.1", "no", "No plan on file.");
    *request.add_judgements() = Answer("3.4", "na");
    request.set_submit(submit);
    return request;
  }

  absl::StatusOr<v1::SecondMarking> Mark(
      const v1::RecordSecondMarkingRequest& request,
      const std::string& as = kSecond) {
    return testing::CallAs(as, findings_.stub(), &Findings::RecordSecondMarking,
                           request);
  }

  template <typename Request, typename Response>
  absl::StatusOr<Response> As(
      const std::string& who,
      grpc::Status (Findings::*method)(grpc::ClientContext*, const Request&,
                                       Response*),
      const Request& request) {
    return testing::CallAs(who, findings_.stub(), method, request);
  }

  v1::GetVerdictsRequest VerdictsRequest() {
    v1::GetVerdictsRequest r;
    r.set_inspection(inspection());
    return r;
  }

  std::string first_case_;
  std::string other_case_;
};

TEST_F(ModerationTest, AssignmentsAreRecordedOnTheInspectionAndChecked) {
  auto assigned = Assign({first_case_});
  ASSERT_TRUE(assigned.ok()) << assigned.status();
  ASSERT_EQ(assigned->second_markers_size(), 1);
  EXPECT_EQ(assigned->second_markers(0).case_(), first_case_);
  EXPECT_EQ(assigned->second_markers(0).second_marker_reference(), kSecond);
  EXPECT_EQ(assigned->second_markers(0).method(), v1::SAMPLE_METHOD_NAMED);

  // Again: ALREADY_EXISTS, nothing stored.
  auto again = Assign({first_case_}, "INSP-07");
  EXPECT_EQ(again.status().code(), absl::StatusCode::kAlreadyExists);
  // Outside the sample: INVALID_ARGUMENT naming the field.
  auto outside = Assign({caseload_.unsampled.front()});
  EXPECT_EQ(outside.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(FieldsOf(outside.status()), std::vector<std::string>({"cases[0]"}));
  auto held = IntakeInspection();
  ASSERT_TRUE(held.ok());
  EXPECT_EQ(held->etag(), assigned->etag());

  // A seeded share: ceil(25% of the sample), drawn among the rest, the
  // seed recorded with each.
  v1::AssignSecondMarkersRequest share;
  share.set_name(inspection());
  share.set_second_marker_reference("INSP-07");
  share.set_share_percent(25);
  share.set_seed(99);
  auto drawn = testing::Call(intake_.stub(),
                             &v1::CaseIntake::Stub::AssignSecondMarkers, share);
  ASSERT_TRUE(drawn.ok()) << drawn.status();
  const int sample = drawn->sample().cases_size();
  ASSERT_EQ(drawn->second_markers_size(), 1 + (sample * 25 + 99) / 100);
  std::set<std::string> distinct;
  for (const auto& a : drawn->second_markers()) {
    EXPECT_TRUE(distinct.insert(a.case_()).second) << a.case_();
    EXPECT_NE(std::find(drawn->sample().cases().begin(),
                        drawn->sample().cases().end(), a.case_()),
              drawn->sample().cases().end());
  }
  EXPECT_EQ(drawn->second_markers(1).method(), v1::SAMPLE_METHOD_DRAWN);
  EXPECT_EQ(drawn->second_markers(1).seed(), 99);
  EXPECT_EQ(drawn->second_markers(1).share_percent(), 25);
}

TEST_F(ModerationTest, TheSecondMarkerReadsNothingOfTheFirstUntilSubmitted) {
  ASSERT_TRUE(Assign({first_case_}).ok());
  ASSERT_TRUE(Mark(SecondMarking(first_case_, false)).ok());

  // Every read path refuses the blinded second marker...
  v1::GetCaseFindingsRequest get;
  get.set_name(FindingsName(first_case_));
  auto read = As(kSecond, &Findings::GetCaseFindings, get);
  EXPECT_EQ(read.status().code(), absl::StatusCode::kPermissionDenied);
  EXPECT_EQ(ReasonOf(read.status()), common::kSecondMarkingBlind);
  v1::ListJudgementHistoryRequest history;
  history.set_name(FindingsName(first_case_));
  EXPECT_EQ(
      As(kSecond, &Findings::ListJudgementHistory, history).status().code(),
      absl::StatusCode::kPermissionDenied);
  EXPECT_EQ(
      As(kSecond, &Findings::GetVerdicts, VerdictsRequest()).status().code(),
      absl::StatusCode::kPermissionDenied);
  v1::RenderReportRequest render;
  render.set_inspection(inspection());
  EXPECT_EQ(As(kSecond, &Findings::RenderReport, render).status().code(),
            absl::StatusCode::kPermissionDenied);
  v1::GetAgreementRequest agreement;
  agreement.set_inspection(inspection());
  EXPECT_EQ(As(kSecond, &Findings::GetAgreement, agreement).status().code(),
            absl::StatusCode::kPermissionDenied);
  v1::ListDisagreementsRequest disagreements;
  disagreements.set_parent(inspection());
  EXPECT_EQ(
      As(kSecond, &Findings::ListDisagreements, disagreements).status().code(),
      absl::StatusCode::kPermissionDenied);
  // ...and the list leaves the blinded case out, the other one in.
  v1::ListCaseFindingsRequest list;
  list.set_parent(inspection());
  auto listed = As(kSecond, &Findings::ListCaseFindings, list);
  ASSERT_TRUE(listed.ok()) << listed.status();
  std::vector<std::string> names;
  for (const auto& f : listed->case_findings()) names.push_back(f.name());
  EXPECT_EQ(std::count(names.begin(), names.end(), FindingsName(first_case_)),
            0);
  EXPECT_EQ(std::count(names.begin(), names.end(), FindingsName(other_case_)),
            1);
  // Other cases stay readable to them.
  v1::GetCaseFindingsRequest other;
  other.set_name(FindingsName(other_case_));
  EXPECT_TRUE(As(kSecond, &Findings::GetCaseFindings, other).ok());
  // The first marker cannot read the second marking either.
  v1::GetSecondMarkingRequest second;
  second.set_name(FindingsName(first_case_) + "/secondMarking");
  EXPECT_EQ(As(kFirst, &Findings::GetSecondMarking, second).status().code(),
            absl::StatusCode::kPermissionDenied);
  EXPECT_TRUE(As(kSecond, &Findings::GetSecondMarking, second).ok());
  // The audit trail (auditors only, over TLS) records who read what, never
  // an answer or a note.
  auto audit = v1::AuditTrail::NewStub(grpc::CreateChannel(
      findings_.address(), grpc::InsecureChannelCredentials()));
  v1::ListAuditRecordsRequest records;
  records.set_page_size(1000);
  auto trail =
      testing::Call(*audit, &v1::AuditTrail::Stub::ListAuditRecords, records);
  ASSERT_TRUE(trail.ok()) << trail.status();
  for (const auto& r : trail->records()) {
    const std::string text = r.DebugString();
    EXPECT_EQ(text.find("No plan on file"), std::string::npos);
    EXPECT_EQ(text.find("AssetPlus"), std::string::npos);
  }

  // Once submitted, everything is open to them.
  v1::RecordSecondMarkingRequest submit = SecondMarking(first_case_, true);
  auto current = As(kSecond, &Findings::GetSecondMarking, second);
  ASSERT_TRUE(current.ok());
  submit.set_etag(current->etag());
  auto submitted = Mark(submit);
  ASSERT_TRUE(submitted.ok()) << submitted.status();
  EXPECT_TRUE(submitted->submitted());
  EXPECT_TRUE(As(kSecond, &Findings::GetCaseFindings, get).ok());
  EXPECT_TRUE(As(kSecond, &Findings::GetVerdicts, VerdictsRequest()).ok());
  EXPECT_TRUE(As(kFirst, &Findings::GetSecondMarking, second).ok());
  // A submitted marking no longer changes.
  v1::RecordSecondMarkingRequest late = SecondMarking(first_case_, false);
  late.mutable_judgements(1)->set_answer("yes");
  late.set_etag(submitted->etag());
  EXPECT_EQ(ReasonOf(Mark(late).status()), common::kSecondMarkingSubmitted);
}

TEST_F(ModerationTest, OnlyTheAssignedSecondMarkerMarksAndNeverTheFirst) {
  // Not assigned: FAILED_PRECONDITION.
  auto unassigned = Mark(SecondMarking(first_case_, false));
  EXPECT_EQ(ReasonOf(unassigned.status()), common::kNotSecondMarked);
  ASSERT_TRUE(Assign({first_case_}).ok());
  // Someone else: PERMISSION_DENIED.
  v1::RecordSecondMarkingRequest by_other = SecondMarking(first_case_, false);
  by_other.set_inspector_reference("INSP-05");
  EXPECT_EQ(Mark(by_other, "INSP-05").status().code(),
            absl::StatusCode::kPermissionDenied);
  // The second marker may not record the first marking.
  v1::RecordJudgementsRequest as_first = ValidRecording(first_case_);
  as_first.set_inspector_reference(kSecond);
  auto first = GetFindings(first_case_);
  ASSERT_TRUE(first.ok());
  as_first.mutable_judgements(0)->set_answer("under_estimated");
  as_first.set_etag(first->etag());
  EXPECT_EQ(ReasonOf(Record(as_first).status()), common::kMarkersMustDiffer);
  // The first marker may not be given the second marking.
  auto self = Assign({other_case_}, kFirst);
  ASSERT_TRUE(self.ok());
  v1::RecordSecondMarkingRequest own = SecondMarking(other_case_, false);
  own.set_inspector_reference(kFirst);
  EXPECT_EQ(ReasonOf(Mark(own, kFirst).status()), common::kMarkersMustDiffer);
  // Nothing was stored by any refusal.
  v1::GetSecondMarkingRequest get;
  get.set_name(FindingsName(first_case_) + "/secondMarking");
  EXPECT_EQ(As(kSecond, &Findings::GetSecondMarking, get).status().code(),
            absl::StatusCode::kNotFound);
}

TEST_F(ModerationTest, DisagreementsAreResolvedBeforeVerdictsAreAgreed) {
  ASSERT_TRUE(Assign({first_case_}).ok());
  auto marked = Mark(SecondMarking(first_case_, true));
  ASSERT_TRUE(marked.ok()) << marked.status();

  // The verdicts flag the case; agreeing them is refused at both doors.
  auto verdicts = testing::Call(findings_.stub(), &Findings::GetVerdicts,
                                VerdictsRequest());
  ASSERT_TRUE(verdicts.ok());
  ASSERT_EQ(verdicts->moderation_holds_size(), 1);
  EXPECT_EQ(verdicts->moderation_holds(0).case_findings(),
            FindingsName(first_case_));
  EXPECT_EQ(std::vector<std::string>(
                verdicts->moderation_holds(0).open_criterion_ids().begin(),
                verdicts->moderation_holds(0).open_criterion_ids().end()),
            std::vector<std::string>({"1.1"}));
  v1::AdvanceInspectionRequest direct;
  direct.set_name(inspection());
  direct.set_state(v1::INSPECTION_STATE_VERDICTS_AGREED);
  auto at_intake = testing::Call(
      intake_.stub(), &v1::CaseIntake::Stub::AdvanceInspection, direct);
  EXPECT_EQ(ReasonOf(at_intake.status()), common::kModerationOpen);
  v1::AgreeVerdictsRequest agree;
  agree.set_inspection(inspection());
  auto refused =
      testing::Call(findings_.stub(), &Findings::AgreeVerdicts, agree);
  EXPECT_EQ(refused.status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_EQ(ReasonOf(refused.status()), common::kModerationOpen);
  EXPECT_NE(refused.status().message().find(first_case_ +
                                            ": criterion 1.1 disagreed"),
            std::string::npos)
      << refused.status();

  // The one disagreement, with both answers and notes.
  v1::ListDisagreementsRequest list;
  list.set_parent(inspection());
  auto listed =
      testing::Call(findings_.stub(), &Findings::ListDisagreements, list);
  ASSERT_TRUE(listed.ok()) << listed.status();
  ASSERT_EQ(listed->disagreements_size(), 1);
  const v1::Disagreement& d = listed->disagreements(0);
  EXPECT_EQ(d.criterion_id(), "1.1");
  EXPECT_EQ(d.first_answer(), "yes");
  EXPECT_EQ(d.second_answer(), "no");
  EXPECT_EQ(d.first_marker_reference(), kFirst);
  EXPECT_EQ(d.second_answer(), "no");
  EXPECT_FALSE(d.has_resolution());

  // An answer outside the scale is refused; then resolved as "no".
  v1::ResolveDisagreementRequest resolve;
  resolve.set_case_findings(FindingsName(first_case_));
  resolve.set_criterion_id("1.1");
  resolve.set_agreed_answer("maybe");
  resolve.set_reason("the plan on file predates the sentence");
  resolve.set_moderator_reference("LEAD-1");
  auto bad =
      testing::Call(findings_.stub(), &Findings::ResolveDisagreement, resolve);
  EXPECT_EQ(FieldsOf(bad.status()),
            std::vector<std::string>({"agreed_answer"}));
  resolve.set_agreed_answer("no");
  auto resolved =
      testing::Call(findings_.stub(), &Findings::ResolveDisagreement, resolve);
  ASSERT_TRUE(resolved.ok()) << resolved.status();
  EXPECT_EQ(resolved->resolution().agreed_answer(), "no");

  // The verdicts count the agreed answer, and nothing is held.
  auto before_counts = verdicts->criteria();
  auto after = testing::Call(findings_.stub(), &Findings::GetVerdicts,
                             VerdictsRequest());
  ASSERT_TRUE(after.ok());
  EXPECT_EQ(after->moderation_holds_size(), 0);
  auto count_of = [](const auto& criteria,
                     const std::string& value) -> int64_t {
    for (const auto& c : criteria) {
      if (c.criterion_id() != "1.1") continue;
      auto it = c.by_value().find(value);
      return it == c.by_value().end() ? 0 : it->second;
    }
    return -1;
  };
  EXPECT_EQ(count_of(after->criteria(), "no"),
            count_of(before_counts, "no") + 1);
  EXPECT_EQ(count_of(after->criteria(), "yes"),
            count_of(before_counts, "yes") - 1);

  // The agreement figures: three pairs, two agreeing.
  v1::GetAgreementRequest agreement;
  agreement.set_inspection(inspection());
  auto figures =
      testing::Call(findings_.stub(), &Findings::GetAgreement, agreement);
  ASSERT_TRUE(figures.ok()) << figures.status();
  EXPECT_EQ(figures->overall().pairs(), 3);
  EXPECT_EQ(figures->overall().agreeing(), 2);
  EXPECT_EQ(figures->overall().observed_agreement().numerator(), 2);
  EXPECT_EQ(figures->overall().observed_agreement().denominator(), 3);
  ASSERT_GE(figures->criteria_size(), 1);
  EXPECT_EQ(figures->criteria(0).criterion_id(), "1.1");  // lowest first
  // 1.1: yes against no, kappa (0*1 - 0) / (1 - 0) = 0.
  EXPECT_TRUE(figures->criteria(0).figures().cohens_kappa().defined());
  EXPECT_EQ(figures->criteria(0).figures().cohens_kappa().numerator(), 0);
  // 3.4: both "na", one category only: kappa has no value, and says why.
  for (const auto& c : figures->criteria()) {
    if (c.criterion_id() != "3.4") continue;
    EXPECT_FALSE(c.figures().cohens_kappa().defined());
    EXPECT_FALSE(c.figures().cohens_kappa().undefined_reason().empty());
  }
  ASSERT_EQ(figures->inspector_pairs_size(), 1);
  EXPECT_EQ(figures->inspector_pairs(0).first_marker_reference(), kFirst);
  EXPECT_EQ(figures->disagreements_open(), 0);

  // The first marker changes the disputed answer: recorded as such, and
  // the disagreement opens again.
  auto first = GetFindings(first_case_);
  ASSERT_TRUE(first.ok());
  v1::RecordJudgementsRequest change =
      ChangeByInsp02(first_case_, Answer("1.1", "under_estimated"));
  change.mutable_judgements(0)->set_criterion_id("2.5");
  change.set_inspector_reference(kFirst);
  change.set_etag(first->etag());
  ASSERT_TRUE(Record(change).ok());
  auto history = History(first_case_);
  ASSERT_TRUE(history.ok());
  EXPECT_FALSE(history->revisions(0).after_second_marking_started());
  EXPECT_TRUE(history->revisions(history->revisions_size() - 1)
                  .after_second_marking_started());
  list.set_open_only(true);
  auto reopened =
      testing::Call(findings_.stub(), &Findings::ListDisagreements, list);
  ASSERT_TRUE(reopened.ok());
  ASSERT_EQ(reopened->disagreements_size(), 1);
  EXPECT_EQ(reopened->disagreements(0).criterion_id(), "2.5");
  EXPECT_TRUE(reopened->disagreements(0)
                  .first_marking_changed_after_second_marking_started());
  resolve.set_criterion_id("2.5");
  resolve.set_agreed_answer("right");
  ASSERT_TRUE(
      testing::Call(findings_.stub(), &Findings::ResolveDisagreement, resolve)
          .ok());

  // Now the verdicts can be agreed, through the findings service.
  auto agreed =
      testing::Call(findings_.stub(), &Findings::AgreeVerdicts, agree);
  ASSERT_TRUE(agreed.ok()) << agreed.status();
  EXPECT_EQ(agreed->state(), v1::INSPECTION_STATE_VERDICTS_AGREED);
  ASSERT_TRUE(CaughtUp());
  EXPECT_EQ(
      testing::Call(findings_.stub(), &Findings::ResolveDisagreement, resolve)
          .status()
          .code(),
      absl::StatusCode::kFailedPrecondition);
}

TEST_F(ModerationTest, AnErasedCaseLeavesNoMarkingAndHoldsNothingBack) {
  ASSERT_TRUE(Assign({first_case_}).ok());
  ASSERT_TRUE(Mark(SecondMarking(first_case_, false)).ok());
  auto held = testing::Call(findings_.stub(), &Findings::GetVerdicts,
                            VerdictsRequest());
  ASSERT_TRUE(held.ok());
  EXPECT_EQ(held->moderation_holds_size(), 1);

  v1::DeleteCaseRequest erase;
  erase.set_name(first_case_);
  erase.set_reason("the YOT's retention period for the case ended");
  ASSERT_TRUE(
      testing::Call(intake_.stub(), &v1::CaseIntake::Stub::DeleteCase, erase)
          .ok());
  ASSERT_TRUE(CaughtUp());

  // The second marking went with the case, and nothing is held for it.
  v1::GetSecondMarkingRequest get;
  get.set_name(FindingsName(first_case_) + "/secondMarking");
  EXPECT_EQ(As(kSecond, &Findings::GetSecondMarking, get).status().code(),
            absl::StatusCode::kNotFound);
  auto after = testing::Call(findings_.stub(), &Findings::GetVerdicts,
                             VerdictsRequest());
  ASSERT_TRUE(after.ok());
  EXPECT_EQ(after->moderation_holds_size(), 0);
  v1::AgreeVerdictsRequest agree;
  agree.set_inspection(inspection());
  auto agreed =
      testing::Call(findings_.stub(), &Findings::AgreeVerdicts, agree);
  EXPECT_TRUE(agreed.ok()) << agreed.status();
}

TEST_F(ModerationTest, ARestartMidSecondMarkingLosesNothing) {
  ASSERT_TRUE(Assign({first_case_}).ok());
  v1::RecordSecondMarkingRequest partial = SecondMarking(first_case_, false);
  partial.mutable_judgements()->DeleteSubrange(2, 1);
  auto recorded = Mark(partial);
  ASSERT_TRUE(recorded.ok()) << recorded.status();

  intake_.Restart();
  findings_.Restart();
  ASSERT_TRUE(CaughtUp());

  v1::GetSecondMarkingRequest get;
  get.set_name(FindingsName(first_case_) + "/secondMarking");
  auto kept = As(kSecond, &Findings::GetSecondMarking, get);
  ASSERT_TRUE(kept.ok()) << kept.status();
  EXPECT_EQ(kept->SerializeAsString(), recorded->SerializeAsString());
  // Still blind after the restart, and the assignment still holds.
  v1::GetCaseFindingsRequest read;
  read.set_name(FindingsName(first_case_));
  EXPECT_EQ(As(kSecond, &Findings::GetCaseFindings, read).status().code(),
            absl::StatusCode::kPermissionDenied);
  v1::RecordSecondMarkingRequest rest = SecondMarking(first_case_, true);
  rest.set_etag(kept->etag());
  auto submitted = Mark(rest);
  ASSERT_TRUE(submitted.ok()) << submitted.status();
  EXPECT_EQ(submitted->revision(), 2);
  EXPECT_EQ(submitted->judgements_size(), 3);
}

}  // namespace
}  // namespace yjinspect
