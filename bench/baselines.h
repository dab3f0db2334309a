#pragma once

// The ceilings the services are measured against, measured in the same run
// because the machines are shared and noisy: raw RocksDB synced writes, raw
// sequential reads, a bare fdatasync loop and a bare gRPC echo server with
// the services' own messages.

#include <cstddef>
#include <string>

#include "absl/time/time.h"
#include "bench/load_clients.h"

namespace yjinspect::bench {

// `threads` writers each Put (batch == 1) or Write a WriteBatch of `batch`
// values of `value_size` bytes with sync = true, into a fresh RocksDB in
// `dir`. One "operation" is one value: ok counts values, latencies are per
// write.
LoadResult RawRocksDbSyncedWrites(const std::string& dir, int threads,
                                  size_t value_size, int batch,
                                  absl::Duration warmup,
                                  absl::Duration measured);

// Writes `records` values of `value_size` bytes into a fresh RocksDB in
// `dir`, flushes them to a table, then times sequential scans of all of them
// (what db_bench readseq does). Records per second.
double RawRocksDbReadSeq(const std::string& dir, size_t records,
                         size_t value_size);

// What the consumer of the case stream could at best do with what it
// receives: writes `records` values of `value_size` bytes into a fresh
// RocksDB in `dir` in unsynced WriteBatches of `batch` values, one thread.
// Records per second.
double RawRocksDbUnsyncedBatches(const std::string& dir, size_t records,
                                 size_t value_size, size_t batch);

// One thread appends `size` bytes to a file in `dir` and fdatasyncs it,
// back to back. Latencies per append+sync.
LoadResult RawFdatasync(const std::string& dir, size_t size,
                        absl::Duration warmup, absl::Duration measured);

}  // namespace yjinspect::bench
