#pragma once

// A gRPC health service on 127.0.0.1:0 in this process, for the command
// line's unit tests (cli/client/rpc_client.h, cli/status_command.h): it
// answers Check with the statuses scripted for each service name, in turn,
// and records what each call carried. Plaintext only.

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "grpc/health/v1/health.grpc.pb.h"
#include "grpcpp/grpcpp.h"

namespace yjinspect::testing {

// One Check call as the service received it.
struct SeenCheck {
  std::string service;
  std::multimap<std::string, std::string> metadata;
  // From arrival to the call's deadline.
  absl::Duration time_left;
};

class ScriptedHealthService {
 public:
  using ServingStatus = grpc::health::v1::HealthCheckResponse::ServingStatus;

  // Serving on return; address() is empty when the server did not start.
  ScriptedHealthService();
  ~ScriptedHealthService();
  ScriptedHealthService(const ScriptedHealthService&) = delete;
  ScriptedHealthService& operator=(const ScriptedHealthService&) = delete;

  // "127.0.0.1:<port>".
  const std::string& address() const { return address_; }

  // Checks of `service` answer `statuses` in turn, then the last one again.
  // An unscripted service is NOT_FOUND, as gRPC's own health service says.
  void Script(const std::string& service, std::vector<ServingStatus> statuses);

  // Every Check received so far, in order.
  std::vector<SeenCheck> checks() const;

  // Stops serving now: the address then refuses connections.
  void Stop();

 private:
  class Handler;

  std::unique_ptr<Handler> handler_;
  std::unique_ptr<grpc::Server> server_;
  std::string address_;
};

}  // namespace yjinspect::testing
