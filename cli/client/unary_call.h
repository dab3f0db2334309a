#pragma once

// One unary call to a service, start to end: a channel to its address, a
// context with its own deadline (Deadline()), and the answer or the failure
// as a Status, so that each command that asks one question does not write
// the call again.

#include <string>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "cli/client/rpc_client.h"
#include "common/rpc/grpc_status.h"
#include "grpcpp/grpcpp.h"

namespace yjinspect::cli {

// Calls `(stub.*rpc)(request)` on the service at `address` within
// `timeout`: its response, or the failure (common::FromGrpcStatus).
template <typename Stub, typename Request, typename Response>
absl::StatusOr<Response> CallService(
    const std::string& address,
    grpc::Status (Stub::*rpc)(grpc::ClientContext*, const Request&, Response*),
    const Request& request, absl::Duration timeout = absl::Seconds(30)) {
  Stub stub(Connect(address));
  Response response;
  grpc::Status status =
      (stub.*rpc)(Deadline(timeout).get(), request, &response);
  if (!status.ok()) return common::FromGrpcStatus(status);
  return response;
}

}  // namespace yjinspect::cli
