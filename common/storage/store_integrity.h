#pragma once

// Checks that keep a damaged store from being served or silently cut short.
// RocksDbStore::Open runs them around RocksDB's own open; `yjinspect
// check-store` runs the same on a stopped store. Each refusal is DATA_LOSS
// with a message that names the store, what is wrong (the file, where
// RocksDB or the check can tell) and the way out (docs/backups.md).
//
//   - A folder holding RocksDB's files but no CURRENT would be taken for a
//     new store: RocksDB would create one and delete the old tables as
//     obsolete. Refused before opening.
//   - A write-ahead log cut short or deleted is recovered up to the cut
//     without complaint. The acknowledged mark (acknowledged_mark.h) says
//     how far the store must come back.
//   - A damaged table block is found only when read. Every table's blocks
//     are checked at open (VerifyTables), and reads of a damaged block fail
//     DATA_LOSS meanwhile rather than return wrong data.

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "rocksdb/db.h"

namespace yjinspect::common {

// DATA_LOSS: "<what> at <path> is damaged: <detail>", and the way out.
absl::Status DamagedStore(const std::string& path, absl::string_view what,
                          absl::string_view detail);

// True when `path` holds any of RocksDB's own files (tables, logs,
// MANIFEST, CURRENT): a store, or what is left of one.
bool HoldsStoreFiles(const std::string& path);

// Before opening: DATA_LOSS when `path` holds a store's files but no CURRENT.
absl::Status CheckStoreFiles(const std::string& path, absl::string_view what);

// A store opened read-only with every column family it has: its
// write-ahead log is recovered in memory and no file is changed.
class ReadOnlyStore {
 public:
  // DATA_LOSS (DamagedStore) when RocksDB cannot open it.
  static absl::StatusOr<std::unique_ptr<ReadOnlyStore>> Open(
      const std::string& path, absl::string_view what);
  ~ReadOnlyStore();
  ReadOnlyStore(const ReadOnlyStore&) = delete;
  ReadOnlyStore& operator=(const ReadOnlyStore&) = delete;

  rocksdb::DB& db() { return *db_; }
  // The family named `name`; null when the store has none.
  rocksdb::ColumnFamilyHandle* Family(absl::string_view name) const;

 private:
  ReadOnlyStore() = default;
  std::unique_ptr<rocksdb::DB> db_;
  std::vector<rocksdb::ColumnFamilyHandle*> handles_;
};

// Before a store is opened for writing: CheckStoreFiles, then, for an
// existing store with an acknowledged mark or when `verify_tables`, the
// store read-only: that it opens, that it recovers every acknowledged
// write, and (verify_tables) every table block. A refusal changes no file:
// a read-write open would first write a new MANIFEST and log, and would
// flush what recovery kept and delete the damaged log, the evidence with
// it. Returns the acknowledged mark it read (nullopt: none), for the
// check after the read-write open.
absl::StatusOr<std::optional<uint64_t>> CheckBeforeOpen(const std::string& path,
                                                        absl::string_view what,
                                                        bool verify_tables);

// After opening: DATA_LOSS when `db` recovered less than `acknowledged`.
absl::Status CheckRecovered(rocksdb::DB& db, const std::string& path,
                            absl::string_view what,
                            std::optional<uint64_t> acknowledged);

// Reads every block of every table file and checks its checksum.
// DATA_LOSS naming the file when one does not match or cannot be read.
absl::Status VerifyTables(rocksdb::DB& db, const std::string& path,
                          absl::string_view what);

// The write-ahead logs in `path` with their sizes, for messages
// ("000012.log, 4096 bytes"); "no write-ahead log" when there is none.
std::string DescribeLogs(const std::string& path);

}  // namespace yjinspect::common
