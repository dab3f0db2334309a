// services/findings/verdict_desk.h through the in-memory findings store and
// the real sqs-2014 frameworks, without gRPC: the report material of an
// inspection with and without judgements (and why it is refused while the
// sample is only partly judged), verdicts, progress, and recording the
// panel's and the lead inspector's decisions.

#include "services/findings/verdict_desk.h"

#include <map>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "common/error_details.h"
#include "common/error_reasons.h"
#include "common/field_violations.h"
#include "common/frameworks/framework_registry.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "services/findings/report/rendered_report.h"
#include "tests/testing/built_in_frameworks.h"
#include "tests/testing/case_builder.h"
#include "tests/testing/criterion_count.h"
#include "tests/testing/in_memory_findings_store.h"
#include "tests/testing/northmoor_inspection.h"
#include "tests/testing/status_matchers.h"

namespace yjinspect::findings {
namespace {

using testing::CountOf;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::yjinspect::testing::HasReason;

constexpr char kInspection[] = "inspections/northmoor-2026";
constexpr char kInspectionId[] = "northmoor-2026";
const std::vector<std::string>& SampleCaseIds() {
  static const auto* ids =
      new std::vector<std::string>{"NM-0001", "NM-0002", "NM-0003"};
  return *ids;
}

std::string CaseName(const std::string& case_id) {
  return absl::StrCat("yots/northmoor/cases/", case_id);
}

// With what the report names (the YOT, the fieldwork dates) and the sample.
v1::Inspection Inspection(v1::InspectionState state,
                          const std::string& framework_version = "2") {
  v1::Inspection inspection =
      testing::NorthmoorInspection(state, framework_version);
  inspection.set_yot_display_name("Northmoor Youth Justice Service");
  *inspection.mutable_fieldwork_start_date() = testing::MakeDate(2026, 9, 14);
  *inspection.mutable_fieldwork_end_date() = testing::MakeDate(2026, 9, 16);
  v1::InspectionSample& sample = *inspection.mutable_sample();
  sample.set_revision(1);
  sample.set_sample_size(static_cast<int32_t>(SampleCaseIds().size()));
  for (const auto& id : SampleCaseIds()) sample.add_cases(CaseName(id));
  return inspection;
}

// The sampled cases as intake's stream delivered them, but `missing`.
std::vector<v1::Case> Delivered(const std::string& missing = "") {
  std::vector<v1::Case> cases;
  for (const auto& id : SampleCaseIds()) {
    if (id == missing) continue;
    v1::Case c = testing::ValidCase();
    c.set_name(CaseName(id));
    cases.push_back(std::move(c));
  }
  return cases;
}

// Report inputs that count criteria 1.1 and 2.1 only, so that a sample
// answering those two is complete.
v1::ReportInputs Inputs() {
  v1::ReportInputs inputs;
  inputs.set_addressee("Chair of the Northmoor Youth Justice Board");
  inputs.set_sender("Assistant Chief Inspector");
  *inputs.mutable_publication_date() = testing::MakeDate(2026, 11, 20);
  inputs.set_lead_inspector("Lead Inspector");
  inputs.mutable_counted_criteria()->add_criterion_ids("1.1");
  inputs.mutable_counted_criteria()->add_criterion_ids("2.1");
  return inputs;
}

std::vector<std::string> FieldsOf(const absl::Status& status) {
  std::vector<std::string> fields;
  for (const auto& v : common::ViolationsOf(status)) fields.push_back(v.field);
  return fields;
}

v1::RecordVerdictDecisionRequest Override(const std::string& target,
                                          const std::string& value) {
  v1::RecordVerdictDecisionRequest request;
  request.set_inspection(kInspection);
  v1::VerdictOverride& o = *request.mutable_verdict_override();
  o.set_target(target);
  o.set_value(value);
  o.set_reason("Agreed at the moderation meeting.");
  o.set_by("LEAD-01");
  return request;
}

class VerdictDeskTest : public ::testing::Test {
 protected:
  explicit VerdictDeskTest(const std::string& missing = "")
      : store_(Inspection(v1::INSPECTION_STATE_FIELDWORK), Delivered(missing)) {
  }

