#include "common/storage/store_backups.h"

#include <filesystem>
#include <memory>
#include <system_error>
#include <utility>

#include "absl/strings/str_cat.h"
#include "common/error_details.h"
#include "common/error_reasons.h"
#include "common/status_macros.h"
#include "common/storage/rocksdb_status.h"
#include "rocksdb/db.h"
#include "rocksdb/env.h"
#include "rocksdb/utilities/backup_engine.h"

namespace yjinspect::common {
namespace {

namespace fs = std::filesystem;

rocksdb::BackupEngineOptions EngineOptions(const std::string& backup_dir) {
  rocksdb::BackupEngineOptions options(backup_dir);
  // One copying thread: the machine serves calls meanwhile.
  options.max_background_operations = 1;
  return options;
}

// Opens a BackupEngine (writing) or BackupEngineReadOnly on the folder.
template <typename Engine>
absl::StatusOr<std::unique_ptr<Engine>> Open(const std::string& backup_dir) {
  Engine* raw = nullptr;
  rocksdb::IOStatus s =
      Engine::Open(EngineOptions(backup_dir), rocksdb::Env::Default(), &raw);
  RETURN_IF_ERROR(
      FromRocksDb(s, absl::StrCat("opening the backup folder ", backup_dir)));
  return std::unique_ptr<Engine>(raw);
}

absl::StatusOr<std::unique_ptr<rocksdb::BackupEngine>> OpenEngine(
    const std::string& backup_dir) {
  return Open<rocksdb::BackupEngine>(backup_dir);
}

// Reading needs the folder: a missing one is NOT_FOUND rather than created.
absl::StatusOr<std::unique_ptr<rocksdb::BackupEngineReadOnly>> OpenReader(
    const std::string& backup_dir) {
  std::error_code error;
  if (!fs::is_directory(backup_dir, error)) {
    return absl::NotFoundError(
        absl::StrCat("there is no backup folder at ", backup_dir));
  }
  return Open<rocksdb::BackupEngineReadOnly>(backup_dir);
}

v1::Backup ToBackup(const rocksdb::BackupInfo& info) {
  v1::Backup backup;
  backup.set_backup_id(info.backup_id);
  backup.mutable_create_time()->set_seconds(info.timestamp);
  backup.set_size_bytes(info.size);
  backup.set_file_count(info.number_files);
  // Backups made by something else carry no metadata we can read: they
  // are listed with none rather than hidden.
  if (!backup.mutable_metadata()->ParseFromString(info.app_metadata)) {
    backup.clear_metadata();
  }
  return backup;
}

// The backup `backup_id` of an open engine: NOT_FOUND when there is none.
absl::StatusOr<v1::Backup> FindBackup(
    const rocksdb::BackupEngineReadOnlyBase& engine,
    const std::string& backup_dir, uint32_t backup_id) {
  rocksdb::BackupInfo info;
  rocksdb::Status s = engine.GetBackupInfo(backup_id, &info);
  if (s.IsNotFound()) {
    return absl::NotFoundError(
        absl::StrCat("there is no backup ", backup_id, " in ", backup_dir));
  }
  RETURN_IF_ERROR(FromRocksDb(
      s, absl::StrCat("reading backup ", backup_id, " in ", backup_dir)));
  return ToBackup(info);
}

// FAILED_PRECONDITION unless every backup in the folder is of `service`.
absl::Status CheckFolderIsOf(const rocksdb::BackupEngineReadOnlyBase& engine,
                             const std::string& backup_dir,
                             const std::string& service) {
  std::vector<rocksdb::BackupInfo> infos;
  engine.GetBackupInfo(&infos);
  for (const auto& info : infos) {
    v1::Backup backup = ToBackup(info);
    if (backup.metadata().service() != service) {
      return FailedPrecondition(
          kBackupFolderOfOtherService, {kBackupFolderViolation, service},
          absl::StrCat("the backup folder ", backup_dir, " holds backup ",
                       info.backup_id, " of ",
                       backup.metadata().service().empty()
                           ? std::string("an unknown store")
                           : absl::StrCat("the ", backup.metadata().service(),
                                          " service"),
                       ", not of ", service,
                       ": give each service its own backup folder"),
          {{"holds_service", backup.metadata().service()}});
    }
  }
  return absl::OkStatus();
}

// FAILED_PRECONDITION unless `data_dir` is missing or an empty folder.
absl::Status CheckRestoreTarget(const std::string& data_dir) {
  std::error_code error;
  fs::file_status status = fs::status(data_dir, error);
  if (error && status.type() != fs::file_type::not_found) {
    return absl::FailedPreconditionError(
        absl::StrCat("cannot look at ", data_dir, ": ", error.message()));
  }
  if (status.type() == fs::file_type::not_found) return absl::OkStatus();
  if (status.type() != fs::file_type::directory) {
    return absl::FailedPreconditionError(
        absl::StrCat(data_dir, " exists and is not a folder"));
  }
  if (!fs::is_empty(data_dir, error) || error) {
    return absl::FailedPreconditionError(absl::StrCat(
        "the folder ", data_dir,
        " is not empty: restore into a new or empty folder (a restore never "
        "overwrites a store)"));
  }
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<v1::Backup> CreateStoreBackup(
    rocksdb::DB* db, const std::string& backup_dir,
    const v1::BackupMetadata& metadata) {
  ASSIGN_OR_RETURN(std::unique_ptr<rocksdb::BackupEngine> engine,
                   OpenEngine(backup_dir));
  RETURN_IF_ERROR(CheckFolderIsOf(*engine, backup_dir, metadata.service()));
  rocksdb::CreateBackupOptions options;
  // No flush: the backup takes the live table files plus the live WAL files
  // up to their length at this instant, which together are one consistent
  // image of every column family. Whatever was acknowledged is in the WAL
  // (intake syncs it before answering), so it is in the backup; and a busy
  // store is not made to flush small memtables on every backup.
  options.flush_before_backup = false;
  options.decrease_background_thread_cpu_priority = true;
  options.background_thread_cpu_priority = rocksdb::CpuPriority::kLow;
  rocksdb::BackupID id = 0;
  rocksdb::IOStatus s = engine->CreateNewBackupWithMetadata(
      options, db, metadata.SerializeAsString(), &id);
  RETURN_IF_ERROR(
      FromRocksDb(s, absl::StrCat("taking a backup into ", backup_dir)));
  return FindBackup(*engine, backup_dir, id);
}

absl::Status PurgeStoreBackups(const std::string& backup_dir,
                               uint32_t keep_latest) {
  if (keep_latest == 0) {
    return absl::InvalidArgumentError("keep at least one backup");
  }
  ASSIGN_OR_RETURN(std::unique_ptr<rocksdb::BackupEngine> engine,
                   OpenEngine(backup_dir));
  return FromRocksDb(engine->PurgeOldBackups(keep_latest),
                     absl::StrCat("deleting old backups in ", backup_dir));
}

absl::StatusOr<v1::ListBackupsResponse> ListStoreBackups(
    const std::string& backup_dir) {
  v1::ListBackupsResponse response;
  std::error_code error;
  if (!fs::exists(backup_dir, error)) return response;
  ASSIGN_OR_RETURN(std::unique_ptr<rocksdb::BackupEngineReadOnly> engine,
                   OpenReader(backup_dir));
  std::vector<rocksdb::BackupInfo> infos;
  engine->GetBackupInfo(&infos);
  for (const auto& info : infos) *response.add_backups() = ToBackup(info);
  std::vector<rocksdb::BackupID> corrupt;
  engine->GetCorruptedBackups(&corrupt);
  for (rocksdb::BackupID id : corrupt) response.add_corrupt_backup_ids(id);
  return response;
}

absl::StatusOr<v1::Backup> VerifyStoreBackup(const std::string& backup_dir,
                                             uint32_t backup_id) {
  ASSIGN_OR_RETURN(std::unique_ptr<rocksdb::BackupEngineReadOnly> engine,
                   OpenReader(backup_dir));
  ASSIGN_OR_RETURN(v1::Backup backup,
                   FindBackup(*engine, backup_dir, backup_id));
  rocksdb::IOStatus s =
      engine->VerifyBackup(backup_id, /*verify_with_checksum=*/true);
  if (!s.ok()) {
    // A backup the folder lists whose files are missing, cut short or
    // changed cannot be restored as it was taken.
    return absl::DataLossError(absl::StrCat("backup ", backup_id, " in ",
                                            backup_dir,
                                            " is damaged: ", s.ToString()));
  }
  return backup;
}

absl::StatusOr<v1::Backup> RestoreStoreBackup(const RestoreRequest& request) {
  RETURN_IF_ERROR(CheckRestoreTarget(request.data_dir));
  ASSIGN_OR_RETURN(std::unique_ptr<rocksdb::BackupEngineReadOnly> engine,
                   OpenReader(request.backup_dir));
  uint32_t backup_id = request.backup_id;
  if (backup_id == 0) {
    std::vector<rocksdb::BackupInfo> infos;
    engine->GetBackupInfo(&infos);
    if (infos.empty()) {
      return absl::NotFoundError(absl::StrCat("the backup folder ",
                                              request.backup_dir,
                                              " holds no complete backup"));
    }
    backup_id = infos.back().backup_id;
  }
  ASSIGN_OR_RETURN(v1::Backup backup,
                   FindBackup(*engine, request.backup_dir, backup_id));
  if (!request.service.empty() &&
      backup.metadata().service() != request.service) {
    return absl::FailedPreconditionError(absl::StrCat(
        "backup ", backup_id, " is of the '", backup.metadata().service(),
        "' service, not of ", request.service));
  }
  rocksdb::IOStatus s = engine->RestoreDBFromBackup(
      rocksdb::RestoreOptions(), backup_id, request.data_dir, request.data_dir);
  if (!s.ok()) {
    return FromRocksDb(s, absl::StrCat("restoring backup ", backup_id, " into ",
                                       request.data_dir,
                                       " (the folder now holds a partial "
                                       "store: empty it before trying again)"));
  }
  return backup;
}

}  // namespace yjinspect::common
