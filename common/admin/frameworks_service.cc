#include "common/admin/frameworks_service.h"

#include "common/rpc/rpc_edge.h"

namespace yjinspect::common {

grpc::ServerUnaryReactor* FrameworksService::ListFrameworks(
    grpc::CallbackServerContext* context,
    const v1::ListFrameworksRequest* request,
    v1::ListFrameworksResponse* response) {
  return edge_.Unary(context, __func__, *request, [&](const UnaryCall& call) {
    call.FinishWith("frameworks", catalogue_.List(*request), response);
  });
}

grpc::ServerUnaryReactor* FrameworksService::GetFramework(
    grpc::CallbackServerContext* context,
    const v1::GetFrameworkRequest* request, v1::FrameworkVersion* response) {
  return edge_.Unary(context, __func__, *request, [&](const UnaryCall& call) {
    call.FinishWith("frameworks", catalogue_.Get(*request), response);
  });
}

}  // namespace yjinspect::common
