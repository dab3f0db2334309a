#include "common/admin/admin_service.h"

#include <string>
#include <utility>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "common/rpc/caller.h"
#include "common/rpc/rpc_edge.h"

namespace yjinspect::common {
namespace {

// Finishes a call the desk answered: the backup's name as the resource.
BackupDesk::Done FinishBackupCall(const UnaryCall& call, v1::Backup* response) {
  return [call, response](absl::StatusOr<v1::Backup> outcome) {
    std::string resource =
        outcome.ok() ? absl::StrCat("backups/", outcome->backup_id()) : "-";
    call.FinishWith(resource, std::move(outcome), response);
  };
}

}  // namespace

grpc::ServerUnaryReactor* AdminService::CreateBackup(
    grpc::CallbackServerContext* context,
    const v1::CreateBackupRequest* request, v1::Backup* response) {
  return edge_.Unary(context, __func__, *request, [&](const UnaryCall& call) {
    backups_.CreateBackup(*request, CallerOf(context).identity,
                          FinishBackupCall(call, response));
  });
}

grpc::ServerUnaryReactor* AdminService::ListBackups(
    grpc::CallbackServerContext* context, const v1::ListBackupsRequest* request,
    v1::ListBackupsResponse* response) {
  return edge_.Unary(context, __func__, *request, [&](const UnaryCall& call) {
    call.FinishWith("backups", backups_.ListBackups(), response);
  });
}

grpc::ServerUnaryReactor* AdminService::VerifyBackup(
    grpc::CallbackServerContext* context,
    const v1::VerifyBackupRequest* request, v1::Backup* response) {
  return edge_.Unary(context, __func__, *request, [&](const UnaryCall& call) {
    backups_.VerifyBackup(*request, FinishBackupCall(call, response));
  });
}

}  // namespace yjinspect::common
