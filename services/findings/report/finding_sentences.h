#pragma once

// The sentences a report states a criterion's counts in, built on the count
// phrases (services/findings/verdicts/count_phrases.h) and exactly true of
// the counts. For a scored criterion, over its applicable (positive +
// negative) answers:
//  - the lead side is the negative answers for an area requiring
//    improvement that stands (and has negative answers), and whenever the
//    positive answers are not a majority; otherwise the positive answers;
//  - the lead sentence states the lead count with that side's statement:
//    "In six cases, there was insufficient identification of the exact
//    nature of the violence.";
//  - a second sentence states the rest, with the other side's statement,
//    whenever the rest is not empty and either the lead phrase is a
//    proportion ("most", "the majority", "half", "almost half") or a
//    positive lead is no majority: a positive minority is never stated
//    alone. "In the remaining three, the risk of serious harm had been
//    under-estimated." A counted negative minority stands alone, as the
//    letters state it ("In six cases, there was insufficient
//    identification ...");
//  - where the inspectors choose the lead alone (RestSentence::kOmitted),
//    the rest is stated only when a positive lead is no majority: "In the
//    majority of cases, staff had taken steps ..." (Bolton 3.2) stands
//    alone, "In half of the cases, ..." never does;
//  - the negative statement is the criterion's value statement when every
//    negative answer has one value that the criterion words
//    (Criterion.value_statements), else its negative_statement;
//  - with not-applicable answers, phrases relative to the whole say they
//    count the relevant cases only ("each relevant case", "most of the
//    sixteen relevant cases", "the remaining ten relevant cases");
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

// Whether the finding states the rest after a lead that leaves it open
// ("most", "the majority"): kStated by default; kOmitted where the report
// inputs name the criterion lead-only. Neither ever drops the rest after a
// positive lead that is no majority.
enum class RestSentence { kStated, kOmitted };

// CountPhrase, with "interview"/"interviews" for "case"/"cases" when the
// records are interviews: "all but one interview".
std::string RecordCountPhrase(int64_t count, int64_t total,
                              CountedRecords records);

// The finding sentences for one criterion by the rules above; "" when there
// is nothing to say or the statement it needs is empty.
std::string CriterionFinding(const v1::Criterion& criterion,
                             const v1::CriterionCount& count,
                             bool area_for_improvement, CountedRecords records,
                             RestSentence rest = RestSentence::kStated);

}  // namespace yjinspect::findings
