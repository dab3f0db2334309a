#pragma once

// A framework indexed once for the verdict engine: criteria and sections by
// id, each criterion's answer values with their meanings, and the key
// questions of each section, so that counting answers does no string
// allocation and no search wider than one criterion's scale.
//
// The index points into the Framework it was built from, which must outlive
// it. Not part of the engine's public interface.

#include <cstdint>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/types/span.h"
#include "yjinspect/v1/framework.pb.h"

namespace yjinspect::findings {

struct IndexedValue {
  absl::string_view id;
  v1::AnswerMeaning meaning;
};

struct IndexedCriterion {
  const v1::Criterion* criterion;
  // Index into FrameworkIndex::sections().
  int32_t section;
  // The criterion's scale: values [first_value, first_value + value_count)
  // of the index's value table.
  int32_t first_value;
  int32_t value_count;
  // Where its per-value counters start in a flat table of
  // FrameworkIndex::value_counter_count() counters.
  int32_t first_value_counter;
  // Index into its section's key_questions, or -1 (not scored, or no key
  // question).
  int32_t key_question;
};

struct IndexedSection {
  const v1::Section* section;
  // Criteria [first_criterion, first_criterion + criterion_count) of
  // FrameworkIndex::criteria().
  int32_t first_criterion;
  int32_t criterion_count;
  // Key questions of its scored criteria, in order of first appearance.
  std::vector<absl::string_view> key_questions;
};

class FrameworkIndex {
 public:
  // Indexes `framework` and checks what the engine relies on: unique
  // section, criterion, scale and value ids; every criterion's scale exists;
  // every value has a meaning; sections state evidence and scoring; standard
  // bands (required when a section is rated from shares) run from the
  // highest share down to a zero share; fractions are well formed.
  // INVALID_ARGUMENT names the offending element.
  static absl::StatusOr<FrameworkIndex> Build(const v1::Framework& framework);

  const v1::Framework& framework() const { return *framework_; }
  const std::vector<IndexedCriterion>& criteria() const { return criteria_; }
  const std::vector<IndexedSection>& sections() const { return sections_; }
  int32_t value_counter_count() const { return value_counter_count_; }

  // Index into criteria(), or -1 when the framework has no such criterion.
  // Inline: called once per answer.
  int32_t FindCriterion(absl::string_view id) const {
    const auto found = criterion_by_id_.find(id);
    return found == criterion_by_id_.end() ? -1 : found->second;
  }
  // Index into sections(), or -1.
  int32_t FindSection(absl::string_view id) const;
  // The criterion's scale values, in scale order.
  absl::Span<const IndexedValue> Values(const IndexedCriterion& c) const;
  // Position of `value_id` in Values(c), or -1. Inline: called once per
  // answer.
  int32_t FindValue(const IndexedCriterion& c,
                    absl::string_view value_id) const {
    for (int32_t i = 0; i < c.value_count; ++i) {
      if (values_[c.first_value + i].id == value_id) return i;
    }
    return -1;
  }
  // The standard (or overall) band named `rating`, or nullptr.
  const v1::RatingBand* FindStandardBand(absl::string_view rating) const;
  const v1::RatingBand* FindOverallBand(absl::string_view rating) const;
  // The highest points of any standard band (0 without bands).
  int32_t max_points() const { return max_points_; }

 private:
  explicit FrameworkIndex(const v1::Framework& framework)
      : framework_(&framework) {}

  const v1::Framework* framework_;
  std::vector<IndexedCriterion> criteria_;
  std::vector<IndexedSection> sections_;
  std::vector<IndexedValue> values_;
  absl::flat_hash_map<absl::string_view, int32_t> criterion_by_id_;
  absl::flat_hash_map<absl::string_view, int32_t> section_by_id_;
  int32_t value_counter_count_ = 0;
  int32_t max_points_ = 0;
};

}  // namespace yjinspect::findings
