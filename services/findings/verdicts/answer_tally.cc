#include "services/findings/verdicts/answer_tally.h"

#include <string>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "common/disposals.h"
#include "common/frameworks/sample_pools.h"
#include "services/findings/verdicts/share.h"

namespace yjinspect::findings {
namespace {

// The error for a record with at least one bad answer; slow path, scans the
// whole record so that the error does not depend on map iteration order.
absl::Status BadAnswerError(const FrameworkIndex& index,
                            const v1::CaseAnswers& record) {
  const std::string* worst_criterion = nullptr;
  const std::string* worst_value = nullptr;
  bool unknown_criterion = false;
  for (const auto& [criterion_id, value_id] : record.answers()) {
    const int32_t c = index.FindCriterion(criterion_id);
    const bool bad =
        c < 0 || index.FindValue(index.criteria()[c], value_id) < 0;
    if (bad &&
        (worst_criterion == nullptr || criterion_id < *worst_criterion)) {
      worst_criterion = &criterion_id;
      worst_value = &value_id;
      unknown_criterion = c < 0;
    }
  }
  if (worst_criterion == nullptr) {
    return absl::InternalError("no bad answer found in a refused record");
  }
  if (unknown_criterion) {
    return absl::InvalidArgumentError(
        absl::StrCat("case \"", record.case_name(), "\": unknown criterion \"",
                     *worst_criterion, "\""));
  }
  return absl::InvalidArgumentError(absl::StrCat(
      "case \"", record.case_name(), "\": criterion \"", *worst_criterion,
      "\" has no answer value \"", *worst_value, "\""));
}

}  // namespace

bool SectionCovers(const v1::Section& section, const v1::CaseAnswers& record) {
  if (section.evidence() != record.source()) return false;
  if (record.source() != v1::EVIDENCE_SOURCE_CASES) return true;
  if (section.pools_size() > 0) {
    return common::SectionCoversPool(section, record.pool_id());
  }
  switch (section.scope()) {
    case v1::CASE_SCOPE_COURT_DISPOSALS:
      return common::IsCourtDisposal(record.disposal_type());
    case v1::CASE_SCOPE_OUT_OF_COURT_DISPOSALS:
      return common::IsOutOfCourtDisposal(record.disposal_type());
    default:
      return true;
  }
}

absl::StatusOr<AnswerTally> TallyAnswers(
    const FrameworkIndex& index, const std::vector<v1::CaseAnswers>& records) {
  if (static_cast<int64_t>(records.size()) > kMaxFractionTerm) {
    return absl::InvalidArgumentError("too many case records");
  }
  const auto& criteria = index.criteria();
  const auto& sections = index.sections();
  AnswerTally tally;
  tally.criteria.resize(criteria.size());
  tally.value_counts.resize(static_cast<size_t>(index.value_counter_count()));
  tally.cases_in_scope.resize(sections.size());
  std::vector<char> covers(sections.size());

  for (const v1::CaseAnswers& record : records) {
    if (record.source() != v1::EVIDENCE_SOURCE_CASES &&
        record.source() != v1::EVIDENCE_SOURCE_STAFF_INTERVIEWS) {
      return absl::InvalidArgumentError(
          absl::StrCat("case \"", record.case_name(),
                       "\": source must be cases or staff interviews"));
    }
    for (size_t s = 0; s < sections.size(); ++s) {
      const v1::Section& section = *sections[s].section;
      covers[s] = SectionCovers(section, record) ? 1 : 0;
      // A panel section's cases are those of the pools that inform it; it
      // has no answers of its own to count.
      const bool informs = section.evidence() == v1::EVIDENCE_SOURCE_PANEL &&
                           record.source() == v1::EVIDENCE_SOURCE_CASES &&
                           section.pools_size() > 0 &&
                           common::SectionCoversPool(section, record.pool_id());
      tally.cases_in_scope[s] += covers[s] + (informs ? 1 : 0);
    }
    for (const auto& [criterion_id, value_id] : record.answers()) {
      const int32_t c = index.FindCriterion(criterion_id);
      if (c < 0) return BadAnswerError(index, record);
      const IndexedCriterion& criterion = criteria[c];
      const int32_t v = index.FindValue(criterion, value_id);
      if (v < 0) return BadAnswerError(index, record);

      CriterionTally& counts = tally.criteria[c];
      if (!covers[criterion.section]) {
        ++counts.out_of_scope;
        continue;
      }
      ++tally.value_counts[criterion.first_value_counter + v];
      switch (index.Values(criterion)[v].meaning) {
        case v1::ANSWER_MEANING_POSITIVE:
          ++counts.positive;
          break;
        case v1::ANSWER_MEANING_NEGATIVE:
          ++counts.negative;
          break;
        default:  // NOT_APPLICABLE: FrameworkIndex refuses unspecified ones.
          ++counts.not_applicable;
          break;
      }
    }
  }
  return tally;
}

}  // namespace yjinspect::findings
