#pragma once

// A service's server in this process for a test, started from options the
// test fixed once: the first start takes a free port of 127.0.0.1, a
// restart binds that port again (followers and clients dial the same
// address, as after a process restart).

#include <chrono>
#include <cstdlib>
#include <iostream>
#include <memory>
#include <string>
#include <thread>
#include <utility>

#include "absl/status/statusor.h"

namespace yjinspect::testing {

// The started server, or the test binary ends: nothing a test checks means
// anything without its server.
template <typename Server>
std::unique_ptr<Server> StartedOrAbort(
    absl::StatusOr<std::unique_ptr<Server>> server, const std::string& what) {
  if (!server.ok()) {
    std::cerr << "cannot start " << what << ": " << server.status() << "\n";
    std::abort();
  }
  return *std::move(server);
}

template <typename Server, typename Options>
class RestartableServer {
 public:
  RestartableServer(Options options, std::string what)
      : options_(std::move(options)), what_(std::move(what)) {}
  ~RestartableServer() { Stop(); }

  void Start() {
    options_.listen = address();
    // Another test process may hold the port for a moment after it was
    // released, so a restart tries for a while before giving up.
    auto server = Server::Start(options_);
    for (int attempt = 0; !server.ok() && port_ != 0 && attempt < 100;
         ++attempt) {
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
      server = Server::Start(options_);
    }
    server_ = StartedOrAbort(std::move(server), what_);
    port_ = server_->port();
  }

  void Stop() {
    if (server_) server_->Shutdown();
    server_.reset();
  }

  Server& operator*() { return *server_; }
  Server* operator->() { return server_.get(); }
  const Options& options() const { return options_; }
  // "127.0.0.1:<port>", stable across restarts.
  std::string address() const { return "127.0.0.1:" + std::to_string(port_); }

 private:
  Options options_;
  std::string what_;
  int port_ = 0;
  std::unique_ptr<Server> server_;
};

}  // namespace yjinspect::testing
