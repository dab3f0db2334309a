#include "common/host/service_host.h"

#include <utility>
#include <vector>

#include "common/admin/admin_service.h"
#include "common/admin/audit_trail_service.h"
#include "common/admin/frameworks_service.h"
#include "common/rpc/grpc_server.h"
#include "common/status_macros.h"
#include "common/telemetry/logging.h"
#include "grpcpp/grpcpp.h"

namespace yjinspect::common {

// The audit trail of the host's store, its backups (Admin) and the
// frameworks it loaded: every host serves them beside the service's own.
struct ServiceHost::SharedServices {
  SharedServices(const AuditSource& trail, BackupDesk& backups,
                 const FrameworkRegistry& registry,
                 const Authorizer* authorizer)
      : audit(trail, authorizer),
        admin(backups, authorizer),
        frameworks(registry, authorizer) {}

  AuditTrailService audit;
  AdminService admin;
  FrameworksService frameworks;
};

absl::StatusOr<std::unique_ptr<ServiceHost>> ServiceHost::Prepare(
    const std::string& service, const ServiceHostOptions& options) {
  auto host = std::unique_ptr<ServiceHost>(new ServiceHost(service, options));
  // Bad TLS files or policy stop the start before any store is touched.
  ASSIGN_OR_RETURN(host->access_, LoadServerAccess(options.security));
  ASSIGN_OR_RETURN(auto frameworks, options.frameworks_dir.empty()
                                        ? FrameworkRegistry::LoadBuiltIn()
                                        : FrameworkRegistry::LoadDirectory(
                                              options.frameworks_dir));
  host->frameworks_ =
      std::make_unique<FrameworkRegistry>(std::move(frameworks));
  return host;
}

ServiceHost::ServiceHost(std::string service, ServiceHostOptions options)
    : options_(std::move(options)), metrics_(std::move(service)) {}

// A host that never started (a later step of the service's start failed)
// runs no hook: the service's parts its hooks reach may be gone already.
ServiceHost::~ServiceHost() {
  if (started_) Shutdown(absl::Seconds(10));
}

void ServiceHost::AttachStore(HostedStore store) {
  store_ = std::move(store);
  purger_ = std::make_unique<ErasurePurger>(store_.purge_erased);
  // Over mutual TLS every call of every service passes the one access table
  // first: the audit trail and backups too (auditors and operators only),
  // or they would hand every record to any certificate of the CA.
  if (access_.policy != nullptr) {
    authorizer_ = std::make_unique<Authorizer>(access_.policy, store_.published,
                                               store_.inspection_yot);
  }
  backups_ = std::make_unique<BackupDesk>(store_.backup, options_.backup_dir);
  audit_head_ = std::make_unique<AuditHeadAnchor>(
      *store_.audit, metrics_, options_.audit_head_log_interval);
  shared_ = std::make_unique<SharedServices>(*store_.audit, *backups_,
                                             *frameworks_, authorizer_.get());
}

absl::Status ServiceHost::Start(grpc::Service* service,
                                const std::string& health_name,
                                std::function<void()> before_stop) {
  before_stop_ = std::move(before_stop);
  if (!options_.metrics_listen.empty()) {
    ASSIGN_OR_RETURN(metrics_port_, metrics_.Serve(options_.metrics_listen));
  }
  ASSIGN_OR_RETURN(
      StartedServer started,
      StartGrpcServer(
          options_.listen,
          {service, &shared_->audit, &shared_->admin, &shared_->frameworks},
          {health_name}, {access_.credentials, options_.health_listen}));
  server_ = std::move(started.server);
  health_server_ = std::move(started.health_server);
  port_ = started.port;
  health_port_ = started.health_port;
  address_ = DialAddress(options_.listen, started.port);
  started_ = true;
  audit_head_->Start();
  if (store_.figures) {
    auto figures = store_.figures;
    Watch(
        kStoreHealthName, [figures] { return figures().writes_refused; },
        [figures](const std::string& reason) {
          LogEvent(spdlog::level::err,
                   figures().disk_full
                       ? "the store refuses every write: its disk is full. "
                         "Free space or grow the volume; writes resume by "
                         "themselves once there is room, and nothing "
                         "acknowledged is lost"
                       : "the store refuses every write after a storage "
                         "error; see the reason, then restart the service",
                   LogFields().Add("reason", reason));
        },
        [] {
          LogEvent(spdlog::level::info, "the store takes writes again",
                   LogFields());
        });
  }
  return absl::OkStatus();
}

void ServiceHost::Watch(const std::string& name,
                        std::function<std::string()> problem,
                        std::function<void(const std::string&)> on_problem,
                        std::function<void()> on_recovered) {
  grpc::Server* server = server_.get();
  grpc::Server* health_server = health_server_.get();
  auto watch = std::make_unique<ConditionWatch>(ConditionWatch::Hooks{
      std::move(problem),
      [server, health_server, name](bool serving) {
        SetHealthStatus(*server, health_server, name, serving);
      },
      std::move(on_problem), std::move(on_recovered)});
  watch->Start();
  watches_.push_back(std::move(watch));
}

void ServiceHost::Shutdown(absl::Duration deadline) {
  if (stopped_) return;
  stopped_ = true;
  // Scrapes read the store: they end before it closes.
  metrics_.StopServing();
  for (auto& watch : watches_) watch->Stop();
  if (started_) {
    StopHealthReporting(*server_, health_server_.get());
    // Streams waiting for changes end first, so the server's shutdown does
    // not wait out its deadline on them.
    if (before_stop_) before_stop_();
    server_->Shutdown(absl::ToChronoTime(absl::Now() + deadline));
    server_->Wait();
  }
  // A backup still copying holds the store: it ends before the store closes.
  if (backups_ != nullptr) backups_->Shutdown();
  // No call writes to the trail any more: its last head goes to the log.
  if (audit_head_ != nullptr) audit_head_->Stop();
  if (store_.close) store_.close();
  // A purge asked for by an erasure finishes before the store goes.
  purger_.reset();
  // The servers go now, before the services they call into (the service's
  // parts are the caller's, and may be destroyed right after this).
  server_.reset();
  health_server_.reset();
}

}  // namespace yjinspect::common
