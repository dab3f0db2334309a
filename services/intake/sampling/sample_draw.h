#pragma once

// Drawing a representative sample (docs/domain.md, section 2), pure and
// deterministic: size by the finite-population rule within the framework's
// bounds, strata proportional to disposal type and setting, cases within a
// stratum in an order fixed by the seed, and a pre-sentence-report case swapped
// in where the draw has none and the frame has some.

#include <cstdint>
#include <string>
#include <vector>

#include "yjinspect/v1/case.pb.h"
#include "yjinspect/v1/framework.pb.h"
#include "yjinspect/v1/inspection.pb.h"

namespace yjinspect::intake {

// What the draw needs to know of one eligible case.
struct FrameCase {
  std::string name;
  v1::DisposalType disposal_type = v1::DISPOSAL_TYPE_UNSPECIFIED;
  v1::SupervisionSetting setting = v1::SUPERVISION_SETTING_UNSPECIFIED;
  bool has_pre_sentence_report = false;
};

// The place of record `name` in a draw with `seed` (lower first): a fixed,
// portable mix of the two (SplitMix64), so a draw depends only on the seed
// and the names.
uint64_t DrawOrder(int64_t seed, const std::string& name);

// n = n0 / (1 + (n0 - 1) / N), n0 = z² p (1 - p) / e², rounded up, then
// bounded by the rules' minimum and maximum and by N itself. The unbounded
// value goes to `*computed` when given.
int SampleSize(const v1::SamplingRules& rules, int frame_size,
               int* computed = nullptr);

// Draws from `frame` (any order: it is sorted by name first). Fills
// revision-independent fields of the sample: method, seed, sizes, strata,
// cases and the PSR flag.
v1::InspectionSample DrawFromFrame(std::vector<FrameCase> frame,
                                   const v1::SamplingRules& rules,
                                   int64_t seed);

// The strata of `frame` with `chosen` counted as sampled (for a named
// sample).
std::vector<v1::SampleStratum> Stratify(const std::vector<FrameCase>& frame,
                                        const std::vector<std::string>& chosen);

}  // namespace yjinspect::intake
