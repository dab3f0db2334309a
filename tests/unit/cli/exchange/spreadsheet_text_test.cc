#include "cli/exchange/spreadsheet_text.h"

#include <string>

#include "gtest/gtest.h"

namespace yjinspect::cli::exchange {
namespace {

TEST(SpreadsheetTextTest, AFormulaIsWrittenAsText) {
  EXPECT_EQ(SpreadsheetText("=HYPERLINK(\"x\")"), "'=HYPERLINK(\"x\")");
  EXPECT_EQ(SpreadsheetText("+1"), "'+1");
  EXPECT_EQ(SpreadsheetText("-1"), "'-1");
  EXPECT_EQ(SpreadsheetText("@SUM(A1)"), "'@SUM(A1)");
  EXPECT_EQ(SpreadsheetText("\tx"), "'\tx");
}

TEST(SpreadsheetTextTest, OrdinaryTextIsUnchanged) {
  EXPECT_EQ(SpreadsheetText(""), "");
  EXPECT_EQ(SpreadsheetText("plan reviewed; a = b"), "plan reviewed; a = b");
  EXPECT_EQ(TextFromSpreadsheet("plan reviewed"), "plan reviewed");
  EXPECT_EQ(TextFromSpreadsheet("'"), "'");
  EXPECT_EQ(TextFromSpreadsheet("'quoted'"), "'quoted'");
}

TEST(SpreadsheetTextTest, ReadingUndoesWritingForEveryLeadingCharacter) {
  for (int c = 0; c < 128; ++c) {
    for (const std::string tail : {"", "x", "'", "="}) {
      const std::string text = std::string(1, static_cast<char>(c)) + tail;
      EXPECT_EQ(TextFromSpreadsheet(SpreadsheetText(text)), text) << c;
      EXPECT_EQ(TextFromSpreadsheet(SpreadsheetText("'" + text)), "'" + text)
          << c;
    }
  }
}

}  // namespace
}  // namespace yjinspect::cli::exchange
