// The 2021 ratings rules (frameworks/hmip-youth-2021.textproto, applied by
// the verdict engine) against real published ratings: a public scrape of HM
// Inspectorate of Probation's youth justice inspection ratings
// (tests/data/hmi-youth-inspection-ratings-2022-2023.csv, see the README
// beside it).
//
// What the rules say: each of 12 counted standards scores Outstanding 3,
// Good 2, Requires improvement 1 or Inadequate 0 (resettlement is rated but
// not counted), and the total out of 36 is rated by the overall bands.
//
// What the scrape can support:
//  - score_% is the score out of 36 as a percentage, so every row's score
//    can be checked to be whole, and rated by the overall bands.
//  - The per-standard columns cannot give the score. The scrape has one
//    column each for assessment, planning and implementation and delivery,
//    holding the court standard (2.x) or the out-of-court one (3.x) of that
//    name, never both; so at most 9 of the 12 counted standards are listed
//    (1.1-1.4, one of 2.1/3.1, one of 2.2/3.2, one of 2.3/3.3, 2.4, 3.4) and
//    NO ROW IS COMPLETE. Blank cells are unknown: no cell in the file reads
//    "Requires improvement", so blanks include standards rated that way that
//    the scrape dropped. A row is treated as "complete" only in the sense of
//    listing all 9 standards the columns can hold, and even then 3 standards
//    are unknown.
//  - What can be checked is therefore: the listed standards' points never
//    exceed the score, and the score never exceeds them by more than 3 per
//    unlisted standard; and where no value of the unlisted standards could
//    move the rating out of one overall band, the rating computed from the
//    listed standards is the published one.
//
// Rows that cannot match are listed in kUnmatchable with the reason; the
// tests fail for a mismatch of a row not listed, and for a listed row that
// no longer mismatches (so the list cannot go stale).

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <fstream>
#include <map>
#include <optional>
#include <set>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "cli/exchange/csv_reader.h"
#include "common/frameworks/framework_registry.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "services/findings/verdicts/verdict_engine.h"
#include "tests/unit/findings/verdicts/published_standards.h"

#ifndef YJ_RATINGS_CSV
#error "YJ_RATINGS_CSV must name the ratings CSV (set in tests/bolton.cmake)"
#endif

namespace yjinspect::findings {
namespace {

constexpr char kCsvPath[] = YJ_RATINGS_CSV;
constexpr int kCountedStandards = 12;
constexpr int kMaxScore = 36;
constexpr double kWholeTolerance = 0.01;

// The CSV is read with the exchange format's reader (cli/exchange), which
// has its own tests.
using Record = std::vector<std::string>;

absl::StatusOr<std::vector<Record>> ParseCsv(absl::string_view text) {
  auto records = cli::exchange::ReadCsv(text);
  if (!records.ok()) return records.status();
  std::vector<Record> out;
  for (auto& record : *records) out.push_back(std::move(record.fields));
  return out;
}

// ---------------------------------------------------------------------------
// The published rows.

struct Row {
  int line = 0;  // in the file, header = 1
  std::map<std::string, std::string> cells;

