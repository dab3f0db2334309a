// The rating rules of services/findings/verdicts/verdict_engine.h at every
// boundary: standard bands from the lowest key question's exact share, and
// the overall bands of the 2018 and 2021 rules.

#include <ostream>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "gtest/gtest.h"
#include "services/findings/verdicts/verdict_engine.h"
#include "tests/testing/invalid_argument.h"
#include "tests/unit/findings/verdicts/verdict_fixtures.h"

namespace yjinspect::findings {
namespace {

using testing::AnswerMix;
using testing::CasesWithMixes;
using testing::KeyQuestionFramework;
using testing::NameOfRow;
using testing::Panel;
using testing::TwelveStandardsFramework;

struct KeyQuestionRow {
  std::string name;
  AnswerMix desistance;
  AnswerMix safety;
  AnswerMix others;
  v1::RatingStatus status;
  std::string rating;  // Empty unless rated.
  int64_t numerator;   // The section's share; 0/0 when unset.
  int64_t denominator;
  int lowest;  // Index of the lowest key question, -1 for none.
};
// Test logs name the row, not its bytes.
void PrintTo(const KeyQuestionRow& row, std::ostream* os) { *os << row.name; }

class KeyQuestionRatingTest : public ::testing::TestWithParam<KeyQuestionRow> {
};

TEST_P(KeyQuestionRatingTest, RatesTheLowestShareByTheFirstBandReached) {
  const KeyQuestionRow& row = GetParam();
  const auto verdicts =
      ComputeVerdicts(KeyQuestionFramework(),
                      CasesWithMixes({{"2.1-desistance", row.desistance},
                                      {"2.1-safety", row.safety},
                                      {"2.1-others", row.others}}),
                      {}, {});
  ASSERT_TRUE(verdicts.ok()) << verdicts.status();
  const v1::SectionVerdict& section = verdicts->sections(0);
  ASSERT_EQ(section.section_id(), "2.1");
  EXPECT_EQ(section.status(), row.status);
  EXPECT_EQ(section.computed_rating(), row.rating);
  EXPECT_EQ(section.final_rating(), row.rating);
  EXPECT_EQ(section.share().numerator(), row.numerator);
  EXPECT_EQ(section.share().denominator(), row.denominator);
  ASSERT_EQ(section.key_questions_size(), 3);
  for (int k = 0; k < 3; ++k) {
    EXPECT_EQ(section.key_questions(k).lowest(), k == row.lowest) << k;
  }
}

constexpr auto kRated = v1::RATING_STATUS_RATED;
constexpr AnswerMix kAllYes{100, 0, 0};

INSTANTIATE_TEST_SUITE_P(
    Boundaries, KeyQuestionRatingTest,
    ::testing::Values(
        KeyQuestionRow{"Share80Outstanding",
                       {80, 20},
                       kAllYes,
                       kAllYes,
                       kRated,
                       "Outstanding",
                       80,
                       100,
                       0},
        KeyQuestionRow{"Share79Good",
                       {79, 21},
                       kAllYes,
                       kAllYes,
                       kRated,
                       "Good",
                       79,
                       100,
                       0},
        KeyQuestionRow{"Share65Good",
                       kAllYes,
                       {65, 35},
                       kAllYes,
                       kRated,
                       "Good",
                       65,
                       100,
                       1},
        KeyQuestionRow{"Share64RequiresImprovement",
                       kAllYes,
                       {64, 36},
                       kAllYes,
                       kRated,
                       "Requires improvement",
                       64,
                       100,
                       1},
        KeyQuestionRow{"Share50RequiresImprovement",
                       kAllYes,
                       kAllYes,
                       {50, 50},
                       kRated,
                       "Requires improvement",
                       50,
                       100,
                       2},
        KeyQuestionRow{"Share49Inadequate",
                       kAllYes,
                       kAllYes,
                       {49, 51},
                       kRated,
                       "Inadequate",
                       49,
                       100,
                       2},
        KeyQuestionRow{"NoneYesInadequate",
                       {0, 10},
                       {10, 0},
                       {10, 0},
                       kRated,
                       "Inadequate",
                       0,
                       10,
                       0},
        KeyQuestionRow{"AllYesOutstanding", kAllYes, kAllYes, kAllYes, kRated,
                       "Outstanding", 100, 100, 0},
        KeyQuestionRow{
            "TwoThirdsGood", {2, 1}, {3, 0}, {3, 0}, kRated, "Good", 2, 3, 0},
        KeyQuestionRow{"ThirteenTwentiethsGood",
                       {20, 0},
                       {13, 7},
                       {20, 0},
                       kRated,
                       "Good",
                       13,
                       20,
                       1},
        KeyQuestionRow{"TwelveTwentiethsRequiresImprovement",
                       {20, 0},
                       {12, 8},
                       {20, 0},
                       kRated,
                       "Requires improvement",
                       12,
                       20,
                       1},
        // 64.58%: a rounded percent would say 65 and wrongly Good.
        KeyQuestionRow{"ThirtyOneOfFortyEightRequiresImprovement",
                       {31, 17},
                       {48, 0},
                       {48, 0},
                       kRated,
                       "Requires improvement",
                       31,
                       48,
                       0},
        KeyQuestionRow{"LowestOfThree",
                       {90, 10},
                       {70, 30},
                       {55, 45},
                       kRated,
                       "Requires improvement",
                       55,
                       100,
                       2},
        KeyQuestionRow{"TieGoesToFirstInFrameworkOrder",
                       {65, 35},
                       {13, 7},
                       kAllYes,
                       kRated,
                       "Good",
                       65,
                       100,
                       0},
        KeyQuestionRow{"NotApplicableLeftOutOfTheShare",
                       {4, 1, 95},
                       kAllYes,
                       {0, 0, 100},
                       kRated,
                       "Outstanding",
                       4,
                       5,
                       0},
        KeyQuestionRow{"NotApplicableDoesNotLowerTheShare",
                       {79, 21},
                       {1, 0, 99},
                       {100},
                       kRated,
                       "Good",
                       79,
                       100,
                       0},
        KeyQuestionRow{"AllNotApplicableIsInsufficientEvidence",
                       {0, 0, 10},
                       {0, 0, 10},
                       {0, 0, 10},
                       v1::RATING_STATUS_INSUFFICIENT_EVIDENCE,
                       "",
                       0,
                       0,
                       -1},
        KeyQuestionRow{"NoAnswersIsInsufficientEvidence",
                       {},
                       {},
                       {},
                       v1::RATING_STATUS_INSUFFICIENT_EVIDENCE,
                       "",
                       0,
                       0,
                       -1}),
    NameOfRow<KeyQuestionRow>);

// Exact fractions where a float would blur: a band starting at 2/3.
struct TwoThirdsRow {
  std::string name;
  AnswerMix desistance;
  std::string rating;
};
// Test logs name the row, not its bytes.
void PrintTo(const TwoThirdsRow& row, std::ostream* os) { *os << row.name; }

class ExactFractionBandTest : public ::testing::TestWithParam<TwoThirdsRow> {};

TEST_P(ExactFractionBandTest, ComparesByCrossMultiplication) {
  v1::Framework framework = KeyQuestionFramework();
  framework.mutable_rating()
      ->mutable_standard_bands(1)
      ->mutable_min_share()
      ->set_numerator(2);
  framework.mutable_rating()
      ->mutable_standard_bands(1)
      ->mutable_min_share()
      ->set_denominator(3);
  const auto verdicts = ComputeVerdicts(
      framework, CasesWithMixes({{"2.1-desistance", GetParam().desistance}}),
      {}, {});
  ASSERT_TRUE(verdicts.ok()) << verdicts.status();
  EXPECT_EQ(verdicts->sections(0).computed_rating(), GetParam().rating);
}

INSTANTIATE_TEST_SUITE_P(
    TwoThirds, ExactFractionBandTest,
    ::testing::Values(
        TwoThirdsRow{
            "ThirteenTwentiethsBelow", {13, 7}, "Requires improvement"},
        TwoThirdsRow{"TwoThirdsReaches", {2, 1}, "Good"},
        TwoThirdsRow{"TwoHundredOfThreeHundredReaches", {200, 100}, "Good"},
        TwoThirdsRow{"666Of1000Below", {666, 334}, "Requires improvement"},
        TwoThirdsRow{"667Of1000Reaches", {667, 333}, "Good"}),
    NameOfRow<TwoThirdsRow>);

// Overall bands, 2018 and 2021 rules, at each edge. Twelve panel-rated
// standards reach the score; resettlement is rated Outstanding throughout
// and must never count.
struct OverallRow {
  std::string name;
  std::vector<std::pair<int32_t, int32_t>> bands;
  int32_t score;
  std::string rating;
};
// Test logs name the row, not its bytes.
void PrintTo(const OverallRow& row, std::ostream* os) { *os << row.name; }

const std::vector<std::pair<int32_t, int32_t>> kBands2018 = {
    {0, 5}, {6, 15}, {16, 25}, {26, 36}};
const std::vector<std::pair<int32_t, int32_t>> kBands2021 = {
    {0, 6}, {7, 18}, {19, 30}, {31, 36}};

// Panel ratings of s1..s12 whose points add up to `score`.
std::vector<v1::PanelRating> RatingsScoring(int32_t score) {
  const char* const kByPoints[] = {"Inadequate", "Requires improvement", "Good",
                                   "Outstanding"};
  std::vector<v1::PanelRating> ratings;
  for (int s = 0; s < 12; ++s) {
    const int32_t points = score >= 3 ? 3 : score;
    score -= points;
    ratings.push_back(Panel(absl::StrCat("s", s + 1), kByPoints[points]));
  }
  ratings.push_back(Panel("resettlement", "Outstanding"));
  return ratings;
}

class OverallBandTest : public ::testing::TestWithParam<OverallRow> {};

TEST_P(OverallBandTest, RatesTheScoreOfTheCountedStandards) {
  const OverallRow& row = GetParam();
  const auto verdicts = ComputeVerdicts(TwelveStandardsFramework(row.bands), {},
                                        RatingsScoring(row.score), {});
  ASSERT_TRUE(verdicts.ok()) << verdicts.status();
  const v1::OverallRating& overall = verdicts->overall();
  EXPECT_EQ(overall.score(), row.score);
  EXPECT_EQ(overall.max_score(), 36);
  EXPECT_EQ(overall.status(), v1::RATING_STATUS_RATED);
  EXPECT_EQ(overall.computed_rating(), row.rating);
  EXPECT_EQ(overall.final_rating(), row.rating);
  const v1::SectionVerdict& resettlement = verdicts->sections(12);
  EXPECT_EQ(resettlement.final_rating(), "Outstanding");
  EXPECT_FALSE(resettlement.counted_in_overall());
}

INSTANTIATE_TEST_SUITE_P(
    Edges, OverallBandTest,
    ::testing::Values(
        OverallRow{"Rules2018Score0", kBands2018, 0, "Inadequate"},
        OverallRow{"Rules2018Score5", kBands2018, 5, "Inadequate"},
        OverallRow{"Rules2018Score6", kBands2018, 6, "Requires improvement"},
        OverallRow{"Rules2018Score15", kBands2018, 15, "Requires improvement"},
        OverallRow{"Rules2018Score16", kBands2018, 16, "Good"},
        OverallRow{"Rules2018Score25", kBands2018, 25, "Good"},
        OverallRow{"Rules2018Score26", kBands2018, 26, "Outstanding"},
        OverallRow{"Rules2018Score36", kBands2018, 36, "Outstanding"},
        OverallRow{"Rules2021Score0", kBands2021, 0, "Inadequate"},
        OverallRow{"Rules2021Score6", kBands2021, 6, "Inadequate"},
        OverallRow{"Rules2021Score7", kBands2021, 7, "Requires improvement"},
        OverallRow{"Rules2021Score18", kBands2021, 18, "Requires improvement"},
        OverallRow{"Rules2021Score19", kBands2021, 19, "Good"},
        OverallRow{"Rules2021Score30", kBands2021, 30, "Good"},
        OverallRow{"Rules2021Score31", kBands2021, 31, "Outstanding"},
        OverallRow{"Rules2021Score36", kBands2021, 36, "Outstanding"}),
    NameOfRow<OverallRow>);

TEST(OverallRatingTest, WaitsForEveryCountedStandard) {
  std::vector<v1::PanelRating> ratings = RatingsScoring(20);
  ratings.erase(ratings.begin() + 11);  // s12 unrated.
  const auto verdicts =
      ComputeVerdicts(TwelveStandardsFramework(kBands2021), {}, ratings, {});
  ASSERT_TRUE(verdicts.ok()) << verdicts.status();
  EXPECT_EQ(verdicts->overall().status(), v1::RATING_STATUS_AWAITING_SECTIONS);
  EXPECT_EQ(verdicts->overall().computed_rating(), "");
  ASSERT_EQ(verdicts->overall().missing_sections_size(), 1);
  EXPECT_EQ(verdicts->overall().missing_sections(0), "s12");
  EXPECT_EQ(verdicts->sections(11).status(), v1::RATING_STATUS_AWAITING_PANEL);
}

TEST(OverallRatingTest, UnratedResettlementDoesNotHoldItUp) {
  std::vector<v1::PanelRating> ratings = RatingsScoring(19);
  ratings.pop_back();  // No resettlement rating.
  const auto verdicts =
      ComputeVerdicts(TwelveStandardsFramework(kBands2021), {}, ratings, {});
  ASSERT_TRUE(verdicts.ok()) << verdicts.status();
  EXPECT_EQ(verdicts->overall().computed_rating(), "Good");
  EXPECT_EQ(verdicts->sections(12).status(), v1::RATING_STATUS_AWAITING_PANEL);
}

TEST(OverallRatingTest, OverrideReplacesTheRatingAndKeepsTheScore) {
  const auto verdicts = ComputeVerdicts(
      TwelveStandardsFramework(kBands2021), {}, RatingsScoring(30),
      {testing::Override("overall", "Outstanding", "Exceptional leadership.")});
  ASSERT_TRUE(verdicts.ok()) << verdicts.status();
  const v1::OverallRating& overall = verdicts->overall();
  EXPECT_EQ(overall.score(), 30);
  EXPECT_EQ(overall.computed_rating(), "Good");
  EXPECT_EQ(overall.final_rating(), "Outstanding");
  EXPECT_TRUE(overall.overridden());
  EXPECT_EQ(overall.override_reason(), "Exceptional leadership.");
  EXPECT_EQ(overall.override_by(), "LI-01");
}

TEST(OverallRatingTest, ScoreOutsideEveryBandIsRefused) {
  const auto verdicts = ComputeVerdicts(
      TwelveStandardsFramework({{0, 5}, {6, 15}}), {}, RatingsScoring(20), {});
  ::yjinspect::testing::ExpectInvalidArgumentNaming(verdicts.status(),
                                                    {"score 20"});
}

}  // namespace
}  // namespace yjinspect::findings
