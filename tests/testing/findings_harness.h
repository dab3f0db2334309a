#pragma once

// A findings server in this process on 127.0.0.1:0 with its own temp store,
// following a given intake address, with a client stub. Restart() stops it
// and starts a new one on the same store, as a process restart would.

#include <memory>
#include <string>

#include "grpcpp/grpcpp.h"
#include "services/findings/findings_server.h"
#include "tests/testing/loopback_options.h"
#include "tests/testing/restartable_server.h"
#include "tests/testing/temp_dir.h"
#include "yjinspect/v1/findings_service.grpc.pb.h"

namespace yjinspect::testing {

class FindingsHarness {
 public:
  FindingsHarness(std::string intake_address, bool sync = true);
  ~FindingsHarness();

  v1::Findings::Stub& stub() { return *stub_; }
  findings::FindingsServer& server() { return *server_; }
  const std::string& data_dir() const { return server_.options().data_dir; }
  // "127.0.0.1:<port>", stable across restarts.
  std::string address() const { return server_.address(); }

  void Restart();
  void Stop();
  void Start();

 private:
  TempDir dir_;
  RestartableServer<findings::FindingsServer, findings::FindingsServerOptions>
      server_;
  std::unique_ptr<v1::Findings::Stub> stub_;
};

}  // namespace yjinspect::testing
