// The Bolton Short Quality Screening (December 2014) from intake to report:
// examples/bolton-sqs-2014.run.textproto run through both services over real
// gRPC, as `yjinspect run` does. The report must state each figure of the
// published letter (HMI Probation, 21 January 2015) in the letter's
// words, the verdicts must count exactly what the fixture recorded, and a
// second run must change nothing.

#include <map>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "cli/inspection_run.h"
#include "common/frameworks/framework_registry.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/testing/findings_harness.h"
#include "tests/testing/intake_harness.h"
#include "tests/testing/recorded_run.h"
#include "tests/testing/unary_call.h"
#include "yjinspect/v1/findings_service.grpc.pb.h"
#include "yjinspect/v1/intake_service.grpc.pb.h"

#ifndef YJ_SOURCE_DIR
#error "YJ_SOURCE_DIR must name the source tree (set in tests/bolton.cmake)"
#endif

namespace yjinspect {
namespace {

using testing::Call;
using ::testing::HasSubstr;
using ::testing::Not;

constexpr char kSpecPath[] =
    YJ_SOURCE_DIR "/examples/bolton-sqs-2014.run.textproto";
constexpr char kInspection[] = "inspections/bolton-2014-12";

// `text` as the report's HTML writer escapes it (html_writer.h: & < > " '
// become character references), written independently of the writer.
std::string Html(absl::string_view text) {
  return absl::StrReplaceAll(text, {{"&", "&amp;"},
                                    {"<", "&lt;"},
                                    {">", "&gt;"},
                                    {"\"", "&quot;"},
                                    {"'", "&#39;"}});
}

// Both services in this process, the spec read from the source tree, and
// the outcome of running it once.
using BoltonRun = testing::InProcessRun;

class BoltonTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    run_ = new BoltonRun();
    run_->Read(kSpecPath);
    run_->outcome = run_->Run();
  }
  static void TearDownTestSuite() {
    delete run_;
    run_ = nullptr;
  }

  void SetUp() override { ASSERT_TRUE(run_->Succeeded()); }

  static const config::v1::InspectionRunSpec& spec() { return *run_->spec; }
  static const v1::RenderedReport& report() { return run_->outcome->report; }

  // Expects `text` in the Markdown and, escaped, in the HTML.
  static void ExpectStated(absl::string_view text) {
    EXPECT_THAT(report().markdown(), HasSubstr(std::string(text)));
    EXPECT_THAT(report().html(), HasSubstr(Html(text)));
  }
  static void ExpectNotStated(absl::string_view text) {
    EXPECT_THAT(report().markdown(), Not(HasSubstr(std::string(text))));
    EXPECT_THAT(report().html(), Not(HasSubstr(Html(text))));
  }

  static absl::StatusOr<v1::InspectionVerdicts> Verdicts() {
    v1::GetVerdictsRequest request;
    request.set_inspection(kInspection);
    return Call(run_->findings.stub(), &v1::Findings::Stub::GetVerdicts,
                request);
  }

  static BoltonRun* run_;
};

BoltonRun* BoltonTest::run_ = nullptr;

const v1::CriterionCount* FindCount(const v1::InspectionVerdicts& verdicts,
                                    absl::string_view criterion_id) {
  for (const v1::CriterionCount& count : verdicts.criteria()) {
    if (count.criterion_id() == criterion_id) return &count;
  }
  return nullptr;
}

// Criterion ids of the findings a report states (proposed, confirmed or
// added; not rejected).
std::set<std::string> Standing(
    const google::protobuf::RepeatedPtrField<v1::ProposedFinding>& findings) {
  std::set<std::string> ids;
  for (const v1::ProposedFinding& f : findings) {
    if (f.decision() != v1::FINDING_DECISION_REJECTED) {
      ids.insert(f.criterion_id());
    }
  }
  return ids;
}

