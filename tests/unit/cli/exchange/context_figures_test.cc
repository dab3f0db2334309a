#include "cli/exchange/context_figures.h"

#include "cli/exchange/import_caseload.h"
#include "cli/exchange/whole_file.h"
#include "gtest/gtest.h"

namespace yjinspect::cli::exchange {
namespace {

TEST(ContextFiguresTest, RatesHaveExactlyOneDecimal) {
  EXPECT_EQ(ParseRateTenths("36.0"), 360);
  EXPECT_EQ(ParseRateTenths("5.6"), 56);
  EXPECT_EQ(ParseRateTenths("100.0"), 1000);
  EXPECT_FALSE(ParseRateTenths("36"));
  EXPECT_FALSE(ParseRateTenths("36.05"));
  EXPECT_FALSE(ParseRateTenths("-1.0"));
  EXPECT_FALSE(ParseRateTenths("100.1"));
}

TEST(ContextFiguresTest, FixtureGivesBothFigures) {
  auto text = ReadWholeFile(YJ_EXCHANGE_DATA "/context.csv");
  ASSERT_TRUE(text.ok());
  ContextFigures parsed = ParseContextFigures(*text);
  ASSERT_TRUE(parsed.problems.empty());
  const auto& r = parsed.figures.reoffending();
  EXPECT_EQ(r.yot_rate_tenths(), 360);
  EXPECT_EQ(r.previous_year_rate_tenths(), 342);
  EXPECT_EQ(r.national_rate_tenths(), 357);
  EXPECT_EQ(r.cohort(), "January 2012-December 2012");
  EXPECT_EQ(r.published(), "October 2014");
  const auto& l = parsed.figures.looked_after();
  EXPECT_EQ(l.local_rate_tenths(), 50);
  EXPECT_EQ(l.national_rate_tenths(), 56);
  EXPECT_EQ(l.national_label(), "English average");
}

TEST(ContextFiguresTest, BadCellsAreReportedByLineAndColumn) {
  ContextFigures parsed = ParseContextFigures(
      "kind,rate,national_rate,cohort\n"
      "reoffending,36,35.7,\n"
      "looked_after,5.0,5.6,2012\n"
      "custody,1.0,1.0,\n");
  ASSERT_EQ(parsed.problems.size(), 3u);
  EXPECT_EQ(parsed.problems[0].line, 2);
  EXPECT_EQ(parsed.problems[0].field, "rate");
  EXPECT_EQ(parsed.problems[1].line, 3);
  EXPECT_EQ(parsed.problems[1].field, "cohort");
  EXPECT_EQ(parsed.problems[1].reason, "must be empty for kind looked_after");
  EXPECT_EQ(parsed.problems[2].line, 4);
  EXPECT_EQ(parsed.problems[2].field, "kind");
}

}  // namespace
}  // namespace yjinspect::cli::exchange
