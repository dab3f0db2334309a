#pragma once

// Starting a gRPC server the way both services do: the given services, the
// standard health service (reporting SERVING for each name given) and server
// reflection, and keepalive settings that accept the pings of long-lived
// streams.

#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "grpcpp/server.h"

namespace yjinspect::common {

struct StartedServer {
  std::unique_ptr<grpc::Server> server;
  // The bound port (the chosen one when `listen` asked for port 0).
  int port = 0;
};

// UNAVAILABLE when `listen` cannot be bound (malformed, or in use).
absl::StatusOr<StartedServer> StartGrpcServer(
    const std::string& listen, const std::vector<grpc::Service*>& services,
    const std::vector<std::string>& health_names);

// "127.0.0.1:<port>" for a server listening on `listen`: the host a local
// client should dial (a wildcard host becomes loopback).
std::string DialAddress(const std::string& listen, int port);

}  // namespace yjinspect::common
