// Reading a filled-in judgement sheet: every kind of bad cell found by row
// and column before anything is sent, and the answers a row changes.

#include "cli/filled_sheet.h"

#include <string>
#include <vector>

#include "cli/judgement_sheet.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/testing/matchers.h"
#include "tests/testing/sheet_framework.h"

namespace yjinspect::cli {
namespace {

using ::testing::AllOf;
using ::testing::Field;

constexpr char kCaseA[] = "yots/northmoor/cases/E-00";
constexpr char kCaseB[] = "yots/northmoor/cases/E-01";

FilledSheet Read(const std::string& csv) {
  auto sheet =
      ReadFilledSheet(csv, testing::SheetFramework(), {kCaseA, kCaseB});
  EXPECT_TRUE(sheet.ok()) << sheet.status();
  return sheet.ok() ? *sheet : FilledSheet{};
}

auto ProblemAt(int row, const std::string& column, const std::string& reason) {
  return AllOf(Field(&SheetProblem::row, row),
               Field(&SheetProblem::column, column),
               Field(&SheetProblem::reason, HasSubstr(reason)));
}

TEST(ReadFilledSheetTest, ReadsEachRowsCaseEtagAndFilledAnswers) {
  FilledSheet sheet =
      Read("case,etag,1.1 answer,1.2 answer,2.1 answer\n" +
           std::string(kCaseA) + ",e1, yes ,,na\n" + kCaseB + ",,,right,\n");
  EXPECT_THAT(sheet.problems, IsEmpty());
  ASSERT_EQ(sheet.rows.size(), 2u);
  EXPECT_EQ(sheet.rows[0].row, 2);
  EXPECT_EQ(sheet.rows[0].case_name, kCaseA);
  EXPECT_EQ(sheet.rows[0].etag, "e1");
  ASSERT_EQ(sheet.rows[0].answers.size(), 2u);
  EXPECT_EQ(sheet.rows[0].answers[0].criterion_id, "1.1");
  EXPECT_EQ(sheet.rows[0].answers[0].answer, "yes");  // spaces ignored
  EXPECT_FALSE(sheet.rows[0].answers[0].note.has_value());
  EXPECT_EQ(sheet.rows[0].answers[1].criterion_id, "2.1");
  EXPECT_EQ(sheet.rows[1].row, 3);
  EXPECT_EQ(sheet.rows[1].etag, "");
}

TEST(ReadFilledSheetTest, ReadsWhatExcelSavesByteOrderMarkAndCrlf) {
  FilledSheet sheet = Read(
      "\xEF\xBB\xBF"
      "case,etag,1.1 answer,1.1 notes\r\n" +
      std::string(kCaseA) + ",e1,no,\"Seen, twice:\r\n\"\"late\"\"\"\r\n");
  EXPECT_THAT(sheet.problems, IsEmpty());
  ASSERT_EQ(sheet.rows.size(), 1u);
  ASSERT_EQ(sheet.rows[0].answers.size(), 1u);
  // The line break inside the cell comes back a newline: the service
  // takes no carriage return in a note.
  EXPECT_EQ(sheet.rows[0].answers[0].note, "Seen, twice:\n\"late\"");
}

TEST(ReadFilledSheetTest, AColumnOfNoCaseCriterionIsRefusedByName) {
  FilledSheet sheet = Read("case,etag,1.1 answer,9.9 answer,om.1 answer\n" +
                           std::string(kCaseA) + ",,yes,yes,yes\n");
  EXPECT_THAT(
      sheet.problems,
      ElementsAre(ProblemAt(1, "9.9 answer",
                            "not a column of a criterion judged "
                            "from case files in framework "
                            "sheet-test version 1"),
                  ProblemAt(1, "om.1 answer", "not a column of a criterion")));
  EXPECT_THAT(sheet.rows, IsEmpty());
}

TEST(ReadFilledSheetTest, TheHeaderNeedsCaseAndEtagEachOnce) {
  EXPECT_THAT(Read("case,1.1 answer\n").problems,
              ElementsAre(ProblemAt(1, "etag", "the column is missing")));
  EXPECT_THAT(Read("case,etag,1.1 answer,1.1 answer\n").problems,
              ElementsAre(ProblemAt(1, "1.1 answer", "appears twice")));
}

TEST(ReadFilledSheetTest, ANotesColumnNeedsItsAnswerColumn) {
  EXPECT_THAT(
      Read("case,etag,1.2 notes\n").problems,
      ElementsAre(ProblemAt(1, "1.2 notes", "needs its answer column")));
}

TEST(ReadFilledSheetTest, AnAnswerOutsideTheScaleNamesTheAllowedOnes) {
  FilledSheet sheet =
      Read("case,etag,1.1 answer,1.2 answer\n" + std::string(kCaseA) +
           ",,maybe,right\n" + kCaseB + ",,yes,Yes\n");
  EXPECT_THAT(
      sheet.problems,
      ElementsAre(
          ProblemAt(2, "1.1 answer",
                    "'maybe' is not an answer to criterion 1.1; one of yes, "
                    "no, na"),
          ProblemAt(3, "1.2 answer", "one of right, under_estimated")));
}

TEST(ReadFilledSheetTest, ARowWithCellsSplitOrLostIsMalformed) {
  FilledSheet sheet = Read("case,etag,1.1 answer\n" + std::string(kCaseA) +
                           ",,yes,no\n" + kCaseB + ",\n");
  EXPECT_THAT(sheet.problems,
              ElementsAre(ProblemAt(2, "",
                                    "the row has 4 cells and the "
                                    "header 3"),
                          ProblemAt(3, "", "has 2 cells")));
}

TEST(ReadFilledSheetTest, EachRowNamesADifferentCaseOfTheSample) {
  FilledSheet sheet =
      Read("case,etag,1.1 answer\n" + std::string(kCaseA) + ",,yes\n" + kCaseA +
           ",,no\nyots/northmoor/cases/I-0,,yes\n,,yes\n");
  EXPECT_THAT(sheet.problems,
              ElementsAre(ProblemAt(3, "case", "has row 2 already"),
                          ProblemAt(4, "case",
                                    "not a case of the "
                                    "inspection's sample"),
                          ProblemAt(5, "case", "no case named")));
}

TEST(ReadFilledSheetTest, ANoteNeedsAnAnswer) {
  FilledSheet sheet = Read("case,etag,1.1 answer,1.1 notes\n" +
                           std::string(kCaseA) + ",,,why\n");
  EXPECT_THAT(
      sheet.problems,
      ElementsAre(ProblemAt(2, "1.1 notes",
                            "a note needs an answer in column 1.1 answer")));
}

// What a spreadsheet adds when it saves: a column without a header past
// the last one and rows of empty cells past the last case. Neither is a
// fault; a filled cell under no header is.
TEST(ReadFilledSheetTest, ASpreadsheetsEmptyColumnsAndRowsAreNoRows) {
  FilledSheet sheet = Read("case,etag,1.1 answer,\n" + std::string(kCaseA) +
                           ",,yes,\n,,,\n , , ,\n");
  EXPECT_THAT(sheet.problems, IsEmpty());
  ASSERT_EQ(sheet.rows.size(), 1u);
  EXPECT_EQ(sheet.rows[0].case_name, kCaseA);
  EXPECT_THAT(
      Read("case,etag,1.1 answer,\n" + std::string(kCaseA) + ",,yes,no\n")
          .problems,
      ElementsAre(ProblemAt(2, "", "cell 4 has no column header")));
}

// A bare id is not a column: a spreadsheet turns "1.10" into 1.1, which
// must never be read as criterion 1.1.
TEST(ReadFilledSheetTest, ABareCriterionIdIsNotAColumn) {
  EXPECT_THAT(Read("case,etag,1.1\n").problems,
              ElementsAre(ProblemAt(1, "1.1", "\"<id> answer\"")));
}

// The etag is written behind an apostrophe so that no spreadsheet reads it
// as a number; a sheet read back gives the etag itself.
TEST(ReadFilledSheetTest, TheEtagCellsApostropheIsNotPartOfTheEtag) {
  FilledSheet sheet =
      Read("case,etag,1.1 answer\n" + std::string(kCaseA) + ",'0123,yes\n");
  ASSERT_EQ(sheet.rows.size(), 1u);
  EXPECT_EQ(sheet.rows[0].etag, "0123");
}

TEST(ReadFilledSheetTest, AnEmptyFileHasNoHeader) {
  EXPECT_THAT(Read("").problems, ElementsAre(ProblemAt(1, "", "empty")));
}

TEST(ReadFilledSheetTest, TextThatIsNotCsvIsRefusedByLine) {
  auto sheet =
      ReadFilledSheet("case,etag\n\"open", testing::SheetFramework(), {kCaseA});
  ASSERT_FALSE(sheet.ok());
  EXPECT_THAT(sheet.status().message(), HasSubstr("line 2"));
}

TEST(ReadFilledSheetTest, ReadsBackTheSheetItWrote) {
  v1::CaseFindings recorded;
  recorded.set_case_(kCaseA);
  recorded.set_etag("e1");
  *recorded.add_judgements() = [] {
    v1::Judgement j;
    j.set_criterion_id("1.2");
    j.set_answer("right");
    j.set_evidence_note(" a, \"b\"\n");
    return j;
  }();
  FilledSheet sheet = Read(WriteJudgementSheet(
      testing::SheetFramework(), {kCaseA, kCaseB}, {recorded}, true));
  EXPECT_THAT(sheet.problems, IsEmpty());
  ASSERT_EQ(sheet.rows.size(), 2u);
  ASSERT_EQ(sheet.rows[0].answers.size(), 1u);
  EXPECT_EQ(sheet.rows[0].answers[0].note, " a, \"b\"\n");
  EXPECT_THAT(ChangesOf(sheet.rows[0], &recorded), IsEmpty());
  EXPECT_THAT(sheet.rows[1].answers, IsEmpty());
}

// A note a spreadsheet would run as a formula is written as text (a
// leading apostrophe) and reads back as it was typed.
TEST(ReadFilledSheetTest, AFormulaLikeNoteIsTextInTheSheetAndReadsBackAsTyped) {
  v1::CaseFindings recorded;
  recorded.set_case_(kCaseA);
  recorded.set_etag("e1");
  v1::Judgement* j = recorded.add_judgements();
  j->set_criterion_id("1.2");
  j->set_answer("right");
  j->set_evidence_note("=HYPERLINK(\"http://example.invalid\")");
  const std::string csv = WriteJudgementSheet(testing::SheetFramework(),
                                              {kCaseA}, {recorded}, true);
  EXPECT_THAT(csv, HasSubstr("'=HYPERLINK"));
  FilledSheet sheet = Read(csv);
  EXPECT_THAT(sheet.problems, IsEmpty());
  ASSERT_EQ(sheet.rows.size(), 1u);
  ASSERT_EQ(sheet.rows[0].answers.size(), 1u);
  EXPECT_EQ(sheet.rows[0].answers[0].note, j->evidence_note());
  EXPECT_THAT(ChangesOf(sheet.rows[0], &recorded), IsEmpty());
}

SheetRow RowWith(std::vector<SheetAnswer> answers) {
  SheetRow row;
  row.row = 2;
  row.case_name = kCaseA;
  row.answers = std::move(answers);
  return row;
}

v1::CaseFindings Recorded(const std::string& criterion,
                          const std::string& answer, const std::string& note) {
  v1::CaseFindings f;
  v1::Judgement* j = f.add_judgements();
  j->set_criterion_id(criterion);
  j->set_answer(answer);
  j->set_evidence_note(note);
  return f;
}

TEST(ChangesOfTest, WithoutFindingsEveryFilledCellIsSent) {
  auto changes =
      ChangesOf(RowWith({{"1.1", "yes", {}}, {"1.2", "right", ""}}), nullptr);
  ASSERT_EQ(changes.size(), 2u);
  EXPECT_EQ(changes[0].criterion_id(), "1.1");
  EXPECT_EQ(changes[1].answer(), "right");
}

TEST(ChangesOfTest, AnAnswerAlreadyRecordedIsNotSentAgain) {
  v1::CaseFindings now = Recorded("1.1", "yes", "seen");
  EXPECT_THAT(ChangesOf(RowWith({{"1.1", "yes", {}}}), &now), IsEmpty());
  EXPECT_THAT(ChangesOf(RowWith({{"1.1", "yes", "seen"}}), &now), IsEmpty());
}

TEST(ChangesOfTest, WithoutANotesColumnTheRecordedNoteIsKept) {
  v1::CaseFindings now = Recorded("1.1", "yes", "seen");
  auto changes = ChangesOf(RowWith({{"1.1", "no", {}}}), &now);
  ASSERT_EQ(changes.size(), 1u);
  EXPECT_EQ(changes[0].answer(), "no");
  EXPECT_EQ(changes[0].evidence_note(), "seen");
}

TEST(ChangesOfTest, AnEmptiedNoteCellClearsTheNote) {
  v1::CaseFindings now = Recorded("1.1", "yes", "seen");
  auto changes = ChangesOf(RowWith({{"1.1", "yes", ""}}), &now);
  ASSERT_EQ(changes.size(), 1u);
  EXPECT_EQ(changes[0].evidence_note(), "");
}

}  // namespace
}  // namespace yjinspect::cli
