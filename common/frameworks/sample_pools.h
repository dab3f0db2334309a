#pragma once

// A framework's sample pools (docs/domain.md, section 2): the kinds of work
// an inspection samples, each on its own. A framework that declares pools
// has them as written; one with the first frameworks' single `sampling`
// block is one pool of children's cases, "cases", with those rules, so it
// is drawn exactly as before pools existed.

#include <string>
#include <vector>

#include "absl/strings/string_view.h"
#include "yjinspect/v1/framework.pb.h"
#include "yjinspect/v1/inspection.pb.h"

namespace yjinspect::common {

// The id of the one pool of a framework with a `sampling` block.
inline constexpr absl::string_view kSinglePoolId = "cases";

// The framework's pools in its order: Framework.pools, or the one pool its
// `sampling` block describes; empty when it has neither.
std::vector<v1::SamplePool> SamplePools(const v1::Framework& framework);

// True when `section` covers the records of pool `pool_id`: a section that
// names pools covers only those; one that names none (a framework without
// declared pools) covers the single pool.
bool SectionCoversPool(const v1::Section& section, absl::string_view pool_id);

// The pool `record` (a case's name) was sampled in: its PoolSample's id;
// for a sample recorded before pools were, the single pool; "" when the
// sample does not hold it.
std::string PoolOfRecord(const v1::InspectionSample& sample,
                         absl::string_view record);

}  // namespace yjinspect::common