TEST_F(BoltonTest, FixtureAnswersAgreeWithTheCaseRecords) {
  std::map<std::string, const v1::Case*> records;
  for (const v1::CreateCaseRequest& c : spec().cases()) {
    records[absl::StrCat(c.parent(), "/cases/", c.case_id())] = &c.case_();
  }
  int dto = 0, custody = 0, looked_after = 0, learning_disability = 0,
      violence = 0, sexual = 0, psr = 0, mappa = 0;
  for (const v1::RecordJudgementsRequest& request : spec().judgements()) {
    SCOPED_TRACE(request.case_());
    ASSERT_EQ(records.count(request.case_()), 1u);
    const v1::Case& c = *records[request.case_()];
    std::map<std::string, std::string> answers;
    for (const v1::Judgement& j : request.judgements()) {
      answers[j.criterion_id()] = j.answer();
    }
    bool has_violence = false;
    bool has_sexual = false;
    for (const v1::Offence& o : c.offences()) {
      has_violence |=
          o.category() == v1::OFFENCE_CATEGORY_VIOLENCE_AGAINST_THE_PERSON;
      has_sexual |= o.category() == v1::OFFENCE_CATEGORY_SEXUAL;
    }
    const bool ld =
        c.child().learning_disability() == v1::NEED_STATUS_IDENTIFIED;
    const bool lac =
        c.child().looked_after_status() == v1::LOOKED_AFTER_STATUS_LOOKED_AFTER;
    const bool eligible_for_mappa =
        c.assessment().mappa().category() != v1::MAPPA_CATEGORY_NOT_ELIGIBLE;
    EXPECT_EQ(answers["1.6"], ld ? "yes" : "no");
    EXPECT_EQ(answers["1.7"] == "na", !c.has_pre_sentence_report_date());
    EXPECT_EQ(answers["1.8"] == "na", !c.has_pre_sentence_report_date());
    EXPECT_EQ(answers["2.3"] == "na", !has_violence);
    EXPECT_EQ(answers["2.4"] == "na", !has_sexual);
    EXPECT_EQ(answers["2.8"] == "na", !eligible_for_mappa);
    EXPECT_EQ(answers["3.4"] == "na", !lac);
    const bool is_dto =
        c.disposal().type() == v1::DISPOSAL_TYPE_DETENTION_AND_TRAINING_ORDER;
    dto += is_dto;
    custody += c.disposal().setting() == v1::SUPERVISION_SETTING_CUSTODY;
    looked_after += lac;
    learning_disability += ld;
    violence += has_violence;
    sexual += has_sexual;
    psr += c.has_pre_sentence_report_date();
    mappa += eligible_for_mappa;
  }
  EXPECT_EQ(spec().judgements_size(), 20);
  EXPECT_EQ(dto, 4);
  EXPECT_EQ(custody, 3);
  EXPECT_EQ(mappa, 3);
  EXPECT_EQ(looked_after, 4);
  EXPECT_EQ(learning_disability, 9);
  EXPECT_EQ(violence, 16);
  EXPECT_EQ(sexual, 2);
  EXPECT_EQ(psr, 12);
}

TEST_F(BoltonTest, SampleIsTheTwentyNamedCases) {
  const v1::InspectionSample& sample = run_->outcome->inspection.sample();
  EXPECT_EQ(sample.method(), v1::SAMPLE_METHOD_NAMED);
  EXPECT_EQ(sample.sample_size(), 20);
  EXPECT_EQ(sample.frame_size(), 20);
  EXPECT_EQ(sample.cases_size(), spec().named_cases_size());
}

TEST_F(BoltonTest, ReportGivesTheSampleAndTheDates) {
  ExpectStated("We examined 20 cases");
  ExpectStated("from 15th \u2013 17th December 2014");
  ExpectStated("21st January 2015");
}

TEST_F(BoltonTest, ReportGivesTheReoffendingRateAgainstItsComparators) {
  ExpectStated("36.0%");
  ExpectStated(
      "This was better than the previous year and slightly worse than the "
      "England and Wales average of 35.7%.");
  ExpectStated(
      "Published October 2014 based on binary reoffending rates after 12 "
      "months for the January 2012-December 2012 cohort. Source: Ministry of "
      "Justice");
}

TEST_F(BoltonTest, ReportGivesTheLookedAfterOffendingRate) {
  ExpectStated("(5.0%) was lower than the English average (5.6%)");
  ExpectStated(
      "Published December 2014 by the Department for Education - Offending "
      "by Looked After Children");
}

