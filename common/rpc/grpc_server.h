#pragma once

// Starting a gRPC server the way both services do: the given services, the
// standard health service (reporting SERVING for each name given) and server
// reflection, and keepalive settings that accept the pings of long-lived
// streams.

#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "grpcpp/security/server_credentials.h"
#include "grpcpp/server.h"

namespace yjinspect::common {

struct StartedServer {
  std::unique_ptr<grpc::Server> server;
  // The bound port (the chosen one when `listen` asked for port 0).
  int port = 0;
  // The health-only plaintext listener, when one was asked for.
  std::unique_ptr<grpc::Server> health_server;
  int health_port = 0;
};

struct ServerTransport {
  // Null: plaintext (insecure).
  std::shared_ptr<grpc::ServerCredentials> credentials;
  // host:port of a second, plaintext listener serving only the gRPC health
  // check, for probes that cannot present a client certificate (Kubernetes
  // gRPC probes speak no TLS). Empty: none.
  std::string health_listen;
};

// UNAVAILABLE when `listen` (or `health_listen`) cannot be bound.
absl::StatusOr<StartedServer> StartGrpcServer(
    const std::string& listen, const std::vector<grpc::Service*>& services,
    const std::vector<std::string>& health_names,
    const ServerTransport& transport = {});

// Sets the health status of `name` on both listeners (the health-only one
// may be null).
void SetHealthStatus(grpc::Server& server, grpc::Server* health_server,
                     const std::string& name, bool serving);

// Reports NOT_SERVING on both listeners and stops the health-only one (the
// main server is the caller's to shut down, with its own deadline).
void StopHealthReporting(grpc::Server& server, grpc::Server* health_server);

// "127.0.0.1:<port>" for a server listening on `listen`: the host a local
// client should dial (a wildcard host becomes loopback).
std::string DialAddress(const std::string& listen, int port);

}  // namespace yjinspect::common
