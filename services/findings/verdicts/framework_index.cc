#include "services/findings/verdicts/framework_index.h"

#include <string>
#include <utility>

#include "absl/status/status.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "common/status_macros.h"
#include "services/findings/verdicts/share.h"

namespace yjinspect::findings {
namespace {

struct ScaleRange {
  int32_t first_value;
  int32_t value_count;
};

absl::Status Invalid(const v1::Framework& f, absl::string_view what) {
  return absl::InvalidArgumentError(absl::StrCat(
      "framework \"", f.id(), "\" version \"", f.version(), "\": ", what));
}

bool FractionWellFormed(const v1::Fraction& f) {
  return f.denominator() > 0 && f.denominator() <= kMaxFractionTerm &&
         f.numerator() >= 0 && f.numerator() <= f.denominator();
}

absl::Status CheckBands(const v1::Framework& f) {
  const auto& standard = f.rating().standard_bands();
  for (int i = 0; i < standard.size(); ++i) {
    const v1::RatingBand& band = standard[i];
    if (band.rating().empty() || !FractionWellFormed(band.min_share())) {
      return Invalid(f, absl::StrCat("standard band ", i,
                                     " needs a rating and a min_share "
                                     "between 0 and 1"));
    }
    if (i > 0 && FractionLess(standard[i - 1].min_share().numerator(),
                              standard[i - 1].min_share().denominator(),
                              band.min_share().numerator(),
                              band.min_share().denominator())) {
      return Invalid(f, absl::StrCat("standard band \"", band.rating(),
                                     "\" is above the band before it; list "
                                     "the highest band first"));
    }
  }
  if (!standard.empty() &&
      standard[standard.size() - 1].min_share().numerator() != 0) {
    return Invalid(f,
                   "the last standard band must start at a zero share, so "
                   "that every share is rated");
  }
  for (const v1::RatingBand& band : f.rating().overall_bands()) {
    if (band.rating().empty() || band.min_score() < 0 ||
        band.min_score() > band.max_score()) {
      return Invalid(f, absl::StrCat("overall band \"", band.rating(),
                                     "\" needs a rating and 0 <= min_score "
                                     "<= max_score"));
    }
  }
  const v1::FindingThresholds& t = f.thresholds();
  if ((t.has_strength_at_least() &&
       !FractionWellFormed(t.strength_at_least())) ||
      (t.has_improvement_below() &&
       !FractionWellFormed(t.improvement_below()))) {
    return Invalid(f, "finding thresholds must be fractions between 0 and 1");
  }
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<FrameworkIndex> FrameworkIndex::Build(
    const v1::Framework& framework) {
  const v1::Framework& f = framework;
  FrameworkIndex index(f);
  RETURN_IF_ERROR(CheckBands(f));

  absl::flat_hash_map<absl::string_view, ScaleRange> scales;
  for (const v1::AnswerScale& scale : f.scales()) {
    const ScaleRange range{static_cast<int32_t>(index.values_.size()),
                           scale.values_size()};
    if (!scales.emplace(scale.id(), range).second) {
      return Invalid(f, absl::StrCat("scale \"", scale.id(), "\" repeated"));
    }
    for (const v1::AnswerValue& value : scale.values()) {
      if (value.meaning() == v1::ANSWER_MEANING_UNSPECIFIED ||
          !v1::AnswerMeaning_IsValid(value.meaning())) {
        return Invalid(f, absl::StrCat("value \"", value.id(), "\" of scale \"",
                                       scale.id(), "\" has no meaning"));
      }
      for (int32_t i = range.first_value;
           i < static_cast<int32_t>(index.values_.size()); ++i) {
        if (index.values_[i].id == value.id()) {
          return Invalid(
              f, absl::StrCat("value \"", value.id(), "\" repeated in scale \"",
                              scale.id(), "\""));
        }
      }
      index.values_.push_back({value.id(), value.meaning()});
    }
  }

  bool rated_from_shares = false;
  for (const v1::Section& section : f.sections()) {
    const auto section_index = static_cast<int32_t>(index.sections_.size());
    if (section.id().empty() || section.id() == "overall" ||
        absl::StartsWith(section.id(), "strength:") ||
        absl::StartsWith(section.id(), "improvement:")) {
      return Invalid(f, absl::StrCat("section id \"", section.id(),
                                     "\" is empty or reserved"));
    }
    if (!index.section_by_id_.emplace(section.id(), section_index).second) {
      return Invalid(f,
                     absl::StrCat("section \"", section.id(), "\" repeated"));
    }
    if (section.evidence() == v1::EVIDENCE_SOURCE_UNSPECIFIED ||
        section.scoring() == v1::SCORING_METHOD_UNSPECIFIED) {
      return Invalid(f, absl::StrCat("section \"", section.id(),
                                     "\" needs an evidence source and a "
                                     "scoring method"));
    }
    IndexedSection indexed{&section,
                           static_cast<int32_t>(index.criteria_.size()),
                           section.criteria_size(),
                           {}};
    for (const v1::Criterion& criterion : section.criteria()) {
      const auto found = scales.find(criterion.scale());
      if (found == scales.end()) {
        return Invalid(f, absl::StrCat("criterion \"", criterion.id(),
                                       "\" names unknown scale \"",
                                       criterion.scale(), "\""));
      }
      const auto criterion_index = static_cast<int32_t>(index.criteria_.size());
      if (criterion.id().empty() ||
          !index.criterion_by_id_.emplace(criterion.id(), criterion_index)
               .second) {
        return Invalid(f, absl::StrCat("criterion id \"", criterion.id(),
                                       "\" is empty or repeated"));
      }
      int32_t key_question = -1;
      if (criterion.scored() && !criterion.key_question().empty()) {
        auto& kqs = indexed.key_questions;
        for (size_t k = 0; k < kqs.size() && key_question < 0; ++k) {
          if (kqs[k] == criterion.key_question()) {
            key_question = static_cast<int32_t>(k);
          }
        }
        if (key_question < 0) {
          key_question = static_cast<int32_t>(kqs.size());
          kqs.push_back(criterion.key_question());
        }
      }
      index.criteria_.push_back({&criterion, section_index,
                                 found->second.first_value,
                                 found->second.value_count,
                                 index.value_counter_count_, key_question});
      index.value_counter_count_ += found->second.value_count;
    }
    if (section.scoring() == v1::SCORING_METHOD_LOWEST_KEY_QUESTION) {
      if (indexed.key_questions.empty()) {
        return Invalid(f, absl::StrCat("section \"", section.id(),
                                       "\" is rated by key question but has "
                                       "no scored criterion with one"));
      }
      rated_from_shares = true;
    }
    index.sections_.push_back(std::move(indexed));
  }
  if (rated_from_shares && f.rating().standard_bands().empty()) {
    return Invalid(f, "key-question sections need standard bands");
  }
  for (const v1::RatingBand& band : f.rating().standard_bands()) {
    if (band.points() > index.max_points_) index.max_points_ = band.points();
  }
  return index;
}

int32_t FrameworkIndex::FindSection(absl::string_view id) const {
  const auto found = section_by_id_.find(id);
  return found == section_by_id_.end() ? -1 : found->second;
}

absl::Span<const IndexedValue> FrameworkIndex::Values(
    const IndexedCriterion& c) const {
  return absl::MakeConstSpan(values_.data() + c.first_value,
                             static_cast<size_t>(c.value_count));
}

const v1::RatingBand* FrameworkIndex::FindStandardBand(
    absl::string_view rating) const {
  for (const v1::RatingBand& band : framework_->rating().standard_bands()) {
    if (band.rating() == rating) return &band;
  }
  return nullptr;
}

const v1::RatingBand* FrameworkIndex::FindOverallBand(
    absl::string_view rating) const {
  for (const v1::RatingBand& band : framework_->rating().overall_bands()) {
    if (band.rating() == rating) return &band;
  }
  return nullptr;
}

}  // namespace yjinspect::findings