// Every count the letter states, as the report states it. The letter's
// words are in the comment above each; the statements are the framework's.
TEST_F(BoltonTest, ReportReproducesEachCountedSentenceOfTheLetter) {
  // 1.1 "an assessment of relevant factors had been undertaken in all cases"
  ExpectStated(
      "In all cases, an assessment of the factors linked to offending had "
      "been undertaken.");
  // 1.3 "almost half of the children and young people in our sample had a
  // learning disability"
  ExpectStated(
      "In almost half of the cases, the child or young person had a learning "
      "disability.");
  // 1.5 "In all but one case, there had been an effective review of the
  // case."
  ExpectStated(
      "In all but one case, there had been an effective review of the "
      "case.");
  // 2.2 "In all inspected cases, there was an assessment of the risk of
  // harm that a child or young person posed to other people."
  ExpectStated(
      "In all cases, there was an assessment of the risk of harm that the "
      "child or young person posed to other people.");
  // 2.3 "in six cases there was insufficient identification of the exact
  // nature of the violence": a counted shortfall, stated alone as the
  // letter states it; the letter gives no count of the rest.
  ExpectStated(
      "In six cases, there was insufficient identification of the exact "
      "nature of the violence.");
  ExpectNotStated("In the remaining ten");
  // 2.5 "In most cases, we felt that the assessed level of risk was correct.
  // In the remaining three, we felt that the risk was under estimated."
  ExpectStated(
      "In most cases, the assessed level of risk of serious harm was "
      "correct. In the remaining three, the risk of serious harm had been "
      "under-estimated.");
  // 3.1 "In each relevant case, we saw joint work ..."
  ExpectStated(
      "In each relevant case, there was joint work with children's social "
      "care and between the home and host YOT.");
  // 3.2 "In the majority of cases, staff took steps to understand the
  // vulnerabilities of the child or young person": the lead alone, as the
  // run names 3.1 lead-only. The letter gives no count of the rest, so
  // neither does the report.
  ExpectStated(
      "In the majority of cases, staff had taken steps to understand the "
      "vulnerabilities of the child or young person, without relying only "
      "on their own account.");
  ExpectNotStated("In the remaining eight");
  ExpectNotStated("staff had not done enough to understand");
  ExpectNotStated("relied on the child or young person's own account");
  // Operational management: "all of those interviewed stated that their
  // managers had the skills"; "All thought that management oversight of
  // risk of harm and safeguarding was effective."
  ExpectStated(
      "In all interviews, the case manager said that their manager had the "
      "skills needed to assess and improve the quality of their work.");
  ExpectStated(
      "In all interviews, the case manager thought that management "
      "oversight of risk of harm and safeguarding was effective.");
}

// The letter describes these criteria without a count ("usually", "on
// occasion", "sometimes", "did not always", "a number of", "tended to"), or
// not at all (theme 4, training): the report must leave them uncounted, so
// neither of their statements may appear in it.
TEST_F(BoltonTest, ReportLeavesUncountedWhatTheLetterDoesNotCount) {
  const std::set<std::string> counted = {"1.1", "1.6", "1.11", "2.1",  "2.3",
                                         "2.5", "3.1", "3.4",  "om.1", "om.2"};
  const std::set<std::string> described = {
      "1.2",   // "usually completed in good time"
      "1.3",   // "a wide range of information"
      "1.4",   // "when needed, specialist assessments ... were also used"
      "1.5",   // "attention was paid to ... diversity factors"
      "1.7",   // PSRs "were well written"
      "1.8",   // "on occasion ... sometimes ... a range of options"
      "1.9",   // "in both custody and community cases ... planning in place"
      "1.10",  // "Plans did not always include the views"
      "2.2",   // "well evidenced"
      "2.4",   // "tended to focus ... on the offence code"
      "2.6",   // "Planning was effective in managing risks to others", but
               // plans did not account for the nature of the violence
      "2.7",   // "attention paid to protecting victims"
      "2.8",   // "In a number of custody cases ... MAPPA"
      "3.2",   // "did not always use the knowledge"
      "3.3",   // "Planning was in place to minimise the risks"
      "3.5",   // specialist services: a key strength, not a count
      "4.1", "4.2", "4.3", "4.4",  // theme 4 counts nothing
      "om.3",                      // "complimentary about the training"
  };
  ASSERT_TRUE(spec().report_inputs().has_counted_criteria());
  const auto& ids = spec().report_inputs().counted_criteria().criterion_ids();
  EXPECT_EQ(std::set<std::string>(ids.begin(), ids.end()), counted);

  const absl::StatusOr<common::FrameworkRegistry> registry =
      common::FrameworkRegistry::LoadBuiltIn();
  ASSERT_TRUE(registry.ok()) << registry.status();
  const v1::Framework* framework =
      registry->Find(spec().inspection().framework_id(),
                     spec().inspection().framework_version());
  ASSERT_NE(framework, nullptr);
  size_t criteria = 0;
  for (const v1::Section& section : framework->sections()) {
    for (const v1::Criterion& c : section.criteria()) {
      ++criteria;
      SCOPED_TRACE(c.id());
      // Every criterion is one or the other.
      EXPECT_NE(counted.count(c.id()) > 0, described.count(c.id()) > 0);
      if (described.count(c.id()) == 0) continue;
      ExpectNotStated(c.positive_statement());
      ExpectNotStated(c.negative_statement());
    }
  }
  EXPECT_EQ(criteria, counted.size() + described.size());
}

