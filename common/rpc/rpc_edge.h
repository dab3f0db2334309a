#pragma once

// Starting and finishing an RPC at the edge: the request id is fixed once
// when the handler starts; finishing converts the domain outcome once, counts
// the call in the service's metrics and logs one line with the method,
// resource name, status code, duration and request id (never case content).

#include <functional>
#include <string>
#include <utility>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/clock.h"
#include "common/rpc/grpc_status.h"
#include "common/telemetry/logging.h"
#include "grpcpp/server_context.h"
#include "grpcpp/support/server_callback.h"

namespace yjinspect::common {

class ServiceMetrics;

// What the end of a call needs from its start. Copyable, so completion
// callbacks capture it by value.
struct CallStart {
  absl::Time time;
  // The caller's `x-request-id`, or a new id when it sent none (or one that
  // is not a plain token).
  std::string request_id;
  // Where the call is counted; null counts nowhere.
  ServiceMetrics* metrics = nullptr;
  // The call's context, for the request id's metadata; null for none.
  grpc::CallbackServerContext* context = nullptr;
};

// Fixes the call's request id. Call first thing in a handler. The client is
// told it (`x-request-id`, so a caller that sent none can quote it) when
// the call ends: a unary call's answer carries it in the initial metadata
// of a success and the trailing metadata of a refusal (TellRequestId).
CallStart StartCall(grpc::CallbackServerContext* context,
                    ServiceMetrics* metrics);

// Puts the call's request id in the answer: in the initial metadata with
// OK, in the trailing metadata otherwise. A refusal then carries no
// response headers ("Trailers-Only"), and gRPC's retry policy (a client's
// service config) may retry an UNAVAILABLE the handler returned: gRPC
// retries only an attempt that has received no headers.
void TellRequestId(const CallStart& call, bool ok);

// Counts and logs the outcome of one call. `resource` must be a name that
// passed validation (or "-"): a malformed one could carry anything.
void LogCall(absl::string_view method, absl::string_view resource,
             const absl::Status& status, const CallStart& call);

// One unary call from its start to its answer, under the method's own name
// (the handler's, given once at the edge). Copyable, so a completion
// callback captures it by value and finishes the call later.
class UnaryCall {
 public:
  UnaryCall(grpc::ServerUnaryReactor* reactor, absl::string_view method,
            CallStart start)
      : reactor_(reactor), method_(method), start_(std::move(start)) {}

  // Counts, logs and finishes the call with `status`. `resource` as for
  // LogCall.
  void Finish(absl::string_view resource, const absl::Status& status) const {
    TellRequestId(start_, status.ok());
    LogCall(method_, resource, status, start_);
    reactor_->Finish(ToGrpcStatus(status));
  }

  // Moves an OK value into `*response`, then finishes.
  template <typename T>
  void FinishWith(absl::string_view resource, absl::StatusOr<T> result,
                  T* response) const {
    if (result.ok()) *response = std::move(*result);
    Finish(resource, result.status());
  }

  // The completion callback of a call answered later: FinishWith for the
  // outcome it is given.
  template <typename T>
  std::function<void(absl::StatusOr<T>)> Finisher(std::string resource,
                                                  T* response) const {
    return [call = *this, resource = std::move(resource),
            response](absl::StatusOr<T> result) {
      call.FinishWith(resource, std::move(result), response);
    };
  }

  grpc::ServerUnaryReactor* reactor() const { return reactor_; }
  const CallStart& start() const { return start_; }

 private:
  grpc::ServerUnaryReactor* reactor_;
  std::string method_;
  CallStart start_;
};

}  // namespace yjinspect::common
