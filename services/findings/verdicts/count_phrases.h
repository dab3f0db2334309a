#pragma once

// How a report states a count of cases in words, in the idiom of the
// inspection letters ("in all cases", "in all but one case", "in six cases",
// "in most cases ... in the remaining three"). Every phrase is exactly true
// of the counts behind it; none overstates.
//
// CountPhrase(count, total), total = n >= 1, count = c with 0 <= c <= n. The
// first rule that matches gives the phrase:
//   n = 1:  c = 1 "the only case";        c = 0 "no case"
//   n = 2:  c = 2 "both cases";           c = 1 "one of the two cases";
//           c = 0 "neither case"
//   n >= 3:
//     c = n                  "all cases"
//     c = 0                  "none of the cases"
//     c = n - 1              "all but one case"
//   3 <= n < kSmallTotal (10): a proportion of a handful reads oddly ("almost
//   half" for two of five), so the count is named with its total:
//     otherwise              "<c> of the <n> cases"     ("two of the five
//                                                        cases")
//   n >= kSmallTotal:
//     c = 1                  "one case"
//     2c = n                 "half of the cases"
//     4c >= 3n               "most cases"               (3/4 <= c/n < 1)
//     2c > n                 "the majority of cases"    (1/2 < c/n < 3/4)
//     5c >= 2n               "almost half of the cases" (2/5 <= c/n < 1/2)
//     otherwise              "<c> cases"                (c/n < 2/5)
// "<c>" is the number in words up to twenty ("six"), in digits beyond ("23").
// "most" therefore always means at least three quarters, "the majority" more
// than half, "almost half" at least two fifths but less than half; none of
// them is used for all, none, or exactly half, nor for fewer than ten cases.
// The table is checked for every count of every total from 1 to 100
// (count_phrases_test.cc).
//
// A phrase is true of its count; whether a sentence built on it misleads
// (good practice in a minority stated alone) is for the sentence builder to
// prevent: see
// IsNamedProportion and report/finding_sentences.h.
//
// All functions return an empty string for counts outside those bounds
// (total < 1, count < 0 or count > total): there is nothing true to say.

#include <cstdint>
#include <string>

#include "absl/strings/string_view.h"

namespace yjinspect::findings {

// Totals below this are spoken of by naming count and total.
inline constexpr int64_t kSmallTotal = 10;

// "six" for 6, up to "twenty"; "21" and beyond in digits. Empty for a
// negative number.
std::string NumberInWords(int64_t number);

// The phrase for `count` of `total` cases, without the leading "in": "all
// but one case".
std::string CountPhrase(int64_t count, int64_t total);

// True when CountPhrase(count, total) speaks of a proportion ("most", "the
// majority", "half", "almost half") rather than naming the count, so that a
// reader cannot tell from it how many cases are left over.
bool IsNamedProportion(int64_t count, int64_t total);

// The phrase for the cases left over once `count` of `total` were spoken of:
// "the remaining three" (the letter's idiom, without "cases"), "the
// remaining case" for one, "" when none remain.
std::string RemainderPhrase(int64_t count, int64_t total);

// "In all but one case, <statement>." `statement` is written without its
// final full stop (one is not doubled if present).
std::string CountSentence(int64_t count, int64_t total,
                          absl::string_view statement);

// "In the remaining three, <statement>."; empty when none remain.
std::string RemainderSentence(int64_t count, int64_t total,
                              absl::string_view statement);

// The pair the letter uses for a yes/no criterion: "In most cases, <for
// count>. In the remaining three, <for rest>." When every case is on one
// side, a single sentence about all of them with that side's statement.
std::string CountAndRemainderSentences(int64_t count, int64_t total,
                                       absl::string_view for_count,
                                       absl::string_view for_rest);

}  // namespace yjinspect::findings
