#include "services/workbench/service_calls.h"

#include <utility>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/synchronization/notification.h"
#include "common/access/transport_security.h"
#include "common/rpc/grpc_status.h"
#include "google/protobuf/message.h"
#include "grpcpp/generic/generic_stub.h"
// SerializationTraits of google::protobuf::Message, for the generic stub.
#include "grpcpp/impl/codegen/proto_utils.h"

namespace yjinspect::workbench {

ServiceCalls::ServiceCalls(
    std::map<std::string, std::shared_ptr<grpc::Channel>> channels,
    absl::Duration deadline)
    : channels_(std::move(channels)), deadline_(deadline) {}

absl::StatusOr<std::unique_ptr<google::protobuf::Message>> ServiceCalls::Call(
    const google::protobuf::MethodDescriptor& method,
    const google::protobuf::Message& request, absl::string_view user,
    absl::string_view request_id) const {
  const auto channel = channels_.find(method.service()->full_name());
  if (channel == channels_.end()) {
    return absl::UnimplementedError(absl::StrCat(
        "the workbench does not front ", method.service()->full_name()));
  }
  std::unique_ptr<google::protobuf::Message> response(
      google::protobuf::MessageFactory::generated_factory()
          ->GetPrototype(method.output_type())
          ->New());
  grpc::ClientContext context;
  context.set_deadline(absl::ToChronoTime(absl::Now() + deadline_));
  if (!user.empty()) {
    context.AddMetadata(common::kUserMetadata, std::string(user));
    // What a service started with --insecure records as the caller; a TLS
    // service ignores it and takes the user above.
    context.AddMetadata("x-yjinspect-actor", std::string(user));
  }
  if (!request_id.empty()) {
    context.AddMetadata("x-request-id", std::string(request_id));
  }
  grpc::TemplatedGenericStub<google::protobuf::Message,
                             google::protobuf::Message>
      stub(channel->second);
  absl::Notification done;
  grpc::Status outcome;
  stub.UnaryCall(
      &context,
      absl::StrCat("/", method.service()->full_name(), "/", method.name()),
      grpc::StubOptions(), &request, response.get(), [&](grpc::Status status) {
        outcome = std::move(status);
        done.Notify();
      });
  done.WaitForNotification();
  if (!outcome.ok()) {
    // gRPC's own transport failures name addresses inside the deployment:
    // a browser gets the kind of failure, not the network's layout. A
    // service's refusals (with their details) pass as they are.
    if ((outcome.error_code() == grpc::StatusCode::UNAVAILABLE ||
         outcome.error_code() == grpc::StatusCode::DEADLINE_EXCEEDED) &&
        outcome.error_details().empty()) {
      return absl::Status(
          static_cast<absl::StatusCode>(outcome.error_code()),
          absl::StrCat(method.service()->name(),
                       " did not answer in time or is not reachable now; "
                       "try again shortly"));
    }
    return common::FromGrpcStatus(outcome);
  }
  return response;
}

bool ServiceCalls::AllConnected(absl::Duration timeout) const {
  const absl::Time deadline = absl::Now() + timeout;
  for (const auto& [service, channel] : channels_) {
    grpc_connectivity_state state = channel->GetState(/*try_to_connect=*/true);
    while (state != GRPC_CHANNEL_READY) {
      if (!channel->WaitForStateChange(state, absl::ToChronoTime(deadline))) {
        return false;
      }
      state = channel->GetState(/*try_to_connect=*/true);
    }
  }
  return true;
}

}  // namespace yjinspect::workbench
