#pragma once

// yjinspect.v1.Admin as served over mutual TLS: each call first passes the
// authorizer (the one table in common/access/access_rules.cc: operators
// only), then goes to AdminService unchanged.

#include "common/access/access_rules.h"
#include "common/access/call_guard.h"
#include "common/admin/admin_service.h"
#include "yjinspect/v1/admin_service.grpc.pb.h"

namespace yjinspect::common {

class GuardedAdminService final : public v1::Admin::CallbackService {
 public:
  // Both must outlive this.
  GuardedAdminService(AdminService& inner, const Authorizer& authorizer)
      : inner_(inner), authorizer_(authorizer) {}

  grpc::ServerUnaryReactor* CreateBackup(grpc::CallbackServerContext* context,
                                         const v1::CreateBackupRequest* request,
                                         v1::Backup* response) override {
    return GuardUnary(
        authorizer_, context, "/yjinspect.v1.Admin/CreateBackup", *request,
        [&] { return inner_.CreateBackup(context, request, response); });
  }
  grpc::ServerUnaryReactor* ListBackups(
      grpc::CallbackServerContext* context,
      const v1::ListBackupsRequest* request,
      v1::ListBackupsResponse* response) override {
    return GuardUnary(
        authorizer_, context, "/yjinspect.v1.Admin/ListBackups", *request,
        [&] { return inner_.ListBackups(context, request, response); });
  }
  grpc::ServerUnaryReactor* VerifyBackup(grpc::CallbackServerContext* context,
                                         const v1::VerifyBackupRequest* request,
                                         v1::Backup* response) override {
    return GuardUnary(
        authorizer_, context, "/yjinspect.v1.Admin/VerifyBackup", *request,
        [&] { return inner_.VerifyBackup(context, request, response); });
  }

 private:
  AdminService& inner_;
  const Authorizer& authorizer_;
};

}  // namespace yjinspect::common
