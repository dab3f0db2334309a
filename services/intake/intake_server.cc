#include "services/intake/intake_server.h"

#include <utility>

#include "absl/strings/str_cat.h"
#include "common/access/access_rules.h"
#include "common/admin/admin_service.h"
#include "common/admin/backup_desk.h"
#include "common/audit/audit_trail_service.h"
#include "common/erasure_purger.h"
#include "common/grpc_server.h"
#include "common/logging.h"
#include "common/service_metrics.h"
#include "common/status_macros.h"
#include "grpcpp/grpcpp.h"
#include "services/intake/case_intake.h"
#include "services/intake/inspection_registry.h"
#include "services/intake/inspection_sampling.h"
#include "services/intake/intake_metrics.h"
#include "services/intake/intake_service.h"
#include "services/intake/privacy/child_pseudonyms.h"
#include "services/intake/stream/change_feed.h"

namespace yjinspect::intake {
namespace {

constexpr char kServiceName[] = "yjinspect.v1.CaseIntake";

// The pseudonym key: from its file, or the public development key only when
// asked for explicitly. No key, no service: storing YOTs' own references
// would make every stored case joinable back to the child.
absl::StatusOr<ChildPseudonyms> PseudonymsFor(
    const IntakeServerOptions& options) {
  if (!options.pseudonym_key_file.empty()) {
    return ChildPseudonyms::FromKeyFile(options.pseudonym_key_file);
  }
  if (options.insecure_development_pseudonyms) {
    spdlog::warn(
        "using the public development pseudonym key: never use this store "
        "for real cases");
    return ChildPseudonyms::InsecureDevelopmentKey();
  }
  return absl::FailedPreconditionError(
      "no pseudonym key: pass --pseudonym_key_file (create one with "
      "`yjinspect keygen --out=FILE`), or --insecure_development_pseudonyms "
      "for a development store");
}

}  // namespace

struct IntakeServer::Parts {
  std::unique_ptr<common::FrameworkRegistry> frameworks;
  std::unique_ptr<ChildPseudonyms> pseudonyms;
  std::unique_ptr<IntakeStore> store;
  // After the store: destroyed (and so no longer scraping) before it.
  common::ServiceMetrics metrics{"intake"};
  std::unique_ptr<IntakeMetrics> intake_metrics;
  std::unique_ptr<common::ErasurePurger> purger;
  std::unique_ptr<ChangeFeed> feed;
  std::unique_ptr<CaseIntake> cases;
  std::unique_ptr<InspectionRegistry> inspections;
  std::unique_ptr<InspectionSampling> sampling;
  // Before the services whose edges ask it: destroyed after them.
  std::unique_ptr<common::Authorizer> authorizer;
  std::unique_ptr<IntakeService> service;
  std::unique_ptr<common::AuditTrailService> audit;
  std::unique_ptr<common::BackupDesk> backups;
  std::unique_ptr<common::AdminService> admin;
  std::unique_ptr<grpc::Server> server;
  std::unique_ptr<grpc::Server> health_server;
};

absl::StatusOr<std::unique_ptr<IntakeServer>> IntakeServer::Start(
    const IntakeServerOptions& options) {
  auto parts = std::make_unique<Parts>();
  // Bad TLS files or policy stop the start before the store is touched.
  ASSIGN_OR_RETURN(common::ServerAccess access,
                   common::LoadServerAccess(options.security));
  ASSIGN_OR_RETURN(
      auto frameworks,
      options.frameworks_dir.empty()
          ? common::FrameworkRegistry::LoadBuiltIn()
          : common::FrameworkRegistry::LoadDirectory(options.frameworks_dir));
  parts->frameworks =
      std::make_unique<common::FrameworkRegistry>(std::move(frameworks));
  ASSIGN_OR_RETURN(ChildPseudonyms pseudonyms, PseudonymsFor(options));
  parts->pseudonyms = std::make_unique<ChildPseudonyms>(pseudonyms);
  ASSIGN_OR_RETURN(parts->store,
                   IntakeStore::Open({options.data_dir, options.sync}));
  parts->intake_metrics =
      std::make_unique<IntakeMetrics>(parts->metrics, *parts->store);
  IntakeStore* store = parts->store.get();
  parts->purger = std::make_unique<common::ErasurePurger>(
      [store] { return store->PurgeErasedContent(); });
  parts->feed = std::make_unique<ChangeFeed>(*parts->store);
  common::ErasurePurger* purger = parts->purger.get();
  parts->cases = std::make_unique<CaseIntake>(*parts->store, *parts->pseudonyms,
                                              [purger] { purger->Request(); });
  parts->inspections =
      std::make_unique<InspectionRegistry>(*parts->store, *parts->frameworks);
  parts->sampling =
      std::make_unique<InspectionSampling>(*parts->store, *parts->frameworks);
  // Over mutual TLS every call of every service passes the one access table
  // first: the audit trail and backups too (auditors and operators only),
  // or they would hand every record to any certificate of the CA.
  if (access.policy != nullptr) {
    parts->authorizer = std::make_unique<common::Authorizer>(access.policy);
  }
  parts->service = std::make_unique<IntakeService>(
      *parts->store, *parts->cases, *parts->inspections, *parts->sampling,
      *parts->feed, *parts->intake_metrics, parts->authorizer.get());
  parts->audit = std::make_unique<common::AuditTrailService>(
      *parts->store, parts->authorizer.get());
  parts->backups = std::make_unique<common::BackupDesk>(
      common::BackupSubject{
          "intake", [store] { return store->HeadSequence(); },
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

  ASSIGN_OR_RETURN(common::StartedServer started,
                   common::StartGrpcServer(
                       options.listen, {served, audit, admin}, {kServiceName},
                       {access.credentials, options.health_listen}));
  parts->server = std::move(started.server);
  parts->health_server = std::move(started.health_server);
  auto server = std::unique_ptr<IntakeServer>(
      new IntakeServer(std::move(parts), started.port));
  server->health_port_ = started.health_port;
  server->address_ = common::DialAddress(options.listen, started.port);
  server->metrics_port_ = metrics_port;
  return server;
}

IntakeServer::IntakeServer(std::unique_ptr<Parts> parts, int port)
    : parts_(std::move(parts)), store_(parts_->store.get()), port_(port) {}

IntakeServer::~IntakeServer() { Shutdown(); }

common::ErasurePurger& IntakeServer::purger() { return *parts_->purger; }

void IntakeServer::Shutdown(absl::Duration deadline) {
  if (stopped_) return;
  stopped_ = true;
  // Scrapes read the store: they end before it closes.
  parts_->metrics.StopServing();
  common::StopHealthReporting(*parts_->server, parts_->health_server.get());
  // Streams waiting for changes end first, so the server's shutdown does not
  // wait out its deadline on them.
  parts_->feed->Shutdown();
  parts_->server->Shutdown(absl::ToChronoTime(absl::Now() + deadline));
  parts_->server->Wait();
  // A backup still copying holds the store: it ends before the store closes.
  parts_->backups->Shutdown();
  parts_->store->Close();
  // A purge asked for by an erasure finishes before the store goes (Close
  // stops the committer, so no erasure asks for another).
  parts_->purger.reset();
}

}  // namespace yjinspect::intake
