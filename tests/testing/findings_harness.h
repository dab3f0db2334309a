#pragma once

// A findings server in this process on 127.0.0.1:0 with its own temp store,
// following a given intake address, with a client stub. Restart() stops it
// and starts a new one on the same store, as a process restart would.

#include <memory>
#include <string>

#include "grpcpp/grpcpp.h"
#include "services/findings/findings_server.h"
#include "tests/testing/temp_dir.h"
#include "yjinspect/v1/findings_service.grpc.pb.h"

namespace yjinspect::testing {

class FindingsHarness {
 public:
  FindingsHarness(std::string intake_address, bool sync = true);
  ~FindingsHarness();

  v1::Findings::Stub& stub() { return *stub_; }
  findings::FindingsServer& server() { return *server_; }
  const std::string& data_dir() const { return data_dir_; }
  // "127.0.0.1:<port>", stable across restarts.
  std::string address() const { return "127.0.0.1:" + std::to_string(port_); }

  void Restart();
  void Stop();
  void Start();

 private:
  TempDir dir_;
  std::string data_dir_;
  std::string intake_address_;
  bool sync_;
  int port_ = 0;
  std::unique_ptr<findings::FindingsServer> server_;
  std::unique_ptr<v1::Findings::Stub> stub_;
};

}  // namespace yjinspect::testing
