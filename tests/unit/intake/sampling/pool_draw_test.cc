// services/intake/sampling/pool_draw.h: each pool drawn on its own with the
// request's seed, one pool recorded exactly as a one-pool draw, the sample-
// wide fields summed over several, an empty pool and a pool smaller than
// its minimum. Pure: no store, no gRPC.

#include "services/intake/sampling/pool_draw.h"

#include <string>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "gtest/gtest.h"

namespace yjinspect::intake {
namespace {

v1::SamplePool Pool(const std::string& id, int min, int max) {
  v1::SamplePool pool;
  pool.set_id(id);
  pool.set_title(id);
  pool.set_records(v1::POOL_RECORDS_CHILDREN_CASES);
  v1::SamplingRules& rules = *pool.mutable_rules();
  rules.set_z(1.2816);
  rules.set_proportion(0.5);
  rules.set_margin_of_error(0.05);
  rules.set_min_sample(min);
  rules.set_max_sample(max);
  return pool;
}

PoolFrame Frame(const std::string& id, int min, int max, v1::DisposalType type,
                int cases) {
  PoolFrame pool{Pool(id, min, max),
                 {absl::CivilDay(2025, 1, 1), absl::CivilDay(2025, 6, 30),
                  absl::CivilDay(2025, 9, 1)},
                 {}};
  for (int i = 0; i < cases; ++i) {
    FrameCase c;
    c.name = absl::StrCat("yots/t/cases/", id, "-", 100 + i);
    c.disposal_type = type;
    c.setting = v1::SUPERVISION_SETTING_COMMUNITY;
    pool.frame.push_back(c);
  }
  return pool;
}

TEST(DrawPoolsTest, OnePoolIsRecordedExactlyAsAOnePoolDraw) {
  const PoolFrame pool =
      Frame("cases", 14, 91, v1::DISPOSAL_TYPE_REFERRAL_ORDER, 60);
  const v1::InspectionSample drawn = DrawPools({pool}, 42);
  const v1::InspectionSample alone =
      DrawFromFrame(pool.frame, pool.pool.rules(), 42);
  EXPECT_EQ(drawn.method(), v1::SAMPLE_METHOD_DRAWN);
  EXPECT_EQ(drawn.seed(), 42);
  EXPECT_EQ(drawn.frame_size(), alone.frame_size());
  EXPECT_EQ(drawn.computed_size(), alone.computed_size());
  EXPECT_EQ(drawn.sample_size(), alone.sample_size());
  EXPECT_EQ(drawn.cases().size(), alone.cases().size());
  for (int i = 0; i < alone.cases_size(); ++i) {
    EXPECT_EQ(drawn.cases(i), alone.cases(i));
  }
  EXPECT_EQ(drawn.strata_size(), alone.strata_size());
  EXPECT_EQ(drawn.start_on_or_after().year(), 2025);
  EXPECT_EQ(drawn.start_on_or_before().month(), 6);
  ASSERT_EQ(drawn.pools_size(), 1);
  EXPECT_EQ(drawn.pools(0).pool_id(), "cases");
  EXPECT_EQ(drawn.pools(0).sample_size(), alone.sample_size());
}

TEST(DrawPoolsTest, EachPoolIsDrawnOnItsOwnAndTheWholeIsTheirSum) {
  const std::vector<PoolFrame> pools = {
      Frame("court", 14, 91, v1::DISPOSAL_TYPE_REFERRAL_ORDER, 60),
      Frame("out-of-court", 5, 20, v1::DISPOSAL_TYPE_YOUTH_CAUTION, 30),
      Frame("resettlement", 1, 10,
            v1::DISPOSAL_TYPE_DETENTION_AND_TRAINING_ORDER, 0)};
  const v1::InspectionSample sample = DrawPools(pools, 7);
  ASSERT_EQ(sample.pools_size(), 3);
  int32_t total = 0;
  for (int i = 0; i < 3; ++i) {
    const v1::PoolSample& part = sample.pools(i);
    const v1::InspectionSample alone =
        DrawFromFrame(pools[i].frame, pools[i].pool.rules(), 7);
    EXPECT_EQ(part.pool_id(), pools[i].pool.id());
    EXPECT_EQ(part.frame_size(), static_cast<int>(pools[i].frame.size()));
    EXPECT_EQ(part.sample_size(), alone.sample_size());
    ASSERT_EQ(part.cases_size(), alone.cases_size());
    for (int k = 0; k < part.cases_size(); ++k) {
      EXPECT_EQ(part.cases(k), alone.cases(k));
      EXPECT_TRUE(absl::StartsWith(part.cases(k),
                                   "yots/t/cases/" + pools[i].pool.id()));
    }
    total += part.sample_size();
  }
  // The out-of-court pool's bound, not the court pool's, limits it.
  EXPECT_LE(sample.pools(1).sample_size(), 20);
  // The empty pool is recorded, empty.
  EXPECT_EQ(sample.pools(2).frame_size(), 0);
  EXPECT_EQ(sample.pools(2).sample_size(), 0);
  EXPECT_EQ(sample.sample_size(), total);
  EXPECT_EQ(sample.cases_size(), total);
  EXPECT_EQ(sample.frame_size(), 90);
  // Several pools: no sample-wide window, each pool keeps its own.
  EXPECT_FALSE(sample.has_start_on_or_after());
  EXPECT_TRUE(sample.pools(1).has_start_on_or_after());
}

TEST(DrawPoolsTest, APoolSmallerThanItsMinimumIsTakenWhole) {
  const v1::InspectionSample sample = DrawPools(
      {Frame("victims", 9, 24, v1::DISPOSAL_TYPE_REFERRAL_ORDER, 6)}, 3);
  EXPECT_EQ(sample.pools(0).frame_size(), 6);
  EXPECT_EQ(sample.pools(0).sample_size(), 6);
  EXPECT_LT(sample.pools(0).sample_size(), 9);
  EXPECT_EQ(sample.pools(0).computed_size(), 6);
}

TEST(DrawPoolsTest, TheSameSeedDrawsTheSameSample) {
  const std::vector<PoolFrame> pools = {
      Frame("court", 14, 91, v1::DISPOSAL_TYPE_REFERRAL_ORDER, 200),
      Frame("out-of-court", 5, 20, v1::DISPOSAL_TYPE_YOUTH_CAUTION, 50)};
  EXPECT_EQ(DrawPools(pools, 99).SerializeAsString(),
            DrawPools(pools, 99).SerializeAsString());
  EXPECT_NE(DrawPools(pools, 99).SerializeAsString(),
            DrawPools(pools, 100).SerializeAsString());
}

TEST(NamePoolsTest, RecordsEachPoolsNamedCasesAndTheRulesUnboundedSize) {
  const std::vector<PoolFrame> pools = {
      Frame("court", 14, 91, v1::DISPOSAL_TYPE_REFERRAL_ORDER, 10),
      Frame("out-of-court", 5, 20, v1::DISPOSAL_TYPE_YOUTH_CAUTION, 4)};
  const v1::InspectionSample sample =
      NamePools(pools, {{"yots/t/cases/court-101", "yots/t/cases/court-102"},
                        {"yots/t/cases/out-of-court-100"}});
  EXPECT_EQ(sample.method(), v1::SAMPLE_METHOD_NAMED);
  EXPECT_EQ(sample.seed(), 0);
  ASSERT_EQ(sample.pools_size(), 2);
  EXPECT_EQ(sample.pools(0).sample_size(), 2);
  EXPECT_EQ(sample.pools(1).sample_size(), 1);
  // The finite-population rule before the bounds: 10 of 10 and 4 of 4.
  EXPECT_EQ(sample.pools(0).computed_size(), 10);
  EXPECT_EQ(sample.pools(1).computed_size(), 4);
  EXPECT_EQ(sample.sample_size(), 3);
  ASSERT_EQ(sample.pools(0).strata_size(), 1);
  EXPECT_EQ(sample.pools(0).strata(0).eligible(), 10);
  EXPECT_EQ(sample.pools(0).strata(0).sampled(), 2);
}

}  // namespace
}  // namespace yjinspect::intake
