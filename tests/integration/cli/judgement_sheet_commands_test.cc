// The judgement sheet as an inspector uses it: judgement-sheet writes it,
// the inspector fills cells in a spreadsheet, record-judgements reads it
// back; against real intake and findings services on 127.0.0.1:0 with temp
// stores (the findings fixture's sampled caseload), the real binary as a
// child process.

#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "cli/exchange/csv_reader.h"
#include "cli/exchange/csv_writer.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "nlohmann/json.hpp"
#include "tests/integration/cli/cli_findings_fixture.h"
#include "tests/testing/command_run.h"
#include "tests/testing/matchers.h"
#include "tests/testing/status_matchers.h"
#include "tests/testing/temp_dir.h"

namespace yjinspect {
namespace {

using testing::CommandResult;
using Cells = std::vector<std::vector<std::string>>;

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

class JudgementSheetTest : public CliFindingsTest {
 protected:
  std::string sheet() const { return dir_.Sub("sheet.csv"); }

  // Writes the sheet with judgement-sheet and returns its cells.
  Cells WriteSheet(bool with_notes) {
    std::vector<std::string> words = {"judgement-sheet", inspection(),
                                      "--out=" + sheet()};
    if (with_notes) words.push_back("--with-notes");
    CommandResult written = Yjinspect(words);
    EXPECT_EQ(written.exit_code, 0) << written.err;
    return ReadCells(sheet());
  }

  static Cells ReadCells(const std::string& path) {
    auto records = cli::exchange::ReadCsv(ReadFile(path));
    EXPECT_TRUE(records.ok()) << records.status();
    Cells cells;
    if (records.ok()) {
      for (const auto& r : *records) cells.push_back(r.fields);
    }
    return cells;
  }

  // Saves `cells` over the sheet as Excel's "CSV UTF-8" does: a byte order
  // mark, CRLF.
  void SaveAsExcelWould(const Cells& cells) {
    std::string csv = "\xEF\xBB\xBF";
    for (const auto& row : cells) cli::exchange::AppendCsvRecord(row, &csv);
    std::ofstream(sheet(), std::ios::binary | std::ios::trunc) << csv;
  }

  // The row of `case_name` in `cells`, and the column headed `header`.
  static size_t RowOf(const Cells& cells, const std::string& case_name) {
    for (size_t r = 0; r < cells.size(); ++r) {
      if (cells[r][0] == case_name) return r;
    }
    ADD_FAILURE() << "no row for " << case_name;
    return 0;
  }
  static size_t ColumnOf(const Cells& cells, const std::string& header) {
    for (size_t c = 0; c < cells[0].size(); ++c) {
      if (cells[0][c] == header) return c;
    }
    ADD_FAILURE() << "no column " << header;
    return 0;
  }
  static void Fill(Cells& cells, const std::string& case_name,
                   const std::string& header, const std::string& value) {
    cells[RowOf(cells, case_name)][ColumnOf(cells, header)] = value;
  }

  CommandResult Import(bool json = true) {
    std::vector<std::string> words = {"record-judgements", sheet(),
                                      "--inspection=" + inspection(),
                                      "--inspector=INSP-03"};
    if (json) words.push_back("--json");
    return Yjinspect(words);
  }

