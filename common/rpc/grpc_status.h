#pragma once

// The one conversion point between absl::Status and the gRPC edge. The
// numeric codes of absl and gRPC are the same; payloads (such as a
// google.rpc.BadRequest) travel as google.rpc.Status details, the standard
// rich error model any gRPC client can read.

#include "absl/status/status.h"
#include "google/rpc/status.pb.h"
#include "grpcpp/support/status.h"

namespace yjinspect::common {

// absl -> google.rpc.Status, every payload becoming one Any detail.
google::rpc::Status ToRpcStatus(const absl::Status& status);
// google.rpc.Status -> absl, details becoming payloads again.
absl::Status FromRpcStatus(const google::rpc::Status& status);

// For servers: what a handler returns.
grpc::Status ToGrpcStatus(const absl::Status& status);
// For clients: reads the code, message and details of a call's outcome.
absl::Status FromGrpcStatus(const grpc::Status& status);

}  // namespace yjinspect::common
