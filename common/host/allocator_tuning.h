#pragma once

// glibc's malloc gives each thread that allocates under contention an arena
// of its own, up to eight per core, keeps what is freed in each for reuse,
// and raises its mmap threshold each time a large block is freed, so that
// later large blocks come from the arenas too and stay there. A service's
// gRPC, RocksDB and committer threads each fill an arena, so memory freed
// after a burst (a group commit of eight 500-case samples, a stream
// catching up) stays resident in many arenas at once.
//
// Measured with a million cases, real processes, one machine, one after
// another (bench/RESULTS.md has the run of record), peak resident:
//   glibc's defaults:                   intake 157.5 MiB, findings 88.2 MiB
//   two arenas:                         intake 119.6 MiB, findings 89.1 MiB
//   two arenas, 128 KiB mmap and trim:  intake 106.5 MiB, findings 75.6 MiB

namespace yjinspect::common {

// Two arenas; blocks of 128 KiB and more mapped on their own (returned to
// the system when freed); the top of the heap trimmed past 128 KiB free.
// Each unless the operator set its glibc variable (MALLOC_ARENA_MAX,
// MALLOC_MMAP_THRESHOLD_, MALLOC_TRIM_THRESHOLD_): their choice stands.
// Call first in a service's main, before threads start. True when every
// setting took (or was the operator's).
bool TuneAllocator();

}  // namespace yjinspect::common
