#include "common/admin/backup_desk.h"

#include <utility>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "common/error_details.h"
#include "common/error_reasons.h"
#include "common/field_violations.h"
#include "common/storage/store_backups.h"
#include "common/telemetry/logging.h"

namespace yjinspect::common {
namespace {

// More would be a typing mistake: backups are kept for days, not years.
constexpr uint32_t kMaxKeepLatest = 1000;

}  // namespace

BackupDesk::BackupDesk(BackupSubject subject, std::string backup_dir)
    : subject_(std::move(subject)), backup_dir_(std::move(backup_dir)) {}

BackupDesk::~BackupDesk() { Shutdown(); }

absl::Status BackupDesk::CheckConfigured() const {
  if (backup_dir_.empty()) {
    return FailedPrecondition(
        kBackupsNotConfigured, {kBackupFolderViolation, subject_.service},
        absl::StrCat("this ", subject_.service,
                     " server takes no backups: start it with "
                     "--backup_dir=FOLDER (a folder of its own, on another "
                     "disk if possible)"));
  }
  return absl::OkStatus();
}

bool BackupDesk::Refused(const FieldViolations& violations,
                         absl::string_view request, const Done& done) const {
  absl::Status refused = violations.ToStatus(request);
  if (refused.ok()) refused = CheckConfigured();
  if (refused.ok()) return false;
  done(refused);
  return true;
}

void BackupDesk::CreateBackup(const v1::CreateBackupRequest& request,
                              const std::string& requested_by, Done done) {
  FieldViolations violations;
  if (request.keep_latest() > kMaxKeepLatest) {
    violations.Add("keep_latest", absl::StrCat("at most ", kMaxKeepLatest,
                                               " (0 keeps every backup)"));
  }
  if (Refused(violations, "CreateBackupRequest", done)) return;
  const uint32_t keep_latest = request.keep_latest();
  Start([this, keep_latest,
         requested_by] { return Take(keep_latest, requested_by); },
        std::move(done));
}

absl::StatusOr<v1::Backup> BackupDesk::Take(uint32_t keep_latest,
                                            const std::string& requested_by) {
  v1::BackupMetadata metadata;
  metadata.set_service(subject_.service);
  const int64_t now = absl::ToUnixNanos(absl::Now());
  metadata.mutable_begin_time()->set_seconds(now / 1000000000);
  metadata.mutable_begin_time()->set_nanos(
      static_cast<int32_t>(now % 1000000000));
  metadata.set_change_log_sequence(subject_.position());
  metadata.set_requested_by(requested_by);
  if (subject_.audit_head) {
    absl::StatusOr<AuditChainHead> head = subject_.audit_head();
    if (head.ok()) {
      metadata.mutable_audit_head()->set_sequence(head->sequence);
      metadata.mutable_audit_head()->set_hash(head->hash);
    } else {
      spdlog::warn("backup taken without its audit trail head: {}",
                   head.status().ToString());
    }
  }
  absl::WriterMutexLock writing(&folder_mu_);
  absl::StatusOr<v1::Backup> backup = subject_.take(backup_dir_, metadata);
  if (backup.ok()) {
    spdlog::info(
        "backup {} taken into {} for {}: {} files, {} bytes, change log at {}",
        backup->backup_id(), backup_dir_, requested_by, backup->file_count(),
        backup->size_bytes(), metadata.change_log_sequence());
  }
  if (backup.ok() && keep_latest > 0) {
    // The new backup is complete whatever happens here: report it, and
    // leave the failed clean-up to the log and the next backup.
    absl::Status purged = PurgeStoreBackups(backup_dir_, keep_latest);
    if (!purged.ok()) {
      spdlog::warn("backup {} taken, but old backups were not deleted: {}",
                   backup->backup_id(), purged.ToString());
    }
  }
  return backup;
}

void BackupDesk::VerifyBackup(const v1::VerifyBackupRequest& request,
                              Done done) {
  FieldViolations violations;
  if (request.backup_id() == 0) {
    violations.Add("backup_id",
                   "required: the number CreateBackup or ListBackups gave");
  }
  if (Refused(violations, "VerifyBackupRequest", done)) return;
  const uint32_t backup_id = request.backup_id();
  Start(
      [this, backup_id] {
        absl::ReaderMutexLock reading(&folder_mu_);
        return VerifyStoreBackup(backup_dir_, backup_id);
      },
      std::move(done));
}

absl::StatusOr<v1::ListBackupsResponse> BackupDesk::ListBackups() const {
  if (absl::Status configured = CheckConfigured(); !configured.ok()) {
    return configured;
  }
  if (!folder_mu_.ReaderTryLock()) {
    return Aborted(
        kBackupInProgress,
        "a backup is being taken: list the backups again when it ends");
  }
  absl::StatusOr<v1::ListBackupsResponse> listed =
      ListStoreBackups(backup_dir_);
  folder_mu_.ReaderUnlock();
  return listed;
}

void BackupDesk::Start(std::function<absl::StatusOr<v1::Backup>()> job,
                       Done done) {
  absl::Status refused;
  {
    absl::MutexLock lock(&mu_);
    if (shut_down_) {
      refused = absl::UnavailableError("the server is shutting down");
    } else if (busy_) {
      refused = Aborted(kBackupInProgress,
                        "another backup or verification of this server is "
                        "running: try again when it ends");
    } else {
      busy_ = true;
      // The last job's thread has cleared busy_ and is at most finishing
      // its `done`, which does not block.
      if (worker_.joinable()) worker_.join();
      worker_ =
          std::thread([this, job = std::move(job), done = std::move(done)] {
            absl::StatusOr<v1::Backup> outcome = job();
            {
              // Free before answering, so that a caller that is answered can
              // start the next backup at once.
              absl::MutexLock done_lock(&mu_);
              busy_ = false;
            }
            done(std::move(outcome));
          });
      return;
    }
  }
  done(refused);
}

void BackupDesk::Shutdown() {
  std::thread last;
  {
    absl::MutexLock lock(&mu_);
    shut_down_ = true;
    last = std::move(worker_);
  }
  if (last.joinable()) last.join();
}

}  // namespace yjinspect::common
