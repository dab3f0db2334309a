#pragma once

// Exact arithmetic on shares (positive answers over applicable answers).
// Shares and thresholds are compared by integer cross-multiplication, never
// as floating point: 79/100 is below 4/5 and 80/100 reaches it, whatever the
// rounding of a double would say.

#include <cstdint>

#include "yjinspect/v1/framework.pb.h"

namespace yjinspect::findings {

// The largest numerator or denominator a share or a framework fraction may
// have, so that every cross product fits in an int64_t.
inline constexpr int64_t kMaxFractionTerm = 1'000'000'000;

// True when a/b >= c/d. Requires 0 <= a, c and 0 < b, d, all at most
// kMaxFractionTerm.
bool FractionAtLeast(int64_t a, int64_t b, int64_t c, int64_t d);

// True when a/b < c/d, under the same requirements.
inline bool FractionLess(int64_t a, int64_t b, int64_t c, int64_t d) {
  return !FractionAtLeast(a, b, c, d);
}

// True when positive/applicable reaches `bound` (bound.denominator > 0).
bool ShareAtLeast(int64_t positive, int64_t applicable,
                  const v1::Fraction& bound);

// 100 * positive / applicable rounded down, so a displayed percent never
// overstates a share and agrees with any whole-percent band. 0 when
// applicable is 0.
int32_t FloorPercent(int64_t positive, int64_t applicable);

// The unreduced fraction positive/applicable, so its counts stay visible.
v1::Fraction MakeShare(int64_t positive, int64_t applicable);

}  // namespace yjinspect::findings
