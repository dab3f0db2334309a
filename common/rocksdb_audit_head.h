#pragma once

// Where a store's audit chain ends, read once when the store opens: the
// last record of its audit column family (keys: big-endian sequences).

#include "absl/status/statusor.h"
#include "common/audit/audit_chain.h"
#include "rocksdb/db.h"

namespace yjinspect::common {

// The last record's sequence and hash; an empty head for an empty trail.
// DATA_LOSS when the last key is not a sequence, or as RocksDB reports a
// damaged store. A last record that does not parse gives its sequence and
// no hash: the chain check reports it (refusing to start would stop a
// service over its own trail).
absl::StatusOr<AuditChainHead> ReadAuditHead(
    rocksdb::DB* db, rocksdb::ColumnFamilyHandle* audit);

}  // namespace yjinspect::common
