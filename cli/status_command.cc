#include "cli/status_command.h"

#include <iostream>
#include <string>
#include <vector>

#include "absl/time/clock.h"
#include "cli/client/exit_codes.h"
#include "cli/client/rpc_client.h"
#include "cli/json_output.h"
#include "grpc/health/v1/health.grpc.pb.h"

namespace yjinspect::cli {
namespace {

struct StatusOptions {
  double wait_seconds = 0;
  bool findings = false;
};

// The serving status of `service` at `address`, as the health service
// reports it ("SERVING", "NOT_SERVING", or the call's error).
std::string HealthOf(const std::string& address, const std::string& service) {
  auto stub = grpc::health::v1::Health::NewStub(Connect(address));
  grpc::health::v1::HealthCheckRequest request;
  request.set_service(service);
  grpc::health::v1::HealthCheckResponse response;
  grpc::Status status =
      stub->Check(Deadline(absl::Seconds(2)).get(), request, &response);
  if (!status.ok()) return "unreachable (" + status.error_message() + ")";
  return grpc::health::v1::HealthCheckResponse::ServingStatus_Name(
      response.status());
}

int Status(const GlobalOptions& global, const StatusOptions& options) {
  std::vector<std::pair<std::string, std::string>> targets = {
      {global.intake, "yjinspect.v1.CaseIntake"}};
  if (options.findings) {
    targets.push_back({global.findings, "yjinspect.v1.Findings"});
  }
  const absl::Time give_up = absl::Now() + absl::Seconds(options.wait_seconds);
  while (true) {
    bool all_serving = true;
    std::vector<std::string> health;
    for (const auto& [address, service] : targets) {
      health.push_back(HealthOf(address, service));
      all_serving &= health.back() == "SERVING";
    }
    if (all_serving || absl::Now() >= give_up) {
      for (size_t i = 0; i < targets.size(); ++i) {
        const auto& [address, service] = targets[i];
        if (global.json) {
          PrintJsonLine({{"service", service},
                         {"address", address},
                         {"status", health[i]}});
        } else {
          std::cout << service << " at " << address << ": " << health[i]
                    << "\n";
        }
      }
      return all_serving ? kExitOk : kExitUnavailable;
    }
    absl::SleepFor(absl::Milliseconds(100));
  }
}

}  // namespace

void AddStatusCommand(CLI::App& app, const GlobalOptions& global,
                      std::function<int()>* action) {
  Subcommands commands(app, global, action);
  auto [status, options] = commands.Add(
      "status", "Report whether the services are up and serving.", Status);
  status
      ->add_option("--wait", options->wait_seconds,
                   "keep checking for up to this many seconds until every "
                   "service is serving")
      ->capture_default_str();
  status->add_flag("--with-findings", options->findings,
                   "check the findings service too");
}

}  // namespace yjinspect::cli
