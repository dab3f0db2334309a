#include "common/rpc/call_edge.h"

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "common/rpc/caller.h"
#include "google/protobuf/descriptor.h"

namespace yjinspect::common {
namespace {

// The start of a call refused at the edge: logged with its request id, but
// counted nowhere.
CallStart RefusalStart(grpc::CallbackServerContext* context,
                       absl::Time started) {
  CallStart call = StartCall(context, nullptr);
  call.time = started;
  return call;
}

}  // namespace

CallEdge::CallEdge(absl::string_view service_full_name, ServiceMetrics* metrics,
                   const Authorizer* authorizer)
    : service_(service_full_name), metrics_(metrics), authorizer_(authorizer) {
  const google::protobuf::ServiceDescriptor* service =
      google::protobuf::DescriptorPool::generated_pool()->FindServiceByName(
          service_);
  if (service == nullptr) return;  // every call then fails as INTERNAL
  for (int i = 0; i < service->method_count(); ++i) {
    const std::string& name = service->method(i)->name();
    full_names_.emplace(name, absl::StrCat("/", service_, "/", name));
  }
}

std::string CallEdge::FullName(absl::string_view method) const {
  const auto it = full_names_.find(method);
  return it == full_names_.end() ? std::string() : it->second;
}

absl::Status CallEdge::Authorize(
    const grpc::CallbackServerContext* context, absl::string_view method,
    const google::protobuf::Message& request) const {
  const auto it = full_names_.find(method);
  if (it == full_names_.end()) {
    return absl::InternalError(
        absl::StrCat("\"", method, "\" is not a method of ", service_));
  }
  if (authorizer_ == nullptr) return absl::OkStatus();
  const Caller caller = CallerOf(context);
  // Only the server's certificate check sets a role: without one the
  // identity is an unchecked claim (metadata), never enough to pass.
  if (caller.role.empty()) {
    return absl::UnauthenticatedError("a client certificate is required");
  }
  return authorizer_->Authorize(caller.identity, it->second, request);
}

absl::StatusOr<CallStart> CallEdge::Start(
    grpc::CallbackServerContext* context, absl::string_view method,
    const google::protobuf::Message& request) const {
  const absl::Time started = absl::Now();
  absl::Status allowed = Authorize(context, method, request);
  if (!allowed.ok()) {
    const CallStart refused = RefusalStart(context, started);
    TellRequestId(refused, false);
    LogCall(FullName(method), "-", allowed, refused);
    return allowed;
  }
  // A stream's answer begins with its headers: the request id goes there,
  // whatever the stream ends with.
  CallStart call = StartCall(context, metrics_);
  TellRequestId(call, true);
  return call;
}

UnaryEdge::UnaryEdge(const CallEdge& edge, grpc::CallbackServerContext* context,
                     absl::string_view method,
                     const google::protobuf::Message& request)
    : call_(context->DefaultReactor(), method, CallStart{}) {
  const absl::Time started = absl::Now();
  absl::Status allowed = edge.Authorize(context, method, request);
  if (!allowed.ok()) {
    refused_ = true;
    UnaryCall(call_.reactor(), edge.FullName(method),
              RefusalStart(context, started))
        .Finish("-", allowed);
    return;
  }
  call_ =
      UnaryCall(call_.reactor(), method, StartCall(context, edge.metrics()));
  request_scope_.emplace(call_.start().request_id);
}

}  // namespace yjinspect::common