  testing::TempDir dir_;
};

// Options that would lose work or be ignored are refused before anything
// is read or written.
TEST_F(JudgementSheetTest, OptionsThatWouldLoseWorkAreUsageErrors) {
  CommandResult same =
      Yjinspect({"judgement-sheet", inspection(), "--out=" + sheet(),
                 "--criteria-out=" + sheet()});
  EXPECT_EQ(same.exit_code, 2);
  EXPECT_THAT(same.err, HasSubstr("--criteria-out names the sheet itself"));
  EXPECT_FALSE(std::ifstream(sheet()).good());

  const std::string file = dir_.Sub("judgements.textproto");
  std::ofstream(file) << "";
  CommandResult ignored =
      Yjinspect({"record-judgements", file, "--inspection=" + inspection(),
                 "--inspector=INSP-03"});
  EXPECT_EQ(ignored.exit_code, 2);
  EXPECT_THAT(ignored.err, HasSubstr("--inspector is for a judgement sheet"));
}

TEST_F(JudgementSheetTest, WritesARowPerSampledCaseAndTheCriteriaBeside) {
  ASSERT_TRUE(Record(ValidRecording(caseload_.sampled[0])).ok());
  Cells cells = WriteSheet(/*with_notes=*/false);
  ASSERT_EQ(cells.size(), caseload_.sampled.size() + 1);
  EXPECT_THAT(cells[0], SizeIs(::testing::Gt(2u)));
  EXPECT_EQ(cells[0][0], "case");
  EXPECT_EQ(cells[0][1], "etag");
  EXPECT_EQ(cells[1][0], caseload_.sampled[0]);
  EXPECT_EQ(cells[1][1], "'" + GetFindings(caseload_.sampled[0])->etag());
  EXPECT_EQ(cells[1][ColumnOf(cells, "2.5 answer")], "right");
  EXPECT_EQ(cells[2][1], "");  // nothing recorded yet

  Cells criteria = ReadCells(dir_.Sub("sheet.criteria.csv"));
  ASSERT_EQ(criteria.size(), cells[0].size() - 1);  // header, a row each
  EXPECT_EQ(criteria[0][0], "column");
  EXPECT_EQ(criteria[1][0], cells[0][2]);
  EXPECT_FALSE(criteria[1][2].empty());  // the wording
  EXPECT_EQ(criteria[ColumnOf(cells, "2.5 answer") - 1][3],
            "right, under_estimated, over_estimated, na");
}

TEST_F(JudgementSheetTest, AFilledSheetIsRecordedAndWrittenAgainTheSame) {
  const std::string& first = caseload_.sampled[0];
  const std::string& second = caseload_.sampled[1];
  ASSERT_TRUE(Record(ValidRecording(first)).ok());
  Cells cells = WriteSheet(/*with_notes=*/true);
  Fill(cells, first, "1.1 answer", "no");
  Fill(cells, first, "1.1 notes", "Plan, once \"agreed\",\nnot reviewed.");
  Fill(cells, second, "1.2 answer", " yes ");
  Fill(cells, second, "3.4 answer", "na");
  SaveAsExcelWould(cells);

  CommandResult imported = Import();
  ASSERT_EQ(imported.exit_code, 0) << imported.err << imported.out;
  std::vector<nlohmann::json> rows = JsonLines(imported.out);
  ASSERT_EQ(rows.size(), caseload_.sampled.size());
  EXPECT_EQ(rows[0]["row"], 2);
  EXPECT_EQ(rows[0]["case"], first);
  EXPECT_EQ(rows[0]["result"], "recorded");
  EXPECT_EQ(rows[0]["revision"], 2);
  EXPECT_EQ(rows[1]["result"], "recorded");
  EXPECT_EQ(rows[2]["result"], "no answers");

  auto recorded = GetFindings(first);
  ASSERT_TRUE(recorded.ok()) << recorded.status();
  EXPECT_EQ(recorded->inspector_reference(), "INSP-03");
  // Only what changed was sent: one answer in this revision's history.
  auto history = History(first);
  ASSERT_TRUE(history.ok());
  ASSERT_EQ(history->revisions_size(), 2);
  ASSERT_EQ(history->revisions(1).judgements_size(), 1);
  EXPECT_EQ(history->revisions(1).judgements(0).evidence_note(),
            "Plan, once \"agreed\",\nnot reviewed.");

  // Written again, the sheet is the filled one with the new etags.
  Fill(cells, second, "1.2 answer", "yes");
  cells[RowOf(cells, first)][1] = "'" + recorded->etag();
  cells[RowOf(cells, second)][1] = "'" + GetFindings(second)->etag();
  EXPECT_EQ(WriteSheet(/*with_notes=*/true), cells);

  // Read back once more, it changes nothing.
  CommandResult again = Import();
  ASSERT_EQ(again.exit_code, 0) << again.err;
  EXPECT_EQ(JsonLines(again.out)[0]["result"], "unchanged");
  ExpectRevisions(first, 2);
}

TEST_F(JudgementSheetTest, ASheetWithoutNotesKeepsTheRecordedNote) {
  const std::string& first = caseload_.sampled[0];
  ASSERT_TRUE(Record(ValidRecording(first)).ok());
  Cells cells = WriteSheet(/*with_notes=*/false);
  Fill(cells, first, "1.1 answer", "no");
  SaveAsExcelWould(cells);
  CommandResult imported = Import(/*json=*/false);
  ASSERT_EQ(imported.exit_code, 0) << imported.err;
  EXPECT_THAT(imported.out,
              HasSubstr("row 2 (case " + first + "): recorded, revision 2\n"));
  auto recorded = GetFindings(first);
  ASSERT_TRUE(recorded.ok());
  for (const auto& j : recorded->judgements()) {
    if (j.criterion_id() != "1.1") continue;
    EXPECT_EQ(j.answer(), "no");
    EXPECT_EQ(j.evidence_note(), "AssetPlus completed within 15 working days.");
  }
}

TEST_F(JudgementSheetTest, ABadCellIsNamedByRowAndColumnAndNothingIsStored) {
  Cells cells = WriteSheet(/*with_notes=*/false);
  Fill(cells, caseload_.sampled[0], "1.1 answer", "yes");    // good
  Fill(cells, caseload_.sampled[3], "1.1 answer", "maybe");  // row 5
  SaveAsExcelWould(cells);

  CommandResult text = Import(/*json=*/false);
  EXPECT_EQ(text.exit_code, 3);
  EXPECT_THAT(text.err,
              HasSubstr("row 5, column 1.1 answer: 'maybe' is not an answer to "
                        "criterion 1.1; one of yes, no"));
  EXPECT_THAT(text.err, HasSubstr("nothing recorded"));
  EXPECT_EQ(text.out, "");

  CommandResult json = Import(/*json=*/true);
  EXPECT_EQ(json.exit_code, 3);
  nlohmann::json error = nlohmann::json::parse(json.err)["error"];
  EXPECT_EQ(error["status"], "INVALID_ARGUMENT");
  EXPECT_EQ(error["details"][0]["field_violations"][0]["field"],
            "row 5, column 1.1 answer");

  EXPECT_THAT(GetFindings(caseload_.sampled[0]).status(),
              testing::StatusIs(absl::StatusCode::kNotFound, ::testing::_));
}

// A fault only the service's rules would find (here a control character in
// a note) is found before anything is sent: the good row is not recorded
// either.
TEST_F(JudgementSheetTest, WhatTheServiceWouldRefuseIsFoundBeforeAnyRow) {
  Cells cells = WriteSheet(/*with_notes=*/true);
  Fill(cells, caseload_.sampled[0], "1.1 answer", "yes");  // good
  Fill(cells, caseload_.sampled[1], "1.1 answer", "yes");  // row 3
  Fill(cells, caseload_.sampled[1], "1.1 notes", "bell\a");
  SaveAsExcelWould(cells);

  CommandResult result = Import(/*json=*/false);
  EXPECT_EQ(result.exit_code, 3) << result.err;
  EXPECT_THAT(result.err, HasSubstr("row 3, column 1.1 notes"));
  EXPECT_THAT(result.err, HasSubstr("nothing recorded"));
  EXPECT_EQ(result.out, "");
  EXPECT_THAT(GetFindings(caseload_.sampled[0]).status(),
              testing::StatusIs(absl::StatusCode::kNotFound, ::testing::_));
}

TEST_F(JudgementSheetTest, ARowChangedSinceTheSheetWasWrittenIsRefused) {
  const std::string& first = caseload_.sampled[0];
  const std::string& second = caseload_.sampled[1];
  auto recorded = Record(ValidRecording(first));
  ASSERT_TRUE(recorded.ok()) << recorded.status();
  Cells cells = WriteSheet(/*with_notes=*/false);
  // Meanwhile another inspector changes the first case.
  v1::RecordJudgementsRequest change =
      ChangeByInsp02(first, Answer("2.5", "na"));
  change.set_etag(recorded->etag());
  ASSERT_TRUE(Record(change).ok());

  Fill(cells, first, "1.1 answer", "no");
  Fill(cells, second, "1.1 answer", "yes");
  SaveAsExcelWould(cells);
  CommandResult text = Import(/*json=*/false);
  EXPECT_EQ(text.exit_code, 1) << text.err;  // some rows recorded, some not
  EXPECT_THAT(text.out,
              HasSubstr("row 2 (case " + first +
                        "): changed since the sheet was written; write the "
                        "sheet again\n"));
  EXPECT_THAT(text.out, HasSubstr("row 3 (case " + second + "): recorded"));
  ExpectRevisions(first, 2);  // the other inspector's change stands

  CommandResult json = Import(/*json=*/true);
  EXPECT_EQ(json.exit_code, 1);
  nlohmann::json row = JsonLines(json.out)[0];
  EXPECT_EQ(row["result"], "stale");
  EXPECT_EQ(row["error"]["status"], "ABORTED");
  EXPECT_THAT(row["error"]["message"].get<std::string>(),
              HasSubstr("write the sheet again (the findings of case " + first +
                        " are at revision 2 (recorded by INSP-02)"));
  EXPECT_EQ(JsonLines(json.out)[1]["result"], "unchanged");
}

}  // namespace
}  // namespace yjinspect
