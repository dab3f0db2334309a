#include "services/findings/findings_server.h"

#include <utility>

#include "absl/strings/str_cat.h"
#include "common/access/access_rules.h"
#include "common/admin/admin_service.h"
#include "common/admin/backup_desk.h"
#include "common/audit/audit_trail_service.h"
#include "common/erasure_purger.h"
#include "common/frameworks/framework_registry.h"
#include "common/grpc_server.h"
#include "common/service_metrics.h"
#include "common/status_macros.h"
#include "grpcpp/grpcpp.h"
#include "services/findings/case_judgements.h"
#include "services/findings/fieldwork_gate.h"
#include "services/findings/findings_metrics.h"
#include "services/findings/findings_service.h"

namespace yjinspect::findings {

struct FindingsServer::Parts {
  std::unique_ptr<common::FrameworkRegistry> frameworks;
  std::unique_ptr<FindingsStore> store;
  std::unique_ptr<common::ErasurePurger> purger;
  std::unique_ptr<IntakeFeed> feed;
  // After what scrapes read: destroyed (no longer scraping) before them.
  common::ServiceMetrics metrics{"findings"};
  std::unique_ptr<FindingsMetrics> findings_metrics;
  std::unique_ptr<FieldworkGate> gate;
  std::unique_ptr<CaseJudgements> judgements;
  std::unique_ptr<ReportInputsDesk> inputs;
  std::unique_ptr<VerdictDesk> verdicts;
  // Before the services whose edges ask it: destroyed after them.
  std::unique_ptr<common::Authorizer> authorizer;
  std::unique_ptr<FindingsService> service;
  std::unique_ptr<common::AuditTrailService> audit;
  std::unique_ptr<common::BackupDesk> backups;
  std::unique_ptr<common::AdminService> admin;
  std::unique_ptr<grpc::Server> server;
  std::unique_ptr<grpc::Server> health_server;
};

namespace {

// For readers: whether the inspection, as last received from intake, has
// its report published. Unknown and unpublished are alike (false).
common::Authorizer::PublishedCheck PublishedIn(const FindingsStore& store) {
  return [&store](absl::string_view inspection_id) {
    auto inspection = store.GetInspection(inspection_id);
    return inspection.ok() && inspection->has_value() &&
           (*inspection)->state() == v1::INSPECTION_STATE_REPORT_PUBLISHED;
  };
}

}  // namespace

absl::StatusOr<std::unique_ptr<FindingsServer>> FindingsServer::Start(
    const FindingsServerOptions& options) {
  auto parts = std::make_unique<Parts>();
  // Bad TLS files or policy stop the start before the store is touched.
  ASSIGN_OR_RETURN(common::ServerAccess access,
                   common::LoadServerAccess(options.security));
  ASSIGN_OR_RETURN(std::shared_ptr<grpc::ChannelCredentials> to_intake,
                   common::ChannelCredentialsFor(options.security));
  ASSIGN_OR_RETURN(
      auto frameworks,
      options.frameworks_dir.empty()
          ? common::FrameworkRegistry::LoadBuiltIn()
          : common::FrameworkRegistry::LoadDirectory(options.frameworks_dir));
  parts->frameworks =
      std::make_unique<common::FrameworkRegistry>(std::move(frameworks));
  ASSIGN_OR_RETURN(parts->store,
                   FindingsStore::Open({options.data_dir, options.sync}));
  FindingsStore* store = parts->store.get();
  parts->purger = std::make_unique<common::ErasurePurger>(
      [store] { return store->PurgeErasedContent(); });
  IntakeFeedOptions feed_options;
  feed_options.intake = options.intake;
  // The feed is built before the metrics that count its work: the hook
  // reaches them through `parts`, which outlives the feed's thread.
  feed_options.on_applied =
      [metrics = &parts->findings_metrics](const v1::Change& change) {
        (*metrics)->ChangeApplied(change);
      };
  feed_options.credentials = to_intake;
  common::ErasurePurger* purger = parts->purger.get();
  feed_options.after_erasure = [purger] { purger->Request(); };
  parts->feed = std::make_unique<IntakeFeed>(*parts->store, feed_options);
  parts->findings_metrics = std::make_unique<FindingsMetrics>(
      parts->metrics, *parts->store, *parts->feed);
  parts->gate = NewIntakeFieldworkGate(options.intake, to_intake);
  parts->judgements = std::make_unique<CaseJudgements>(
      *parts->store, *parts->frameworks, *parts->gate);
  parts->inputs =
      std::make_unique<ReportInputsDesk>(*parts->store, *parts->frameworks);
  parts->verdicts =
      std::make_unique<VerdictDesk>(*parts->store, *parts->frameworks);
  // Over mutual TLS every call of every service passes the one access table
  // first: the audit trail and backups too (auditors and operators only),
  // or they would hand every record to any certificate of the CA.
  if (access.policy != nullptr) {
    parts->authorizer = std::make_unique<common::Authorizer>(
        access.policy, PublishedIn(*parts->store));
  }
  parts->service = std::make_unique<FindingsService>(
      *parts->store, *parts->judgements, *parts->inputs, *parts->verdicts,
      *parts->feed, *parts->findings_metrics, parts->authorizer.get());
  parts->audit = std::make_unique<common::AuditTrailService>(
      *parts->store, parts->authorizer.get());
  parts->backups = std::make_unique<common::BackupDesk>(
      common::BackupSubject{
          "findings", [store] { return store->Cursor(); },
          [store](const std::string& dir, const v1::BackupMetadata& metadata) {
            return store->CreateBackup(dir, metadata);
          }},
      options.backup_dir);
  parts->admin = std::make_unique<common::AdminService>(
      *parts->backups, parts->authorizer.get());

  int metrics_port = 0;
  if (!options.metrics_listen.empty()) {
    ASSIGN_OR_RETURN(metrics_port,
                     parts->metrics.Serve(options.metrics_listen));
  }

  grpc::Service* served = parts->service.get();
  grpc::Service* audit = parts->audit.get();
  grpc::Service* admin = parts->admin.get();

  ASSIGN_OR_RETURN(
      common::StartedServer started,
      common::StartGrpcServer(options.listen, {served, audit, admin},
                              {"yjinspect.v1.Findings"},
                              {access.credentials, options.health_listen}));
  parts->server = std::move(started.server);
  parts->health_server = std::move(started.health_server);
  parts->feed->Start();
  auto server = std::unique_ptr<FindingsServer>(
      new FindingsServer(std::move(parts), started.port));
  server->address_ = common::DialAddress(options.listen, started.port);
  server->health_port_ = started.health_port;
  server->metrics_port_ = metrics_port;
  return server;
}

FindingsServer::FindingsServer(std::unique_ptr<Parts> parts, int port)
    : parts_(std::move(parts)), port_(port) {}

FindingsServer::~FindingsServer() { Shutdown(); }

FindingsStore& FindingsServer::store() { return *parts_->store; }
common::ErasurePurger& FindingsServer::purger() { return *parts_->purger; }
IntakeFeed& FindingsServer::feed() { return *parts_->feed; }

void FindingsServer::Shutdown(absl::Duration deadline) {
  if (stopped_) return;
  stopped_ = true;
  parts_->metrics.StopServing();
  common::StopHealthReporting(*parts_->server, parts_->health_server.get());
  parts_->feed->Stop();
  parts_->server->Shutdown(absl::ToChronoTime(absl::Now() + deadline));
  parts_->server->Wait();
  parts_->backups->Shutdown();
  // A purge asked for by an erasure finishes before the store closes.
  parts_->purger.reset();
}

}  // namespace yjinspect::findings
