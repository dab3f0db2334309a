#pragma once

// The backups desk of one service: validates backup requests, takes one
// backup (or verification) at a time on its own thread so that no gRPC
// thread waits on file copies, and records with each backup what it is of.

#include <cstdint>
#include <functional>
#include <string>
#include <thread>

#include "absl/base/thread_annotations.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/synchronization/mutex.h"
#include "common/audit/audit_chain.h"
#include "common/field_violations.h"
#include "yjinspect/v1/admin_service.pb.h"

namespace yjinspect::common {

// What the desk needs of the service's store.
struct BackupSubject {
  // "intake" or "findings": recorded with each backup, and a backup folder
  // holds one service's backups only.
  std::string service;
  // The change-log position recorded with each backup: intake's head,
  // findings' cursor. Read just before the backup starts.
  std::function<uint64_t()> position;
  // Takes a backup of the store into the folder with the metadata (the
  // store's CreateBackup). Called on the desk's thread.
  std::function<absl::StatusOr<v1::Backup>(const std::string& backup_dir,
                                           const v1::BackupMetadata&)>
      take;
  // Where the audit trail ends, recorded with each backup so that a trail
  // cut short later can be told (common/host/audit_head_anchor.h). Read
  // just before the backup starts; null (or failing): none is recorded.
  std::function<absl::StatusOr<AuditChainHead>()> audit_head;
};

class BackupDesk {
 public:
  using Done = std::function<void(absl::StatusOr<v1::Backup>)>;

  // `backup_dir` empty: the server takes no backups, and every request is
  // FAILED_PRECONDITION.
  BackupDesk(BackupSubject subject, std::string backup_dir);
  // Shutdown().
  ~BackupDesk();
  BackupDesk(const BackupDesk&) = delete;
  BackupDesk& operator=(const BackupDesk&) = delete;

  // Starts a backup. `done` gets the complete backup, or: INVALID_ARGUMENT
  // for a bad request, FAILED_PRECONDITION without a backup folder, ABORTED
  // while another backup or verification runs, UNAVAILABLE after
  // Shutdown(), or the backup's own error. A refusal calls `done` at once on
  // this thread; otherwise it runs on the desk's thread when the backup
  // ends, and must not block.
  void CreateBackup(const v1::CreateBackupRequest& request,
                    const std::string& requested_by, Done done);

  // Checks one backup's files, as CreateBackup runs (one at a time, on the
  // desk's thread): the backup, NOT_FOUND, or DATA_LOSS.
  void VerifyBackup(const v1::VerifyBackupRequest& request, Done done);

  // The backups in the folder. Quick: reads the backups' small meta files.
  // ABORTED while a backup is being taken (RocksDB does not promise what a
  // reader sees of a folder being written).
  absl::StatusOr<v1::ListBackupsResponse> ListBackups() const;

  // Refuses new requests and waits for the running one to end. Call before
  // the store closes. Idempotent.
  void Shutdown();

 private:
  // Runs `job` on the desk's thread and gives its outcome to `done`, unless
  // a job runs already or the desk is shut down (then `done` gets why).
  void Start(std::function<absl::StatusOr<v1::Backup>()> job, Done done);
  absl::Status CheckConfigured() const;
  // Gives `done` what refuses a request (its fields first, then a server
  // without a backup folder) and answers true; false when nothing does.
  bool Refused(const FieldViolations& violations, absl::string_view request,
               const Done& done) const;
  absl::StatusOr<v1::Backup> Take(uint32_t keep_latest,
                                  const std::string& requested_by);

  const BackupSubject subject_;
  const std::string backup_dir_;

  absl::Mutex mu_;
  bool busy_ ABSL_GUARDED_BY(mu_) = false;
  bool shut_down_ ABSL_GUARDED_BY(mu_) = false;
  // The thread of the running or last job.
  std::thread worker_ ABSL_GUARDED_BY(mu_);
  // Held exclusively while a backup writes the folder (taking a backup and
  // deleting old ones), shared while the folder is read.
  mutable absl::Mutex folder_mu_;
};

}  // namespace yjinspect::common
