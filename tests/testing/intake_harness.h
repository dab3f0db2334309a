#pragma once

// An intake server running in this process on 127.0.0.1:0 with its own temp
// store, and a client stub for real gRPC calls. Restart() stops it and starts
// a new one on the same store, as a process restart would.

#include <memory>
#include <string>

#include "grpcpp/grpcpp.h"
#include "services/intake/intake_server.h"
#include "tests/testing/temp_dir.h"
#include "yjinspect/v1/intake_service.grpc.pb.h"

namespace yjinspect::testing {

// An intake server's options for a test: 127.0.0.1:0, the store in
// `data_dir`, plaintext, the fixed development pseudonym key, and the WAL
// not synced. A test changes what it tests.
inline intake::IntakeServerOptions LoopbackIntakeOptions(
    const std::string& data_dir) {
  intake::IntakeServerOptions options;
  options.listen = "127.0.0.1:0";
  options.data_dir = data_dir;
  options.security.insecure = true;
  options.insecure_development_pseudonyms = true;
  options.sync = false;
  return options;
}

class IntakeHarness {
 public:
  // `sync` false makes tests that do not test durability faster.
  explicit IntakeHarness(bool sync = true);
  ~IntakeHarness();

  v1::CaseIntake::Stub& stub() { return *stub_; }
  intake::IntakeServer& server() { return *server_; }
  const std::string& data_dir() const { return data_dir_; }
  // The key the server pseudonymises children's references with.
  const std::string& pseudonym_key_file() const { return pseudonym_key_file_; }
  // What the server stores for child `reference` of YOT `yot`.
  std::string PseudonymOf(const std::string& yot,
                          const std::string& reference) const;
  // "127.0.0.1:<port>", stable across restarts.
  std::string address() const { return "127.0.0.1:" + std::to_string(port_); }
  std::shared_ptr<grpc::Channel> channel() { return channel_; }

  // Graceful stop, then a fresh server on the same store and the same port
  // (so followers such as the findings service find it again).
  void Restart();
  void Stop();
  void Start();

  // A client context with a deadline, as every unary call should have.
  static std::unique_ptr<grpc::ClientContext> Context();

 private:
  TempDir dir_;
  std::string data_dir_;
  std::string pseudonym_key_file_;
  bool sync_;
  int port_ = 0;
  std::unique_ptr<intake::IntakeServer> server_;
  std::shared_ptr<grpc::Channel> channel_;
  std::unique_ptr<v1::CaseIntake::Stub> stub_;
};

}  // namespace yjinspect::testing
