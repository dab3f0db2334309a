#include "common/host/allocator_tuning.h"

#include <malloc.h>

#include <cstdlib>

namespace yjinspect::common {
namespace {

constexpr int kArenas = 2;
constexpr int kThresholdBytes = 128 * 1024;

// mallopt(option, value) unless `variable` is set; true when in force.
bool SetUnlessChosen(const char* variable, int option, int value) {
  if (std::getenv(variable) != nullptr) return true;
  return mallopt(option, value) == 1;
}

}  // namespace

bool TuneAllocator() {
  bool ok = SetUnlessChosen("MALLOC_ARENA_MAX", M_ARENA_MAX, kArenas);
  ok &= SetUnlessChosen("MALLOC_MMAP_THRESHOLD_", M_MMAP_THRESHOLD,
                        kThresholdBytes);
  ok &= SetUnlessChosen("MALLOC_TRIM_THRESHOLD_", M_TRIM_THRESHOLD,
                        kThresholdBytes);
  return ok;
}

}  // namespace yjinspect::common
