#include "common/storage/rocksdb_store.h"

#include <optional>
#include <utility>

#include "absl/strings/match.h"
#include "common/status_macros.h"
#include "common/storage/rocksdb_audit_trail.h"
#include "common/storage/rocksdb_erasure.h"
#include "common/storage/rocksdb_open.h"
#include "common/storage/store_backups.h"
#include "common/storage/store_integrity.h"

namespace yjinspect::common {

absl::StatusOr<std::unique_ptr<RocksDbStore>> RocksDbStore::Open(
    const std::string& path, const RocksDbSchema& schema,
    rocksdb::DBOptions options, const StoreSafeguards& safeguards) {
  // The mark as the read-only check found it: the read-write open below
  // must come back with as much.
  ASSIGN_OR_RETURN(
      const std::optional<uint64_t> acknowledged,
      CheckBeforeOpen(path, schema.what, safeguards.verify_tables));
  auto condition = std::make_shared<StoreCondition>();
  options.listeners.push_back(condition);
  options.statistics = rocksdb::CreateDBStatistics();
  options.statistics->set_stats_level(rocksdb::StatsLevel::kExceptTimers);
  KeepNoErasedBytes(options);
  rocksdb::ColumnFamilyOptions family_options = schema.family_options;
  KeepNoErasedBytes(family_options);
  std::vector<rocksdb::ColumnFamilyDescriptor> descriptors;
  for (absl::string_view name : schema.families) {
    descriptors.emplace_back(std::string(name), family_options);
  }
  std::unique_ptr<rocksdb::DB> db;
  std::vector<rocksdb::ColumnFamilyHandle*> handles;
  absl::Status opened = OpenRocksDb(path, schema.what, options, descriptors,
                                    schema.filtered_families, &db, &handles);
  if (opened.code() == absl::StatusCode::kDataLoss ||
      (opened.code() == absl::StatusCode::kInternal &&
       absl::StrContains(opened.message(), "No such file"))) {
    // A table or MANIFEST that is damaged or gone.
    return DamagedStore(path, schema.what, opened.message());
  }
  RETURN_IF_ERROR(opened);
  // From here on a refusal closes the store it opened.
  auto refuse = [&](absl::Status status) {
    for (auto* handle : handles) {
      db->DestroyColumnFamilyHandle(handle).PermitUncheckedError();
    }
    db->Close().PermitUncheckedError();
    return status;
  };
  if (absl::Status recovered =
          CheckRecovered(*db, path, schema.what, acknowledged);
      !recovered.ok()) {
    return refuse(recovered);
  }
  absl::StatusOr<AuditChainHead> audit_head =
      common::ReadAuditHead(db.get(), handles.at(schema.audit_family));
  if (!audit_head.ok()) return refuse(audit_head.status());
  absl::StatusOr<std::unique_ptr<AcknowledgedMark>> mark =
      AcknowledgedMark::Open(path, db->GetLatestSequenceNumber());
  if (!mark.ok()) return refuse(mark.status());
  return std::unique_ptr<RocksDbStore>(new RocksDbStore(
      std::move(db), std::move(handles), options.statistics,
      schema.audit_family, *std::move(audit_head), *std::move(mark),
      std::move(condition),
      std::make_unique<DiskReserve>(path, safeguards.min_free_bytes)));
}

rocksdb::Status RocksDbStore::Write(const rocksdb::WriteOptions& options,
                                    rocksdb::WriteBatch* batch) {
  if (rocksdb::Status room = reserve_->Check(); !room.ok()) return room;
  rocksdb::Status written = db_->Write(options, batch);
  if (written.ok() && options.sync) {
    acknowledged_->Note(db_->GetLatestSequenceNumber());
  }
  return written;
}

RocksDbStore::RocksDbStore(std::unique_ptr<rocksdb::DB> db,
                           std::vector<rocksdb::ColumnFamilyHandle*> handles,
                           std::shared_ptr<rocksdb::Statistics> statistics,
                           size_t audit_family, AuditChainHead audit_head,
                           std::unique_ptr<AcknowledgedMark> acknowledged,
                           std::shared_ptr<StoreCondition> condition,
                           std::unique_ptr<DiskReserve> reserve)
    : db_(std::move(db)),
      handles_(std::move(handles)),
      statistics_(std::move(statistics)),
      audit_family_(audit_family),
      audit_head_(std::move(audit_head)),
      acknowledged_(std::move(acknowledged)),
      condition_(std::move(condition)),
      reserve_(std::move(reserve)) {}

RocksDbStore::~RocksDbStore() {
  db_->Flush(rocksdb::FlushOptions(), handles_).PermitUncheckedError();
  for (auto* handle : handles_) db_->DestroyColumnFamilyHandle(handle);
  db_->Close().PermitUncheckedError();
}

absl::StatusOr<AuditChainHead> RocksDbStore::ReadAuditHead() const {
  return common::ReadAuditHead(db_.get(), handles_[audit_family_]);
}

absl::StatusOr<std::vector<StoredAuditEntry>> RocksDbStore::ReadAuditEntries(
    uint64_t after, size_t limit) const {
  return common::ReadAuditEntries(*db_, handles_[audit_family_], after, limit);
}

StorageFigures RocksDbStore::Figures() const {
  StorageFigures figures = ReadStorageFigures(*db_, statistics_.get());
  figures.writes_refused = condition_->writes_refused();
  figures.disk_full = condition_->disk_full();
  if (figures.writes_refused.empty()) {
    if (rocksdb::Status room = reserve_->Check(); !room.ok()) {
      figures.writes_refused = room.ToString();
      figures.disk_full = true;
    }
  }
  return figures;
}

std::optional<uint64_t> RocksDbStore::Ticker(absl::string_view name) const {
  for (const auto& [ticker, ticker_name] : rocksdb::TickersNameMap) {
    if (ticker_name == name) return statistics_->getTickerCount(ticker);
  }
  return std::nullopt;
}

absl::StatusOr<v1::Backup> RocksDbStore::CreateBackup(
    const std::string& backup_dir, const v1::BackupMetadata& metadata) {
  return CreateStoreBackup(db_.get(), backup_dir, metadata);
}

absl::Status RocksDbStore::PurgeErasedContent() {
  absl::MutexLock purge(&purge_mu_);
  return PurgeErasedBytes(*db_, handles_);
}

}  // namespace yjinspect::common
