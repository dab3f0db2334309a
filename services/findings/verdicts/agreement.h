#pragma once

// Inter-rater agreement of double-marked answers (moderation, issue 18):
// when a second inspector marks a case again, how far the two markers'
// answers to a criterion agree beyond what chance would give. Pure.
//
// For n pairs of answers on a scale of K categories (the criterion's answer
// values, not-applicable included as a category of its own), with a pairs
// agreeing, first marker's counts f_k and second marker's s_k:
//
//   observed agreement  Po = a / n
//   Cohen's kappa       Pe = sum_k (f_k / n)(s_k / n)
//                       kappa = (Po - Pe) / (1 - Pe)
//                             = (a n - S) / (n^2 - S),  S = sum_k f_k s_k
//   Gwet's AC1          pi_k = (f_k + s_k) / 2n
//                       Pe = sum_k pi_k (1 - pi_k) / (K - 1)
//                       AC1 = (Po - Pe) / (1 - Pe)
//                           = (4(K-1) n a - T) / (4(K-1) n^2 - T),
//                             T = sum_k m_k (2n - m_k),  m_k = f_k + s_k
//
// Both are computed from the integer forms, so each is one division of
// exact integers. Kappa is undefined when Pe = 1 (every answer of both
// markers in one and the same category: nothing is left to agree beyond
// chance); AC1 when the scale has fewer than two categories; all three
// when there is no pair. AC1 stays meaningful where nearly every answer is
// "Yes", where kappa can fall near zero or below despite high agreement
// (the "kappa paradox"): the tests work the published examples.

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "absl/status/statusor.h"

namespace yjinspect::findings {

// One double-marked answer: the AnswerValue.id each marker gave.
struct MarkedPair {
  std::string first;
  std::string second;
};

// A figure that may have no value, and then says why.
struct AgreementStatistic {
  bool defined = false;
  // The exact integers it is the quotient of (defined only).
  int64_t numerator = 0;
  int64_t denominator = 1;
  double value = 0;
  // Empty when defined: "no double-marked pairs", ...
  std::string undefined_because;
};

// How often each marker gave a category.
struct CategoryCounts {
  int64_t first = 0;
  int64_t second = 0;
};

struct AgreementFigures {
  int64_t pairs = 0;
  int64_t agreeing = 0;
  // The scale's categories, every one of them (zeros too), by id.
  std::map<std::string, CategoryCounts> categories;
  AgreementStatistic observed;
  AgreementStatistic cohens_kappa;
  AgreementStatistic gwets_ac1;
};

// The figures of `pairs` on the scale `categories` (each id once).
// INVALID_ARGUMENT for a repeated category or an answer outside them.
absl::StatusOr<AgreementFigures> ComputeAgreement(
    const std::vector<MarkedPair>& pairs,
    const std::vector<std::string>& categories);

}  // namespace yjinspect::findings
