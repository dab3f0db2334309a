#pragma once

// A running intake server: store, domain, gRPC service, health and
// reflection, wired together. main.cc and the tests both start it this way.

#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "services/intake/storage/intake_store.h"

namespace grpc {
class Server;
}

namespace yjinspect::intake {

struct IntakeServerOptions {
  // host:port; port 0 picks a free port (see IntakeServer::port()).
  std::string listen = "127.0.0.1:50051";
  // RocksDB folder, created when missing.
  std::string data_dir;
  // Sync the WAL before acknowledging. Only tests turn it off.
  bool sync = true;
  // Folder of framework files (*.textproto) to use instead of the ones
  // built in. Empty: the built-in frameworks.
  std::string frameworks_dir;
  // Folder the Admin service's CreateBackup writes backups to (created when
  // missing). Empty: backups are refused.
  std::string backup_dir;
};

class IntakeServer {
 public:
  // Opens the store and starts serving. FAILED_PRECONDITION when the store
  // is held by another process, UNAVAILABLE when the address cannot be bound.
  static absl::StatusOr<std::unique_ptr<IntakeServer>> Start(
      const IntakeServerOptions& options);

  // Shuts down if not done yet.
  ~IntakeServer();

  int port() const { return port_; }
  // "127.0.0.1:<port>" for clients of a loopback server.
  const std::string& address() const { return address_; }
  IntakeStore& store() { return *store_; }

  // Graceful stop: reports NOT_SERVING, stops taking calls, lets calls in
  // flight finish until `deadline` (then cancels them), then closes the
  // store. Idempotent.
  void Shutdown(absl::Duration deadline = absl::Seconds(10));

 private:
  struct Parts;
  explicit IntakeServer(std::unique_ptr<Parts> parts, int port);

  std::unique_ptr<Parts> parts_;
  IntakeStore* store_;
  int port_;
  std::string address_;
  bool stopped_ = false;
};

}  // namespace yjinspect::intake
