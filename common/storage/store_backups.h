#pragma once

// Backups of a RocksDB store with RocksDB's BackupEngine: the one file that
// knows how backups are made, listed, checked and restored. Both services'
// stores call CreateStoreBackup with their database; the admin service
// lists and verifies; `yjinspect restore` restores.
//
// A backup folder holds the backups of one store only (the metadata names
// the service). BackupEngine lets one process at a time change a folder:
// each service needs its own folder, and these functions are not to be run
// on the same folder from two processes at once.

#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "yjinspect/v1/admin_service.pb.h"

namespace rocksdb {
class DB;
}

namespace yjinspect::common {

// Copies a consistent point-in-time image of every column family of `db`
// into `backup_dir` (created when missing) as a new backup carrying
// `metadata`, and returns it once every file is synced. `db` keeps serving
// writes meanwhile. FAILED_PRECONDITION when the folder holds backups of
// another service.
absl::StatusOr<v1::Backup> CreateStoreBackup(
    rocksdb::DB* db, const std::string& backup_dir,
    const v1::BackupMetadata& metadata);

// Deletes all but the newest `keep_latest` backups (keep_latest >= 1).
absl::Status PurgeStoreBackups(const std::string& backup_dir,
                               uint32_t keep_latest);

// The backups of `backup_dir`, oldest first. A missing folder has none.
absl::StatusOr<v1::ListBackupsResponse> ListStoreBackups(
    const std::string& backup_dir);

// Reads every file of backup `backup_id` and checks sizes and checksums.
// NOT_FOUND for an unknown backup, DATA_LOSS for a damaged one.
absl::StatusOr<v1::Backup> VerifyStoreBackup(const std::string& backup_dir,
                                             uint32_t backup_id);

struct RestoreRequest {
  std::string backup_dir;
  // 0: the newest backup.
  uint32_t backup_id = 0;
  // The folder to restore the store into: missing or empty. The restored
  // store is a complete RocksDB folder a server can be started on.
  std::string data_dir;
  // When not empty, the backup must be of this service ("intake",
  // "findings").
  std::string service;
};

// Restores a backup (checking every file's checksum as it is copied) while
// no service runs on the target. NOT_FOUND when the folder or the backup
// does not exist; FAILED_PRECONDITION when data_dir holds anything or the
// backup is of another service. On an error after copying began, data_dir
// holds a partial store: empty it before trying again.
absl::StatusOr<v1::Backup> RestoreStoreBackup(const RestoreRequest& request);

}  // namespace yjinspect::common
