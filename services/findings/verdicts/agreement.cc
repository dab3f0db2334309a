#include "services/findings/verdicts/agreement.h"

#include <utility>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"

namespace yjinspect::findings {
namespace {

AgreementStatistic Undefined(std::string because) {
  AgreementStatistic s;
  s.undefined_because = std::move(because);
  return s;
}

AgreementStatistic Quotient(int64_t numerator, int64_t denominator) {
  AgreementStatistic s;
  s.defined = true;
  s.numerator = numerator;
  s.denominator = denominator;
  s.value = static_cast<double>(static_cast<long double>(numerator) /
                                static_cast<long double>(denominator));
  return s;
}

}  // namespace

absl::StatusOr<AgreementFigures> ComputeAgreement(
    const std::vector<MarkedPair>& pairs,
    const std::vector<std::string>& categories) {
  AgreementFigures figures;
  for (const std::string& category : categories) {
    if (!figures.categories.emplace(category, CategoryCounts{}).second) {
      return absl::InvalidArgumentError(
          absl::StrCat("the category \"", category, "\" is given twice"));
    }
  }
  for (const MarkedPair& pair : pairs) {
    const auto first = figures.categories.find(pair.first);
    const auto second = figures.categories.find(pair.second);
    if (first == figures.categories.end() ||
        second == figures.categories.end()) {
      return absl::InvalidArgumentError(absl::StrCat(
          "the answer \"",
          first == figures.categories.end() ? pair.first : pair.second,
          "\" is not a category of the scale"));
    }
    ++first->second.first;
    ++second->second.second;
    ++figures.pairs;
    if (pair.first == pair.second) ++figures.agreeing;
  }
  const int64_t n = figures.pairs;
  const int64_t k = static_cast<int64_t>(figures.categories.size());
  if (n == 0) {
    figures.observed = Undefined("no double-marked pairs");
    figures.cohens_kappa = Undefined("no double-marked pairs");
    figures.gwets_ac1 = Undefined("no double-marked pairs");
    return figures;
  }
  figures.observed = Quotient(figures.agreeing, n);

  int64_t s = 0;  // sum_k f_k s_k
  int64_t t = 0;  // sum_k m_k (2n - m_k)
  for (const auto& [id, counts] : figures.categories) {
    s += counts.first * counts.second;
    const int64_t m = counts.first + counts.second;
    t += m * (2 * n - m);
  }
  if (n * n == s) {
    figures.cohens_kappa = Undefined(
        "both markers gave every answer in one category, so agreement by "
        "chance is certain");
  } else {
    figures.cohens_kappa = Quotient(figures.agreeing * n - s, n * n - s);
  }
  if (k < 2) {
    figures.gwets_ac1 =
        Undefined("the scale has fewer than two categories to agree on");
  } else {
    figures.gwets_ac1 = Quotient(4 * (k - 1) * n * figures.agreeing - t,
                                 4 * (k - 1) * n * n - t);
  }
  return figures;
}

}  // namespace yjinspect::findings
