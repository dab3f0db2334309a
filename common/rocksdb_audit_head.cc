#include "common/rocksdb_audit_head.h"

#include <memory>

#include "common/big_endian.h"
#include "common/rocksdb_status.h"
#include "common/status_macros.h"

namespace yjinspect::common {

absl::StatusOr<AuditChainHead> ReadAuditHead(
    rocksdb::DB* db, rocksdb::ColumnFamilyHandle* audit) {
  std::unique_ptr<rocksdb::Iterator> it(
      db->NewIterator(rocksdb::ReadOptions(), audit));
  it->SeekToLast();
  RETURN_IF_ERROR(FromRocksDb(it->status(), "reading the audit trail head"));
  if (!it->Valid()) return AuditChainHead();
  auto sequence =
      DecodeBigEndian64(absl::string_view(it->key().data(), it->key().size()));
  if (!sequence) return absl::DataLossError("the audit trail holds a bad key");
  v1::AuditRecord last;
  if (!last.ParseFromArray(it->value().data(),
                           static_cast<int>(it->value().size()))) {
    return AuditChainHead{*sequence, ""};
  }
  return AuditChainHead{*sequence, last.hash()};
}

}  // namespace yjinspect::common
