#pragma once

// A RocksDB store's size and write stalls, read from the open database
// (exported as metrics by common/telemetry/storage_metrics.h).

#include <cstdint>
#include <string>

namespace rocksdb {
class DB;
class Statistics;
}  // namespace rocksdb

namespace yjinspect::common {

struct StorageFigures {
  // Table files of every column family.
  uint64_t sst_bytes = 0;
  // Memtables (written, not yet flushed) of every column family.
  uint64_t memtable_bytes = 0;
  // Write-ahead log files still kept.
  uint64_t wal_bytes = 0;
  // RocksDB has stopped writes (compaction far behind).
  bool write_stopped = false;
  // The rate writes are slowed to (bytes/s), 0 when not slowed.
  uint64_t delayed_write_rate = 0;
  // Time writers have spent stalled since the store opened.
  uint64_t stall_micros = 0;
  // Empty while the store takes writes; otherwise why it refuses them
  // (store_condition.h).
  std::string writes_refused;
  // The refusal is a full disk, which ends by itself once there is room.
  bool disk_full = false;
};

// Reads the figures of an open store. `statistics` may be null (no stall
// time then).
StorageFigures ReadStorageFigures(rocksdb::DB& db,
                                  const rocksdb::Statistics* statistics);

}  // namespace yjinspect::common
