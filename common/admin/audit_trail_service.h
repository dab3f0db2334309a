#pragma once

// yjinspect.v1.AuditTrail over one service's audit source: both services
// serve it next to their own API. Also where a call becomes an AuditEvent:
// the caller, role and request id come only from CallerOf
// (common/rpc/caller.h).

#include <string>

#include "common/audit/audit_chain.h"
#include "common/audit/audit_source.h"
#include "common/rpc/call_edge.h"
#include "grpcpp/server_context.h"
#include "yjinspect/v1/audit.grpc.pb.h"

namespace yjinspect::common {

// The event of `action` on `resource` ("-" when the request named none that
// is well formed) by whoever is calling.
AuditEvent AuditEventOf(const grpc::CallbackServerContext* context,
                        v1::AuditAction action, std::string resource);

class AuditTrailService final : public v1::AuditTrail::CallbackService {
 public:
  // Over mutual TLS every call first passes `authorizer` (auditors only);
  // null: no access control (--insecure). Both must outlive this.
  AuditTrailService(const AuditSource& source, const Authorizer* authorizer)
      : source_(source),
        edge_(v1::AuditTrail::service_full_name(), nullptr, authorizer) {}

  grpc::ServerUnaryReactor* ListAuditRecords(
      grpc::CallbackServerContext* context,
      const v1::ListAuditRecordsRequest* request,
      v1::ListAuditRecordsResponse* response) override;
  grpc::ServerUnaryReactor* VerifyAuditChain(
      grpc::CallbackServerContext* context,
      const v1::VerifyAuditChainRequest* request,
      v1::VerifyAuditChainResponse* response) override;

 private:
  const AuditSource& source_;
  CallEdge edge_;
};

// The same, without gRPC: for the service and for tests.
absl::StatusOr<v1::ListAuditRecordsResponse> ListAuditRecords(
    const AuditSource& source, const v1::ListAuditRecordsRequest& request);
// The whole trail checked, against request.expected_head when set;
// INVALID_ARGUMENT for a head hash of the wrong length.
absl::StatusOr<v1::VerifyAuditChainResponse> VerifyAuditChain(
    const AuditSource& source, const v1::VerifyAuditChainRequest& request);

}  // namespace yjinspect::common
