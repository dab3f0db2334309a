#pragma once

// The gRPC adapter of yjinspect.v1.Frameworks, served by both services next
// to their main service: the frameworks the host loaded, read-only. Over
// mutual TLS every call first passes the access table (every role: the
// frameworks are the inspectorate's published criteria).

#include "common/frameworks/framework_catalogue.h"
#include "common/rpc/call_edge.h"
#include "yjinspect/v1/frameworks_service.grpc.pb.h"

namespace yjinspect::common {

class FrameworksService final : public v1::Frameworks::CallbackService {
 public:
  // `registry` and `authorizer` (null: no access control, --insecure) must
  // outlive this.
  FrameworksService(const FrameworkRegistry& registry,
                    const Authorizer* authorizer)
      : catalogue_(registry),
        edge_(v1::Frameworks::service_full_name(), nullptr, authorizer) {}

  grpc::ServerUnaryReactor* ListFrameworks(
      grpc::CallbackServerContext* context,
      const v1::ListFrameworksRequest* request,
      v1::ListFrameworksResponse* response) override;
  grpc::ServerUnaryReactor* GetFramework(
      grpc::CallbackServerContext* context,
      const v1::GetFrameworkRequest* request,
      v1::FrameworkVersion* response) override;

 private:
  FrameworkCatalogue catalogue_;
  CallEdge edge_;
};

}  // namespace yjinspect::common
