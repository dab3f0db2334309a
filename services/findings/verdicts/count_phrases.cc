#include "services/findings/verdicts/count_phrases.h"

#include <array>

#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"

namespace yjinspect::findings {
namespace {

constexpr std::array<absl::string_view, 21> kNumberWords = {
    "zero",     "one",      "two",      "three",   "four",    "five",
    "six",      "seven",    "eight",    "nine",    "ten",     "eleven",
    "twelve",   "thirteen", "fourteen", "fifteen", "sixteen", "seventeen",
    "eighteen", "nineteen", "twenty"};

bool ValidCounts(int64_t count, int64_t total) {
  return total >= 1 && count >= 0 && count <= total;
}

std::string Sentence(absl::string_view phrase, absl::string_view statement) {
  return absl::StrCat("In ", phrase, ", ", absl::StripSuffix(statement, "."),
                      ".");
}

}  // namespace

std::string NumberInWords(int64_t number) {
  if (number < 0) return "";
  if (number < static_cast<int64_t>(kNumberWords.size())) {
    return std::string(kNumberWords[static_cast<size_t>(number)]);
  }
  return absl::StrCat(number);
}

std::string CountPhrase(int64_t count, int64_t total) {
  if (!ValidCounts(count, total)) return "";
  const int64_t c = count;
  const int64_t n = total;
  if (n == 1) return c == 1 ? "the only case" : "no case";
  if (n == 2) {
    if (c == 2) return "both cases";
    return c == 1 ? "one of the two cases" : "neither case";
  }
  if (c == n) return "all cases";
  if (c == 0) return "none of the cases";
  if (c == n - 1) return "all but one case";
  if (n < kSmallTotal) {
    return absl::StrCat(NumberInWords(c), " of the ", NumberInWords(n),
                        " cases");
  }
  if (c == 1) return "one case";
  if (2 * c == n) return "half of the cases";
  if (4 * c >= 3 * n) return "most cases";
  if (2 * c > n) return "the majority of cases";
  if (5 * c >= 2 * n) return "almost half of the cases";
  return absl::StrCat(NumberInWords(c), " cases");
}

bool IsNamedProportion(int64_t count, int64_t total) {
  // Mirrors CountPhrase: below kSmallTotal, and for all, none, all but one
  // and one, the count is named; from "almost half" (two fifths) up to
  // "most" it is not.
  if (!ValidCounts(count, total) || total < kSmallTotal) return false;
  if (count <= 1 || count >= total - 1) return false;
  return 5 * count >= 2 * total;
}

std::string RemainderPhrase(int64_t count, int64_t total) {
  if (!ValidCounts(count, total)) return "";
  const int64_t rest = total - count;
  if (rest == 0) return "";
  if (rest == 1) return "the remaining case";
  return absl::StrCat("the remaining ", NumberInWords(rest));
}

std::string CountSentence(int64_t count, int64_t total,
                          absl::string_view statement) {
  if (!ValidCounts(count, total)) return "";
  return Sentence(CountPhrase(count, total), statement);
}

std::string RemainderSentence(int64_t count, int64_t total,
                              absl::string_view statement) {
  const std::string phrase = RemainderPhrase(count, total);
  if (phrase.empty()) return "";
  return Sentence(phrase, statement);
}

std::string CountAndRemainderSentences(int64_t count, int64_t total,
                                       absl::string_view for_count,
                                       absl::string_view for_rest) {
  if (!ValidCounts(count, total)) return "";
  if (count == total) return CountSentence(total, total, for_count);
  if (count == 0) return CountSentence(total, total, for_rest);
  return absl::StrCat(CountSentence(count, total, for_count), " ",
                      RemainderSentence(count, total, for_rest));
}

}  // namespace yjinspect::findings
