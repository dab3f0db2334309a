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
  if (phrase == "one of the two cases") return "one of the two relevant cases";
  for (absl::string_view lead :
       {"most", "the majority", "half", "almost half", "none"}) {
    if (absl::StartsWith(phrase, lead) &&
        (phrase == absl::StrCat(lead, " cases") ||
         phrase == absl::StrCat(lead, " of cases") ||
         phrase == absl::StrCat(lead, " of the cases"))) {
      return absl::StrCat(lead, " of ", relevant);
    }
  }
  return phrase;
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

bool IsProportionPhrase(int64_t count, int64_t total) {
  // Mirrors CountPhrase: past "all", "none", "all but one" and "one", the
  // phrases from "half" up to "most" name no count; below two fifths the
  // count is named.
  if (total < 3 || count <= 1 || count >= total - 1) return false;
  return 5 * count >= 2 * total;
}

std::string CriterionFinding(const v1::Criterion& criterion,
                             const v1::CriterionCount& count,
                             bool area_for_improvement,
                             CountedRecords records) {
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
  const bool negative_first =
      (area_for_improvement && count.negative() > 0) || count.positive() == 0;
  const int64_t lead = negative_first ? count.negative() : count.positive();
  const std::string& lead_statement = negative_first
                                          ? criterion.negative_statement()
                                          : criterion.positive_statement();
  const std::string& rest_statement = negative_first
                                          ? criterion.positive_statement()
                                          : criterion.negative_statement();
  if (lead_statement.empty()) return "";
  std::string phrase = RecordCountPhrase(lead, total, records);
  if (records == CountedRecords::kCases && count.not_applicable() > 0) {
    phrase = RelevantCasesPhrase(phrase, total);
  }
  std::string text = Sentence(phrase, lead_statement);
  if (IsProportionPhrase(lead, total) && !rest_statement.empty()) {
    absl::StrAppend(&text, " ", RemainderSentence(lead, total, rest_statement));
  }
  return text;
}

}  // namespace yjinspect::findings
