#pragma once

// RocksDB settings both stores need so that erased content can leave the
// disk: obsolete WAL files are deleted at once (not archived, not recycled
// with old bytes still in them), and tables are not compressed, so that an
// erasure can be checked by searching the files for the erased bytes.

#include <vector>

#include "absl/status/status.h"
#include "rocksdb/db.h"
#include "rocksdb/options.h"

namespace yjinspect::common {

inline void KeepNoErasedBytes(rocksdb::DBOptions& options) {
  options.WAL_ttl_seconds = 0;
  options.WAL_size_limit_MB = 0;
  options.recycle_log_file_num = 0;
}

inline void KeepNoErasedBytes(rocksdb::ColumnFamilyOptions& options) {
  options.compression = rocksdb::kNoCompression;
  options.compression_per_level.clear();
  options.bottommost_compression = rocksdb::kDisableCompressionOption;
}

// Makes erased content leave the disk: flushes every memtable (the WAL files
// that still hold it become obsolete and are deleted), then rewrites every
// table of `handles`, so no older version of an erased record survives.
absl::Status PurgeErasedBytes(
    rocksdb::DB& db, const std::vector<rocksdb::ColumnFamilyHandle*>& handles);

}  // namespace yjinspect::common
