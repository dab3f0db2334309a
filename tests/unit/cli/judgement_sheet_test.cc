// Writing the judgement sheet and its criteria file: which criteria have a
// column, what each row is pre-filled with, and that every cell is CSV.

#include "cli/judgement_sheet.h"

#include <string>
#include <vector>

#include "cli/exchange/csv_reader.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/testing/matchers.h"
#include "tests/testing/sheet_framework.h"

namespace yjinspect::cli {
namespace {

constexpr char kCaseA[] = "yots/northmoor/cases/E-00";
constexpr char kCaseB[] = "yots/northmoor/cases/E-01";

std::vector<std::vector<std::string>> Cells(const std::string& csv) {
  auto records = exchange::ReadCsv(csv);
  EXPECT_TRUE(records.ok()) << records.status();
  std::vector<std::vector<std::string>> cells;
  if (records.ok()) {
    for (const auto& r : *records) cells.push_back(r.fields);
  }
  return cells;
}

v1::CaseFindings FindingsOfA() {
  v1::CaseFindings f;
  f.set_case_(kCaseA);
  f.set_etag("etag-a");
  v1::Judgement* j = f.add_judgements();
  j->set_criterion_id("1.2");
  j->set_answer("under_estimated");
  j->set_evidence_note("Plan said \"low\", then, later: high.\nSee review.");
  return f;
}

TEST(CaseCriteriaOfTest, KeepsCaseCriteriaInFrameworkOrder) {
  std::vector<std::string> ids;
  for (const auto& c : CaseCriteriaOf(testing::SheetFramework())) {
    ids.push_back(c.id);
  }
  EXPECT_THAT(ids, ElementsAre("1.1", "1.2", "2.1"));  // no om.1
}

TEST(CaseCriteriaOfTest, GivesAnswersLabelsAndScope) {
  auto criteria = CaseCriteriaOf(testing::SheetFramework());
  EXPECT_THAT(criteria[0].answers, ElementsAre("yes", "no", "na"));
  EXPECT_THAT(criteria[0].labels, ElementsAre("Yes", "No", "Not applicable"));
  EXPECT_EQ(criteria[0].applies_to, "all cases");
  EXPECT_EQ(criteria[2].applies_to, "court disposals");
}

TEST(CaseCriteriaOfTest, APooledSectionAppliesToItsPoolsCases) {
  v1::Framework framework = testing::SheetFramework();
  v1::SamplePool& pool = *framework.add_pools();
  pool.set_id("court-disposals");
  pool.set_title("Court disposals");
  v1::Section& section = *framework.mutable_sections(2);
  section.clear_scope();
  section.add_pools("court-disposals");
  section.add_pools("resettlement");
  const auto criteria = CaseCriteriaOf(framework);
  EXPECT_EQ(criteria[2].applies_to,
            "cases sampled as court disposals, resettlement");
}

TEST(WriteJudgementSheetTest, ARowPerSampledCaseWithItsRecordedAnswers) {
  const std::string csv = WriteJudgementSheet(
      testing::SheetFramework(), {kCaseA, kCaseB}, {FindingsOfA()}, false);
  EXPECT_THAT(
      Cells(csv),
      ElementsAre(
          ElementsAre("case", "etag", "1.1 answer", "1.2 answer", "2.1 answer"),
          ElementsAre(kCaseA, "'etag-a", "", "under_estimated", ""),
          ElementsAre(kCaseB, "", "", "", "")));
  EXPECT_THAT(csv, HasSubstr("\r\n"));
}

TEST(WriteJudgementSheetTest, WithNotesEachCriterionHasANotesColumn) {
  const std::string csv = WriteJudgementSheet(testing::SheetFramework(),
                                              {kCaseA}, {FindingsOfA()}, true);
  auto cells = Cells(csv);
  ASSERT_EQ(cells.size(), 2u);
  EXPECT_THAT(cells[0], ElementsAre("case", "etag", "1.1 answer", "1.1 notes",
                                    "1.2 answer", "1.2 notes", "2.1 answer",
                                    "2.1 notes"));
  EXPECT_EQ(cells[1][5], FindingsOfA().judgements(0).evidence_note());
}

TEST(WriteJudgementSheetTest, LeavesOutFindingsOfCasesNotSampled) {
  v1::CaseFindings other = FindingsOfA();
  other.set_case_("yots/northmoor/cases/I-0");
  auto cells = Cells(
      WriteJudgementSheet(testing::SheetFramework(), {kCaseA}, {other}, false));
  ASSERT_EQ(cells.size(), 2u);
  EXPECT_THAT(cells[1], ElementsAre(kCaseA, "", "", "", ""));
}

TEST(WriteSheetCriteriaTest, EachCriterionWithWordingAndAllowedAnswers) {
  auto cells = Cells(WriteSheetCriteria(testing::SheetFramework()));
  ASSERT_EQ(cells.size(), 4u);
  EXPECT_THAT(cells[0],
              ElementsAre("column", "section", "wording", "answers", "labels",
                          "applies to", "not applicable when"));
  EXPECT_THAT(cells[1],
              ElementsAre("1.1 answer", "1",
                          "Was the assessment, once done, \"shared\"?",
                          "yes, no, na", "Yes, No, Not applicable", "all cases",
                          "no assessment, as\nagreed"));
  EXPECT_EQ(cells[2][3], "right, under_estimated");
  EXPECT_EQ(cells[3][5], "court disposals");
}

TEST(CriteriaPathBesideTest, SitsBesideTheSheet) {
  EXPECT_EQ(CriteriaPathBeside("sheet.csv"), "sheet.criteria.csv");
  EXPECT_EQ(CriteriaPathBeside("out/nm.2014/sheet.csv"),
            "out/nm.2014/sheet.criteria.csv");
  EXPECT_EQ(CriteriaPathBeside("out.d/sheet"), "out.d/sheet.criteria.csv");
}

}  // namespace
}  // namespace yjinspect::cli
