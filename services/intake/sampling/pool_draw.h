#pragma once

// A sample drawn or named pool by pool (docs/domain.md, section 2): each of
// the framework's pools has its own frame, size rule and bounds, and is drawn
// with the request's seed exactly as a one-pool sample is (sample_draw.h).
// The sample records each pool's part (InspectionSample.pools) and, across
// the pools, the sample-wide fields: for one pool they are that pool's, so a
// framework with one pool draws and records what it did before pools
// existed. Pure code.

#include <cstdint>
#include <string>
#include <vector>

#include "services/intake/sampling/eligibility.h"
#include "services/intake/sampling/sample_draw.h"
#include "yjinspect/v1/framework.pb.h"
#include "yjinspect/v1/inspection.pb.h"

namespace yjinspect::intake {

// One pool with its window and its eligible records.
struct PoolFrame {
  v1::SamplePool pool;
  EligibilityWindow window;
  std::vector<FrameCase> frame;
};

// Draws every pool of `pools` with `seed` (an empty pool is recorded empty).
// Fills method, seed, the pools and the sample-wide fields.
v1::InspectionSample DrawPools(const std::vector<PoolFrame>& pools,
                               int64_t seed);

// A named sample: `chosen[i]` are the names taken from pools[i], each of
// which its caller has checked is in that pool's frame.
v1::InspectionSample NamePools(
    const std::vector<PoolFrame>& pools,
    const std::vector<std::vector<std::string>>& chosen);

}  // namespace yjinspect::intake
