#pragma once

// A store's audit trail in RocksDB, as both stores keep it: one column
// family of AuditRecords keyed by their big-endian sequence, each record
// written in the same batch as the change it describes (common/audit).

#include <cstdint>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "common/audit/audit_chain.h"
#include "common/audit/audit_source.h"
#include "rocksdb/db.h"
#include "rocksdb/write_batch_base.h"

namespace yjinspect::common {

// Where the chain ends, read once when the store opens: the last record's
// sequence and hash; an empty head for an empty trail. DATA_LOSS when the
// last key is not a sequence, or as RocksDB reports a damaged store. A last
// record that does not parse gives its sequence and no hash: the chain
// check reports it (refusing to start would stop a service over its own
// trail).
absl::StatusOr<AuditChainHead> ReadAuditHead(
    rocksdb::DB* db, rocksdb::ColumnFamilyHandle* audit);

// Seals `event` onto the chain after `head` (advancing it) and puts the
// record into `batch`. If the batch is not written, the caller puts back
// the head it had before.
void PutAuditRecord(rocksdb::WriteBatchBase& batch,
                    rocksdb::ColumnFamilyHandle* audit, const AuditEvent& event,
                    absl::StatusCode outcome, absl::Time time,
                    AuditChainHead& head);

// Up to `limit` stored entries with sequence > `after`, in order, as bytes
// (AuditSource). A key that is not a sequence is passed over: it is not an
// audit record, and the chain check reports the gap it leaves.
absl::StatusOr<std::vector<StoredAuditEntry>> ReadAuditEntries(
    rocksdb::DB& db, rocksdb::ColumnFamilyHandle* audit, uint64_t after,
    size_t limit);

}  // namespace yjinspect::common
