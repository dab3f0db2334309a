#pragma once

// The edge every call of a guarded service passes before its handler: asks
// the Authorizer about the caller (common/caller.h) and the request, and
// either hands the call to the handler or finishes it with the refusal.
// Used by the Guarded*Service decorators of each service, one line per RPC.

#include <memory>
#include <utility>

#include "absl/time/clock.h"
#include "common/access/access_rules.h"
#include "common/caller.h"
#include "common/grpc_status.h"
#include "common/rpc_edge.h"
#include "grpcpp/support/server_callback.h"

namespace yjinspect::common {

// A stream refused before it started: finishes at once.
template <typename Response>
class RefusedWriter final : public grpc::ServerWriteReactor<Response> {
 public:
  explicit RefusedWriter(const grpc::Status& status) { this->Finish(status); }
  void OnDone() override { delete this; }
};
template <typename Request>
class RefusedReader final : public grpc::ServerReadReactor<Request> {
 public:
  explicit RefusedReader(const grpc::Status& status) { this->Finish(status); }
  void OnDone() override { delete this; }
};

// The start of a call refused at the guard (the handler, which would fix
// the request id, never runs). Refusals are logged but not counted in the
// service's RPC metrics: the guard does not hold them.
inline CallStart RefusalStart(grpc::CallbackServerContext* context,
                              absl::Time started) {
  CallStart call = StartCall(context, nullptr);
  call.time = started;
  return call;
}

inline absl::Status AuthorizeCall(const Authorizer& authorizer,
                                  const grpc::CallbackServerContext* context,
                                  absl::string_view method,
                                  const google::protobuf::Message& request) {
  const Caller caller = CallerOf(context);
  // Only the server's certificate check sets a role: without one the
  // identity is an unchecked claim (metadata), never enough to pass.
  if (caller.role.empty()) {
    return absl::UnauthenticatedError("a client certificate is required");
  }
  return authorizer.Authorize(caller.identity, method, request);
}

// Unary: `handle()` runs the real handler when the call is allowed.
template <typename Handle>
grpc::ServerUnaryReactor* GuardUnary(const Authorizer& authorizer,
                                     grpc::CallbackServerContext* context,
                                     absl::string_view method,
                                     const google::protobuf::Message& request,
                                     Handle handle) {
  const absl::Time started = absl::Now();
  absl::Status allowed = AuthorizeCall(authorizer, context, method, request);
  if (allowed.ok()) return handle();
  auto* reactor = context->DefaultReactor();
  FinishCall(reactor, method, "-", allowed, RefusalStart(context, started));
  return reactor;
}

// Server streaming.
template <typename Response, typename Handle>
grpc::ServerWriteReactor<Response>* GuardWriter(
    const Authorizer& authorizer, grpc::CallbackServerContext* context,
    absl::string_view method, const google::protobuf::Message& request,
    Handle handle) {
  const absl::Time started = absl::Now();
  absl::Status allowed = AuthorizeCall(authorizer, context, method, request);
  if (allowed.ok()) return handle();
  LogCall(method, "-", allowed, RefusalStart(context, started));
  return new RefusedWriter<Response>(ToGrpcStatus(allowed));
}

// Client streaming: decided on the method alone (the messages come later).
template <typename Request, typename Handle>
grpc::ServerReadReactor<Request>* GuardReader(
    const Authorizer& authorizer, grpc::CallbackServerContext* context,
    absl::string_view method, Handle handle) {
  const absl::Time started = absl::Now();
  absl::Status allowed =
      AuthorizeCall(authorizer, context, method, Request::default_instance());
  if (allowed.ok()) return handle();
  LogCall(method, "-", allowed, RefusalStart(context, started));
  return new RefusedReader<Request>(ToGrpcStatus(allowed));
}

}  // namespace yjinspect::common
