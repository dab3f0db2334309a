#pragma once

// The sentences a report states a criterion's counts in, built on the count
// phrases (services/findings/verdicts/count_phrases.h) and exactly true of
// the counts. For a scored criterion, over its applicable (positive +
// negative) answers:
//  - an area requiring improvement that stands (and has negative answers)
//    leads with the negative statement and the negative count: "In six
//    cases, there was insufficient identification of the exact nature of the
//    violence.";
//  - any other leads with the positive statement and the positive count;
//    with no positive answer it says "In all cases, <negative statement>.";
//  - when the lead phrase is a proportion ("most", "the majority", "half",
//    "almost half") and the other side has answers, a second sentence states
//    the rest: "In the remaining three, <the other statement>.". Counts
//    named exactly ("all", "all but one", "six", "one") need none;
//  - no applicable answer (all not applicable or unanswered): nothing.
// A context criterion (scored: false) is stated as its positive answers out
// of every record the section covers, with the positive statement: "In
// almost half of the cases, the child or young person had a learning
// disability."; nothing when there is no positive answer.
// Staff-interview sections speak of interviews instead of cases ("In all
// interviews, the case manager said ...").

#include <cstdint>
#include <string>

#include "absl/strings/string_view.h"
#include "yjinspect/v1/framework.pb.h"
#include "yjinspect/v1/verdicts.pb.h"

namespace yjinspect::findings {

// What the counted records are.
enum class CountedRecords { kCases, kInterviews };

// CountPhrase, with "interview"/"interviews" for "case"/"cases" when the
// records are interviews: "all but one interview".
std::string RecordCountPhrase(int64_t count, int64_t total,
                              CountedRecords records);

// True when the count phrase for `count` of `total` speaks of a proportion
// ("most", "the majority", "half", "almost half") rather than naming the
// count.
bool IsProportionPhrase(int64_t count, int64_t total);

// The finding sentences for one criterion by the rules above; "" when there
// is nothing to say or the statement it needs is empty.
std::string CriterionFinding(const v1::Criterion& criterion,
                             const v1::CriterionCount& count,
                             bool area_for_improvement, CountedRecords records);

}  // namespace yjinspect::findings
