#include "common/rpc/grpc_server.h"

#include "absl/strings/str_cat.h"
#include "grpcpp/ext/proto_server_reflection_plugin.h"
#include "grpcpp/grpcpp.h"
#include "grpcpp/health_check_service_interface.h"

namespace yjinspect::common {
namespace {

// A chunk of 1000 full cases is well under this; anything larger is a
// misbehaving client.
constexpr int kMaxMessageBytes = 16 << 20;
// Calls at once on one connection (HTTP/2 SETTINGS_MAX_CONCURRENT_STREAMS).
constexpr int kMaxStreamsPerConnection = 100;
// gRPC's memory budget for the server's connections and calls.
constexpr size_t kServerMemoryBudgetBytes = size_t{256} << 20;

void ReportServing(grpc::Server& server,
                   const std::vector<std::string>& health_names) {
  auto* health = server.GetHealthCheckService();
  for (const std::string& name : health_names) {
    health->SetServingStatus(name, true);
  }
  health->SetServingStatus(true);
}

// The health check alone, plaintext, no client certificates: it says only
// whether the process is serving.
absl::StatusOr<std::unique_ptr<grpc::Server>> StartHealthServer(
    const std::string& listen, const std::vector<std::string>& health_names,
    int* port) {
  grpc::ServerBuilder builder;
  builder.AddListeningPort(listen, grpc::InsecureServerCredentials(), port);
  builder.AddChannelArgument(GRPC_ARG_ALLOW_REUSEPORT, 0);
  auto server = builder.BuildAndStart();
  if (server == nullptr || *port == 0) {
    return absl::UnavailableError(
        absl::StrCat("cannot listen for health checks on ", listen,
                     ": the address is malformed or already in use"));
  }
  ReportServing(*server, health_names);
  return server;
}

}  // namespace

absl::StatusOr<StartedServer> StartGrpcServer(
    const std::string& listen, const std::vector<grpc::Service*>& services,
    const std::vector<std::string>& health_names,
    const ServerTransport& transport) {
  grpc::EnableDefaultHealthCheckService(true);
  grpc::reflection::InitProtoReflectionServerBuilderPlugin();
  grpc::ServerBuilder builder;
  StartedServer started;
  builder.AddListeningPort(listen,
                           transport.credentials != nullptr
                               ? transport.credentials
                               : grpc::InsecureServerCredentials(),
                           &started.port);
  for (grpc::Service* service : services) builder.RegisterService(service);
  builder.SetMaxReceiveMessageSize(kMaxMessageBytes);
  // Bounds under overload (docs/faults.md): at most this many calls at
  // once on one connection (more wait for the client's own flow control),
  // and one memory budget for every connection's and call's buffers: past
  // it gRPC refuses new calls with RESOURCE_EXHAUSTED instead of growing.
  builder.AddChannelArgument(GRPC_ARG_MAX_CONCURRENT_STREAMS,
                             kMaxStreamsPerConnection);
  grpc::ResourceQuota quota("yjinspect-server");
  quota.Resize(kServerMemoryBudgetBytes);
  builder.SetResourceQuota(quota);
  // Followers keep a stream open for hours and ping it when it is quiet
  // (every 20 s unless told otherwise, down to every second to notice a
  // partition sooner); the default would answer such pings with GOAWAY
  // (too_many_pings).
  builder.AddChannelArgument(
      GRPC_ARG_HTTP2_MIN_RECV_PING_INTERVAL_WITHOUT_DATA_MS, 1000);
  builder.AddChannelArgument(GRPC_ARG_KEEPALIVE_PERMIT_WITHOUT_CALLS, 1);
  // One service per port: a second server on the same address must fail to
  // start, not silently share the port's connections.
  builder.AddChannelArgument(GRPC_ARG_ALLOW_REUSEPORT, 0);
  started.server = builder.BuildAndStart();
  if (started.server == nullptr || started.port == 0) {
    return absl::UnavailableError(
        absl::StrCat("cannot listen on ", listen,
                     ": the address is malformed or already in use"));
  }
  ReportServing(*started.server, health_names);
  if (!transport.health_listen.empty()) {
    auto health = StartHealthServer(transport.health_listen, health_names,
                                    &started.health_port);
    if (!health.ok()) {
      started.server->Shutdown();
      return health.status();
    }
    started.health_server = *std::move(health);
  }
  return started;
}

void SetHealthStatus(grpc::Server& server, grpc::Server* health_server,
                     const std::string& name, bool serving) {
  server.GetHealthCheckService()->SetServingStatus(name, serving);
  if (health_server != nullptr) {
    health_server->GetHealthCheckService()->SetServingStatus(name, serving);
  }
}

void StopHealthReporting(grpc::Server& server, grpc::Server* health_server) {
  server.GetHealthCheckService()->Shutdown();
  if (health_server != nullptr) {
    health_server->GetHealthCheckService()->Shutdown();
    health_server->Shutdown();
    health_server->Wait();
  }
}

std::string DialAddress(const std::string& listen, int port) {
  std::string host = listen.substr(0, listen.rfind(':'));
  if (host.empty() || host == "0.0.0.0" || host == "[::]") host = "127.0.0.1";
  return absl::StrCat(host, ":", port);
}

}  // namespace yjinspect::common
