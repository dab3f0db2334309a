#include "cli/backup_commands.h"

#include <iostream>
#include <string>

#include "absl/strings/str_format.h"
#include "absl/time/time.h"
#include "cli/client/exit_codes.h"
#include "cli/client/rpc_client.h"
#include "cli/json_output.h"
#include "common/rpc/grpc_status.h"
#include "common/storage/store_backups.h"
#include "yjinspect/v1/admin_service.grpc.pb.h"

namespace yjinspect::cli {
namespace {

struct BackupOptions {
  std::string service;
  uint32_t keep_latest = 0;
  bool list = false;
  uint32_t verify = 0;
  double timeout_seconds = 3600;
};

// "backup 3 of intake, 2026-11-26T14:00:00Z: 12 files, 1.4 MiB, change log
// at 1234" (the time the backup was completed).
std::string Describe(const v1::Backup& backup) {
  const v1::BackupMetadata& metadata = backup.metadata();
  return absl::StrFormat(
      "backup %d of %s, %s: %d files, %.1f MiB, change log at %d",
      backup.backup_id(),
      metadata.service().empty() ? "an unknown store" : metadata.service(),
      absl::FormatTime("%Y-%m-%dT%H:%M:%SZ",
                       absl::FromUnixSeconds(backup.create_time().seconds()),
                       absl::UTCTimeZone()),
      backup.file_count(),
      static_cast<double>(backup.size_bytes()) / (1024.0 * 1024.0),
      metadata.change_log_sequence());
}

int Backup(const GlobalOptions& global, const BackupOptions& options) {
  const std::string& address =
      options.service == "intake" ? global.intake : global.findings;
  auto stub = v1::Admin::NewStub(Connect(address));
  auto context = Deadline(absl::Seconds(options.timeout_seconds));
  if (options.list) {
    v1::ListBackupsResponse response;
    grpc::Status status =
        stub->ListBackups(context.get(), v1::ListBackupsRequest(), &response);
    if (!status.ok()) return ReportFailure(common::FromGrpcStatus(status));
    if (global.json) {
      std::cout << MessageJson(response) << "\n";
      return kExitOk;
    }
    if (response.backups().empty()) std::cout << "no backups\n";
    for (const v1::Backup& backup : response.backups()) {
      std::cout << Describe(backup) << "\n";
    }
    for (uint32_t id : response.corrupt_backup_ids()) {
      std::cout << "backup " << id << " is damaged\n";
    }
    return kExitOk;
  }
  v1::Backup backup;
  grpc::Status status;
  if (options.verify != 0) {
    v1::VerifyBackupRequest request;
    request.set_backup_id(options.verify);
    status = stub->VerifyBackup(context.get(), request, &backup);
  } else {
    v1::CreateBackupRequest request;
    request.set_keep_latest(options.keep_latest);
    status = stub->CreateBackup(context.get(), request, &backup);
  }
  if (!status.ok()) return ReportFailure(common::FromGrpcStatus(status));
  if (global.json) {
    std::cout << MessageJson(backup) << "\n";
  } else {
    std::cout << Describe(backup) << (options.verify != 0 ? ": intact" : "")
              << "\n";
  }
  return kExitOk;
}

int Restore(const GlobalOptions& global,
            const common::RestoreRequest& request) {
  absl::StatusOr<v1::Backup> restored = common::RestoreStoreBackup(request);
  if (!restored.ok()) return ReportFailure(restored.status());
  if (global.json) {
    std::cout << MessageJson(*restored) << "\n";
  } else {
    std::cout << "restored " << Describe(*restored) << " into "
              << request.data_dir << "\n";
  }
  return kExitOk;
}

// --service: which service's store, intake's or findings'.
CLI::Option* AddStoreOption(CLI::App& command, std::string* service,
                            const std::string& help) {
  return command.add_option("--service", *service, help)
      ->check(CLI::IsMember({"intake", "findings"}));
}

}  // namespace

void AddBackupCommands(Subcommands commands) {
  auto [backup, backup_options] = commands.Add(
      "backup",
      "Back up a running service's store into the folder its server was "
      "started with (--backup_dir), while it keeps serving; or list or "
      "check its backups.",
      Backup);
  AddStoreOption(*backup, &backup_options->service,
                 "whose store: intake (at --intake) or findings (at "
                 "--findings)")
      ->required();
  backup
      ->add_option("--keep-latest", backup_options->keep_latest,
                   "after the backup, delete all but this many newest "
                   "backups (0 keeps all)")
      ->capture_default_str();
  auto* list = backup->add_flag("--list", backup_options->list,
                                "list the backups instead of taking one");
  backup
      ->add_option("--verify", backup_options->verify,
                   "check backup ID's files against their checksums instead "
                   "of taking one")
      ->check(CLI::PositiveNumber)
      ->excludes(list);
  backup
      ->add_option("--timeout", backup_options->timeout_seconds,
                   "seconds to wait for the service")
      ->capture_default_str();

  auto [restore, request] = commands.Add(
      "restore",
      "Restore a backup into a new or empty folder, on the machine that "
      "holds the backups, with no service running on that folder; then "
      "start the service with --data_dir set to it.",
      Restore);
  restore
      ->add_option("--backup-dir,--backup_dir", request->backup_dir,
                   "the service's backup folder")
      ->required();
  restore
      ->add_option("--backup-id,--backup_id", request->backup_id,
                   "which backup (default: the newest)")
      ->check(CLI::PositiveNumber);
  restore
      ->add_option("--data-dir,--data_dir", request->data_dir,
                   "the folder to restore into: missing or empty")
      ->required();
  AddStoreOption(*restore, &request->service,
                 "refuse a backup that is not of this service");
}

}  // namespace yjinspect::cli
