// common/dates.h: which google.type.Date values are real calendar dates, and
// month arithmetic as sentence lengths are counted.

#include "common/dates.h"

#include <string>

#include "gtest/gtest.h"
#include "tests/testing/case_builder.h"
#include "tests/testing/name_of_row.h"

namespace yjinspect::common {
namespace {

using testing::MakeDate;

struct DateRow {
  std::string name;
  int year;
  int month;
  int day;
};

class RealDateTest : public ::testing::TestWithParam<DateRow> {};

TEST_P(RealDateTest, IsACivilDayWithTheSameFields) {
  const DateRow& row = GetParam();
  auto day = ToCivilDay(MakeDate(row.year, row.month, row.day));
  ASSERT_TRUE(day.has_value());
  EXPECT_EQ(*day, absl::CivilDay(row.year, row.month, row.day));
}

INSTANTIATE_TEST_SUITE_P(
    Dates, RealDateTest,
    ::testing::Values(DateRow{"Ordinary", 2014, 12, 15},
                      DateRow{"LeapDay2016", 2016, 2, 29},
                      DateRow{"LeapDay2000DivisibleBy400", 2000, 2, 29},
                      DateRow{"LastDayOf31DayMonth", 2015, 1, 31},
                      DateRow{"LastDayOf30DayMonth", 2015, 4, 30},
                      DateRow{"FirstSupportedDay", 1900, 1, 1},
                      DateRow{"LastSupportedDay", 2199, 12, 31}),
    testing::NameOfRow<DateRow>);

class NotARealDateTest : public ::testing::TestWithParam<DateRow> {};

TEST_P(NotARealDateTest, IsRefused) {
  const DateRow& row = GetParam();
  EXPECT_FALSE(ToCivilDay(MakeDate(row.year, row.month, row.day)).has_value());
}

INSTANTIATE_TEST_SUITE_P(
    Dates, NotARealDateTest,
    ::testing::Values(
        DateRow{"ThirtyFirstFebruary", 2015, 2, 31},
        DateRow{"ThirtiethFebruary", 2016, 2, 30},
        DateRow{"LeapDayInCommonYear", 2015, 2, 29},
        DateRow{"LeapDayIn1900NotALeapYear", 1900, 2, 29},
        DateRow{"ThirtyFirstApril", 2014, 4, 31},
        DateRow{"DayZero", 2014, 5, 0}, DateRow{"DayThirtyTwo", 2014, 5, 32},
        DateRow{"NegativeDay", 2014, 5, -1}, DateRow{"MonthZero", 2014, 0, 10},
        DateRow{"MonthThirteen", 2014, 13, 10},
        DateRow{"YearBeforeRange", 1899, 12, 31},
        DateRow{"YearAfterRange", 2200, 1, 1}, DateRow{"YearUnset", 0, 6, 1},
        DateRow{"AllUnset", 0, 0, 0}),
    testing::NameOfRow<DateRow>);

TEST(DatesTest, ToDateIsTheInverseOfToCivilDay) {
  const absl::CivilDay day(2016, 2, 29);
  google::type::Date date = ToDate(day);
  EXPECT_EQ(date.year(), 2016);
  EXPECT_EQ(date.month(), 2);
  EXPECT_EQ(date.day(), 29);
  auto back = ToCivilDay(date);
  ASSERT_TRUE(back.has_value());
  EXPECT_EQ(*back, day);
}

TEST(DatesTest, FormatDateIsIsoWithZeroPadding) {
  EXPECT_EQ(FormatDate(MakeDate(2014, 12, 15)), "2014-12-15");
  EXPECT_EQ(FormatDate(MakeDate(2015, 1, 5)), "2015-01-05");
}

struct AddMonthsRow {
  std::string name;
  absl::CivilDay from;
  int months;
  absl::CivilDay expected;
};

class AddMonthsTest : public ::testing::TestWithParam<AddMonthsRow> {};

TEST_P(AddMonthsTest, GivesTheSameDayOfMonthClampedToTheMonthsEnd) {
  const AddMonthsRow& row = GetParam();
  EXPECT_EQ(AddMonths(row.from, row.months), row.expected);
}

INSTANTIATE_TEST_SUITE_P(
    Dates, AddMonthsTest,
    ::testing::Values(
        AddMonthsRow{"SameDayNextMonth", absl::CivilDay(2014, 9, 1), 1,
                     absl::CivilDay(2014, 10, 1)},
        AddMonthsRow{"ZeroMonthsIsTheSameDay", absl::CivilDay(2014, 9, 17), 0,
                     absl::CivilDay(2014, 9, 17)},
        AddMonthsRow{"ThirtyFirstJanuaryPlusOneInCommonYear",
                     absl::CivilDay(2015, 1, 31), 1,
                     absl::CivilDay(2015, 2, 28)},
        AddMonthsRow{"ThirtyFirstJanuaryPlusOneInLeapYear",
                     absl::CivilDay(2016, 1, 31), 1,
                     absl::CivilDay(2016, 2, 29)},
        AddMonthsRow{"ThirtyFirstAugustPlusOne", absl::CivilDay(2014, 8, 31), 1,
                     absl::CivilDay(2014, 9, 30)},
        AddMonthsRow{"AcrossTheYearEnd", absl::CivilDay(2014, 11, 15), 3,
                     absl::CivilDay(2015, 2, 15)},
        AddMonthsRow{"ClampAcrossTheYearEndIntoLeapFebruary",
                     absl::CivilDay(2015, 10, 31), 4,
                     absl::CivilDay(2016, 2, 29)},
        AddMonthsRow{"LeapDayPlusTwelveMonths", absl::CivilDay(2016, 2, 29), 12,
                     absl::CivilDay(2017, 2, 28)},
        AddMonthsRow{"LeapDayPlusFortyEightMonths", absl::CivilDay(2016, 2, 29),
                     48, absl::CivilDay(2020, 2, 29)},
        AddMonthsRow{"TwentyFourMonths", absl::CivilDay(2014, 9, 1), 24,
                     absl::CivilDay(2016, 9, 1)},
        AddMonthsRow{"NegativeMonthsClampToo", absl::CivilDay(2015, 3, 31), -1,
                     absl::CivilDay(2015, 2, 28)},
        AddMonthsRow{"NegativeAcrossTheYearStart", absl::CivilDay(2015, 1, 15),
                     -2, absl::CivilDay(2014, 11, 15)}),
    testing::NameOfRow<AddMonthsRow>);

TEST(ParseIsoDateTest, ParsesRealDates) {
  EXPECT_EQ(ParseIsoDate("2014-12-15"), absl::CivilDay(2014, 12, 15));
  EXPECT_EQ(ParseIsoDate("2016-02-29"), absl::CivilDay(2016, 2, 29));
  EXPECT_EQ(ParseIsoDate("1900-01-01"), absl::CivilDay(1900, 1, 1));
}

class ParseIsoDateRefusesTest : public ::testing::TestWithParam<const char*> {};

TEST_P(ParseIsoDateRefusesTest, TextThatIsNotExactlyYyyyMmDd) {
  EXPECT_EQ(ParseIsoDate(GetParam()), std::nullopt) << "'" << GetParam() << "'";
}

INSTANTIATE_TEST_SUITE_P(
    Dates, ParseIsoDateRefusesTest,
    ::testing::Values("", "2014-12-1", "2014-12-015", "2014-1-015",
                      "2014/12/15", "15-12-2014", "2014-12-15x", "2015-02-29",
                      "2014-13-01", "1899-12-31",
                      // Ten characters, but not two-digit fields: sscanf
                      // skips spaces and takes signs inside a field.
                      " 2014-12-1", "2014-12- 1", "2014-+1-15"));

}  // namespace
}  // namespace yjinspect::common
