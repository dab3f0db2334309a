#include "common/host/allocator_tuning.h"

#include <malloc.h>

#include <cstdlib>
#include <memory>

#include "gtest/gtest.h"

namespace yjinspect::common {
namespace {

TEST(AllocatorTuningTest, EverySettingTakes) { EXPECT_TRUE(TuneAllocator()); }

// With the mmap threshold fixed at 128 KiB, a block of 256 KiB is mapped on
// its own, so freeing it returns it to the system; glibc's default would
// raise the threshold after the first such free and keep the next one in
// the heap.
TEST(AllocatorTuningTest, LargeBlocksAreMappedAfterAFreeToo) {
  if (std::getenv("MALLOC_MMAP_THRESHOLD_") != nullptr) {
    GTEST_SKIP() << "MALLOC_MMAP_THRESHOLD_ is set: the operator's choice";
  }
  ASSERT_TRUE(TuneAllocator());
  constexpr size_t kBlock = 256 * 1024;
  for (int i = 0; i < 3; ++i) {
    const struct mallinfo2 before = mallinfo2();
    std::unique_ptr<char[]> block(new char[kBlock]);
    block[0] = 1;
    const struct mallinfo2 during = mallinfo2();
    EXPECT_GE(during.hblkhd, before.hblkhd + kBlock) << "round " << i;
  }
}

TEST(AllocatorTuningTest, AnOperatorsOwnChoiceStands) {
  ASSERT_EQ(setenv("MALLOC_ARENA_MAX", "4", /*overwrite=*/1), 0);
  EXPECT_TRUE(TuneAllocator());
  unsetenv("MALLOC_ARENA_MAX");
}

}  // namespace
}  // namespace yjinspect::common
