#include "tests/testing/intake_harness.h"

#include <chrono>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <thread>

#include "services/intake/privacy/child_pseudonyms.h"

namespace yjinspect::testing {

IntakeHarness::IntakeHarness(bool sync)
    : data_dir_(dir_.Sub("intake")),
      pseudonym_key_file_(dir_.Sub("pseudonym.key")),
      sync_(sync) {
  // A key file as a deployment has, outside the data folder. The same key
  // in every harness: tests compare what two harnesses stored, as two runs
  // of one deployment would.
  std::ofstream(pseudonym_key_file_, std::ios::binary)
      << std::string(intake::kPseudonymKeyBytes, 'K');
  Start();
}

std::string IntakeHarness::PseudonymOf(const std::string& yot,
                                       const std::string& reference) const {
  auto pseudonyms = intake::ChildPseudonyms::FromKeyFile(pseudonym_key_file_);
  if (!pseudonyms.ok()) std::abort();
  return pseudonyms->Pseudonymise(yot, reference);
}

IntakeHarness::~IntakeHarness() { Stop(); }

void IntakeHarness::Start() {
  intake::IntakeServerOptions options;
  options.listen = "127.0.0.1:" + std::to_string(port_);
  options.data_dir = data_dir_;
  options.security.insecure = true;
  options.sync = sync_;
  options.pseudonym_key_file = pseudonym_key_file_;
  // A restart binds the port it had; another test process may hold it for a
  // moment after it was released, so try for a while before giving up.
  auto server = intake::IntakeServer::Start(options);
  for (int attempt = 0; !server.ok() && port_ != 0 && attempt < 100;
       ++attempt) {
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
    server = intake::IntakeServer::Start(options);
  }
  if (!server.ok()) {
    std::cerr << "cannot start intake server: " << server.status() << "\n";
    std::abort();
  }
  server_ = std::move(*server);
  port_ = server_->port();
  channel_ = grpc::CreateChannel(server_->address(),
                                 grpc::InsecureChannelCredentials());
  stub_ = v1::CaseIntake::NewStub(channel_);
}

void IntakeHarness::Stop() {
  stub_.reset();
  channel_.reset();
  if (server_) server_->Shutdown();
  server_.reset();
}

void IntakeHarness::Restart() {
  Stop();
  Start();
}

std::unique_ptr<grpc::ClientContext> IntakeHarness::Context() {
  auto context = std::make_unique<grpc::ClientContext>();
  context->set_deadline(std::chrono::system_clock::now() +
                        std::chrono::seconds(30));
  return context;
}

}  // namespace yjinspect::testing
