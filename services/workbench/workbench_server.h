#pragma once

// workbench_server: the inspectors' workbench, a third process beside
// intake and findings. It serves
//  - the pages (HTML, CSS, JavaScript modules built into the binary) and,
//    under /v1/, the JSON API, to browsers through the authenticating
//    reverse proxy (or, in development, to one local user on loopback);
//  - optionally the same JSON API to systems over mutual TLS (--api_listen),
//    each identified by its certificate as the services identify callers;
//  - /healthz and /readyz for probes, and /metrics on its own port.
// Every API request becomes one unary gRPC call to intake or findings,
// made with the workbench's own certificate (role `gateway`) for the
// signed-in user, whom the services authorize and audit as if they had
// called directly. docs/workbench.md is the operator's and integrator's
// guide.

#include <memory>
#include <string>
#include <thread>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "common/access/transport_security.h"
#include "services/workbench/signed_in_user.h"

namespace yjinspect::workbench {

struct WorkbenchServerOptions {
  // host:port for browsers (port 0 picks a free one).
  std::string listen = "127.0.0.1:8080";
  // The services, each host:port.
  std::string intake = "127.0.0.1:50051";
  std::string findings = "127.0.0.1:50052";
  // The workbench's side of mutual TLS to the services (its certificate,
  // key and their CA), or insecure for services started with --insecure;
  // policy_file is the access policy the services run with (the workbench
  // reads who is a user, and their assignments, from it).
  common::TransportSecurity security;
  SignInOptions sign_in;
  // host:port of the JSON API for systems over mutual TLS with the
  // certificate, key and CA of `security`; empty: not served.
  std::string api_listen;
  // host:port of /metrics; empty: not served.
  std::string metrics_listen;
  // A file of at least 32 random bytes shared by replicas for the pages'
  // cross-site request forgery tokens; empty: a key of this process.
  std::string csrf_key_file;
  // The longest a call to a service may take.
  absl::Duration call_deadline = absl::Seconds(30);
};

class WorkbenchServer {
 public:
  // Checks the options, loads the policy and credentials, binds every
  // listener and starts serving. INVALID_ARGUMENT or FAILED_PRECONDITION
  // naming the option at fault; UNAVAILABLE when an address cannot be bound.
  static absl::StatusOr<std::unique_ptr<WorkbenchServer>> Start(
      const WorkbenchServerOptions& options);

  ~WorkbenchServer();
  WorkbenchServer(const WorkbenchServer&) = delete;
  WorkbenchServer& operator=(const WorkbenchServer&) = delete;

  // The bound ports (0 for a listener not served).
  int port() const;
  int api_port() const;
  int metrics_port() const;

  // Stops accepting, finishes the requests in progress, and returns.
  // Idempotent.
  void Shutdown();

 private:
  class Impl;
  explicit WorkbenchServer(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace yjinspect::workbench
