#include "services/findings/verdicts/share.h"

namespace yjinspect::findings {

bool FractionAtLeast(int64_t a, int64_t b, int64_t c, int64_t d) {
  // Both products are at most kMaxFractionTerm^2 = 1e18 < INT64_MAX.
  return a * d >= c * b;
}

bool ShareAtLeast(int64_t positive, int64_t applicable,
                  const v1::Fraction& bound) {
  return FractionAtLeast(positive, applicable, bound.numerator(),
                         bound.denominator());
}

int32_t FloorPercent(int64_t positive, int64_t applicable) {
  if (applicable <= 0) return 0;
  return static_cast<int32_t>(positive * 100 / applicable);
}

v1::Fraction MakeShare(int64_t positive, int64_t applicable) {
  v1::Fraction share;
  share.set_numerator(positive);
  share.set_denominator(applicable);
  return share;
}

}  // namespace yjinspect::findings
