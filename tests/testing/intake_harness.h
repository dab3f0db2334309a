#pragma once

// An intake server running in this process on 127.0.0.1:0 with its own temp
// store, and a client stub for real gRPC calls. Restart() stops it and starts
// a new one on the same store, as a process restart would.

#include <memory>
#include <string>

#include "grpcpp/grpcpp.h"
#include "services/intake/intake_server.h"
#include "tests/testing/loopback_options.h"
#include "tests/testing/restartable_server.h"
#include "tests/testing/temp_dir.h"
#include "tests/testing/unary_call.h"
#include "yjinspect/v1/intake_service.grpc.pb.h"

namespace yjinspect::testing {

class IntakeHarness {
 public:
  static constexpr absl::Duration kContextDeadline = absl::Seconds(30);

  // `sync` false makes tests that do not test durability faster.
  explicit IntakeHarness(bool sync = true);
  ~IntakeHarness();

  v1::CaseIntake::Stub& stub() { return *stub_; }
  intake::IntakeServer& server() { return *server_; }
  const std::string& data_dir() const { return server_.options().data_dir; }
  // The key the server pseudonymises children's references with.
  const std::string& pseudonym_key_file() const {
    return server_.options().pseudonym_key_file;
  }
  // What the server stores for child `reference` of YOT `yot`.
  std::string PseudonymOf(const std::string& yot,
                          const std::string& reference) const;
  // "127.0.0.1:<port>", stable across restarts.
  std::string address() const { return server_.address(); }
  std::shared_ptr<grpc::Channel> channel() { return channel_; }

  // Graceful stop, then a fresh server on the same store and the same port
  // (so followers such as the findings service find it again).
  void Restart();
  void Stop();
  void Start();

  // A client context with a deadline, as every unary call should have.
  static std::unique_ptr<grpc::ClientContext> Context();

  // Call(&v1::CaseIntake::Stub::GetCase, request): testing::Call on stub()
  // with the deadline of Context().
  template <typename Request, typename Response>
  absl::StatusOr<Response> Call(
      grpc::Status (v1::CaseIntake::Stub::*method)(grpc::ClientContext*,
                                                   const Request&, Response*),
      const Request& request) {
    return testing::Call(stub(), method, request, kContextDeadline);
  }

 private:
  TempDir dir_;
  RestartableServer<intake::IntakeServer, intake::IntakeServerOptions> server_;
  std::shared_ptr<grpc::Channel> channel_;
  std::unique_ptr<v1::CaseIntake::Stub> stub_;
};

}  // namespace yjinspect::testing
