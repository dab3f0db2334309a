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
BackupDesk::Done FinishBackupCall(const UnaryEdge& edge, const char* method,
                                  v1::Backup* response) {
  return [reactor = edge.reactor(), method, response,
          started = edge.start()](absl::StatusOr<v1::Backup> outcome) {
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
  const UnaryEdge edge(edge_, context, __func__, *request);
  if (edge.refused()) return edge.reactor();
  backups_.CreateBackup(*request, CallerOf(context).identity,
                        FinishBackupCall(edge, "CreateBackup", response));
  return edge.reactor();
}

grpc::ServerUnaryReactor* AdminService::ListBackups(
    grpc::CallbackServerContext* context, const v1::ListBackupsRequest* request,
    v1::ListBackupsResponse* response) {
  const UnaryEdge edge(edge_, context, __func__, *request);
  if (edge.refused()) return edge.reactor();
  FinishWith(edge.reactor(), "ListBackups", "backups", backups_.ListBackups(),
             response, edge.start());
  return edge.reactor();
}

grpc::ServerUnaryReactor* AdminService::VerifyBackup(
    grpc::CallbackServerContext* context,
    const v1::VerifyBackupRequest* request, v1::Backup* response) {
  const UnaryEdge edge(edge_, context, __func__, *request);
  if (edge.refused()) return edge.reactor();
  backups_.VerifyBackup(*request,
                        FinishBackupCall(edge, "VerifyBackup", response));
  return edge.reactor();
}

}  // namespace yjinspect::common