  const std::string& at(const std::string& column) const {
    static const std::string kEmpty;
    const auto it = cells.find(column);
    return it == cells.end() ? kEmpty : it->second;
  }
  std::string name() const {
    return absl::StrCat(at("la_name"), " (", at("la_ref"), ", line ", line,
                        ")");
  }
};

// Which of the 2021 framework's sections a per-standard column holds.
// assessment, planning and implementation_and_delivery may hold the court
// (2.x) or the out-of-court (3.x) standard; either counts the same towards
// the score, so they are placed on the court one. The three 3.4 columns are
// the same standard under the names the scrape met (joint working before
// 2021, out-of-court disposal policy and provision after).
const std::vector<std::pair<std::string, std::string>>& StandardColumns() {
  static const auto* columns =
      new std::vector<std::pair<std::string, std::string>>{
          {"governance_and_leadership", "1.1"},
          {"staff", "1.2"},
          {"partnerships_and_services", "1.3"},
          {"information_and_facilities", "1.4"},
          {"assessment", "2.1"},
          {"planning", "2.2"},
          {"implementation_and_delivery", "2.3"},
          {"reviewing", "2.4"},
          {"outofcourt_disposal_policy_and_provision", "3.4"},
          {"policy_and_provision", "3.4"},
          {"joint_working", "3.4"},
          {"resettlement_policy_and_provision", "4.1"},
      };
  return *columns;
}

// What a check found wrong with a row, for kUnmatchable.
enum Check : unsigned {
  // score_% x 36 / 100 is within 0.01 of a whole number.
  kWholeScore = 1u << 0,
  // That whole score, rated by the overall bands, is the published rating.
  kScoreRating = 1u << 1,
  // Listed standards' points <= score <= those + 3 per unlisted standard.
  kStandardBounds = 1u << 2,
  // Where the listed standards fix the band, it is the published rating.
  kStandardRating = 1u << 3,
};

struct Unmatchable {
  unsigned fails;  // Check bits
  const char* reason;
};

// Every row that cannot match, by la_ref, with the checks it fails and why.
const std::map<std::string, Unmatchable>& KnownUnmatchable() {
  static const auto* rows = new std::map<std::string, Unmatchable>{
      {"bridgend-jys",
       {kWholeScore | kScoreRating | kStandardBounds,
        "score_% 4.56 is 1.64 of 36 points: not a whole score, and less than "
        "the 6 points its three listed Good standards (staff, information "
        "and facilities, assessment) give on their own; the published "
        "Requires improvement needs 7 to 18 points. A scrape error in "
        "score_%."}},
      {"ceredigionyjs",
       {kWholeScore | kScoreRating,
        "score_% 4.17 is 1.5 of 36 points, but exactly 1 of 24 (4.1667%): "
        "the service was scored out of a smaller maximum (8 counted "
        "standards, as when a small service's sample leaves standards "
        "unrated), not by the 12-standard rule, so the 36-point bands cannot "
        "rate it. Its published Inadequate agrees with 1 point of 24."}},
      {"portsmouth-yot",
       {kScoreRating,
        "overall_rating holds the report's footnote (\"1 The resettlement "
        "standard does not contribute to the overall rating for the YOT.\") "
        "instead of a rating: an extraction error. Its score, 22 of 36, "
        "would be Good."}},
      {"west-sussex-yjs",
       {kScoreRating,
        "score 26 of 36 (72.22%) is in the Good band (19-30), and its listed "
        "standards alone give 20 points, yet the scrape gives Requires "
        "Improvement. The inspectorate's press release (June 2022) rated West "
        "Sussex Good at 26/36: the scrape's rating is an extraction error "
        "(published_rows_test.cc holds the published row)."}},
  };
  return *rows;
}

class PublishedRatingsTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    state_ = new State();
    auto registry = common::FrameworkRegistry::LoadBuiltIn();
    if (!registry.ok()) {
      state_->error = registry.status();
      return;
    }
    state_->registry.emplace(std::move(*registry));
    state_->framework = state_->registry->Find("hmip-youth-2021", "1");
    std::ifstream in(kCsvPath, std::ios::binary);
    if (!in) {
      state_->error =
          absl::NotFoundError(absl::StrCat("cannot read ", kCsvPath));
      return;
    }
    std::stringstream text;
    text << in.rdbuf();
    auto records = ParseCsv(text.str());
    if (!records.ok()) {
      state_->error = records.status();
      return;
    }
    if (records->empty()) {
      state_->error = absl::InvalidArgumentError("the CSV is empty");
      return;
    }
    state_->header = (*records)[0];
    for (size_t r = 1; r < records->size(); ++r) {
      const Record& record = (*records)[r];
      if (record.size() != state_->header.size()) {
        state_->error = absl::InvalidArgumentError(
            absl::StrCat("line ", r + 1, " has ", record.size(),
                         " fields; the header has ", state_->header.size()));
        return;
      }
      Row row;
      row.line = static_cast<int>(r + 1);
      for (size_t f = 0; f < record.size(); ++f) {
        row.cells[state_->header[f]] = record[f];
      }
      state_->rows.push_back(std::move(row));
    }
  }
  static void TearDownTestSuite() {
    delete state_;
    state_ = nullptr;
  }

