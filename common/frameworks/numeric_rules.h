#pragma once

// The numeric rules of a framework: finding thresholds, rating bands and
// sampling parameters (see framework_validation.h for the list). Internal to
// common/frameworks.

#include "absl/strings/string_view.h"
#include "common/frameworks/located_problems.h"
#include "yjinspect/v1/framework.pb.h"

namespace yjinspect::common::frameworks_internal {

class NumericRules {
 public:
  // `root` locates `framework`; problems are added to `problems`, which must
  // outlive this object.
  NumericRules(const v1::Framework& framework, const Node& root,
               Problems& problems)
      : f_(framework), root_(root), problems_(problems) {}

  // `share_section`: the id of a section scored as a share of positive
  // answers, which makes thresholds required; empty when there is none.
  void CheckThresholds(absl::string_view share_section);
  // `rated_section`: the id of a rated section, which makes standard bands
  // required (empty when none); `counted_sections`: how many count in the
  // overall score, which makes overall bands required and sets their top.
  void CheckRating(absl::string_view rated_section, int counted_sections);
  // One pool's (or the `sampling` block's) rules, `field` naming them in
  // messages ("sampling", "pool \"court-disposals\" rules"); `node` locates
  // the SamplingRules message.
  void CheckSamplingRules(const v1::SamplingRules& rules, const Node& node,
                          absl::string_view field, v1::PoolRecords records);

 private:
  // Adds a problem and returns false unless `fraction` has a denominator > 0
  // and lies within [0, 1]. `node` is the Fraction's own node.
  bool CheckFraction(const v1::Fraction& fraction, const Node& node,
                     absl::string_view what);
  void CheckStandardBands(const Node& rating);
  void CheckOverallBands(const Node& rating, int counted_sections);

  const v1::Framework& f_;
  const Node& root_;
  Problems& problems_;
};

// Compares two valid fractions exactly: negative, zero or positive as a/b is
// below, equal to or above c/d.
int CompareFractions(const v1::Fraction& a, const v1::Fraction& b);

}  // namespace yjinspect::common::frameworks_internal
