#include "services/intake/sampling/pool_draw.h"

#include <utility>

#include "common/dates.h"

namespace yjinspect::intake {
namespace {

// The pool's part of a sample, with its window.
v1::PoolSample PoolPart(const PoolFrame& pool,
                        const v1::InspectionSample& drawn) {
  v1::PoolSample part;
  part.set_pool_id(pool.pool.id());
  part.set_records(pool.pool.records());
  part.set_frame_size(drawn.frame_size());
  part.set_computed_size(drawn.computed_size());
  part.set_sample_size(drawn.sample_size());
  *part.mutable_strata() = drawn.strata();
  *part.mutable_cases() = drawn.cases();
  part.set_pre_sentence_report_case_added(
      drawn.pre_sentence_report_case_added());
  *part.mutable_start_on_or_after() =
      common::ToDate(pool.window.start_on_or_after);
  *part.mutable_start_on_or_before() =
      common::ToDate(pool.window.start_on_or_before);
  return part;
}

// The sample-wide fields from the pools' parts: one pool's own, or sums
// and concatenations over several (no window: each pool has its own).
void SumPools(v1::InspectionSample& sample) {
  sample.clear_frame_size();
  sample.clear_computed_size();
  sample.clear_sample_size();
  sample.clear_strata();
  sample.clear_cases();
  sample.clear_pre_sentence_report_case_added();
  for (const v1::PoolSample& part : sample.pools()) {
    sample.set_frame_size(sample.frame_size() + part.frame_size());
    sample.set_computed_size(sample.computed_size() + part.computed_size());
    sample.set_sample_size(sample.sample_size() + part.sample_size());
    for (const auto& stratum : part.strata()) *sample.add_strata() = stratum;
    for (const auto& name : part.cases()) sample.add_cases(name);
    if (part.pre_sentence_report_case_added()) {
      sample.set_pre_sentence_report_case_added(true);
    }
  }
  if (sample.pools_size() == 1) {
    *sample.mutable_start_on_or_after() = sample.pools(0).start_on_or_after();
    *sample.mutable_start_on_or_before() = sample.pools(0).start_on_or_before();
  }
}

}  // namespace

v1::InspectionSample DrawPools(const std::vector<PoolFrame>& pools,
                               int64_t seed) {
  v1::InspectionSample sample;
  sample.set_method(v1::SAMPLE_METHOD_DRAWN);
  sample.set_seed(seed);
  for (const PoolFrame& pool : pools) {
    *sample.add_pools() =
        PoolPart(pool, DrawFromFrame(pool.frame, pool.pool.rules(), seed));
  }
  SumPools(sample);
  return sample;
}

v1::InspectionSample NamePools(
    const std::vector<PoolFrame>& pools,
    const std::vector<std::vector<std::string>>& chosen) {
  v1::InspectionSample sample;
  sample.set_method(v1::SAMPLE_METHOD_NAMED);
  for (size_t i = 0; i < pools.size(); ++i) {
    const PoolFrame& pool = pools[i];
    const std::vector<std::string>& names = chosen[i];
    v1::InspectionSample named;
    named.set_frame_size(static_cast<int32_t>(pool.frame.size()));
    // The size the pool's rule gives before its bounds, as for a draw.
    int computed = 0;
    SampleSize(pool.pool.rules(), static_cast<int>(pool.frame.size()),
               &computed);
    named.set_computed_size(computed);
    named.set_sample_size(static_cast<int32_t>(names.size()));
    for (const auto& name : names) named.add_cases(name);
    for (auto& s : Stratify(pool.frame, names)) {
      *named.add_strata() = std::move(s);
    }
    *sample.add_pools() = PoolPart(pool, named);
  }
  SumPools(sample);
  return sample;
}

}  // namespace yjinspect::intake
