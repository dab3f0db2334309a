#include "common/admin/admin_service.h"

#include <string>
#include <utility>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "common/caller.h"
#include "common/rpc_edge.h"

namespace yjinspect::common {
namespace {

// Finishes a call the desk answered: the backup's name as the resource.
BackupDesk::Done FinishBackupCall(grpc::CallbackServerContext* context,
                                  grpc::ServerUnaryReactor* reactor,
                                  const char* method, v1::Backup* response) {
  const CallStart started = StartCall(context, nullptr);
  return
      [reactor, method, response, started](absl::StatusOr<v1::Backup> outcome) {
        std::string resource =
            outcome.ok() ? absl::StrCat("backups/", outcome->backup_id()) : "-";
        FinishWith(reactor, method, resource, std::move(outcome), response,
                   started);
      };
}

}  // namespace

grpc::ServerUnaryReactor* AdminService::CreateBackup(
    grpc::CallbackServerContext* context,
    const v1::CreateBackupRequest* request, v1::Backup* response) {
  auto* reactor = context->DefaultReactor();
  backups_.CreateBackup(
      *request, CallerOf(context).identity,
      FinishBackupCall(context, reactor, "CreateBackup", response));
  return reactor;
}

grpc::ServerUnaryReactor* AdminService::ListBackups(
    grpc::CallbackServerContext* context,
    const v1::ListBackupsRequest* /*request*/,
    v1::ListBackupsResponse* response) {
  auto* reactor = context->DefaultReactor();
  const CallStart started = StartCall(context, nullptr);
  FinishWith(reactor, "ListBackups", "backups", backups_.ListBackups(),
             response, started);
  return reactor;
}

grpc::ServerUnaryReactor* AdminService::VerifyBackup(
    grpc::CallbackServerContext* context,
    const v1::VerifyBackupRequest* request, v1::Backup* response) {
  auto* reactor = context->DefaultReactor();
  backups_.VerifyBackup(
      *request, FinishBackupCall(context, reactor, "VerifyBackup", response));
  return reactor;
}

}  // namespace yjinspect::common
