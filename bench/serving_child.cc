#include "bench/serving_child.h"

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <thread>

#include "grpc/health/v1/health.grpc.pb.h"

namespace yjinspect::bench {

using Clock = std::chrono::steady_clock;

// Reconnects within milliseconds, so that a start-up time is not a
// reconnect backoff.
std::shared_ptr<grpc::Channel> EagerChannel(const std::string& address) {
  grpc::ChannelArguments args;
  args.SetInt(GRPC_ARG_INITIAL_RECONNECT_BACKOFF_MS, 5);
  args.SetInt(GRPC_ARG_MIN_RECONNECT_BACKOFF_MS, 5);
  args.SetInt(GRPC_ARG_MAX_RECONNECT_BACKOFF_MS, 20);
  args.SetMaxReceiveMessageSize(64 << 20);
  return grpc::CreateCustomChannel(address, grpc::InsecureChannelCredentials(),
                                   args);
}

void WaitServing(const std::shared_ptr<grpc::Channel>& channel,
                 const std::string& service) {
  auto health = grpc::health::v1::Health::NewStub(channel);
  const Clock::time_point give_up = Clock::now() + std::chrono::seconds(120);
  while (Clock::now() < give_up) {
    grpc::ClientContext context;
    context.set_deadline(std::chrono::system_clock::now() +
                         std::chrono::milliseconds(200));
    context.set_wait_for_ready(true);
    grpc::health::v1::HealthCheckRequest request;
    request.set_service(service);
    grpc::health::v1::HealthCheckResponse response;
    if (health->Check(&context, request, &response).ok() &&
        response.status() == grpc::health::v1::HealthCheckResponse::SERVING) {
      return;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(2));
  }
  fprintf(stderr, "%s never answered SERVING\n", service.c_str());
  abort();
}

// Starts `argv` and returns once `service` answers SERVING at `address`:
// what a start-up time measures.
ServingChild StartServing(const std::vector<std::string>& argv,
                          const std::string& log, const std::string& address,
                          const std::string& service) {
  ServingChild child;
  child.process = std::make_unique<ChildProcess>(argv, log);
  child.channel = EagerChannel(address);
  WaitServing(child.channel, service);
  return child;
}

std::vector<std::string> BenchIntakeArgv(const std::string& binary,
                                         const std::string& address,
                                         const std::string& data_dir) {
  return {binary,
          "--listen=" + address,
          "--data_dir=" + data_dir,
          "--log_level=warn",
          "--insecure",
          "--insecure_development_pseudonyms"};
}

}  // namespace yjinspect::bench