  // Stores findings for `case_id` as CaseJudgements would have.
  void Judge(const std::string& case_id,
             const std::map<std::string, std::string>& answers) {
    auto stored = store_.UpdateFindings(
        kInspectionId, CaseName(case_id), case_id,
        [&](const std::optional<v1::CaseFindings>&)
            -> absl::StatusOr<std::optional<FindingsUpdate>> {
          FindingsUpdate update;
          update.findings.set_name(
              absl::StrCat(kInspection, "/caseFindings/", case_id));
          update.findings.set_case_(CaseName(case_id));
          for (const auto& [criterion, answer] : answers) {
            v1::Judgement& j = *update.findings.add_judgements();
            j.set_criterion_id(criterion);
            j.set_answer(answer);
          }
          return std::optional<FindingsUpdate>(std::move(update));
        },
        common::AuditEvent());
    ASSERT_TRUE(stored.ok()) << stored.status();
  }
  void Interview(const std::string& id, const std::string& answer) {
    auto stored = store_.UpdateInterview(
        kInspectionId, id,
        [&](const std::optional<v1::CaseFindings>&)
            -> absl::StatusOr<std::optional<FindingsUpdate>> {
          FindingsUpdate update;
          update.findings.set_name(
              absl::StrCat(kInspection, "/interviews/", id));
          v1::Judgement& j = *update.findings.add_judgements();
          j.set_criterion_id("om.1");
          j.set_answer(answer);
          return std::optional<FindingsUpdate>(std::move(update));
        });
    ASSERT_TRUE(stored.ok()) << stored.status();
  }
  void SetInputs(const v1::ReportInputs& inputs) {
    ASSERT_TRUE(store_
                    .UpdateReportInputs(kInspectionId,
                                        [&](const auto&) { return inputs; })
                    .ok());
  }
  // Every sampled case answers both counted criteria.
  void JudgeTheWholeSample() {
    Judge("NM-0001", {{"1.1", "yes"}, {"2.1", "yes"}});
    Judge("NM-0002", {{"1.1", "yes"}, {"2.1", "no"}});
    Judge("NM-0003", {{"1.1", "no"}, {"2.1", "yes"}});
  }
  // What the desk answers `read` about the inspection; a refusal fails the
  // test and reads as an empty answer.
  template <typename Request, typename Answer>
  Answer Read(absl::StatusOr<Answer> (VerdictDesk::*read)(const Request&)
                  const) {
    Request request;
    request.set_inspection(kInspection);
    absl::StatusOr<Answer> answer = (desk_.*read)(request);
    EXPECT_TRUE(answer.ok()) << answer.status();
    return answer.ok() ? *answer : Answer();
  }
  v1::InspectionVerdicts Verdicts() { return Read(&VerdictDesk::Verdicts); }
  v1::InspectionProgress Progress() { return Read(&VerdictDesk::Progress); }
  // The report gathered with NM-0002 alone unjudged: held back.
  absl::StatusOr<ReportMaterial> GatherWithoutJudgingTheSecondCase() {
    SetInputs(Inputs());
    Judge("NM-0001", {{"1.1", "yes"}, {"2.1", "yes"}});
    Judge("NM-0003", {{"1.1", "yes"}, {"2.1", "yes"}});
    auto material = desk_.GatherReport(kInspection);
    EXPECT_EQ(material.status().code(), absl::StatusCode::kFailedPrecondition);
    return material;
  }
  // Records the lead inspector's override of `target`.
  absl::StatusOr<v1::VerdictDecisions> Decide(const std::string& target,
                                              const std::string& value) {
    return desk_.RecordDecision(Override(target, value), common::AuditEvent());
  }
  v1::VerdictDecisions StoredDecisions() {
    return *store_.GetDecisions(kInspectionId);
  }

