#pragma once

// The gRPC adapter of yjinspect.v1.Admin, served by both services next to
// their main service: requests in, the backups desk, the outcome converted
// once at the edge. Over mutual TLS every call first passes the access table
// (operators only).

#include "common/admin/backup_desk.h"
#include "common/rpc/call_edge.h"
#include "yjinspect/v1/admin_service.grpc.pb.h"

namespace yjinspect::common {

class AdminService final : public v1::Admin::CallbackService {
 public:
  // `authorizer` null: no access control (--insecure). Both must outlive
  // this.
  AdminService(BackupDesk& backups, const Authorizer* authorizer)
      : backups_(backups),
        edge_(v1::Admin::service_full_name(), nullptr, authorizer) {}

  grpc::ServerUnaryReactor* CreateBackup(grpc::CallbackServerContext* context,
                                         const v1::CreateBackupRequest* request,
                                         v1::Backup* response) override;
  grpc::ServerUnaryReactor* ListBackups(
      grpc::CallbackServerContext* context,
      const v1::ListBackupsRequest* request,
      v1::ListBackupsResponse* response) override;
  grpc::ServerUnaryReactor* VerifyBackup(grpc::CallbackServerContext* context,
                                         const v1::VerifyBackupRequest* request,
                                         v1::Backup* response) override;

 private:
  BackupDesk& backups_;
  CallEdge edge_;
};

}  // namespace yjinspect::common