// No counted sentence may claim more than the letter's evidence.
TEST_F(BoltonTest, ReportClaimsNothingTheLetterContradicts) {
  // "We did not see ... risk management plans which accounted for these
  // differences": planning did not manage the risk in every case.
  ExpectNotStated("planning was effective in managing the risks to others");
  // Theme 4: the letter counts nothing.
  const std::string& md = report().markdown();
  const size_t theme4 = md.find("#### 4. Ensuring that the sentence is served");
  const size_t management = md.find("#### Operational management");
  ASSERT_NE(theme4, std::string::npos) << md;
  ASSERT_NE(management, std::string::npos);
  EXPECT_THAT(md.substr(theme4, management - theme4), Not(HasSubstr("In ")))
      << "theme 4 states a count";
  // "on occasion", "sometimes": no count of pre-sentence reports.
  ExpectNotStated("pre-sentence report gave a range of options");
  // No interview count: the letter gives none, and "We also interviewed"
  // would make "this" in the next sentence refer to the interviews.
  ExpectNotStated("We also interviewed");
  ExpectStated(
      "were supervised by Bolton YOT. Wherever possible this was undertaken "
      "in conjunction with the allocated case manager");
}

TEST_F(BoltonTest, LetterPrintsNoScore) {
  ExpectNotStated("Score");
  ExpectNotStated("applicable judgement");
  ExpectNotStated("% (");
}

TEST_F(BoltonTest, ManagementBoardEditionAddsTheScoresMarkedSo) {
  v1::RenderReportRequest request;
  request.set_inspection(kInspection);
  request.set_edition(v1::REPORT_EDITION_MANAGEMENT_BOARD);
  auto board =
      Call(run_->findings.stub(), &v1::Findings::Stub::RenderReport, request);
  ASSERT_TRUE(board.ok()) << board.status();
  EXPECT_THAT(board->markdown(),
              HasSubstr("Management board edition, not the published report"));
  EXPECT_THAT(board->markdown(),
              HasSubstr("Score (not part of the published report): "));
  // The published edition, asked for by name, is the letter.
  request.set_edition(v1::REPORT_EDITION_PUBLISHED);
  auto published =
      Call(run_->findings.stub(), &v1::Findings::Stub::RenderReport, request);
  ASSERT_TRUE(published.ok()) << published.status();
  EXPECT_EQ(published->markdown(), report().markdown());
}

TEST_F(BoltonTest, FiguresAndTitleBelongToTheArea) {
  const std::string& md = report().markdown();
  EXPECT_NE(md.find("youth offending work in Bolton\n"), std::string::npos);
  EXPECT_NE(
      md.find("The published reoffending rate<sup>1</sup> for Bolton was"),
      std::string::npos);
  ExpectStated("Looked After Children in Bolton (5.0%)");
  EXPECT_NE(md.find("### Commentary on the inspection in Bolton:"),
            std::string::npos);
  ExpectNotStated("for Bolton YOT");
  EXPECT_NE(md.find("#### 4. Ensuring that the sentence is served"),
            std::string::npos);
}