  testing::InMemoryFindingsStore store_;
  VerdictDesk desk_{store_, testing::BuiltInFrameworks()};
};

TEST_F(VerdictDeskTest, TheMaterialCarriesWhatTheReportIsRenderedFrom) {
  JudgeTheWholeSample();
  Interview("IV-01", "yes");
  Interview("IV-02", "no");
  SetInputs(Inputs());
  ASSERT_TRUE(Decide("improvement:1.1", "confirm").ok());

  auto material = desk_.GatherReport(kInspection);
  ASSERT_TRUE(material.ok()) << material.status();
  EXPECT_EQ(material->framework,
            testing::BuiltInFrameworks().Find("sqs-2014", "2"));
  EXPECT_EQ(material->inspection.name(), kInspection);
  EXPECT_EQ(material->inputs.addressee(), Inputs().addressee());
  EXPECT_EQ(material->cases_examined, 3);
  EXPECT_EQ(material->staff_interviewed, 2);
  EXPECT_THAT(material->decision_order, ElementsAre("improvement:1.1"));
  const v1::CriterionCount& assessed = CountOf(material->verdicts, "1.1");
  EXPECT_EQ(assessed.positive(), 2);
  EXPECT_EQ(assessed.negative(), 1);
  EXPECT_EQ(assessed.unanswered(), 0);
  const v1::CriterionCount& interviews = CountOf(material->verdicts, "om.1");
  EXPECT_EQ(interviews.positive(), 1);
  EXPECT_EQ(interviews.negative(), 1);

  // What was gathered is enough to render.
  auto report =
      RenderReport(*std::move(material), v1::REPORT_EDITION_PUBLISHED);
  ASSERT_TRUE(report.ok()) << report.status();
  EXPECT_THAT(report->markdown(), HasSubstr(Inputs().addressee()));
}

TEST_F(VerdictDeskTest, NoReportBeforeItsInputsAreSet) {
  JudgeTheWholeSample();
  auto material = desk_.GatherReport(kInspection);
  EXPECT_EQ(material.status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_THAT(material.status().message(), HasSubstr("SetReportInputs"));
  EXPECT_THAT(material.status(), HasReason(common::kReportInputsMissing));
  EXPECT_THAT(material.status(),
              testing::ViolatesPrecondition(
                  "REPORT_INPUTS", "inspections/northmoor-2026/reportInputs"));
}

TEST_F(VerdictDeskTest, WithoutJudgementsThereAreVerdictsButNoReport) {
  SetInputs(Inputs());
  auto material = desk_.GatherReport(kInspection);
  EXPECT_EQ(material.status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_THAT(material.status().message(),
              HasSubstr("3 of the 3 sampled cases of "
                        "inspections/northmoor-2026 have no judgements yet"));
  EXPECT_THAT(material.status(), HasReason(common::kCasesNotJudged));
  EXPECT_EQ(common::ErrorInfoOf(material.status())->metadata,
            (common::ErrorMetadata{{"cases_not_received", "0"},
                                   {"unjudged_cases", "3"}}));
  // The counts so far are still there to be read.
  const v1::InspectionVerdicts verdicts = Verdicts();
  const v1::CriterionCount& assessed = CountOf(verdicts, "1.1");
  EXPECT_EQ(assessed.applicable(), 0);
  EXPECT_EQ(assessed.unanswered(), 3);
}

TEST_F(VerdictDeskTest, OneUnjudgedCaseHoldsTheReportBack) {
  auto material = GatherWithoutJudgingTheSecondCase();
  EXPECT_THAT(material.status().message(),
              HasSubstr("1 of the 3 sampled cases of "
                        "inspections/northmoor-2026 has no judgements yet"));
  EXPECT_THAT(material.status().message(),
              ::testing::Not(HasSubstr("not held")));
}

TEST_F(VerdictDeskTest, ACountedCriterionAJudgedCaseLeftOpenHoldsItBack) {
  SetInputs(Inputs());
  Judge("NM-0001", {{"1.1", "yes"}, {"2.1", "yes"}});
  Judge("NM-0002", {{"1.1", "yes"}});
  Judge("NM-0003", {{"1.1", "no"}});
  auto material = desk_.GatherReport(kInspection);
  EXPECT_EQ(material.status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_THAT(material.status().message(), HasSubstr("2.1 (2)"));
  EXPECT_THAT(material.status(), HasReason(common::kCriteriaUnanswered));
  EXPECT_EQ(common::ErrorInfoOf(material.status())->metadata.at("criteria"),
            "2.1");
  // Criteria the report does not count may stay unanswered: with 2.1 out of
  // the counted criteria the same answers make a report.
  v1::ReportInputs inputs = Inputs();
  inputs.mutable_counted_criteria()->clear_criterion_ids();
  inputs.mutable_counted_criteria()->add_criterion_ids("1.1");
  SetInputs(inputs);
  EXPECT_TRUE(desk_.GatherReport(kInspection).ok());
}

class VerdictDeskCaseNotHeldTest : public VerdictDeskTest {
 protected:
  VerdictDeskCaseNotHeldTest() : VerdictDeskTest("NM-0002") {}
};

TEST_F(VerdictDeskCaseNotHeldTest, TheMessageSaysSampledCasesAreNotHeld) {
  const absl::Status held_back = GatherWithoutJudgingTheSecondCase().status();
  EXPECT_THAT(held_back.message(),
              HasSubstr("(1 not held by the findings service"));
  EXPECT_THAT(held_back, HasReason(common::kCasesNotJudged));
  EXPECT_EQ(common::ErrorInfoOf(held_back)->metadata.at("cases_not_received"),
            "1");

  const v1::InspectionProgress progress = Progress();
  EXPECT_EQ(progress.sample_size(), 3);
  EXPECT_EQ(progress.cases_received(), 2);
  EXPECT_EQ(progress.cases_judged(), 2);
}

TEST_F(VerdictDeskTest, ProgressCountsCasesJudgedAndInterviews) {
  Judge("NM-0002", {{"1.1", "yes"}});
  Interview("IV-01", "yes");
  const v1::InspectionProgress progress = Progress();
  EXPECT_EQ(progress.inspection(), kInspection);
  EXPECT_EQ(progress.state(), v1::INSPECTION_STATE_FIELDWORK);
  EXPECT_EQ(progress.sample_revision(), 1);
  EXPECT_EQ(progress.cases_received(), 3);
  EXPECT_EQ(progress.cases_judged(), 1);
  EXPECT_EQ(progress.interviews(), 1);
}

TEST_F(VerdictDeskTest, UnknownOrMalformedInspectionsAreRefused) {
  EXPECT_EQ(desk_.GatherReport("inspections/elsewhere-2026").status().code(),
            absl::StatusCode::kNotFound);
  EXPECT_EQ(desk_.GatherReport("northmoor-2026").status().code(),
            absl::StatusCode::kInvalidArgument);
  store_.ReplaceInspection(Inspection(v1::INSPECTION_STATE_FIELDWORK, "99"));
  auto material = desk_.GatherReport(kInspection);
  EXPECT_EQ(material.status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_THAT(material.status().message(), HasSubstr("version 99"));
  EXPECT_THAT(material.status(), HasReason(common::kFrameworkUnknown));
}

TEST_F(VerdictDeskTest, VerdictsOfASupersededVersionSaySo) {
  EXPECT_FALSE(Verdicts().has_framework_superseded());
  store_.ReplaceInspection(Inspection(v1::INSPECTION_STATE_FIELDWORK, "1"));
  const v1::InspectionVerdicts verdicts = Verdicts();
  EXPECT_EQ(verdicts.framework_version(), "1");
  EXPECT_EQ(verdicts.framework_superseded().by_version(), "2");
}

TEST_F(VerdictDeskTest, ADecisionNeedsItsKindAndReason) {
  v1::RecordVerdictDecisionRequest none;
  none.set_inspection(kInspection);
  auto refused = desk_.RecordDecision(none, common::AuditEvent());
  EXPECT_EQ(refused.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(FieldsOf(refused.status()), ElementsAre("decision"));

  v1::RecordVerdictDecisionRequest unreasoned =
      Override("improvement:1.1", "confirm");
  unreasoned.mutable_verdict_override()->clear_reason();
  unreasoned.set_inspection("northmoor-2026");
  refused = desk_.RecordDecision(unreasoned, common::AuditEvent());
  EXPECT_EQ(refused.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(FieldsOf(refused.status()),
              ElementsAre("verdict_override.reason", "inspection"));
  EXPECT_EQ(StoredDecisions().overrides_size(), 0);
}

TEST_F(VerdictDeskTest, TheEngineJudgesWhatADecisionMaySay) {
  // sqs-2014 has no section the panel rates.
  v1::RecordVerdictDecisionRequest panel;
  panel.set_inspection(kInspection);
  panel.mutable_panel_rating()->set_section_id("1");
  panel.mutable_panel_rating()->set_rating("Good");
  panel.mutable_panel_rating()->set_reason("Seen at the panel meeting.");
  EXPECT_EQ(desk_.RecordDecision(panel, common::AuditEvent()).status().code(),
            absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(Decide("improvement:1.1", "perhaps").status().code(),
            absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(StoredDecisions().panel_ratings_size(), 0);
  EXPECT_EQ(StoredDecisions().overrides_size(), 0);
}

TEST_F(VerdictDeskTest, ALaterDecisionForATargetReplacesTheEarlierOne) {
  ASSERT_TRUE(Decide("improvement:1.1", "confirm").ok());
  ASSERT_TRUE(Decide("improvement:1.2", "confirm").ok());
  auto decisions = Decide("improvement:1.1", "reject");
  ASSERT_TRUE(decisions.ok()) << decisions.status();
  ASSERT_EQ(decisions->overrides_size(), 2);
  EXPECT_EQ(decisions->overrides(0).target(), "improvement:1.2");
  EXPECT_EQ(decisions->overrides(1).target(), "improvement:1.1");
  EXPECT_EQ(decisions->overrides(1).value(), "reject");
}

// A rerun of a run spec repeats every decision once the verdicts are
// agreed: each one already stored changes nothing; a new one is refused.
TEST_F(VerdictDeskTest, TheSameDecisionAgainAfterAgreementChangesNothing) {
  ASSERT_TRUE(Decide("improvement:1.1", "confirm").ok());
  ASSERT_TRUE(Decide("improvement:1.2", "confirm").ok());
  store_.ReplaceInspection(Inspection(v1::INSPECTION_STATE_VERDICTS_AGREED));
  auto again = Decide("improvement:1.1", "confirm");
  ASSERT_TRUE(again.ok()) << again.status();
  ASSERT_EQ(again->overrides_size(), 2);
  EXPECT_EQ(again->overrides(0).target(), "improvement:1.1");
  EXPECT_EQ(Decide("improvement:1.1", "reject").status().code(),
            absl::StatusCode::kFailedPrecondition);
}

TEST_F(VerdictDeskTest, TheRecordedDecisionsAreReadBack) {
  v1::GetVerdictDecisionsRequest request;
  request.set_inspection(kInspection);
  auto none = desk_.Decisions(request);
  ASSERT_TRUE(none.ok()) << none.status();
  EXPECT_EQ(none->overrides_size(), 0);
  EXPECT_EQ(none->panel_ratings_size(), 0);

  ASSERT_TRUE(Decide("improvement:1.1", "confirm").ok());
  auto one = desk_.Decisions(request);
  ASSERT_TRUE(one.ok()) << one.status();
  ASSERT_EQ(one->overrides_size(), 1);
  EXPECT_EQ(one->overrides(0).target(), "improvement:1.1");
  EXPECT_EQ(one->overrides(0).value(), "confirm");
}

TEST_F(VerdictDeskTest, DecisionsOfAnUnknownOrMalformedInspectionAreRefused) {
  v1::GetVerdictDecisionsRequest request;
  request.set_inspection("inspections/elsewhere-2026");
  EXPECT_EQ(desk_.Decisions(request).status().code(),
            absl::StatusCode::kNotFound);
  request.set_inspection("northmoor-2026");
  auto malformed = desk_.Decisions(request);
  EXPECT_EQ(malformed.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(FieldsOf(malformed.status()), ElementsAre("inspection"));
}

TEST_F(VerdictDeskTest, AgreedVerdictsTakeOnlyTheSameDecisionAgain) {
  ASSERT_TRUE(Decide("improvement:1.1", "confirm").ok());
  store_.ReplaceInspection(Inspection(v1::INSPECTION_STATE_VERDICTS_AGREED));
  EXPECT_TRUE(Decide("improvement:1.1", "confirm").ok());
  auto changed = Decide("improvement:1.1", "reject");
  EXPECT_EQ(changed.status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_THAT(changed.status(), HasReason(common::kWrongState));
  ASSERT_EQ(StoredDecisions().overrides_size(), 1);
  EXPECT_EQ(StoredDecisions().overrides(0).value(), "confirm");
}

}  // namespace
}  // namespace yjinspect::findings
