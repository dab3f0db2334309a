#include "common/host/allocator_tuning.h"

#include <malloc.h>

#include <cstdlib>
#include <memory>

#include "gtest/gtest.h"

namespace yjinspect::common {
namespace {

// AddressSanitizer brings its own allocator, which ignores mallopt and
// glibc's statistics: what these tests check is glibc's.
#if defined(__SANITIZE_ADDRESS__)
constexpr bool kGlibcAllocator = false;
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
constexpr bool kGlibcAllocator = false;
#else
constexpr bool kGlibcAllocator = true;
#endif
#else
constexpr bool kGlibcAllocator = true;
#endif

constexpr char kNotGlibc[] = "built with AddressSanitizer: not glibc's";

TEST(AllocatorTuningTest, EverySettingTakes) {
  if (!kGlibcAllocator) GTEST_SKIP() << kNotGlibc;
  EXPECT_TRUE(TuneAllocator());
}

// With the mmap threshold fixed at 128 KiB, a block of 256 KiB is mapped on
// its own, so freeing it returns it to the system; glibc's default would
// raise the threshold after the first such free and keep the next one in
// the heap.
TEST(AllocatorTuningTest, LargeBlocksAreMappedAfterAFreeToo) {
  if (!kGlibcAllocator) GTEST_SKIP() << kNotGlibc;
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
  if (!kGlibcAllocator) GTEST_SKIP() << kNotGlibc;
  ASSERT_EQ(setenv("MALLOC_ARENA_MAX", "4", /*overwrite=*/1), 0);
  EXPECT_TRUE(TuneAllocator());
  unsetenv("MALLOC_ARENA_MAX");
}

}  // namespace
}  // namespace yjinspect::common
