#include "services/findings/report/finding_sentences.h"

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"
#include "services/findings/verdicts/count_phrases.h"

namespace yjinspect::findings {
namespace {

// "In <phrase>, <statement>."
std::string Sentence(absl::string_view phrase, absl::string_view statement) {
  return absl::StrCat("In ", phrase, ", ", absl::StripSuffix(statement, "."),
                      ".");
}

// When some cases were not applicable, a phrase relative to "the cases"
// must say it counts only the relevant ones ("In all cases" would claim every
// case examined). Absolute counts ("six cases") are true as they stand.
std::string RelevantCasesPhrase(const std::string& phrase, int64_t total) {
  const std::string relevant =
      absl::StrCat("the ", NumberInWords(total), " relevant cases");
  if (phrase == "all cases") return "each relevant case";
  if (phrase == "all but one case") return "all but one of " + relevant;
  if (phrase == "both cases") return "both relevant cases";
  if (phrase == "neither case") return "neither relevant case";
  if (phrase == "the only case") return "the only relevant case";
  // "two of the five cases", "one of the two cases".
  absl::string_view rest = phrase;
  if (absl::StrContains(rest, " of the ") &&
      absl::ConsumeSuffix(&rest, " cases") && !absl::StartsWith(rest, "half") &&
      !absl::StartsWith(rest, "almost") && !absl::StartsWith(rest, "none")) {
    return absl::StrCat(rest, " relevant cases");
  }
  for (absl::string_view lead :
       {"most", "the majority", "half", "almost half", "none"}) {
    if (phrase == absl::StrCat(lead, " cases") ||
        phrase == absl::StrCat(lead, " of cases") ||
        phrase == absl::StrCat(lead, " of the cases")) {
      return absl::StrCat(lead, " of ", relevant);
    }
  }
  return phrase;
}

// "the remaining three", or with not-applicable answers "the remaining three
// relevant cases", so that the rest is not read as every other case
// examined.
std::string RestPhrase(int64_t lead, int64_t total, bool some_not_applicable,
                       CountedRecords records) {
  const int64_t rest = total - lead;
  if (rest <= 0) return "";
  if (records == CountedRecords::kInterviews) {
    return rest == 1 ? "the remaining interview"
                     : absl::StrCat("the remaining ", NumberInWords(rest));
  }
  if (!some_not_applicable) return RemainderPhrase(lead, total);
  return rest == 1 ? "the remaining relevant case"
                   : absl::StrCat("the remaining ", NumberInWords(rest),
                                  " relevant cases");
}

// The statement for the negative answers: where every negative answer has
// the same value and the criterion words that value ("under-estimated"),
// that wording; else the general negative statement.
const std::string& NegativeStatement(const v1::Criterion& criterion,
                                     const v1::CriterionCount& count) {
  for (const auto& [value, statement] : criterion.value_statements()) {
    const auto it = count.by_value().find(value);
    if (it != count.by_value().end() && it->second > 0 &&
        it->second == count.negative() && !statement.empty()) {
      return statement;
    }
  }
  return criterion.negative_statement();
}

}  // namespace

std::string RecordCountPhrase(int64_t count, int64_t total,
                              CountedRecords records) {
  std::string phrase = CountPhrase(count, total);
  if (records == CountedRecords::kCases) return phrase;
  // Every count phrase ends with its noun, "case" or "cases".
  absl::string_view rest = phrase;
  if (absl::ConsumeSuffix(&rest, "cases")) {
    return absl::StrCat(rest, "interviews");
  }
  if (absl::ConsumeSuffix(&rest, "case")) {
    return absl::StrCat(rest, "interview");
  }
  return phrase;
}

std::string CriterionFinding(const v1::Criterion& criterion,
                             const v1::CriterionCount& count,
                             bool area_for_improvement, CountedRecords records,
                             RestSentence rest) {
  if (!criterion.scored()) {
    const int64_t total = count.positive() + count.negative() +
                          count.not_applicable() + count.unanswered();
    if (count.positive() <= 0 || total <= 0 ||
        criterion.positive_statement().empty()) {
      return "";
    }
    return Sentence(RecordCountPhrase(count.positive(), total, records),
                    criterion.positive_statement());
  }
  const int64_t total = count.positive() + count.negative();
  if (total <= 0) return "";
  // Lead with the negative answers for an area requiring improvement, and
  // whenever the positive ones are not a majority: a minority of positive
  // answers stated alone would hide the finding.
  const bool negative_first = (area_for_improvement && count.negative() > 0) ||
                              2 * count.positive() < total;
  const int64_t lead = negative_first ? count.negative() : count.positive();
  const std::string& negative = NegativeStatement(criterion, count);
  const std::string& lead_statement =
      negative_first ? negative : criterion.positive_statement();
  const std::string& rest_statement =
      negative_first ? criterion.positive_statement() : negative;
  if (lead_statement.empty()) return "";
  const bool some_not_applicable = count.not_applicable() > 0;
  std::string phrase = RecordCountPhrase(lead, total, records);
  if (records == CountedRecords::kCases && some_not_applicable) {
    phrase = RelevantCasesPhrase(phrase, total);
  }
  std::string text = Sentence(phrase, lead_statement);
  // The rest is stated when the lead phrase does not tell it ("most", "the
  // majority", "half", "almost half"), and when a positive lead is no
  // majority, so that good practice in a minority never hides the rest. A
  // counted minority of negative answers stands alone, as the letters word
  // it ("in six cases there was insufficient identification", Bolton 2.3):
  // it hides no shortfall, and a count of the rest would be a figure the
  // inspectors did not choose to publish. For the same reason, the
  // inspectors may leave the rest of a proportion unstated (Bolton 3.2 "In
  // the majority of cases, ..."), but never after a positive lead that is
  // no majority.
  const bool positive_no_majority = !negative_first && 2 * lead <= total;
  const bool state_rest =
      lead < total &&
      ((rest == RestSentence::kStated && IsNamedProportion(lead, total)) ||
       positive_no_majority);
  if (state_rest && !rest_statement.empty()) {
    absl::StrAppend(
        &text, " ",
        Sentence(RestPhrase(lead, total, some_not_applicable, records),
                 rest_statement));
  }
  return text;
}

}  // namespace yjinspect::findings
