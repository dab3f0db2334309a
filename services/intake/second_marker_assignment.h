#pragma once

// Which records of a sample get a second marker (moderation): the records a
// lead inspector names, or a seeded random share of those not yet given
// one. Pure, so that a share is drawn again identically from the same
// sample, assignments and seed.

#include <cstdint>
#include <string>
#include <vector>

#include "yjinspect/v1/inspection.pb.h"

namespace yjinspect::intake {

// ceil(share_percent x sample_size / 100): the records a share asks for.
int SecondMarkedCount(int sample_size, int share_percent);

// The records of `inspection`'s sample not yet given a second marker, in
// draw order for `seed` (intake/sampling/sample_draw.h DrawOrder), at most
// SecondMarkedCount(sample size, share_percent) of them.
std::vector<std::string> DrawSecondMarked(const v1::Inspection& inspection,
                                          int share_percent, int64_t seed);

}  // namespace yjinspect::intake
