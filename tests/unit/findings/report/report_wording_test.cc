// services/findings/report/report_wording.h: dates with ordinals, rates in
// tenths, and the exact comparison words.

#include "services/findings/report/report_wording.h"

#include <string>

#include "gtest/gtest.h"
#include "tests/testing/name_of_row.h"

namespace yjinspect::findings {
namespace {

struct OrdinalRow {
  int day;
  std::string ordinal;
};

std::string OrdinalRowName(const ::testing::TestParamInfo<OrdinalRow>& row) {
  return row.param.ordinal;
}

class OrdinalDayTest : public ::testing::TestWithParam<OrdinalRow> {};

TEST_P(OrdinalDayTest, HasTheRightSuffix) {
  EXPECT_EQ(OrdinalDay(GetParam().day), GetParam().ordinal);
}

INSTANTIATE_TEST_SUITE_P(
    Days, OrdinalDayTest,
    ::testing::Values(OrdinalRow{1, "1st"}, OrdinalRow{2, "2nd"},
                      OrdinalRow{3, "3rd"}, OrdinalRow{4, "4th"},
                      OrdinalRow{10, "10th"}, OrdinalRow{11, "11th"},
                      OrdinalRow{12, "12th"}, OrdinalRow{13, "13th"},
                      OrdinalRow{14, "14th"}, OrdinalRow{20, "20th"},
                      OrdinalRow{21, "21st"}, OrdinalRow{22, "22nd"},
                      OrdinalRow{23, "23rd"}, OrdinalRow{24, "24th"},
                      OrdinalRow{30, "30th"}, OrdinalRow{31, "31st"}),
    OrdinalRowName);

TEST(LetterDateTest, IsOrdinalDayMonthNameAndYear) {
  EXPECT_EQ(LetterDate(absl::CivilDay(2015, 1, 21)), "21st January 2015");
  EXPECT_EQ(LetterDate(absl::CivilDay(2014, 12, 2)), "2nd December 2014");
  EXPECT_EQ(LetterDate(absl::CivilDay(2016, 4, 13)), "13th April 2016");
}

TEST(FieldworkPeriodTest, SharesTheMonthAndYearWhenItCan) {
  EXPECT_EQ(FieldworkPeriod(absl::CivilDay(2014, 12, 15),
                            absl::CivilDay(2014, 12, 17)),
            "from 15th \u2013 17th December 2014");
  EXPECT_EQ(
      FieldworkPeriod(absl::CivilDay(2014, 9, 29), absl::CivilDay(2014, 10, 1)),
      "from 29th September \u2013 1st October 2014");
  EXPECT_EQ(
      FieldworkPeriod(absl::CivilDay(2014, 12, 30), absl::CivilDay(2015, 1, 2)),
      "from 30th December 2014 \u2013 2nd January 2015");
  EXPECT_EQ(
      FieldworkPeriod(absl::CivilDay(2014, 12, 3), absl::CivilDay(2014, 12, 3)),
      "on 3rd December 2014");
}

TEST(PercentFromTenthsTest, KeepsOneDecimal) {
  EXPECT_EQ(PercentFromTenths(360), "36.0%");
  EXPECT_EQ(PercentFromTenths(357), "35.7%");
  EXPECT_EQ(PercentFromTenths(5), "0.5%");
  EXPECT_EQ(PercentFromTenths(1000), "100.0%");
}

struct ComparisonRow {
  std::string name;
  int32_t rate;
  int32_t other;
  std::string words;
};

class BetterOrWorseTest : public ::testing::TestWithParam<ComparisonRow> {};

TEST_P(BetterOrWorseTest, ComparesExactlyOnTenths) {
  EXPECT_EQ(BetterOrWorseThan(GetParam().rate, GetParam().other),
            GetParam().words);
}

INSTANTIATE_TEST_SUITE_P(
    Rates, BetterOrWorseTest,
    ::testing::Values(
        ComparisonRow{"Equal", 360, 360, "the same as"},
        ComparisonRow{"TenthLower", 359, 360, "slightly better than"},
        ComparisonRow{"OnePointLower", 350, 360, "slightly better than"},
        ComparisonRow{"OverOnePointLower", 349, 360, "better than"},
        ComparisonRow{"BoltonAgainstNational", 360, 357, "slightly worse than"},
        ComparisonRow{"OnePointHigher", 370, 360, "slightly worse than"},
        ComparisonRow{"OverOnePointHigher", 371, 360, "worse than"}),
    ::yjinspect::testing::NameOfRow<ComparisonRow>);

TEST(LowerOrHigherTest, HasNoSlightly) {
  EXPECT_EQ(LowerOrHigherThan(50, 56), "lower than");
  EXPECT_EQ(LowerOrHigherThan(57, 56), "higher than");
  EXPECT_EQ(LowerOrHigherThan(56, 56), "the same as");
}

v1::ReoffendingFigures Bolton() {
  v1::ReoffendingFigures r;
  r.set_yot_rate_tenths(360);
  r.set_previous_year_rate_tenths(382);
  r.set_national_rate_tenths(357);
  return r;
}

TEST(ReoffendingSentencesTest, ReadsAsTheLetter) {
  const Inline line = ReoffendingSentences(Bolton(), "Bolton", "1");
  ASSERT_EQ(line.size(), 3u);
  EXPECT_EQ(line[1].style, RunStyle::kSuperscript);
  EXPECT_EQ(InlineText(line),
            "The published reoffending rate1 for Bolton was 36.0%. This was "
            "better than the previous year and slightly worse than the "
            "England and Wales average of 35.7%.");
}

TEST(ReoffendingSentencesTest, LeavesOutClausesWithoutFigures) {
  v1::ReoffendingFigures r = Bolton();
  r.set_previous_year_rate_tenths(0);
  EXPECT_EQ(InlineText(ReoffendingSentences(r, "Bolton", "")),
            "The published reoffending rate for Bolton was 36.0%. This was "
            "slightly worse than the England and Wales average of 35.7%.");
  r.set_national_rate_tenths(0);
  EXPECT_EQ(InlineText(ReoffendingSentences(r, "Bolton", "")),
            "The published reoffending rate for Bolton was 36.0%.");
  r = Bolton();
  r.set_national_rate_tenths(0);
  r.set_previous_year_rate_tenths(360);
  EXPECT_EQ(InlineText(ReoffendingSentences(r, "Bolton", "")),
            "The published reoffending rate for Bolton was 36.0%. This was "
            "the same as the previous year.");
}

TEST(ReoffendingSourceTest, LeavesOutWhatIsNotGiven) {
  v1::ReoffendingFigures r;
  EXPECT_EQ(ReoffendingSource(r), "");
  r.set_source("Ministry of Justice");
  EXPECT_EQ(ReoffendingSource(r), "Source: Ministry of Justice");
  r.set_measure("binary reoffending rates after 12 months");
  EXPECT_EQ(ReoffendingSource(r),
            "Based on binary reoffending rates after 12 months. Source: "
            "Ministry of Justice");
}

TEST(LookedAfterTest, ReadsAsTheLetter) {
  v1::LookedAfterFigures l;
  l.set_local_rate_tenths(50);
  l.set_national_rate_tenths(56);
  l.set_national_label("English average");
  l.set_source("Department for Education - Offending by Looked After Children");
  l.set_published("December 2014");
  EXPECT_EQ(InlineText(LookedAfterSentence(l, "Bolton", "2")),
            "The offending rate for Looked After Children in Bolton (5.0%) was "
            "lower than the English average (5.6%)2.");
  EXPECT_EQ(LookedAfterSource(l),
            "Published December 2014 by the Department for Education - "
            "Offending by Looked After Children");
  l.clear_national_label();
  l.clear_published();
  EXPECT_EQ(InlineText(LookedAfterSentence(l, "Bolton", "")),
            "The offending rate for Looked After Children in Bolton (5.0%) was "
            "lower than the national average (5.6%).");
  EXPECT_EQ(LookedAfterSource(l),
            "Source: Department for Education - Offending by Looked After "
            "Children");
}

}  // namespace
}  // namespace yjinspect::findings
