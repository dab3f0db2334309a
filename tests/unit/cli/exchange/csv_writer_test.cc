// The CSV writer: what it quotes, and that the reader reads back exactly
// what it wrote, whatever a cell holds.

#include "cli/exchange/csv_writer.h"

#include <string>
#include <vector>

#include "cli/exchange/csv_reader.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/testing/matchers.h"

namespace yjinspect::cli::exchange {
namespace {

TEST(CsvFieldTest, PlainTextIsWrittenAsItIs) {
  EXPECT_EQ(CsvField("yes"), "yes");
  EXPECT_EQ(CsvField("1.1 notes"), "1.1 notes");
  EXPECT_EQ(CsvField(""), "");
}

TEST(CsvFieldTest, QuotesACommaAQuoteAndALineBreak) {
  EXPECT_EQ(CsvField("a, b"), "\"a, b\"");
  EXPECT_EQ(CsvField("say \"hi\""), "\"say \"\"hi\"\"\"");
  EXPECT_EQ(CsvField("two\nlines"), "\"two\nlines\"");
  EXPECT_EQ(CsvField("cr\rlf"), "\"cr\rlf\"");
}

TEST(CsvFieldTest, QuotesLeadingAndTrailingSpaces) {
  EXPECT_EQ(CsvField(" na"), "\" na\"");
  EXPECT_EQ(CsvField("na "), "\"na \"");
}

TEST(AppendCsvRecordTest, SeparatesByCommasAndEndsWithCrlf) {
  std::string out;
  AppendCsvRecord({"case", "etag", "1.1"}, &out);
  AppendCsvRecord({"yots/x/cases/E-00", "", "yes"}, &out);
  EXPECT_EQ(out, "case,etag,1.1\r\nyots/x/cases/E-00,,yes\r\n");
}

TEST(AppendCsvRecordTest, ALoneEmptyFieldIsNotABlankLine) {
  std::string out;
  AppendCsvRecord({""}, &out);
  EXPECT_EQ(out, "\"\"\r\n");
  auto records = ReadCsv(out);
  ASSERT_TRUE(records.ok());
  ASSERT_EQ(records->size(), 1u);
  EXPECT_THAT((*records)[0].fields, ElementsAre(""));
}

TEST(AppendCsvRecordTest, TheReaderReadsBackEveryCell) {
  const std::vector<std::vector<std::string>> written = {
      {"criterion", "wording", "answers"},
      {"1.1", "Was the \"assessment\", once done,\r\nshared?", "yes, no"},
      {"", "\"", ",,"},
      {"a\n\nb", " padded ", "\"\"\"\""},
  };
  std::string out;
  for (const auto& record : written) AppendCsvRecord(record, &out);
  auto records = ReadCsv(out);
  ASSERT_TRUE(records.ok()) << records.status();
  ASSERT_EQ(records->size(), written.size());
  for (size_t i = 0; i < written.size(); ++i) {
    EXPECT_EQ((*records)[i].fields, written[i]) << "record " << i;
  }
  EXPECT_EQ((*records)[2].line, 4);  // the line break inside record 1 counts
}

}  // namespace
}  // namespace yjinspect::cli::exchange
