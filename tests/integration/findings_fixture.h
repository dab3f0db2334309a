#pragma once

// The fixture of the findings service's integration tests: intake and
// findings servers in this process, intake holding a caseload with an
// inspection and its drawn sample, findings caught up with it; and the calls
// the tests make, each with a deadline.

#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "common/field_violations.h"
#include "common/resource_names.h"
#include "gtest/gtest.h"
#include "tests/testing/findings_harness.h"
#include "tests/testing/intake_harness.h"
#include "tests/testing/sampled_caseload.h"
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

class FindingsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto loaded = testing::LoadSampledCaseload(intake_.stub());
    ASSERT_TRUE(loaded.ok()) << loaded.status();
    caseload_ = *loaded;
    ASSERT_GE(caseload_.sampled.size(), 14u);
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

  absl::StatusOr<v1::Case> UpdateAtIntake(const std::string& case_name,
                                          const std::string& manager) {
    v1::GetCaseRequest get;
    get.set_name(case_name);
    auto current =
        testing::Call(intake_.stub(), &v1::CaseIntake::Stub::GetCase, get);
    if (!current.ok()) return current.status();
    v1::UpdateCaseRequest update;
    *update.mutable_case_() = *current;
    update.mutable_case_()->set_case_manager_reference(manager);
    return testing::Call(intake_.stub(), &v1::CaseIntake::Stub::UpdateCase,
                         update);
  }

  v1::FeedStatus FeedStatus() {
    auto got =
        testing::Call(findings_.stub(), &v1::Findings::Stub::GetFeedStatus,
                      v1::GetFeedStatusRequest());
    EXPECT_TRUE(got.ok()) << got.status();
    return got.ok() ? *got : v1::FeedStatus();
  }

  absl::Status DeleteAtIntake(const std::string& case_name) {
    v1::DeleteCaseRequest request;
    request.set_name(case_name);
    request.set_reason("retention period ended");
    return testing::Call(intake_.stub(), &v1::CaseIntake::Stub::DeleteCase,
                         request)
        .status();
  }

  testing::IntakeHarness intake_{/*sync=*/false};
  testing::FindingsHarness findings_{intake_.address(), /*sync=*/false};
  testing::SampledCaseload caseload_;
};

}  // namespace yjinspect
