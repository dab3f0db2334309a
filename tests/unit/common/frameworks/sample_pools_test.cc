// common/frameworks/sample_pools.h: a framework's pools as declared, or its
// sampling block as the one pool "cases"; which pools a section covers.

#include "common/frameworks/sample_pools.h"

#include "gtest/gtest.h"

namespace yjinspect::common {
namespace {

TEST(SamplePoolsTest, ASamplingBlockIsOnePoolOfChildrensCases) {
  v1::Framework framework;
  framework.mutable_sampling()->set_min_sample(14);
  const std::vector<v1::SamplePool> pools = SamplePools(framework);
  ASSERT_EQ(pools.size(), 1u);
  EXPECT_EQ(pools[0].id(), "cases");
  EXPECT_EQ(pools[0].records(), v1::POOL_RECORDS_CHILDREN_CASES);
  EXPECT_EQ(pools[0].rules().min_sample(), 14);
}

TEST(SamplePoolsTest, DeclaredPoolsAreTakenAsWrittenInOrder) {
  v1::Framework framework;
  framework.add_pools()->set_id("court-disposals");
  framework.add_pools()->set_id("victims");
  const std::vector<v1::SamplePool> pools = SamplePools(framework);
  ASSERT_EQ(pools.size(), 2u);
  EXPECT_EQ(pools[0].id(), "court-disposals");
  EXPECT_EQ(pools[1].id(), "victims");
  EXPECT_TRUE(SamplePools(v1::Framework()).empty());
}

TEST(SectionCoversPoolTest, ASectionCoversItsPoolsOrElseTheSinglePool) {
  v1::Section named;
  named.add_pools("court-disposals");
  EXPECT_TRUE(SectionCoversPool(named, "court-disposals"));
  EXPECT_FALSE(SectionCoversPool(named, "out-of-court-disposals"));
  EXPECT_FALSE(SectionCoversPool(named, "cases"));
  const v1::Section unnamed;
  EXPECT_TRUE(SectionCoversPool(unnamed, "cases"));
  EXPECT_FALSE(SectionCoversPool(unnamed, "victims"));
}

}  // namespace
}  // namespace yjinspect::common
