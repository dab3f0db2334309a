#include "common/frameworks/numeric_rules.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <set>
#include <string>
#include <vector>

#include "absl/numeric/int128.h"
#include "absl/strings/str_cat.h"

namespace yjinspect::common::frameworks_internal {
namespace {

std::string Show(const v1::Fraction& fraction) {
  return absl::StrCat(fraction.numerator(), "/", fraction.denominator());
}

// A value in (0, 1), finite.
bool IsOpenUnit(double value) {
  return std::isfinite(value) && value > 0 && value < 1;
}

}  // namespace

int CompareFractions(const v1::Fraction& a, const v1::Fraction& b) {
  const absl::int128 left =
      absl::int128(a.numerator()) * absl::int128(b.denominator());
  const absl::int128 right =
      absl::int128(b.numerator()) * absl::int128(a.denominator());
  return left < right ? -1 : (left > right ? 1 : 0);
}

bool NumericRules::CheckFraction(const v1::Fraction& fraction, const Node& node,
                                 absl::string_view what) {
  if (fraction.denominator() <= 0) {
    problems_.Add(node.At("denominator"),
                  absl::StrCat(what, " is ", Show(fraction),
                               ": the denominator must be greater than 0"));
    return false;
  }
  if (fraction.numerator() < 0 ||
      fraction.numerator() > fraction.denominator()) {
    problems_.Add(node.At("numerator"),
                  absl::StrCat(what, " is ", Show(fraction),
                               ": it must lie within [0, 1]"));
    return false;
  }
  return true;
}

void NumericRules::CheckThresholds(absl::string_view share_section) {
  if (!f_.has_thresholds()) {
    if (!share_section.empty()) {
      problems_.Add(
          root_.self(),
          absl::StrCat("thresholds are required: section \"", share_section,
                       "\" is scored SCORING_METHOD_SHARE_OF_"
                       "POSITIVE"));
    }
    return;
  }
  const v1::FindingThresholds& t = f_.thresholds();
  const Node node = root_.Child("thresholds", -1);
  // Both thresholds are required; each must be a well-formed fraction.
  auto required = [&](bool present, const v1::Fraction& fraction,
                      absl::string_view field) {
    const std::string what = absl::StrCat("thresholds.", field);
    if (!present) {
      problems_.Add(node.self(), absl::StrCat(what, " is required"));
      return false;
    }
    return CheckFraction(fraction, node.Child(field, -1), what);
  };
  const bool strength_ok = required(t.has_strength_at_least(),
                                    t.strength_at_least(), "strength_at_least");
  const bool improvement_ok = required(
      t.has_improvement_below(), t.improvement_below(), "improvement_below");
  if (strength_ok && improvement_ok &&
      CompareFractions(t.improvement_below(), t.strength_at_least()) > 0) {
    problems_.Add(node.At("improvement_below"),
                  absl::StrCat("thresholds.improvement_below (",
                               Show(t.improvement_below()),
                               ") is above thresholds.strength_at_least (",
                               Show(t.strength_at_least()), ")"));
  }
  if (t.min_applicable() < 1) {
    problems_.Add(node.At("min_applicable"),
                  "thresholds.min_applicable must be at least 1");
  }
}

void NumericRules::CheckRating(absl::string_view rated_section,
                               int counted_sections) {
  const Node rating = root_.Child("rating", -1);
  if (!rated_section.empty() && f_.rating().standard_bands_size() == 0) {
    problems_.Add(rating.self(),
                  absl::StrCat("rating.standard_bands are required: section "
                               "\"",
                               rated_section, "\" is rated"));
  }
  if (counted_sections > 0 && f_.rating().overall_bands_size() == 0) {
    problems_.Add(
        rating.self(),
        absl::StrCat("rating.overall_bands are required: ", counted_sections,
                     " sections are counted_in_overall"));
  }
  CheckStandardBands(rating);
  CheckOverallBands(rating, counted_sections);
}

void NumericRules::CheckStandardBands(const Node& rating) {
  const auto& bands = f_.rating().standard_bands();
  std::set<std::string> names;
  int last_valid = -1;  // Index of the last band with a valid min_share.
  for (int k = 0; k < bands.size(); ++k) {
    const v1::RatingBand& band = bands[k];
    const Node node = rating.Child("standard_bands", k);
    const std::string what =
        absl::StrCat("rating.standard_bands \"", band.rating(), "\"");
    if (band.rating().empty()) {
      problems_.Add(node.self(), "rating.standard_bands: rating is required");
    } else if (!names.insert(band.rating()).second) {
      problems_.Add(node.At("rating"), absl::StrCat(what, " is listed twice"));
    }
    if (band.points() < 0) {
      problems_.Add(node.At("points"),
                    absl::StrCat(what, ": points must not be negative"));
    } else if (k > 0 && band.points() > bands[k - 1].points()) {
      problems_.Add(node.At("points"),
                    absl::StrCat(what,
                                 " scores more points than the band "
                                 "above it"));
    }
    if (!band.has_min_share()) {
      problems_.Add(node.self(), absl::StrCat(what, ": min_share is required"));
      continue;
    }
    if (!CheckFraction(band.min_share(), node.Child("min_share", -1),
                       absl::StrCat(what, " min_share"))) {
      continue;
    }
    if (last_valid >= 0 &&
        CompareFractions(band.min_share(), bands[last_valid].min_share()) >=
            0) {
      problems_.Add(
          node.At("min_share"),
          absl::StrCat("rating.standard_bands must be ordered "
                       "highest first: \"",
                       band.rating(), "\" (", Show(band.min_share()),
                       ") is not below \"", bands[last_valid].rating(), "\" (",
                       Show(bands[last_valid].min_share()), ")"));
    }
    last_valid = k;
  }
  if (!bands.empty() && bands[bands.size() - 1].has_min_share() &&
      bands[bands.size() - 1].min_share().numerator() != 0) {
    problems_.Add(rating.Child("standard_bands", bands.size() - 1).self(),
                  "the lowest of rating.standard_bands must start at 0, so "
                  "that every share is rated");
  }
}

void NumericRules::CheckOverallBands(const Node& rating, int counted_sections) {
  const auto& bands = f_.rating().overall_bands();
  if (bands.empty()) return;
  std::vector<int> order;
  for (int k = 0; k < bands.size(); ++k) {
    const v1::RatingBand& band = bands[k];
    const Node node = rating.Child("overall_bands", k);
    if (band.rating().empty()) {
      problems_.Add(node.self(), "rating.overall_bands: rating is required");
    }
    if (band.min_score() < 0 || band.min_score() > band.max_score()) {
      problems_.Add(
          node.At("min_score"),
          absl::StrCat("rating.overall_bands \"", band.rating(), "\" covers ",
                       band.min_score(), " to ", band.max_score(),
                       ": it must be a range from 0 up"));
      continue;
    }
    order.push_back(k);
  }
  std::sort(order.begin(), order.end(), [&bands](int a, int b) {
    return bands[a].min_score() < bands[b].min_score();
  });
  auto describe = [&bands](int k) {
    return absl::StrCat("\"", bands[k].rating(), "\" (", bands[k].min_score(),
                        "-", bands[k].max_score(), ")");
  };
  for (size_t i = 0; i < order.size(); ++i) {
    const v1::RatingBand& band = bands[order[i]];
    const Node node = rating.Child("overall_bands", order[i]);
    if (i == 0 && band.min_score() != 0) {
      problems_.Add(node.At("min_score"),
                    absl::StrCat("rating.overall_bands must start at 0: the "
                                 "lowest is ",
                                 describe(order[i])));
    }
    if (i == 0) continue;
    const v1::RatingBand& below = bands[order[i - 1]];
    if (band.min_score() <= below.max_score()) {
      problems_.Add(node.At("min_score"),
                    absl::StrCat("rating.overall_bands ", describe(order[i]),
                                 " and ", describe(order[i - 1]), " overlap"));
    } else if (band.min_score() > below.max_score() + 1) {
      problems_.Add(node.At("min_score"),
                    absl::StrCat("rating.overall_bands leave scores ",
                                 below.max_score() + 1, " to ",
                                 band.min_score() - 1, " without a band"));
    }
  }
  if (counted_sections == 0 || order.empty()) return;
  int max_points = 0;
  for (const v1::RatingBand& band : f_.rating().standard_bands()) {
    max_points = std::max(max_points, band.points());
  }
  const int64_t max_score = int64_t{counted_sections} * max_points;
  const int top = order.back();
  if (bands[top].max_score() != max_score) {
    problems_.Add(
        rating.Child("overall_bands", top).At("max_score"),
        absl::StrCat("rating.overall_bands end at ", bands[top].max_score(),
                     ", but the greatest possible score is ", max_score, " (",
                     counted_sections, " counted sections at most ", max_points,
                     " points each)"));
  }
}

void NumericRules::CheckSamplingRules(const v1::SamplingRules& s,
                                      const Node& node, absl::string_view field,
                                      v1::PoolRecords records) {
  const std::string at(field);
  if (records == v1::POOL_RECORDS_VICTIM_CASES) {
    if (s.eligible_disposals_size() > 0) {
      problems_.Add(node.At("eligible_disposals", 0),
                    absl::StrCat(at,
                                 ".eligible_disposals must be empty for "
                                 "victims' cases: they are eligible by when "
                                 "the victim was first contacted"));
    }
  } else if (s.eligible_disposals_size() == 0) {
    problems_.Add(node.self(), at + ".eligible_disposals is required");
  }
  std::set<int> disposals;
  for (int k = 0; k < s.eligible_disposals_size(); ++k) {
    const int disposal = s.eligible_disposals(k);
    if (disposal == v1::DISPOSAL_TYPE_UNSPECIFIED ||
        !v1::DisposalType_IsValid(disposal)) {
      problems_.Add(node.At("eligible_disposals", k),
                    at + ".eligible_disposals must name a disposal type");
    } else if (!disposals.insert(disposal).second) {
      problems_.Add(node.At("eligible_disposals", k),
                    absl::StrCat(at, ".eligible_disposals lists ",
                                 v1::DisposalType_Name(disposal), " twice"));
    }
  }
  const struct {
    const char* field;
    int value;
  } windows[] = {
      {"min_weeks_supervised_before_announcement",
       s.min_weeks_supervised_before_announcement()},
      {"min_weeks_into_sentence_at_fieldwork",
       s.min_weeks_into_sentence_at_fieldwork()},
      {"max_months_into_sentence_at_fieldwork",
       s.max_months_into_sentence_at_fieldwork()},
  };
  bool windows_ok = true;
  for (const auto& window : windows) {
    if (window.value <= 0) {
      windows_ok = false;
      problems_.Add(
          node.At(window.field),
          absl::StrCat(at, ".", window.field, " must be greater than 0"));
    }
  }
  // Empty even with months of 31 days.
  if (windows_ok &&
      int64_t{s.min_weeks_into_sentence_at_fieldwork()} * 7 >
          int64_t{s.max_months_into_sentence_at_fieldwork()} * 31) {
    problems_.Add(
        node.At("max_months_into_sentence_at_fieldwork"),
        absl::StrCat(
            at, " window is empty: ", s.min_weeks_into_sentence_at_fieldwork(),
            " weeks into the sentence is after ",
            s.max_months_into_sentence_at_fieldwork(), " months"));
  }
  if (!std::isfinite(s.z()) || s.z() <= 0) {
    problems_.Add(node.At("z"), at + ".z must be greater than 0");
  }
  if (!IsOpenUnit(s.proportion())) {
    problems_.Add(node.At("proportion"),
                  at + ".proportion must lie strictly between 0 and 1");
  }
  if (!IsOpenUnit(s.margin_of_error())) {
    problems_.Add(node.At("margin_of_error"),
                  at + ".margin_of_error must lie strictly between 0 and 1");
  }
  if (s.min_sample() < 1) {
    problems_.Add(node.At("min_sample"), at + ".min_sample must be at least 1");
  } else if (s.min_sample() > s.max_sample()) {
    problems_.Add(
        node.At("min_sample"),
        absl::StrCat(at, ".min_sample (", s.min_sample(), ") is above ", at,
                     ".max_sample (", s.max_sample(), ")"));
  }
}

}  // namespace yjinspect::common::frameworks_internal
