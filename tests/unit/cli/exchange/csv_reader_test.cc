#include "cli/exchange/csv_reader.h"

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/testing/matchers.h"

namespace yjinspect::cli::exchange {
namespace {

TEST(CsvReaderTest, ReadsQuotedFieldsWithCommasQuotesAndLineBreaks) {
  auto records =
      ReadCsv("a,b,c\r\n\"x, y\",\"say \"\"hi\"\"\",\"two\nlines\"\n3,,\n");
  ASSERT_TRUE(records.ok()) << records.status();
  ASSERT_EQ(records->size(), 3u);
  EXPECT_THAT((*records)[0].fields, ElementsAre("a", "b", "c"));
  EXPECT_THAT((*records)[1].fields,
              ElementsAre("x, y", "say \"hi\"", "two\nlines"));
  EXPECT_EQ((*records)[1].line, 2);
  EXPECT_THAT((*records)[2].fields, ElementsAre("3", "", ""));
  EXPECT_EQ((*records)[2].line, 4);
}

TEST(CsvReaderTest, SkipsBlankLinesAndKeepsLineNumbers) {
  auto records = ReadCsv("h\n\n1\n");
  ASSERT_TRUE(records.ok());
  ASSERT_EQ(records->size(), 2u);
  EXPECT_EQ((*records)[1].line, 3);
}

TEST(CsvReaderTest, UnclosedQuoteNamesItsLine) {
  auto records = ReadCsv("h\n\"open\n");
  ASSERT_FALSE(records.ok());
  EXPECT_THAT(records.status().message(), HasSubstr("line 2"));
}

TEST(CsvReaderTest, SkipsTheByteOrderMarkExcelWrites) {
  auto records = ReadCsv(
      "\xEF\xBB\xBF"
      "case,etag\r\nE-00,\r\n");
  ASSERT_TRUE(records.ok()) << records.status();
  ASSERT_EQ(records->size(), 2u);
  EXPECT_THAT((*records)[0].fields, ElementsAre("case", "etag"));
  EXPECT_EQ((*records)[0].line, 1);
}

TEST(CsvReaderTest, KeepsAByteOrderMarkThatIsNotAtTheStart) {
  auto records = ReadCsv("a\n\xEF\xBB\xBF\n");
  ASSERT_TRUE(records.ok());
  ASSERT_EQ(records->size(), 2u);
  EXPECT_EQ((*records)[1].fields[0], "\xEF\xBB\xBF");
}

TEST(CsvReaderTest, TextAfterClosingQuoteIsRefused) {
  EXPECT_FALSE(ReadCsv("\"a\"b,c\n").ok());
}

}  // namespace
}  // namespace yjinspect::cli::exchange
