#pragma once

// A stopped service's store opened directly with RocksDB, read-write, with
// every column family it has: what someone holding the folder can do to it
// without going through the service (edit, delete and move records).

#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "rocksdb/db.h"

namespace yjinspect::faults {

class OfflineStore {
 public:
  // FAILED_PRECONDITION while a server holds the folder.
  static absl::StatusOr<std::unique_ptr<OfflineStore>> Open(
      const std::string& path);
  // Flushes and closes, leaving no write-ahead log to replay.
  ~OfflineStore();
  OfflineStore(const OfflineStore&) = delete;
  OfflineStore& operator=(const OfflineStore&) = delete;

  // Every key and value of `family`, in key order.
  absl::StatusOr<std::vector<std::pair<std::string, std::string>>> Scan(
      const std::string& family) const;
  absl::Status Put(const std::string& family, const std::string& key,
                   const std::string& value);
  absl::Status Delete(const std::string& family, const std::string& key);

 private:
  OfflineStore() = default;
  absl::StatusOr<rocksdb::ColumnFamilyHandle*> Family(
      const std::string& name) const;

  std::unique_ptr<rocksdb::DB> db_;
  std::vector<rocksdb::ColumnFamilyHandle*> handles_;
};

// The 8-byte big-endian key of audit record `sequence`.
std::string AuditKey(uint64_t sequence);

}  // namespace yjinspect::faults
