#pragma once

// Counting the inspectors' answers per criterion: the hot loop of the
// verdict engine. One pass over the cases; no allocation per answer.

#include <cstdint>
#include <vector>

#include "absl/status/statusor.h"
#include "services/findings/verdicts/framework_index.h"
#include "yjinspect/v1/verdicts.pb.h"

namespace yjinspect::findings {

struct CriterionTally {
  // Answers from cases the criterion's section covers, by meaning.
  int64_t positive = 0;
  int64_t negative = 0;
  int64_t not_applicable = 0;
  // Answers from cases the section does not cover.
  int64_t out_of_scope = 0;
};

struct AnswerTally {
  // One per FrameworkIndex::criteria(), in that order.
  std::vector<CriterionTally> criteria;
  // Counts per answer value, at IndexedCriterion::first_value_counter.
  std::vector<int64_t> value_counts;
  // One per FrameworkIndex::sections(): the records each section covers.
  std::vector<int64_t> cases_in_scope;
};

// True when `section` is judged from `record`: the same evidence source, and
// (for cases) a disposal within the section's scope. An unspecified scope
// does not restrict by disposal.
bool SectionCovers(const v1::Section& section, const v1::CaseAnswers& record);

// Counts every answer. INVALID_ARGUMENT, naming the case (and criterion),
// when a record has no evidence source of its own (cases or staff
// interviews), or an answer names a criterion the framework lacks or a value
// outside the criterion's scale. With several bad answers in one record, the
// one with the smallest criterion id is reported.
absl::StatusOr<AnswerTally> TallyAnswers(
    const FrameworkIndex& index, const std::vector<v1::CaseAnswers>& records);

}  // namespace yjinspect::findings
