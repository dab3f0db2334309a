#pragma once

// Closed-loop load: `clients` threads each call one operation back to back
// for a while, and the latency of every call after the warm-up is kept.

#include <cstdint>
#include <functional>
#include <vector>

#include "absl/time/time.h"

namespace yjinspect::bench {

struct LoadResult {
  uint64_t ok = 0;        // calls that succeeded in the measured window
  uint64_t failed = 0;    // calls that failed (any time)
  uint64_t total_ok = 0;  // including the warm-up
  double seconds = 0;     // length of the measured window
  std::vector<double> latencies_us;  // measured window, unsorted
  uint64_t wal_syncs = 0;  // RocksDB loads: WAL syncs over the whole run

  double PerSecond() const { return seconds > 0 ? ok / seconds : 0; }
};

// `call(client, i)` does the i-th call of client `client` and says whether it
// succeeded. Calls that start during `warmup` are not measured.
LoadResult RunClients(int clients, absl::Duration warmup,
                      absl::Duration measured,
                      const std::function<bool(int client, uint64_t i)>& call);

// Adds `part` (a later slice of the same figure) to `into`.
void Merge(LoadResult& into, LoadResult part);

// The q-quantile (0..1) of `values`, which it sorts; 0 when empty.
double Quantile(std::vector<double>& values, double q);

}  // namespace yjinspect::bench
