#pragma once

// The one conversion point between absl::Status and the gRPC edge. The
// numeric codes of absl and gRPC are the same; payloads (such as a
// google.rpc.BadRequest) travel as google.rpc.Status details, the standard
// rich error model any gRPC client can read. A server's refusal of the
// kinds a program acts on always carries a google.rpc.ErrorInfo
// (common/error_details.h): EnsureErrorInfo is the safety net for a site
// that gave none.

#include "absl/status/status.h"
#include "google/rpc/status.pb.h"
#include "grpcpp/support/status.h"

namespace yjinspect::common {

// absl -> google.rpc.Status, every payload becoming one Any detail.
google::rpc::Status ToRpcStatus(const absl::Status& status);
// google.rpc.Status -> absl, details becoming payloads again.
absl::Status FromRpcStatus(const google::rpc::Status& status);

// For servers: ABORTED, ALREADY_EXISTS, FAILED_PRECONDITION and
// PERMISSION_DENIED without an ErrorInfo get one of reason UNCLASSIFIED
// (common/error_reasons.h), so that "every such refusal has a reason"
// holds for a site added later too; anything else is returned as it is.
absl::Status EnsureErrorInfo(absl::Status status);

// For servers: what a handler returns, after EnsureErrorInfo.
grpc::Status ToGrpcStatus(const absl::Status& status);
// For clients: reads the code, message and details of a call's outcome.
absl::Status FromGrpcStatus(const grpc::Status& status);

}  // namespace yjinspect::common
