#include "common/frameworks/sample_pools.h"

#include <algorithm>

namespace yjinspect::common {

std::vector<v1::SamplePool> SamplePools(const v1::Framework& framework) {
  if (framework.pools_size() > 0) {
    return {framework.pools().begin(), framework.pools().end()};
  }
  if (!framework.has_sampling()) return {};
  v1::SamplePool pool;
  pool.set_id(std::string(kSinglePoolId));
  pool.set_title("Cases");
  pool.set_records(v1::POOL_RECORDS_CHILDREN_CASES);
  *pool.mutable_rules() = framework.sampling();
  return {std::move(pool)};
}

bool SectionCoversPool(const v1::Section& section, absl::string_view pool_id) {
  if (section.pools().empty()) return pool_id == kSinglePoolId;
  return std::find(section.pools().begin(), section.pools().end(), pool_id) !=
         section.pools().end();
}

std::string PoolOfRecord(const v1::InspectionSample& sample,
                         absl::string_view record) {
  for (const v1::PoolSample& pool : sample.pools()) {
    if (std::find(pool.cases().begin(), pool.cases().end(), record) !=
        pool.cases().end()) {
      return pool.pool_id();
    }
  }
  if (sample.pools().empty() &&
      std::find(sample.cases().begin(), sample.cases().end(), record) !=
          sample.cases().end()) {
    return std::string(kSinglePoolId);
  }
  return "";
}

}  // namespace yjinspect::common