  void SetUp() override {
    ASSERT_TRUE(state_->error.ok()) << state_->error;
    ASSERT_NE(state_->framework, nullptr) << "hmip-youth-2021 version 1";
  }

  static const v1::Framework& framework() { return *state_->framework; }
  static const std::vector<Row>& rows() { return state_->rows; }

  // The framework's standard band whose rating is `rating` (any case), or
  // null.
  static const v1::RatingBand* StandardBand(absl::string_view rating) {
    for (const v1::RatingBand& band : framework().rating().standard_bands()) {
      if (absl::EqualsIgnoreCase(band.rating(), rating)) return &band;
    }
    return nullptr;
  }
  static const v1::RatingBand* BandOfPoints(int points) {
    for (const v1::RatingBand& band : framework().rating().standard_bands()) {
      if (band.points() == points) return &band;
    }
    return nullptr;
  }
  static std::vector<std::string> CountedSections() {
    std::vector<std::string> ids;
    for (const v1::Section& s : framework().sections()) {
      if (s.counted_in_overall()) ids.push_back(s.id());
    }
    return ids;
  }

  // The overall rating the verdict engine gives when the sections have these
  // final ratings (panel ratings for panel-rated standards, overrides for
  // those rated from cases; no case answers).
  static absl::StatusOr<std::string> EngineOverallRating(
      const std::map<std::string, std::string>& ratings) {
    auto verdicts = testing::VerdictsOfPublishedStandards(framework(), ratings);
    if (!verdicts.ok()) return verdicts.status();
    if (verdicts->overall().status() != v1::RATING_STATUS_RATED) {
      return absl::FailedPreconditionError(absl::StrCat(
          "overall not rated (status ",
          v1::RatingStatus_Name(verdicts->overall().status()), ")"));
    }
    return verdicts->overall().final_rating();
  }

  // The overall rating of a whole `score` out of 36: the counted standards
  // given points adding up to it (3s first), rated by the engine.
  static absl::StatusOr<std::string> RatingOfScore(int score) {
    std::map<std::string, std::string> ratings;
    int left = score;
    for (const std::string& id : CountedSections()) {
      const int points = left >= 3 ? 3 : left;
      left -= points;
      const v1::RatingBand* band = BandOfPoints(points);
      if (band == nullptr) {
        return absl::InternalError(absl::StrCat("no band scores ", points));
      }
      ratings[id] = band->rating();
    }
    return EngineOverallRating(ratings);
  }

  // The row's counted standards as listed (section id -> band rating);
  // `unknown_cell` names the first cell that is not a rating, or a second
  // column rating the same standard.
  static std::map<std::string, std::string> ListedStandards(
      const Row& row, std::string* unknown_cell) {
    std::map<std::string, std::string> listed;
    const std::vector<std::string> counted = CountedSections();
    for (const auto& [column, section] : StandardColumns()) {
      const std::string& cell = row.at(column);
      if (cell.empty()) continue;
      const v1::RatingBand* band = StandardBand(cell);
      if (band == nullptr) {
        if (unknown_cell->empty())
          *unknown_cell = absl::StrCat(column, "=", cell);
        continue;
      }
      if (std::find(counted.begin(), counted.end(), section) == counted.end()) {
        continue;
      }
      if (!listed.emplace(section, band->rating()).second &&
          unknown_cell->empty()) {
        *unknown_cell = absl::StrCat(column, ": a second rating of ", section);
      }
    }
    return listed;
  }

  // Checks `found_ok` of `check` for `row` against kUnmatchable: a listed
  // row must fail, any other must pass.
  static void ExpectAsKnown(const Row& row, Check check, bool found_ok,
                            const std::string& detail) {
    const auto known = KnownUnmatchable().find(row.at("la_ref"));
    const bool expected_ok =
        known == KnownUnmatchable().end() || (known->second.fails & check) == 0;
    if (expected_ok) {
      EXPECT_TRUE(found_ok) << row.name() << ": " << detail;
    } else {
      EXPECT_FALSE(found_ok)
          << row.name() << " is listed as unmatchable (" << known->second.reason
          << ") but now matches: " << detail;
    }
  }

