#pragma once

// A RocksDB store's size and write stalls as Prometheus figures, read at
// each scrape: yjinspect_store_{sst,memtable,wal}_bytes,
// yjinspect_store_write_stopped, yjinspect_store_delayed_write_rate and
// yjinspect_store_write_stall_seconds_total.

#include <cstdint>
#include <functional>

#include "common/service_metrics.h"

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
};

// Reads the figures of an open store. `statistics` may be null (no stall
// time then).
StorageFigures ReadStorageFigures(rocksdb::DB& db,
                                  const rocksdb::Statistics* statistics);

// Registers the store gauges with `metrics`, refreshed from `read` at each
// scrape. `read` must stay callable until metrics stop being served.
void ExportStorageFigures(ServiceMetrics& metrics,
                          std::function<StorageFigures()> read);

}  // namespace yjinspect::common
