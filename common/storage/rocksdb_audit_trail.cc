#include "common/storage/rocksdb_audit_trail.h"

#include <memory>

#include "common/big_endian.h"
#include "common/status_macros.h"
#include "common/storage/rocksdb_status.h"

namespace yjinspect::common {
namespace {

std::optional<uint64_t> SequenceOf(const rocksdb::Slice& key) {
  return DecodeBigEndian64(absl::string_view(key.data(), key.size()));
}

}  // namespace

absl::StatusOr<AuditChainHead> ReadAuditHead(
    rocksdb::DB* db, rocksdb::ColumnFamilyHandle* audit) {
  std::unique_ptr<rocksdb::Iterator> it(
      db->NewIterator(rocksdb::ReadOptions(), audit));
  it->SeekToLast();
  RETURN_IF_ERROR(FromRocksDb(it->status(), "reading the audit trail head"));
  if (!it->Valid()) return AuditChainHead();
  auto sequence = SequenceOf(it->key());
  if (!sequence) return absl::DataLossError("the audit trail holds a bad key");
  v1::AuditRecord last;
  if (!last.ParseFromArray(it->value().data(),
                           static_cast<int>(it->value().size()))) {
    return AuditChainHead{*sequence, ""};
  }
  return AuditChainHead{*sequence, last.hash()};
}

void PutAuditRecord(rocksdb::WriteBatchBase& batch,
                    rocksdb::ColumnFamilyHandle* audit, const AuditEvent& event,
                    absl::StatusCode outcome, absl::Time time,
                    AuditChainHead& head) {
  v1::AuditRecord record = SealAuditRecord(event, outcome, time, head);
  batch
      .Put(audit, EncodeBigEndian64(record.sequence()),
           record.SerializeAsString())
      .PermitUncheckedError();
}

absl::StatusOr<std::vector<StoredAuditEntry>> ReadAuditEntries(
    rocksdb::DB& db, rocksdb::ColumnFamilyHandle* audit, uint64_t after,
    size_t limit) {
  std::unique_ptr<rocksdb::Iterator> it(
      db.NewIterator(rocksdb::ReadOptions(), audit));
  std::vector<StoredAuditEntry> out;
  for (it->Seek(EncodeBigEndian64(after + 1));
       it->Valid() && out.size() < limit; it->Next()) {
    auto sequence = SequenceOf(it->key());
    if (!sequence) continue;
    out.push_back({*sequence, it->value().ToString()});
  }
  RETURN_IF_ERROR(FromRocksDb(it->status(), "reading the audit trail"));
  return out;
}

}  // namespace yjinspect::common
