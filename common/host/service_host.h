#pragma once

// What every yjinspect service runs around its own parts: transport security
// and the access table, the frameworks, metrics, the purge of erased
// content, the audit trail, backup (Admin) and Frameworks services, the gRPC
// server with health and reflection, and the order things stop in. A service
// gives the host its store's hooks and its own gRPC service, and keeps only
// what is its own (intake: pseudonyms, the change feed; findings: the feed
// from intake). Both servers are built this way, so they cannot drift.
//
// Starting is in three steps, each before the next:
//   1. ServiceHost::Prepare: the TLS files and access policy, then the
//      frameworks: a bad file stops the start before any store is opened;
//   2. AttachStore, once the service has opened its store: the purger,
//      the authorizer, the audit trail, backups and Admin;
//   3. Start: metrics, then the gRPC server with the service.
// Shutdown: NOT_SERVING, the service's own stop (streams end), the server
// (calls in flight get `deadline`), backups, the store's close, the purger;
// the server objects are destroyed at its end, so the service's own parts
// may go any time after it. The owner calls Shutdown before destroying the
// parts the host's hooks and the served service refer to.

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "common/access/access_rules.h"
#include "common/access/transport_security.h"
#include "common/admin/backup_desk.h"
#include "common/audit/audit_source.h"
#include "common/frameworks/framework_registry.h"
#include "common/host/audit_head_anchor.h"
#include "common/host/condition_watch.h"
#include "common/host/erasure_purger.h"
#include "common/host/service_host_options.h"
#include "common/storage/storage_figures.h"
#include "common/telemetry/service_metrics.h"

namespace grpc {
class Server;
class Service;
}  // namespace grpc

namespace yjinspect::common {

// The store's part in the host.
struct HostedStore {
  // The store's audit trail, served by AuditTrail. Must outlive the host's
  // serving.
  const AuditSource* audit = nullptr;
  // Makes erased content leave the disk (the store's PurgeErasedContent).
  std::function<absl::Status()> purge_erased;
  // What the Admin service's backups take.
  BackupSubject backup;
  // Closes the store at the end of Shutdown, before the purger ends; null
  // for a store without an explicit close.
  std::function<void()> close;
  // For readers' access to published reports (findings); null: none.
  Authorizer::PublishedCheck published;
  // For submitters' access to their own YOT's action plans (findings);
  // null: none.
  Authorizer::InspectionYot inspection_yot;
  // The store's figures, for whether it takes writes (store_watch.h);
  // null: not watched.
  std::function<StorageFigures()> figures;
};

class ServiceHost {
 public:
  // Step 1. `service` names the service in metrics and logs ("intake").
  // Errors as LoadServerAccess and the framework registry give them.
  static absl::StatusOr<std::unique_ptr<ServiceHost>> Prepare(
      const std::string& service, const ServiceHostOptions& options);

  ~ServiceHost();
  ServiceHost(const ServiceHost&) = delete;
  ServiceHost& operator=(const ServiceHost&) = delete;

  const FrameworkRegistry& frameworks() const { return *frameworks_; }
  ServiceMetrics& metrics() { return metrics_; }
  // Set after Prepare; what the services dialling others use.
  const ServerAccess& access() const { return access_; }

  // Step 2.
  void AttachStore(HostedStore store);
  ErasurePurger& purger() { return *purger_; }
  // Null when the service runs --insecure. Valid after AttachStore.
  const Authorizer* authorizer() const { return authorizer_.get(); }

  // Step 3: serves `service` with the audit trail, Admin and Frameworks,
  // health reporting SERVING for `health_name`. `before_stop` runs in Shutdown
  // before the server stops (to end the service's waiting streams).
  // UNAVAILABLE when an address cannot be bound.
  absl::Status Start(grpc::Service* service, const std::string& health_name,
                     std::function<void()> before_stop);

  int port() const { return port_; }
  int health_port() const { return health_port_; }
  int metrics_port() const { return metrics_port_; }
  // "127.0.0.1:<port>" for clients of a loopback server.
  const std::string& address() const { return address_; }

  // After Start: reports `name` on the health service as SERVING while
  // `problem` (polled, quick, thread-safe) answers empty, and logs each
  // change with `on_problem` / `on_recovered` (condition_watch.h). Watches
  // end first in Shutdown.
  void Watch(const std::string& name, std::function<std::string()> problem,
             std::function<void(const std::string&)> on_problem,
             std::function<void()> on_recovered);

  // Graceful stop in the order above. Idempotent; the destructor of a
  // started host calls it.
  void Shutdown(absl::Duration deadline);

 private:
  ServiceHost(std::string service, ServiceHostOptions options);

  ServiceHostOptions options_;
  ServerAccess access_;
  std::unique_ptr<FrameworkRegistry> frameworks_;
  ServiceMetrics metrics_;
  HostedStore store_;
  std::unique_ptr<ErasurePurger> purger_;
  std::unique_ptr<Authorizer> authorizer_;
  std::unique_ptr<BackupDesk> backups_;
  std::unique_ptr<AuditHeadAnchor> audit_head_;
  std::vector<std::unique_ptr<ConditionWatch>> watches_;
  // The services every host serves beside the service's own (after
  // backups_: Admin calls into the desk).
  struct SharedServices;
  std::unique_ptr<SharedServices> shared_;
  std::function<void()> before_stop_;
  std::unique_ptr<grpc::Server> server_;
  std::unique_ptr<grpc::Server> health_server_;
  int port_ = 0;
  int health_port_ = 0;
  int metrics_port_ = 0;
  std::string address_;
  bool started_ = false;
  bool stopped_ = false;
};

}  // namespace yjinspect::common
