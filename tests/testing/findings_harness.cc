#include "tests/testing/findings_harness.h"

#include <chrono>
#include <cstdlib>
#include <iostream>
#include <thread>

namespace yjinspect::testing {

FindingsHarness::FindingsHarness(std::string intake_address, bool sync)
    : data_dir_(dir_.Sub("findings")),
      intake_address_(std::move(intake_address)),
      sync_(sync) {
  Start();
}

FindingsHarness::~FindingsHarness() { Stop(); }

void FindingsHarness::Start() {
  findings::FindingsServerOptions options;
  options.listen = "127.0.0.1:" + std::to_string(port_);
  options.data_dir = data_dir_;
  options.security.insecure = true;
  options.intake = intake_address_;
  options.sync = sync_;
  // A restart binds the port it had; another test process may hold it for a
  // moment after it was released, so try for a while before giving up.
  auto server = findings::FindingsServer::Start(options);
  for (int attempt = 0; !server.ok() && port_ != 0 && attempt < 100;
       ++attempt) {
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
    server = findings::FindingsServer::Start(options);
  }
  if (!server.ok()) {
    std::cerr << "cannot start findings server: " << server.status() << "\n";
    std::abort();
  }
  server_ = std::move(*server);
  port_ = server_->port();
  stub_ = v1::Findings::NewStub(grpc::CreateChannel(
      server_->address(), grpc::InsecureChannelCredentials()));
}

void FindingsHarness::Stop() {
  stub_.reset();
  if (server_) server_->Shutdown();
  server_.reset();
}

void FindingsHarness::Restart() {
  Stop();
  Start();
}

}  // namespace yjinspect::testing
