#pragma once

// The fixture of the findings service's integration tests: intake and
// findings servers in this process, intake holding a caseload with an
// inspection and its drawn sample (SampledIntakeTest), findings caught up
// with it; and the calls
// the tests make, each with a deadline.

#include <string>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "common/field_violations.h"
#include "common/resource_names.h"
#include "gtest/gtest.h"
#include "tests/integration/sampled_intake_fixture.h"
#include "tests/testing/findings_harness.h"
#include "tests/testing/unary_call.h"

namespace yjinspect {

inline constexpr absl::Duration kCatchUpTimeout = absl::Seconds(10);

inline std::string CaseIdOf(const std::string& case_name) {
  return common::ParseCaseName(case_name)->case_id;
}

inline std::vector<std::string> FieldsOf(const absl::Status& status) {
  std::vector<std::string> fields;
  for (const auto& v : common::ViolationsOf(status)) fields.push_back(v.field);
  return fields;
}

inline v1::Judgement Answer(const std::string& criterion,
                            const std::string& answer,
                            const std::string& note = "") {
  v1::Judgement j;
  j.set_criterion_id(criterion);
  j.set_answer(answer);
  j.set_evidence_note(note);
  return j;
}

class FindingsTest : public SampledIntakeTest {
 protected:
  void SetUp() override {
    ASSERT_NO_FATAL_FAILURE(SampledIntakeTest::SetUp());
    ASSERT_TRUE(CaughtUp());
  }

  // True once the findings service has applied everything intake logged.
  bool CaughtUp() {
    return findings_.server().feed().WaitForCursor(
        intake_.server().store().HeadSequence(), kCatchUpTimeout);
  }

  const std::string& inspection() const { return caseload_.inspection.name(); }

  std::string FindingsName(const std::string& case_name) const {
    return absl::StrCat(inspection(), "/caseFindings/", CaseIdOf(case_name));
  }

  // Answers to three criteria of three scales, one with evidence.
  v1::RecordJudgementsRequest ValidRecording(const std::string& case_name) {
    v1::RecordJudgementsRequest request;
    request.set_inspection(inspection());
    request.set_case_(case_name);
    request.set_inspector_reference("INSP-01");
    *request.add_judgements() = Answer("2.5", "right");
    *request.add_judgements() =
        Answer("1.1", "yes", "AssetPlus completed within 15 working days.");
    *request.add_judgements() = Answer("3.4", "na");
    return request;
  }

  absl::StatusOr<v1::CaseFindings> Record(
      const v1::RecordJudgementsRequest& request) {
    return testing::Call(findings_.stub(),
                         &v1::Findings::Stub::RecordJudgements, request);
  }

  // A second inspector's change of one answer, without an etag.
  v1::RecordJudgementsRequest ChangeByInsp02(const std::string& case_name,
                                             v1::Judgement answer) {
    v1::RecordJudgementsRequest change;
    change.set_inspection(inspection());
    change.set_case_(case_name);
    change.set_inspector_reference("INSP-02");
    *change.add_judgements() = std::move(answer);
    return change;
  }

  struct TwoRevisions {
    v1::CaseFindings first;
    v1::CaseFindings second;
  };

  // The case's findings as ValidRecording records them, then as
  // ChangeByInsp02 leaves them with the first one's etag.
  absl::StatusOr<TwoRevisions> RecordTwoRevisions(const std::string& case_name,
                                                  v1::Judgement answer) {
    TwoRevisions revisions;
    auto first = Record(ValidRecording(case_name));
    if (!first.ok()) return first.status();
    revisions.first = *std::move(first);
    v1::RecordJudgementsRequest change =
        ChangeByInsp02(case_name, std::move(answer));
    change.set_etag(revisions.first.etag());
    auto second = Record(change);
    if (!second.ok()) return second.status();
    revisions.second = *std::move(second);
    return revisions;
  }

  absl::StatusOr<v1::CaseFindings> GetFindings(const std::string& case_name) {
    v1::GetCaseFindingsRequest request;
    request.set_name(FindingsName(case_name));
    return testing::Call(findings_.stub(), &v1::Findings::Stub::GetCaseFindings,
                         request);
  }

  absl::StatusOr<v1::ListJudgementHistoryResponse> History(
      const std::string& case_name) {
    v1::ListJudgementHistoryRequest request;
    request.set_name(FindingsName(case_name));
    return testing::Call(findings_.stub(),
                         &v1::Findings::Stub::ListJudgementHistory, request);
  }

  // Fails the test unless the case's history holds `count` revisions.
  void ExpectRevisions(const std::string& case_name, int count) {
    auto history = History(case_name);
    ASSERT_TRUE(history.ok()) << history.status();
    EXPECT_EQ(history->revisions_size(), count);
  }

  absl::StatusOr<v1::Inspection> IntakeInspection() {
    v1::GetInspectionRequest request;
    request.set_name(inspection());
    return testing::Call(intake_.stub(), &v1::CaseIntake::Stub::GetInspection,
                         request);
  }

  absl::StatusOr<v1::Inspection> Draw(int64_t seed) {
    v1::DrawSampleRequest request;
    request.set_name(inspection());
    request.set_seed(seed);
    return testing::Call(intake_.stub(), &v1::CaseIntake::Stub::DrawSample,
                         request);
  }

  v1::FeedStatus FeedStatus() {
    auto got =
        testing::Call(findings_.stub(), &v1::Findings::Stub::GetFeedStatus,
                      v1::GetFeedStatusRequest());
    EXPECT_TRUE(got.ok()) << got.status();
    return got.ok() ? *got : v1::FeedStatus();
  }

  testing::FindingsHarness findings_{intake_.address(), /*sync=*/false};
};

}  // namespace yjinspect
