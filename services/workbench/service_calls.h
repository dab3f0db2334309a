#pragma once

// The workbench's calls to the services: any unary method, by descriptor,
// over the channel of the service that serves it, for a signed-in user
// (common::kUserMetadata) with a deadline and the request id of the HTTP
// request. The channels present the workbench's own certificate; the
// services authorize each call by the user's own policy entry.

#include <map>
#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "google/protobuf/descriptor.h"
#include "google/protobuf/message.h"
#include "grpcpp/grpcpp.h"

namespace yjinspect::workbench {

class ServiceCalls {
 public:
  // `channels` maps a gRPC service's full name ("yjinspect.v1.Findings")
  // to the channel of the process serving it.
  ServiceCalls(std::map<std::string, std::shared_ptr<grpc::Channel>> channels,
               absl::Duration deadline);

  // Calls `method` with `request` for `user` and returns its response, or
  // the call's status with every detail the service sent
  // (common::FromGrpcStatus). UNIMPLEMENTED for a service with no channel.
  // An empty `user` sends none (the insecure development set-up, where the
  // services ignore identities).
  absl::StatusOr<std::unique_ptr<google::protobuf::Message>> Call(
      const google::protobuf::MethodDescriptor& method,
      const google::protobuf::Message& request, absl::string_view user,
      absl::string_view request_id) const;

  // Whether every channel is connected (its TLS handshake done, so the
  // service accepted the workbench's certificate), waiting up to `timeout`:
  // the workbench's readiness. Not the services' health check: a gateway
  // calls only for a user, and a probe has none.
  bool AllConnected(absl::Duration timeout) const;

 private:
  std::map<std::string, std::shared_ptr<grpc::Channel>> channels_;
  absl::Duration deadline_;
};

}  // namespace yjinspect::workbench
