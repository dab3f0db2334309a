#pragma once

// A running intake server: its store and domain parts inside the service
// host every yjinspect service runs in (common/host/service_host.h: access,
// frameworks, metrics, audit trail, backups, the gRPC server). main.cc and
// the tests both start it this way.

#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "common/host/erasure_purger.h"
#include "common/host/service_host_options.h"
#include "services/intake/storage/intake_store.h"

namespace grpc {
class Server;
}

namespace yjinspect::intake {

// The host's options (common/host/service_host_options.h) and intake's
// own.
struct IntakeServerOptions : common::ServiceHostOptions {
  IntakeServerOptions() { listen = "127.0.0.1:50051"; }
  // RocksDB folder, created when missing.
  std::string data_dir;
  // Sync the WAL before acknowledging. Only tests turn it off.
  bool sync = true;
  // File holding the key that turns children's references into pseudonyms
  // (privacy/reference_pseudonyms.h). Required unless
  // insecure_development_pseudonyms is set.
  std::string pseudonym_key_file;
  // Use a fixed, publicly known pseudonym key: development only, never with
  // real data. Ignored when pseudonym_key_file is set.
  bool insecure_development_pseudonyms = false;
  // BatchCreateCases streams served at once; more are refused at once
  // (RESOURCE_EXHAUSTED, TOO_MANY_CALLS). 0: no limit.
  int max_concurrent_uploads = 32;
};

class IntakeServer {
 public:
  // Opens the store and starts serving. FAILED_PRECONDITION when the store
  // is held by another process or no pseudonym key is given, UNAVAILABLE
  // when the address (or the metrics address) cannot be bound.
  static absl::StatusOr<std::unique_ptr<IntakeServer>> Start(
      const IntakeServerOptions& options);

  // Shuts down if not done yet.
  ~IntakeServer();

  int port() const;
  // The health-only listener's port, 0 without one.
  int health_port() const;
  // The bound metrics port; 0 when metrics are not served.
  int metrics_port() const;
  // "127.0.0.1:<port>" for clients of a loopback server.
  const std::string& address() const;
  IntakeStore& store() { return *store_; }
  // Purges of erased content from the disk (after DeleteCase).
  common::ErasurePurger& purger();

  // Graceful stop: reports NOT_SERVING, stops taking calls, lets calls in
  // flight finish until `deadline` (then cancels them), then closes the
  // store. Idempotent.
  void Shutdown(absl::Duration deadline = absl::Seconds(10));

 private:
  struct Parts;
  explicit IntakeServer(std::unique_ptr<Parts> parts);

  std::unique_ptr<Parts> parts_;
  IntakeStore* store_;
};

}  // namespace yjinspect::intake
