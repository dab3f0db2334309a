#pragma once

// For tests that restart or kill a server under its clients
// (integration/restart_test, crash/): a channel that finds the server again
// quickly, and which failures mean "the server was away, send it again".

#include <memory>
#include <string>

#include "absl/status/status.h"
#include "grpcpp/grpcpp.h"

namespace yjinspect::testing {

// A channel that finds a restarted server again within a fifth of a second
// (the default first reconnect backoff is a second).
inline std::shared_ptr<grpc::Channel> FastReconnectChannel(
    const std::string& address) {
  grpc::ChannelArguments args;
  args.SetInt(GRPC_ARG_INITIAL_RECONNECT_BACKOFF_MS, 50);
  args.SetInt(GRPC_ARG_MIN_RECONNECT_BACKOFF_MS, 50);
  args.SetInt(GRPC_ARG_MAX_RECONNECT_BACKOFF_MS, 200);
  return grpc::CreateCustomChannel(address, grpc::InsecureChannelCredentials(),
                                   args);
}

// How a call fails when its server was killed or is restarting: the outcome
// is unknown, and the same call is sent again.
inline bool Retryable(absl::StatusCode code) {
  return code == absl::StatusCode::kUnavailable ||
         code == absl::StatusCode::kDeadlineExceeded ||
         code == absl::StatusCode::kCancelled;
}

}  // namespace yjinspect::testing
