// services/findings/verdicts/verdict_engine.h: counting, scope, shares,
// findings, overrides, and refusal of bad input.

#include "services/findings/verdicts/verdict_engine.h"

#include <algorithm>
#include <string>
#include <vector>

#include "absl/strings/match.h"
#include "google/protobuf/util/message_differencer.h"
#include "gtest/gtest.h"
#include "tests/testing/criterion_count.h"
#include "tests/unit/findings/verdicts/verdict_fixtures.h"

namespace yjinspect::findings {
namespace {

using testing::Case;
using testing::CasesWithMixes;
using testing::Interview;
using testing::KeyQuestionFramework;
using testing::Override;
using testing::Panel;
using testing::ShareFramework;
using ::yjinspect::testing::CountOf;

constexpr auto kReferralOrder = v1::DISPOSAL_TYPE_REFERRAL_ORDER;
constexpr auto kYouthCaution = v1::DISPOSAL_TYPE_YOUTH_CAUTION;

TEST(VerdictEngineTest, CountsEveryCriterionInFrameworkOrder) {
  const auto verdicts = ComputeVerdicts(
      ShareFramework(),
      {Case("c1", kReferralOrder, {{"1.1", "yes"}, {"2.5", "under"}}),
       Case("c2", kReferralOrder, {{"1.1", "no"}, {"2.5", "right"}}),
       Case("c3", kReferralOrder, {{"1.1", "na"}, {"2.5", "under"}}),
       Case("c4", kReferralOrder, {{"2.5", "over"}})},
      {}, {});
  ASSERT_TRUE(verdicts.ok()) << verdicts.status();
  std::vector<std::string> ids;
  for (const auto& count : verdicts->criteria()) {
    ids.push_back(count.criterion_id());
  }
  EXPECT_EQ(ids, (std::vector<std::string>{"1.1", "1.4", "1.9", "2.3", "2.5",
                                           "om.1"}));
  const v1::CriterionCount& assessed = CountOf(*verdicts, "1.1");
  EXPECT_EQ(assessed.section_id(), "1");
  EXPECT_EQ(assessed.positive(), 1);
  EXPECT_EQ(assessed.negative(), 1);
  EXPECT_EQ(assessed.not_applicable(), 1);
  EXPECT_EQ(assessed.unanswered(), 1);
  EXPECT_EQ(assessed.applicable(), 2);
  const v1::CriterionCount& risk = CountOf(*verdicts, "2.5");
  EXPECT_EQ(risk.positive(), 1);
  EXPECT_EQ(risk.negative(), 3);
  EXPECT_EQ(risk.by_value().at("right"), 1);
  EXPECT_EQ(risk.by_value().at("under"), 2);
  EXPECT_EQ(risk.by_value().at("over"), 1);
  EXPECT_EQ(CountOf(*verdicts, "1.4").by_value().at("yes"), 0);
}

TEST(VerdictEngineTest, CourtSectionCountsOnlyCourtCasesAndViceVersa) {
  const auto verdicts = ComputeVerdicts(
      KeyQuestionFramework(),
      {Case("court", kReferralOrder,
            {{"2.1-desistance", "yes"}, {"3.1-desistance", "yes"}}),
       Case("dto", v1::DISPOSAL_TYPE_DETENTION_AND_TRAINING_ORDER,
            {{"2.1-desistance", "no"}}),
       Case("caution", kYouthCaution,
            {{"2.1-desistance", "no"}, {"3.1-desistance", "no"}}),
       Case("unknown-disposal", v1::DISPOSAL_TYPE_UNSPECIFIED,
            {{"2.1-desistance", "no"}})},
      {}, {});
  ASSERT_TRUE(verdicts.ok()) << verdicts.status();
  const v1::CriterionCount& court = CountOf(*verdicts, "2.1-desistance");
  EXPECT_EQ(court.positive(), 1);
  EXPECT_EQ(court.negative(), 1);
  EXPECT_EQ(court.out_of_scope(), 2);
  const v1::CriterionCount& out_of_court = CountOf(*verdicts, "3.1-desistance");
  EXPECT_EQ(out_of_court.positive(), 0);
  EXPECT_EQ(out_of_court.negative(), 1);
  EXPECT_EQ(out_of_court.out_of_scope(), 1);
  EXPECT_EQ(out_of_court.unanswered(), 0);
  EXPECT_EQ(verdicts->sections(0).cases_in_scope(), 2);
  EXPECT_EQ(verdicts->sections(1).cases_in_scope(), 1);
}

// KeyQuestionFramework with pools: 2.1 judges the court pool, 3.1 the
// out-of-court pool, and a resettlement panel section is informed by the
// resettlement pool.
v1::Framework PooledFramework() {
  v1::Framework framework = KeyQuestionFramework();
  for (v1::Section& section : *framework.mutable_sections()) {
    if (section.id() == "2.1") section.add_pools("court");
    if (section.id() == "3.1") section.add_pools("out-of-court");
    section.clear_scope();
  }
  v1::Section& resettlement = *framework.add_sections();
  resettlement.set_id("4.1");
  resettlement.set_title("Resettlement policy and provision");
  resettlement.set_evidence(v1::EVIDENCE_SOURCE_PANEL);
  resettlement.set_scoring(v1::SCORING_METHOD_PANEL_RATING);
  resettlement.add_pools("resettlement");
  return framework;
}

v1::CaseAnswers InPool(v1::CaseAnswers record, const std::string& pool) {
  record.set_pool_id(pool);
  return record;
}

TEST(VerdictEngineTest, WithPoolsTheCasesPoolDecidesWhichSectionsCountIt) {
  const auto verdicts = ComputeVerdicts(
      PooledFramework(),
      {InPool(Case("court", kReferralOrder,
                   {{"2.1-desistance", "yes"}, {"3.1-desistance", "yes"}}),
              "court"),
       // A custodial case sampled for resettlement is not a court case here.
       InPool(Case("dto", v1::DISPOSAL_TYPE_DETENTION_AND_TRAINING_ORDER,
                   {{"2.1-desistance", "no"}}),
              "resettlement"),
       InPool(Case("caution", kYouthCaution, {{"3.1-desistance", "no"}}),
              "out-of-court")},
      {Panel("4.1", "Good")}, {});
  ASSERT_TRUE(verdicts.ok()) << verdicts.status();
  const v1::CriterionCount& court = CountOf(*verdicts, "2.1-desistance");
  EXPECT_EQ(court.positive(), 1);
  EXPECT_EQ(court.negative(), 0);
  EXPECT_EQ(court.out_of_scope(), 1);
  const v1::CriterionCount& out_of_court = CountOf(*verdicts, "3.1-desistance");
  EXPECT_EQ(out_of_court.positive(), 0);
  EXPECT_EQ(out_of_court.negative(), 1);
  EXPECT_EQ(out_of_court.out_of_scope(), 1);
  const v1::SectionVerdict& resettlement = *verdicts->sections().rbegin();
  EXPECT_EQ(resettlement.section_id(), "4.1");
  EXPECT_EQ(resettlement.cases_in_scope(), 1);
  EXPECT_EQ(resettlement.status(), v1::RATING_STATUS_RATED);
  EXPECT_EQ(resettlement.final_rating(), "Good");
}

TEST(VerdictEngineTest, APanelSectionWhosePoolsAreEmptyIsNotRated) {
  const auto verdicts = ComputeVerdicts(
      PooledFramework(),
      {InPool(Case("court", kReferralOrder, {{"2.1-desistance", "yes"}}),
              "court")},
      {Panel("4.1", "Good")}, {});
  ASSERT_TRUE(verdicts.ok()) << verdicts.status();
  const v1::SectionVerdict& resettlement = *verdicts->sections().rbegin();
  EXPECT_EQ(resettlement.cases_in_scope(), 0);
  EXPECT_EQ(resettlement.status(), v1::RATING_STATUS_NOT_RATED);
  EXPECT_TRUE(resettlement.final_rating().empty());
}

TEST(VerdictEngineTest, InterviewsCountOnlyForInterviewSections) {
  const auto verdicts = ComputeVerdicts(
      ShareFramework(),
      {Interview("cm1", {{"om.1", "yes"}, {"1.1", "no"}}),
       Interview("cm2", {{"om.1", "yes"}}),
       Case("c1", kReferralOrder, {{"om.1", "no"}, {"1.1", "yes"}})},
      {}, {});
  ASSERT_TRUE(verdicts.ok()) << verdicts.status();
  const v1::CriterionCount& om = CountOf(*verdicts, "om.1");
  EXPECT_EQ(om.positive(), 2);
  EXPECT_EQ(om.negative(), 0);
  EXPECT_EQ(om.out_of_scope(), 1);
  EXPECT_EQ(CountOf(*verdicts, "1.1").positive(), 1);
  EXPECT_EQ(CountOf(*verdicts, "1.1").out_of_scope(), 1);
  EXPECT_EQ(verdicts->sections(2).share().numerator(), 2);
  EXPECT_EQ(verdicts->sections(2).share().denominator(), 2);
}

TEST(VerdictEngineTest, ShareSectionSumsScoredCriteriaOnly) {
  // Theme 1: 1.1 2 yes of 3, 1.4 0 of 0 (all N/A), unscored 1.9 all no.
  const auto verdicts = ComputeVerdicts(
      ShareFramework(),
      CasesWithMixes(
          {{"1.1", {2, 1, 0}}, {"1.4", {0, 0, 3}}, {"1.9", {0, 3, 0}}}),
      {}, {});
  ASSERT_TRUE(verdicts.ok()) << verdicts.status();
  const v1::SectionVerdict& theme = verdicts->sections(0);
  EXPECT_EQ(theme.share().numerator(), 2);
  EXPECT_EQ(theme.share().denominator(), 3);
  EXPECT_EQ(theme.percent(), 66);  // Rounded down, never overstated.
  EXPECT_EQ(theme.status(), v1::RATING_STATUS_NOT_RATED);  // No bands.
  EXPECT_EQ(theme.computed_rating(), "");
  EXPECT_EQ(verdicts->sections(1).status(),
            v1::RATING_STATUS_INSUFFICIENT_EVIDENCE);
  EXPECT_FALSE(verdicts->sections(1).has_share());
  EXPECT_EQ(verdicts->overall().status(), v1::RATING_STATUS_NOT_RATED);
}

TEST(VerdictEngineTest, SectionOverrideKeepsTheComputedRatingAndScoresFinal) {
  const auto verdicts = ComputeVerdicts(
      KeyQuestionFramework(), CasesWithMixes({{"2.1-desistance", {79, 21}}}),
      {},
      {Override("2.1", "Outstanding", "Strong recent improvement.", "LI-07")});
  ASSERT_TRUE(verdicts.ok()) << verdicts.status();
  const v1::SectionVerdict& section = verdicts->sections(0);
  EXPECT_EQ(section.computed_rating(), "Good");
  EXPECT_EQ(section.final_rating(), "Outstanding");
  EXPECT_TRUE(section.overridden());
  EXPECT_EQ(section.override_reason(), "Strong recent improvement.");
  EXPECT_EQ(section.override_by(), "LI-07");
  EXPECT_EQ(section.points(), 3);
}

TEST(VerdictEngineTest, OverrideCanRateAnInsufficientlyEvidencedSection) {
  const auto verdicts = ComputeVerdicts(
      KeyQuestionFramework(), {}, {Panel("1.1", "Good")},
      {Override("3.1", "Requires improvement", "No out-of-court cases.")});
  ASSERT_TRUE(verdicts.ok()) << verdicts.status();
  EXPECT_EQ(verdicts->sections(1).status(),
            v1::RATING_STATUS_INSUFFICIENT_EVIDENCE);
  EXPECT_EQ(verdicts->sections(1).final_rating(), "Requires improvement");
  EXPECT_EQ(verdicts->sections(2).computed_rating(), "Good");
  EXPECT_EQ(verdicts->sections(2).panel_reason(), "Evidence from the panel.");
  // 2.1 has no final rating yet.
  EXPECT_EQ(verdicts->overall().status(), v1::RATING_STATUS_AWAITING_SECTIONS);
  EXPECT_EQ(verdicts->overall().score(), 3);
  EXPECT_EQ(verdicts->overall().max_score(), 9);
}

TEST(VerdictEngineTest, ProposesStrengthsAndImprovementsByThreshold) {
  // 1.1 at 4/5 reaches the strength threshold; 2.3 at 1/3 is below 1/2;
  // 1.4 at 0/2 is below it but has fewer than 3 applicable answers.
  const auto verdicts = ComputeVerdicts(
      ShareFramework(),
      CasesWithMixes({{"1.1", {4, 1}}, {"2.3", {1, 2}}, {"1.4", {0, 2}}}), {},
      {});
  ASSERT_TRUE(verdicts.ok()) << verdicts.status();
  ASSERT_EQ(verdicts->strengths_size(), 1);
  const v1::ProposedFinding& strength = verdicts->strengths(0);
  EXPECT_EQ(strength.criterion_id(), "1.1");
  EXPECT_EQ(strength.wording(),
            "Assessment of the factors linked to offending.");
  EXPECT_EQ(strength.positive(), 4);
  EXPECT_EQ(strength.applicable(), 5);
  EXPECT_EQ(strength.percent(), 80);
  EXPECT_TRUE(strength.proposed());
  EXPECT_EQ(strength.decision(), v1::FINDING_DECISION_PROPOSED);
  ASSERT_EQ(verdicts->improvements_size(), 1);
  EXPECT_EQ(verdicts->improvements(0).criterion_id(), "2.3");
  EXPECT_EQ(verdicts->improvements(0).section_id(), "2");
  EXPECT_EQ(verdicts->improvements(0).wording(),
            "Assessments of violence should identify its nature.");
}

TEST(VerdictEngineTest, OverridesConfirmRejectAndAddFindings) {
  const auto verdicts = ComputeVerdicts(
      ShareFramework(),
      CasesWithMixes({{"1.1", {4, 1}}, {"2.3", {1, 2}}, {"1.4", {0, 2}}}), {},
      {Override("strength:1.1", "confirm", "Seen in every interview."),
       Override("improvement:2.3", "reject", "Violence work is new."),
       Override("improvement:1.4", "confirm", "Both reports lacked it.")});
  ASSERT_TRUE(verdicts.ok()) << verdicts.status();
  ASSERT_EQ(verdicts->strengths_size(), 1);
  EXPECT_EQ(verdicts->strengths(0).decision(), v1::FINDING_DECISION_CONFIRMED);
  EXPECT_EQ(verdicts->strengths(0).reason(), "Seen in every interview.");
  ASSERT_EQ(verdicts->improvements_size(), 2);
  // Framework order: 1.4 before 2.3.
  EXPECT_EQ(verdicts->improvements(0).criterion_id(), "1.4");
  EXPECT_FALSE(verdicts->improvements(0).proposed());
  EXPECT_EQ(verdicts->improvements(0).decision(), v1::FINDING_DECISION_ADDED);
  EXPECT_EQ(verdicts->improvements(0).wording(),
            "the report made no clear proposal");
  EXPECT_EQ(verdicts->improvements(1).decision(),
            v1::FINDING_DECISION_REJECTED);
  EXPECT_EQ(verdicts->improvements(1).decided_by(), "LI-01");
}

TEST(VerdictEngineTest, OutputDoesNotDependOnCaseOrder) {
  std::vector<v1::CaseAnswers> cases =
      CasesWithMixes({{"2.1-desistance", {7, 3, 2}},
                      {"2.1-safety", {5, 5}},
                      {"2.1-others", {1, 1, 10}}});
  const auto forward = ComputeVerdicts(KeyQuestionFramework(), cases, {}, {});
  std::reverse(cases.begin(), cases.end());
  const auto backward = ComputeVerdicts(KeyQuestionFramework(), cases, {}, {});
  ASSERT_TRUE(forward.ok() && backward.ok());
  EXPECT_TRUE(
      google::protobuf::util::MessageDifferencer::Equals(*forward, *backward));
}

}  // namespace
}  // namespace yjinspect::findings
