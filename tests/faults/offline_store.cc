#include "tests/faults/offline_store.h"

#include "absl/strings/str_cat.h"
#include "common/big_endian.h"

namespace yjinspect::faults {
namespace {

absl::Status FromRocks(const rocksdb::Status& status) {
  if (status.ok()) return absl::OkStatus();
  return absl::InternalError(status.ToString());
}

}  // namespace

absl::StatusOr<std::unique_ptr<OfflineStore>> OfflineStore::Open(
    const std::string& path) {
  std::vector<std::string> names;
  rocksdb::Status listed =
      rocksdb::DB::ListColumnFamilies(rocksdb::DBOptions(), path, &names);
  if (!listed.ok()) return FromRocks(listed);
  std::vector<rocksdb::ColumnFamilyDescriptor> families;
  for (const std::string& name : names) {
    families.emplace_back(name, rocksdb::ColumnFamilyOptions());
  }
  auto store = std::unique_ptr<OfflineStore>(new OfflineStore());
  rocksdb::DB* db = nullptr;
  rocksdb::Status opened = rocksdb::DB::Open(rocksdb::DBOptions(), path,
                                             families, &store->handles_, &db);
  if (!opened.ok()) {
    return absl::FailedPreconditionError(opened.ToString());
  }
  store->db_.reset(db);
  return store;
}

OfflineStore::~OfflineStore() {
  if (db_ == nullptr) return;
  rocksdb::FlushOptions flush;
  db_->Flush(flush, handles_).PermitUncheckedError();
  for (rocksdb::ColumnFamilyHandle* handle : handles_) {
    db_->DestroyColumnFamilyHandle(handle).PermitUncheckedError();
  }
  db_->Close().PermitUncheckedError();
}

absl::StatusOr<rocksdb::ColumnFamilyHandle*> OfflineStore::Family(
    const std::string& name) const {
  for (rocksdb::ColumnFamilyHandle* handle : handles_) {
    if (handle->GetName() == name) return handle;
  }
  return absl::NotFoundError(absl::StrCat("no column family ", name));
}

absl::StatusOr<std::vector<std::pair<std::string, std::string>>>
OfflineStore::Scan(const std::string& family) const {
  absl::StatusOr<rocksdb::ColumnFamilyHandle*> handle = Family(family);
  if (!handle.ok()) return handle.status();
  std::vector<std::pair<std::string, std::string>> out;
  std::unique_ptr<rocksdb::Iterator> it(
      db_->NewIterator(rocksdb::ReadOptions(), *handle));
  for (it->SeekToFirst(); it->Valid(); it->Next()) {
    out.emplace_back(it->key().ToString(), it->value().ToString());
  }
  if (!it->status().ok()) return FromRocks(it->status());
  return out;
}

absl::Status OfflineStore::Put(const std::string& family,
                               const std::string& key,
                               const std::string& value) {
  absl::StatusOr<rocksdb::ColumnFamilyHandle*> handle = Family(family);
  if (!handle.ok()) return handle.status();
  return FromRocks(db_->Put(rocksdb::WriteOptions(), *handle, key, value));
}

absl::Status OfflineStore::Delete(const std::string& family,
                                  const std::string& key) {
  absl::StatusOr<rocksdb::ColumnFamilyHandle*> handle = Family(family);
  if (!handle.ok()) return handle.status();
  return FromRocks(db_->Delete(rocksdb::WriteOptions(), *handle, key));
}

std::string AuditKey(uint64_t sequence) {
  return common::EncodeBigEndian64(sequence);
}

}  // namespace yjinspect::faults