  // score_% x 36 / 100.
  static absl::StatusOr<double> ScorePoints(const Row& row) {
    double percent = 0;
    if (!absl::SimpleAtod(row.at("score_%"), &percent)) {
      return absl::InvalidArgumentError(
          absl::StrCat("score_% \"", row.at("score_%"), "\" is not a number"));
    }
    return percent * kMaxScore / 100.0;
  }

  struct State {
    absl::Status error;
    std::optional<common::FrameworkRegistry> registry;
    const v1::Framework* framework = nullptr;
    Record header;
    std::vector<Row> rows;
  };
  static State* state_;
};

PublishedRatingsTest::State* PublishedRatingsTest::state_ = nullptr;

TEST_F(PublishedRatingsTest, FileHasTheColumnsAndOneRowPerService) {
  const Record& header = state_->header;
  for (const char* column :
       {"la_name", "la_ref", "score_%", "overall_rating"}) {
    EXPECT_NE(std::find(header.begin(), header.end(), column), header.end())
        << column;
  }
  for (const auto& [column, section] : StandardColumns()) {
    EXPECT_NE(std::find(header.begin(), header.end(), column), header.end())
        << column;
  }
  EXPECT_EQ(rows().size(), 83u);
  std::set<std::string> refs;
  for (const Row& row : rows()) {
    EXPECT_TRUE(refs.insert(row.at("la_ref")).second) << row.name();
  }
  for (const auto& [ref, known] : KnownUnmatchable()) {
    EXPECT_EQ(refs.count(ref), 1u) << ref << " is listed but not in the file";
  }
}

TEST_F(PublishedRatingsTest, FrameworkScoresTwelveStandardsThreeTwoOneNought) {
  EXPECT_EQ(CountedSections().size(), static_cast<size_t>(kCountedStandards));
  const std::map<std::string, int> points = {{"Outstanding", 3},
                                             {"Good", 2},
                                             {"Requires improvement", 1},
                                             {"Inadequate", 0}};
  ASSERT_EQ(framework().rating().standard_bands_size(), 4);
  for (const auto& [rating, expected] : points) {
    const v1::RatingBand* band = StandardBand(rating);
    ASSERT_NE(band, nullptr) << rating;
    EXPECT_EQ(band->points(), expected) << rating;
  }
  // The overall bands cover every score from 0 to 36 exactly once.
  for (int score = 0; score <= kMaxScore; ++score) {
    int covering = 0;
    for (const v1::RatingBand& band : framework().rating().overall_bands()) {
      covering += band.min_score() <= score && score <= band.max_score();
    }
    EXPECT_EQ(covering, 1) << score;
  }
}

TEST_F(PublishedRatingsTest, EveryScoreIsAWholeScoreOutOf36) {
  for (const Row& row : rows()) {
    auto points = ScorePoints(row);
    ASSERT_TRUE(points.ok()) << row.name() << ": " << points.status();
    const bool whole =
        std::fabs(*points - std::round(*points)) <= kWholeTolerance;
    ExpectAsKnown(
        row, kWholeScore, whole,
        absl::StrCat("score_% ", row.at("score_%"), " is ", *points, " of 36"));
  }
}

TEST_F(PublishedRatingsTest, EveryScoreRatedByTheOverallBandsIsThePublished) {
  for (const Row& row : rows()) {
    auto points = ScorePoints(row);
    ASSERT_TRUE(points.ok()) << row.name() << ": " << points.status();
    const double rounded = std::round(*points);
    if (std::fabs(*points - rounded) > kWholeTolerance) {
      // Not a score under the 36-point rule: it cannot match.
      ExpectAsKnown(row, kScoreRating, false,
                    absl::StrCat(*points, " of 36 is not a whole score"));
      continue;
    }
    auto rating = RatingOfScore(static_cast<int>(rounded));
    ASSERT_TRUE(rating.ok()) << row.name() << ": " << rating.status();
    ExpectAsKnown(
        row, kScoreRating,
        absl::EqualsIgnoreCase(*rating, row.at("overall_rating")),
        absl::StrCat("score ", rounded, " rates ", *rating, "; published \"",
                     row.at("overall_rating"), "\""));
  }
}