TEST_F(BoltonTest, FindingsAreInTheOrderTheLeadInspectorRecorded) {
  const std::string& md = report().markdown();
  const size_t oversight = md.find("management oversight and supervision.");
  const size_t specialist = md.find("Access to specialist services");
  const size_t violence = md.find("Assessments of violence by children");
  const size_t proposals = md.find("Proposals in Pre-sentence reports");
  for (size_t at : {oversight, specialist, violence, proposals}) {
    ASSERT_NE(at, std::string::npos) << md;
  }
  // The letter's order, not the framework's (3.5 before om.2, 1.8 before
  // 2.3).
  EXPECT_LT(oversight, specialist);
  EXPECT_LT(violence, proposals);
}

TEST_F(BoltonTest, ReportListsTheLettersKeyStrengthsAndAreasOnly) {
  // The letter's two key strengths (om.2, 3.5) ...
  ExpectStated(
      "The quality of assessment, planning and recording achieved through "
      "consistent and robust management oversight and supervision.");
  ExpectStated(
      "Access to specialist services enhanced assessments and case "
      "managers' understanding of individual children and young people.");
  // ... and its two areas requiring improvement (2.3, 1.8).
  ExpectStated(
      "Assessments of violence by children and young people should identify "
      "how this is used and plan to manage this accordingly.");
  ExpectStated(
      "Proposals in Pre-sentence reports should clearly indicate which is "
      "likely to be the most effective.");
  // Proposed by the thresholds, rejected by the lead inspector: their
  // wordings (whole sentences, as the lists print them) are absent.
  ExpectNotStated(
      "Pre-sentence reports were well written, providing a clear outline of "
      "offending behaviour, risk of harm to others and vulnerabilities.");
  ExpectNotStated(
      "Cases were reviewed effectively, not only at set times but also in "
      "response to changes in children and young people's lives.");
  ExpectNotStated(
      "Assessments of risk of harm to others were thorough, well evidenced "
      "and based on a wide range of information.");
  ExpectNotStated(
      "The YOT understood its role in MAPPA and contributed effectively.");
  ExpectNotStated(
      "Joint work with children's social care and between home and host "
      "YOTs for looked after children was effective.");
  ExpectNotStated(
      "The communication needs of children and young people were known and "
      "responded to, including in court.");
  ExpectNotStated(
      "Assessments of vulnerability should not rely only on the child or "
      "young person's own account.");
}

TEST_F(BoltonTest, VerdictCountsEqualTheFixturesAnswers) {
  std::map<std::string, std::map<std::string, int64_t>> expected;
  for (const v1::RecordJudgementsRequest& c : spec().judgements()) {
    for (const v1::Judgement& j : c.judgements()) {
      ++expected[j.criterion_id()][j.answer()];
    }
  }
  for (const v1::RecordInterviewRequest& i : spec().interviews()) {
    for (const v1::Judgement& j : i.judgements()) {
      ++expected[j.criterion_id()][j.answer()];
    }
  }
  auto verdicts = Verdicts();
  ASSERT_TRUE(verdicts.ok()) << verdicts.status();
  ASSERT_EQ(static_cast<size_t>(verdicts->criteria_size()), expected.size());
  for (const v1::CriterionCount& count : verdicts->criteria()) {
    SCOPED_TRACE(count.criterion_id());
    EXPECT_EQ(count.unanswered(), 0);
    EXPECT_EQ(count.out_of_scope(), 0);
    for (const auto& [value, n] : count.by_value()) {
      EXPECT_EQ(n, expected[count.criterion_id()][value]) << value;
    }
  }
}

