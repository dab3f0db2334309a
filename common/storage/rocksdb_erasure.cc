#include "common/storage/rocksdb_erasure.h"

#include "common/status_macros.h"
#include "common/storage/rocksdb_status.h"

namespace yjinspect::common {

absl::Status PurgeErasedBytes(
    rocksdb::DB& db, const std::vector<rocksdb::ColumnFamilyHandle*>& handles) {
  rocksdb::FlushOptions flush;
  flush.wait = true;
  RETURN_IF_ERROR(
      FromRocksDb(db.Flush(flush, handles), "flushing after an erasure"));
  rocksdb::CompactRangeOptions compact;
  compact.bottommost_level_compaction =
      rocksdb::BottommostLevelCompaction::kForce;
  for (auto* handle : handles) {
    RETURN_IF_ERROR(
        FromRocksDb(db.CompactRange(compact, handle, nullptr, nullptr),
                    "compacting after an erasure"));
  }
  return absl::OkStatus();
}

}  // namespace yjinspect::common