TEST_F(PublishedRatingsTest, NoRowCanListAllTwelveCountedStandards) {
  // The columns can hold 9 distinct counted standards: 3.1, 3.2 and 3.3
  // share their columns with 2.1, 2.2 and 2.3. So "complete" can only mean
  // the 9, and the overall rating is never fully determined by a row's
  // standards alone.
  std::set<std::string> reachable;
  const std::vector<std::string> counted = CountedSections();
  for (const auto& [column, section] : StandardColumns()) {
    if (std::find(counted.begin(), counted.end(), section) != counted.end()) {
      reachable.insert(section);
    }
  }
  EXPECT_EQ(reachable.size(), 9u);
  int with_nine = 0;
  for (const Row& row : rows()) {
    std::string unknown;
    const auto listed = ListedStandards(row, &unknown);
    EXPECT_TRUE(unknown.empty()) << row.name() << ": " << unknown;
    EXPECT_LE(listed.size(), 9u) << row.name();
    with_nine += listed.size() == 9u;
  }
  // Bath and North East Somerset, Bromley, Islington, Bexley,
  // Carmarthenshire, North East Lincolnshire, Bolton, Surrey, Wolverhampton.
  EXPECT_EQ(with_nine, 9);
}

TEST_F(PublishedRatingsTest, ListedStandardsAgreeWithTheScore) {
  for (const Row& row : rows()) {
    auto points = ScorePoints(row);
    ASSERT_TRUE(points.ok()) << row.name() << ": " << points.status();
    std::string unknown;
    const auto listed = ListedStandards(row, &unknown);
    int listed_points = 0;
    for (const auto& [section, rating] : listed) {
      listed_points += StandardBand(rating)->points();
    }
    const int unlisted = kCountedStandards - static_cast<int>(listed.size());
    const bool ok = listed_points <= *points + kWholeTolerance &&
                    *points <= listed_points + 3 * unlisted + kWholeTolerance;
    ExpectAsKnown(
        row, kStandardBounds, ok,
        absl::StrCat("listed standards give ", listed_points, " points, ",
                     unlisted, " unlisted; score ", *points));
  }
}

TEST_F(PublishedRatingsTest, StandardsRateAsPublishedWhereTheyFixTheBand) {
  int determined = 0;
  for (const Row& row : rows()) {
    std::string unknown;
    const auto listed = ListedStandards(row, &unknown);
    // The unlisted standards all Inadequate, then all Outstanding.
    std::map<std::string, std::string> lowest = listed;
    std::map<std::string, std::string> highest = listed;
    for (const std::string& id : CountedSections()) {
      if (listed.count(id) > 0) continue;
      lowest[id] = BandOfPoints(0)->rating();
      highest[id] = BandOfPoints(3)->rating();
    }
    auto low = EngineOverallRating(lowest);
    auto high = EngineOverallRating(highest);
    ASSERT_TRUE(low.ok()) << row.name() << ": " << low.status();
    ASSERT_TRUE(high.ok()) << row.name() << ": " << high.status();
    if (*low != *high) continue;
    ++determined;
    ExpectAsKnown(row, kStandardRating,
                  absl::EqualsIgnoreCase(*low, row.at("overall_rating")),
                  absl::StrCat("the listed standards rate it ", *low,
                               " whatever the others; published \"",
                               row.at("overall_rating"), "\""));
  }
  // Bath and North East Somerset, Bexley, North East Lincolnshire, Bolton
  // and Surrey: not a vacuous check.
  EXPECT_EQ(determined, 5);
}

TEST_F(PublishedRatingsTest, EveryUnmatchableRowHasAReason) {
  for (const auto& [ref, known] : KnownUnmatchable()) {
    EXPECT_NE(known.fails, 0u) << ref;
    EXPECT_GT(std::string(known.reason).size(), 40u) << ref;
  }
}

}  // namespace
}  // namespace yjinspect::findings
