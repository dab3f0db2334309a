#pragma once

// yjinspect.v1.AuditTrail as served over mutual TLS: each call first passes
// the authorizer (the one table in common/access/access_rules.cc: auditors
// only), then goes to AuditTrailService unchanged.

#include "common/access/access_rules.h"
#include "common/access/call_guard.h"
#include "common/audit/audit_trail_service.h"
#include "yjinspect/v1/audit.grpc.pb.h"

namespace yjinspect::common {

class GuardedAuditTrailService final : public v1::AuditTrail::CallbackService {
 public:
  // Both must outlive this.
  GuardedAuditTrailService(AuditTrailService& inner,
                           const Authorizer& authorizer)
      : inner_(inner), authorizer_(authorizer) {}

  grpc::ServerUnaryReactor* ListAuditRecords(
      grpc::CallbackServerContext* context,
      const v1::ListAuditRecordsRequest* request,
      v1::ListAuditRecordsResponse* response) override {
    return GuardUnary(
        authorizer_, context, "/yjinspect.v1.AuditTrail/ListAuditRecords",
        *request,
        [&] { return inner_.ListAuditRecords(context, request, response); });
  }
  grpc::ServerUnaryReactor* VerifyAuditChain(
      grpc::CallbackServerContext* context,
      const v1::VerifyAuditChainRequest* request,
      v1::VerifyAuditChainResponse* response) override {
    return GuardUnary(
        authorizer_, context, "/yjinspect.v1.AuditTrail/VerifyAuditChain",
        *request,
        [&] { return inner_.VerifyAuditChain(context, request, response); });
  }

 private:
  AuditTrailService& inner_;
  const Authorizer& authorizer_;
};

}  // namespace yjinspect::common
