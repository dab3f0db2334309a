#pragma once

// The edge every RPC handler begins with, in the service itself (no
// decorator): it authorizes the caller from the access table
// (common/access/access_rules.h) under the method's full name, taken from
// the service's generated descriptor, fixes and scopes the call's request
// id, and starts the call. A unary handler is one statement:
//
//   return edge_.Unary(context, __func__, *request,
//                      [&](const common::UnaryCall& call) {
//                        call.FinishWith(resource, desk_.Get(*request),
//                                        response);
//                      });
//
// so adding an RPC touches its proto, its handler and its access rule, and
// the method's name is written once.
// Without an authorizer (a service started --insecure) every call passes.
// A refused call never reaches the handler, so a refusal cannot tell
// whether the named resource exists; it is logged but not counted in the
// service's RPC metrics.

#include <map>
#include <optional>
#include <string>
#include <utility>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "common/access/access_rules.h"
#include "common/request_id.h"
#include "common/rpc/rpc_edge.h"
#include "google/protobuf/message.h"
#include "grpcpp/support/server_callback.h"

namespace yjinspect::common {

class ServiceMetrics;

class CallEdge {
 public:
  // `service_full_name`: the generated service's own name
  // (v1::CaseIntake::service_full_name()). `metrics` counts the calls (null:
  // nowhere); `authorizer` may be null (no access control). Both, when set,
  // must outlive this.
  CallEdge(absl::string_view service_full_name, ServiceMetrics* metrics,
           const Authorizer* authorizer);

  // OK when the caller may call `method` (the handler's name, "CreateCase")
  // with `request`: UNAUTHENTICATED without a verified client certificate
  // or for an identity the policy does not know, PERMISSION_DENIED outside
  // the caller's role; INTERNAL for a name that is not a method of the
  // service (a broken handler).
  absl::Status Authorize(const grpc::CallbackServerContext* context,
                         absl::string_view method,
                         const google::protobuf::Message& request) const;

  // For streaming handlers: authorizes, then starts the call (StartCall).
  // A refusal is logged under the full method name and returned.
  absl::StatusOr<CallStart> Start(
      grpc::CallbackServerContext* context, absl::string_view method,
      const google::protobuf::Message& request) const;

  // Runs `handle` with the call (its request id scoped to it) when the
  // caller may make it; a refused call is already finished and `handle`
  // never runs. Returns the reactor the handler returns.
  template <typename Handle>
  grpc::ServerUnaryReactor* Unary(grpc::CallbackServerContext* context,
                                  absl::string_view method,
                                  const google::protobuf::Message& request,
                                  Handle&& handle) const;

  // "/yjinspect.v1.CaseIntake/CreateCase"; empty for a name that is not a
  // method of the service.
  std::string FullName(absl::string_view method) const;

  bool checks_access() const { return authorizer_ != nullptr; }
  ServiceMetrics* metrics() const { return metrics_; }

 private:
  std::map<std::string, std::string, std::less<>> full_names_;
  std::string service_;
  ServiceMetrics* metrics_;
  const Authorizer* authorizer_;
};

// One unary call at the edge. Lives for the handler's frame: the request id
// is scoped to it.
class UnaryEdge {
 public:
  UnaryEdge(const CallEdge& edge, grpc::CallbackServerContext* context,
            absl::string_view method, const google::protobuf::Message& request);
  UnaryEdge(const UnaryEdge&) = delete;
  UnaryEdge& operator=(const UnaryEdge&) = delete;

  // True when the call was refused and is already finished: the handler
  // returns reactor() and does nothing else.
  bool refused() const { return refused_; }
  grpc::ServerUnaryReactor* reactor() const { return call_.reactor(); }
  const UnaryCall& call() const { return call_; }

 private:
  UnaryCall call_;
  bool refused_ = false;
  std::optional<RequestIdScope> request_scope_;
};

template <typename Handle>
grpc::ServerUnaryReactor* CallEdge::Unary(
    grpc::CallbackServerContext* context, absl::string_view method,
    const google::protobuf::Message& request, Handle&& handle) const {
  const UnaryEdge edge(*this, context, method, request);
  if (!edge.refused()) std::forward<Handle>(handle)(edge.call());
  return edge.reactor();
}

// A stream refused before it started: finishes at once. `Reactor` is the
// stream's gRPC reactor (ServerWriteReactor or ServerReadReactor).
template <typename Reactor>
class RefusedStream final : public Reactor {
 public:
  explicit RefusedStream(const absl::Status& status) {
    this->Finish(ToGrpcStatus(status));
  }
  void OnDone() override { delete this; }
};
template <typename Response>
using RefusedWriter = RefusedStream<grpc::ServerWriteReactor<Response>>;
template <typename Request>
using RefusedReader = RefusedStream<grpc::ServerReadReactor<Request>>;

}  // namespace yjinspect::common
