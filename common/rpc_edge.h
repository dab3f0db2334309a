#pragma once

// Finishing a unary RPC: converts the domain outcome once, logs one line with
// the method, resource name and status code (never case content).

#include <string>
#include <utility>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/clock.h"
#include "common/grpc_status.h"
#include "common/logging.h"
#include "grpcpp/support/server_callback.h"

namespace yjinspect::common {

// Logs the outcome of one call. `resource` must be a name that passed
// validation (or "-"): a malformed one could carry anything.
void LogCall(absl::string_view method, absl::string_view resource,
             const absl::Status& status, absl::Time started);

// Finishes `reactor` with `status`, after logging.
inline void FinishCall(grpc::ServerUnaryReactor* reactor,
                       absl::string_view method, absl::string_view resource,
                       const absl::Status& status, absl::Time started) {
  LogCall(method, resource, status, started);
  reactor->Finish(ToGrpcStatus(status));
}

// Moves an OK value into `*response`, then finishes.
template <typename T>
void FinishWith(grpc::ServerUnaryReactor* reactor, absl::string_view method,
                absl::string_view resource, absl::StatusOr<T> result,
                T* response, absl::Time started) {
  if (result.ok()) *response = std::move(*result);
  FinishCall(reactor, method, resource, result.status(), started);
}

}  // namespace yjinspect::common