TEST_F(BoltonTest, VerdictCountsAreTheLetters) {
  auto verdicts = Verdicts();
  ASSERT_TRUE(verdicts.ok()) << verdicts.status();
  struct Expected {
    const char* criterion;
    int64_t positive, negative, not_applicable;
  };
  for (const Expected& e : {
           Expected{"1.1", 20, 0, 0},  // "in all cases"
           Expected{"1.6", 9, 11,
                    0},               // "almost half" had a learning disability
           Expected{"1.8", 9, 3, 8},  // "on occasion", "sometimes"
           Expected{"1.11", 19, 1, 0},  // "in all but one case"
           Expected{"2.3", 10, 6, 4},   // "in six cases"
           Expected{"2.4", 0, 2, 18},   // "two young people"
           Expected{"2.5", 17, 3, 0},   // "in the remaining three"
           Expected{"2.6", 14, 6, 0},   // plans not accounting for violence
           Expected{"3.1", 12, 8, 0},   // "the majority"
           Expected{"3.4", 4, 0, 16},   // looked after children
           Expected{"3.5", 8, 0, 12},   // specialist services
           Expected{"om.2", 6, 0, 0},   // "all thought"
       }) {
    SCOPED_TRACE(e.criterion);
    const v1::CriterionCount* count = FindCount(*verdicts, e.criterion);
    ASSERT_NE(count, nullptr);
    EXPECT_EQ(count->positive(), e.positive);
    EXPECT_EQ(count->negative(), e.negative);
    EXPECT_EQ(count->not_applicable(), e.not_applicable);
  }
  const v1::CriterionCount* rosh = FindCount(*verdicts, "2.5");
  ASSERT_NE(rosh, nullptr);
  EXPECT_EQ(rosh->by_value().at("under_estimated"), 3);
  EXPECT_EQ(rosh->by_value().at("over_estimated"), 0);
}

TEST_F(BoltonTest, DecisionsLeaveTheLettersFindings) {
  auto verdicts = Verdicts();
  ASSERT_TRUE(verdicts.ok()) << verdicts.status();
  EXPECT_EQ(Standing(verdicts->strengths()),
            (std::set<std::string>{"3.5", "om.2"}));
  EXPECT_EQ(Standing(verdicts->improvements()),
            (std::set<std::string>{"1.8", "2.3"}));
  for (const auto* findings :
       {&verdicts->strengths(), &verdicts->improvements()}) {
    for (const v1::ProposedFinding& f : *findings) {
      SCOPED_TRACE(f.criterion_id());
      // Every finding was proposed by the thresholds and then decided, but
      // 1.8 (9 of 12, exactly the 3/4 threshold), which the lead inspector
      // added as the letter did.
      EXPECT_EQ(f.proposed(), f.criterion_id() != "1.8");
      EXPECT_NE(f.decision(), v1::FINDING_DECISION_PROPOSED);
      EXPECT_FALSE(f.reason().empty());
      EXPECT_EQ(f.decided_by(), "INSP-01");
    }
  }
}

TEST_F(BoltonTest, RunningAgainChangesNothing) {
  auto again = run_->Run();
  ASSERT_TRUE(again.ok()) << again.status();
  EXPECT_EQ(again->report.markdown(), report().markdown());
  EXPECT_EQ(again->report.html(), report().html());
  EXPECT_EQ(again->inspection.sample().revision(), 1);

  v1::ListCasesRequest list;
  list.set_parent("yots/bolton");
  list.set_page_size(1000);
  auto cases =
      Call(run_->intake.stub(), &v1::CaseIntake::Stub::ListCases, list);
  ASSERT_TRUE(cases.ok()) << cases.status();
  EXPECT_EQ(cases->cases_size(), 20);
  EXPECT_TRUE(cases->next_page_token().empty());

  v1::ListCaseFindingsRequest findings;
  findings.set_parent(kInspection);
  findings.set_page_size(1000);
  auto recorded = Call(run_->findings.stub(),
                       &v1::Findings::Stub::ListCaseFindings, findings);
  ASSERT_TRUE(recorded.ok()) << recorded.status();
  EXPECT_EQ(recorded->case_findings_size(), 20);
  for (const v1::CaseFindings& f : recorded->case_findings()) {
    EXPECT_EQ(f.revision(), 1) << f.name();
  }

  v1::ListJudgementHistoryRequest history;
  history.set_name(absl::StrCat(kInspection, "/caseFindings/BOL-0001"));
  auto revisions = Call(run_->findings.stub(),
                        &v1::Findings::Stub::ListJudgementHistory, history);
  ASSERT_TRUE(revisions.ok()) << revisions.status();
  ASSERT_EQ(revisions->revisions_size(), 1);
  EXPECT_EQ(revisions->revisions(0).revision(), 1);
}

}  // namespace
}  // namespace yjinspect
