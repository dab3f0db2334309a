#pragma once

// One open RocksDB store as both services keep theirs: the database, one
// handle per column family of the service's schema, and the statistics the
// metrics read; the reads both make (a record by key, a range of records,
// the audit trail), their backups, purges and figures; and how both close.
// Each service keeps its own schema (column families and keys) and its own
// write path; this holds what does not differ between them.

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/synchronization/mutex.h"
#include "common/audit/audit_chain.h"
#include "common/audit/audit_source.h"
#include "common/storage/acknowledged_mark.h"
#include "common/storage/disk_reserve.h"
#include "common/storage/rocksdb_records.h"
#include "common/storage/storage_figures.h"
#include "common/storage/store_condition.h"
#include "common/storage/store_safeguards.h"
#include "rocksdb/db.h"
#include "rocksdb/options.h"
#include "rocksdb/statistics.h"
#include "yjinspect/v1/admin_service.pb.h"

namespace yjinspect::common {

// What a service says of its store when opening it.
struct RocksDbSchema {
  // Names the store in messages ("the intake store").
  std::string what;
  // The column families' on-disk names, in the order of the service's
  // enum (the first is RocksDB's "default").
  std::vector<absl::string_view> families;
  // Options for every family (tuned by the service); the table settings
  // both stores share are applied on top (rocksdb_open.h, rocksdb_erasure.h).
  rocksdb::ColumnFamilyOptions family_options;
  // The family holding the audit trail (rocksdb_audit_trail.h).
  size_t audit_family = 0;
  // The families read by key where a read often finds nothing (a new
  // record's existence check): their tables carry a Bloom filter
  // (rocksdb_open.h).
  std::vector<size_t> filtered_families = {};
};

class RocksDbStore {
 public:
  // Opens (creating when missing) the store at `path`, with RocksDB's
  // statistics (tickers only, for the write-stall metrics) and the settings
  // that let erased bytes leave the disk, and reads the audit chain's head.
  // FAILED_PRECONDITION when another process holds the folder; DATA_LOSS,
  // saying what is damaged and the way out, when the store's files are
  // damaged or missing or it comes back with less than it acknowledged
  // (store_integrity.h); with `safeguards.verify_tables`, every table
  // block's checksum is read first.
  static absl::StatusOr<std::unique_ptr<RocksDbStore>> Open(
      const std::string& path, const RocksDbSchema& schema,
      rocksdb::DBOptions options, const StoreSafeguards& safeguards = {});

  // Flushes the memtables (so the next start replays no WAL) and closes.
  ~RocksDbStore();
  RocksDbStore(const RocksDbStore&) = delete;
  RocksDbStore& operator=(const RocksDbStore&) = delete;

  rocksdb::DB& db() const { return *db_; }
  // Writes `batch`, unless the volume is short of the reserve (NoSpace,
  // disk_reserve.h); once a synced write succeeded, notes it as
  // acknowledged (acknowledged_mark.h). The one way the services write.
  rocksdb::Status Write(const rocksdb::WriteOptions& options,
                        rocksdb::WriteBatch* batch);
  // The handle of a family by the service's enum.
  template <typename Family>
  rocksdb::ColumnFamilyHandle* handle(Family family) const {
    return handles_[static_cast<size_t>(family)];
  }
  // Where the audit chain ended when the store opened.
  const AuditChainHead& audit_head_at_open() const { return audit_head_; }

  template <typename Message, typename Family>
  absl::StatusOr<std::optional<Message>> Get(Family family,
                                             const std::string& key,
                                             absl::string_view what) const {
    return GetRecord<Message>(*db_, handle(family), key, what);
  }
  template <typename Message, typename Family>
  absl::StatusOr<std::vector<Keyed<Message>>> Scan(
      Family family, const KeyRange& range, absl::string_view what,
      const std::function<bool(const Message&)>& keep = nullptr) const {
    return ScanRecords<Message>(*db_, handle(family), range, what, keep);
  }

  // The audit trail (AuditSource).
  absl::StatusOr<std::vector<StoredAuditEntry>> ReadAuditEntries(
      uint64_t after, size_t limit) const;
  absl::StatusOr<AuditChainHead> ReadAuditHead() const;
  // Size and write stalls, for metrics.
  StorageFigures Figures() const;
  // A RocksDB ticker by name (rocksdb::TickersNameMap), for tests.
  std::optional<uint64_t> Ticker(absl::string_view name) const;
  // An online backup (store_backups.h).
  absl::StatusOr<v1::Backup> CreateBackup(const std::string& backup_dir,
                                          const v1::BackupMetadata& metadata);
  // Makes erased content leave the disk (rocksdb_erasure.h); one at a time.
  absl::Status PurgeErasedContent();

 private:
  RocksDbStore(std::unique_ptr<rocksdb::DB> db,
               std::vector<rocksdb::ColumnFamilyHandle*> handles,
               std::shared_ptr<rocksdb::Statistics> statistics,
               size_t audit_family, AuditChainHead audit_head,
               std::unique_ptr<AcknowledgedMark> acknowledged,
               std::shared_ptr<StoreCondition> condition,
               std::unique_ptr<DiskReserve> reserve);

  std::unique_ptr<rocksdb::DB> db_;
  std::vector<rocksdb::ColumnFamilyHandle*> handles_;
  std::shared_ptr<rocksdb::Statistics> statistics_;
  size_t audit_family_;
  AuditChainHead audit_head_;
  std::unique_ptr<AcknowledgedMark> acknowledged_;
  std::shared_ptr<StoreCondition> condition_;
  std::unique_ptr<DiskReserve> reserve_;
  absl::Mutex purge_mu_;
};

}  // namespace yjinspect::common
