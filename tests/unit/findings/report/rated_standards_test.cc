// services/findings/report/rated_standards.h: the rated report's ratings
// table and its findings standard by standard, from the built-in 2021
// framework and a synthetic ratings inspection (report_fixtures.h).

#include "services/findings/report/rated_standards.h"

#include <string>
#include <vector>

#include "absl/strings/match.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "services/findings/report/markdown_writer.h"
#include "tests/unit/findings/report/report_fixtures.h"

namespace yjinspect::findings {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

v1::SectionVerdict* Verdict(testing::ReportCase& c, absl::string_view id) {
  for (v1::SectionVerdict& v : *c.verdicts.mutable_sections()) {
    if (v.section_id() == id) return &v;
  }
  ADD_FAILURE() << "no verdict for " << id;
  return c.verdicts.add_sections();
}

std::string Standards(const testing::ReportCase& c) {
  auto blocks = StandardBlocks(*c.framework, c.verdicts, {});
  EXPECT_TRUE(blocks.ok()) << blocks.status();
  return blocks.ok() ? WriteMarkdown(*blocks) : "";
}

TEST(BandEdgeTest, ExactWhereWholeElseToOneDecimalPlace) {
  v1::Fraction f;
  f.set_numerator(13);
  f.set_denominator(20);
  EXPECT_EQ(BandEdge(f), "65%");
  f.set_numerator(5);
  f.set_denominator(8);
  EXPECT_EQ(BandEdge(f), "62.5%");
  // Never a rounded edge: some shares would fall the wrong side of it.
  f.set_numerator(2);
  f.set_denominator(3);
  EXPECT_EQ(BandEdge(f), "2/3");
  f.set_denominator(0);
  EXPECT_EQ(BandEdge(f), "0%");
}

TEST(KeyQuestionLabelTest, NumberedKeyQuestionsKeepTheirNumbers) {
  EXPECT_EQ(KeyQuestionLabel("v1_1"), "V1.1");
  EXPECT_EQ(KeyQuestionLabel("v12_3_4"), "V12.3.4");
  EXPECT_EQ(KeyQuestionLabel("safety_of_child"), "Safety of child");
  EXPECT_EQ(KeyQuestionLabel("v_1"), "V 1");
  EXPECT_EQ(KeyQuestionLabel("v1"), "V1");
}

TEST(RatedReportRatingsTableTest, OverallFirstThenEachDomainsStandards) {
  const testing::ReportCase c = testing::RatingsInspection();
  const std::string md =
      WriteMarkdown(RatedReportRatingsTable(*c.framework, c.verdicts, "Y"));
  EXPECT_THAT(md, HasSubstr("*Ratings of Y*\n\n| Standard | Rating |\n"
                            "| --- | --- |\n"
                            "| Overall rating | **Good** (score 24 of 36) |\n"
                            "| **Domain 1: Organisational delivery** |  |\n"
                            "| 1.1 Governance and leadership | **Good** |\n"));
  EXPECT_THAT(md, HasSubstr("| **Domain 3: Out-of-court disposals** |  |\n"
                            "| 3.1 Assessment | **Good** |\n"));
  EXPECT_THAT(md, HasSubstr("| 4.1 Resettlement policy and provision | "
                            "**Good** (not counted in the overall score) |"));
}

TEST(RatedReportRatingsTableTest, SaysWhatOverridesChangedAndWhatIsMissing) {
  testing::ReportCase c = testing::RatingsInspection();
  v1::SectionVerdict* planning = Verdict(c, "2.2");
  planning->set_overridden(true);
  planning->set_final_rating("Requires improvement");
  v1::SectionVerdict* reviewing = Verdict(c, "2.4");
  reviewing->set_final_rating("");
  reviewing->set_status(v1::RATING_STATUS_INSUFFICIENT_EVIDENCE);
  v1::OverallRating* overall = c.verdicts.mutable_overall();
  overall->set_final_rating("");
  overall->set_status(v1::RATING_STATUS_AWAITING_SECTIONS);
  overall->add_missing_sections("2.4");
  const std::vector<Block> table =
      RatedReportRatingsTable(*c.framework, c.verdicts, "Y");
  const std::string md = WriteMarkdown(table);
  EXPECT_THAT(md, HasSubstr("| 2.2 Planning | **Requires improvement** "
                            "(overridden from Good) |"));
  EXPECT_THAT(md, HasSubstr("| 2.4 Reviewing | Insufficient evidence |"));
  EXPECT_THAT(md, HasSubstr("| Overall rating | Not yet rated ("));
  // Only ratings are coloured: never the words saying there is none.
  for (const auto& row : table.at(0).rows) {
    for (const auto& cell : row) {
      for (const findings::Run& run : cell) {
        if (run.style == RunStyle::kRating) {
          EXPECT_THAT(run.text, Not(HasSubstr("rated")));
          EXPECT_THAT(run.text, Not(HasSubstr("evidence")));
        }
      }
    }
  }
}

TEST(RatedReportRatingsTableTest, NoRatedSectionNoTable) {
  const testing::ReportCase sqs = testing::BoltonSqs();
  EXPECT_TRUE(
      RatedReportRatingsTable(*sqs.framework, sqs.verdicts, "Y").empty());
}

TEST(StandardBlocksTest, EachCaseStandardSaysWhereItsRatingComesFrom) {
  const std::string md = Standards(testing::RatingsInspection());
  EXPECT_THAT(
      md,
      HasSubstr("## Domain 3: Out-of-court disposals\n\n### 3.1 Assessment\n\n"
                "Rating: **Good**.\n\nThe rating from the cases is that of the "
                "key question with the lowest share judged sufficient: "
                "desistance, at 77% (14 of 18 cases)."));
  EXPECT_THAT(md, HasSubstr("- Keeping others safe: 80% (12 of 15 cases)\n"));
  EXPECT_THAT(md, HasSubstr("### 4.1 Resettlement policy and provision\n\n"
                            "Rating: **Good**. Not counted in the overall "
                            "score."));
}

TEST(StandardBlocksTest, AnOverrideIsStatedWithItsReason) {
  testing::ReportCase c = testing::RatingsInspection();
  v1::SectionVerdict* planning = Verdict(c, "2.2");
  planning->set_overridden(true);
  planning->set_final_rating("Requires improvement");
  planning->set_override_reason("plans were copied between cases");
  EXPECT_THAT(Standards(c),
              HasSubstr("Rating: **Requires improvement**. The lead inspector "
                        "changed it from Good: Plans were copied between "
                        "cases."));
}

TEST(StandardBlocksTest, FindingsAreListedUnderTheirOwnStandard) {
  testing::ReportCase c = testing::RatingsInspection();
  v1::ProposedFinding* strength = c.verdicts.add_strengths();
  strength->set_criterion_id("2.1-desistance");
  strength->set_section_id("2.1");
  strength->set_wording("assessment looked at what would help");
  strength->set_decision(v1::FINDING_DECISION_ADDED);
  v1::ProposedFinding* rejected = c.verdicts.add_improvements();
  rejected->set_criterion_id("3.2-desistance");
  rejected->set_section_id("3.2");
  rejected->set_wording("rejected wording");
  rejected->set_decision(v1::FINDING_DECISION_REJECTED);
  const std::string md = Standards(c);
  const size_t assessment = md.find("### 2.1 Assessment");
  const size_t planning = md.find("### 2.2 Planning");
  const size_t at =
      md.find("#### Strengths\n\n- Assessment looked at what would help.\n");
  EXPECT_LT(assessment, at);
  EXPECT_LT(at, planning);
  EXPECT_THAT(md, Not(HasSubstr("rejected wording")));
  EXPECT_THAT(md, Not(HasSubstr("Areas for improvement")));
}

TEST(StandardBlocksTest, APanelsRatingGivesItsReasons) {
  testing::ReportCase c = testing::RatingsInspection();
  Verdict(c, "1.1")->set_panel_reason("The board knew its data.");
  EXPECT_THAT(Standards(c),
              HasSubstr("### 1.1 Governance and leadership\n\nRating: "
                        "**Good**.\n\nThe board knew its data.\n"));
}

// The verdicts mark the first of equal lowest shares; the report names
// every one of them.
TEST(StandardBlocksTest, EqualLowestSharesAreAllNamed) {
  testing::ReportCase c = testing::RatingsInspection();
  v1::SectionVerdict* assessment = Verdict(c, "2.1");
  for (v1::KeyQuestionShare& share : *assessment->mutable_key_questions()) {
    if (share.key_question() == "safety_and_wellbeing") {
      share.set_positive(7);
      share.set_applicable(9);
      share.set_percent(77);
    }
  }
  const std::string md = Standards(c);
  EXPECT_THAT(md, HasSubstr("The rating from the cases is that of the lowest "
                            "share judged sufficient, which two key questions "
                            "share equally: desistance, at 77% (14 of 18 "
                            "cases); and safety and wellbeing, at 77% (7 of 9 "
                            "cases)."));
  EXPECT_THAT(md, HasSubstr("- Safety and wellbeing: 77% (7 of 9 cases), the "
                            "lowest\n"));
}

// An override where the evidence gave no rating is said to be one.
TEST(StandardBlocksTest, AnOverrideWithoutARatingFromTheEvidenceIsSaidSo) {
  testing::ReportCase c = testing::RatingsInspection();
  v1::SectionVerdict* reviewing = Verdict(c, "2.4");
  reviewing->set_computed_rating("");
  reviewing->set_status(v1::RATING_STATUS_INSUFFICIENT_EVIDENCE);
  reviewing->set_overridden(true);
  reviewing->set_final_rating("Good");
  reviewing->set_override_reason("the reviews seen were sound");
  EXPECT_THAT(Standards(c),
              HasSubstr("Rating: **Good**. The evidence gave no rating; the "
                        "lead inspector set it: The reviews seen were "
                        "sound."));
  v1::OverallRating* overall = c.verdicts.mutable_overall();
  overall->set_computed_rating("");
  overall->set_overridden(true);
  overall->add_missing_sections("2.4");
  const std::string md =
      WriteMarkdown(RatedReportRatingsTable(*c.framework, c.verdicts, "Y"));
  EXPECT_THAT(md, HasSubstr("| 2.4 Reviewing | **Good** (set by the lead "
                            "inspector; the evidence gave no rating) |"));
  EXPECT_THAT(md, HasSubstr("| Overall rating | **Good** (score 24 of 36 so "
                            "far, 1 standard not yet rated; set by the lead "
                            "inspector) |"));
}

// A standard named as its domain heads it; the domain's other standards
// then sit under a heading of their domain, never under their neighbour.
TEST(StandardBlocksTest, HeadingsNestByDomain) {
  testing::ReportCase c = testing::RatingsInspection();
  v1::Framework framework = *c.framework;
  for (v1::Section& section : *framework.mutable_sections()) {
    if (section.id() == "4.1") section.set_domain("");
  }
  c.framework = &framework;
  Verdict(c, "4.1")->set_domain("");
  const std::string md = Standards(c);
  EXPECT_THAT(md, HasSubstr("\n## 4.1 Resettlement policy and provision\n"));
  const std::string table =
      WriteMarkdown(RatedReportRatingsTable(framework, c.verdicts, "Y"));
  // Its own group, not the out-of-court domain's.
  EXPECT_THAT(table, HasSubstr("| **4.1 Resettlement policy and provision** "
                               "|  |\n| 4.1 Resettlement policy and provision "
                               "|"));
}

TEST(StandardBlocksTest, AMissingVerdictIsRefused) {
  testing::ReportCase c = testing::RatingsInspection();
  c.verdicts.mutable_sections()->RemoveLast();
  const auto blocks = StandardBlocks(*c.framework, c.verdicts, {});
  EXPECT_EQ(blocks.status().code(), absl::StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace yjinspect::findings
