#include "services/intake/intake_server.h"

#include <utility>

#include "absl/strings/str_cat.h"
#include "common/admin/admin_service.h"
#include "common/admin/backup_desk.h"
#include "common/grpc_server.h"
#include "common/status_macros.h"
#include "grpcpp/grpcpp.h"
#include "services/intake/case_intake.h"
#include "services/intake/inspection_registry.h"
#include "services/intake/inspection_sampling.h"
#include "services/intake/intake_service.h"
#include "services/intake/stream/change_feed.h"

namespace yjinspect::intake {
namespace {

constexpr char kServiceName[] = "yjinspect.v1.CaseIntake";

}  // namespace

struct IntakeServer::Parts {
  std::unique_ptr<common::FrameworkRegistry> frameworks;
  std::unique_ptr<IntakeStore> store;
  std::unique_ptr<ChangeFeed> feed;
  std::unique_ptr<CaseIntake> cases;
  std::unique_ptr<InspectionRegistry> inspections;
  std::unique_ptr<InspectionSampling> sampling;
  std::unique_ptr<IntakeService> service;
  std::unique_ptr<common::BackupDesk> backups;
  std::unique_ptr<common::AdminService> admin;
  std::unique_ptr<grpc::Server> server;
};

absl::StatusOr<std::unique_ptr<IntakeServer>> IntakeServer::Start(
    const IntakeServerOptions& options) {
  auto parts = std::make_unique<Parts>();
  ASSIGN_OR_RETURN(
      auto frameworks,
      options.frameworks_dir.empty()
          ? common::FrameworkRegistry::LoadBuiltIn()
          : common::FrameworkRegistry::LoadDirectory(options.frameworks_dir));
  parts->frameworks =
      std::make_unique<common::FrameworkRegistry>(std::move(frameworks));
  ASSIGN_OR_RETURN(parts->store,
                   IntakeStore::Open({options.data_dir, options.sync}));
  parts->feed = std::make_unique<ChangeFeed>(*parts->store);
  parts->cases = std::make_unique<CaseIntake>(*parts->store);
  parts->inspections =
      std::make_unique<InspectionRegistry>(*parts->store, *parts->frameworks);
  parts->sampling =
      std::make_unique<InspectionSampling>(*parts->store, *parts->frameworks);
  parts->service = std::make_unique<IntakeService>(
      *parts->store, *parts->cases, *parts->inspections, *parts->sampling,
      *parts->feed);
  IntakeStore* store = parts->store.get();
  parts->backups = std::make_unique<common::BackupDesk>(
      common::BackupSubject{
          "intake", [store] { return store->HeadSequence(); },
          [store](const std::string& dir, const v1::BackupMetadata& metadata) {
            return store->CreateBackup(dir, metadata);
          }},
      options.backup_dir);
  parts->admin = std::make_unique<common::AdminService>(*parts->backups);

  ASSIGN_OR_RETURN(
      common::StartedServer started,
      common::StartGrpcServer(options.listen,
                              {parts->service.get(), parts->admin.get()},
                              {kServiceName}));
  parts->server = std::move(started.server);
  auto server = std::unique_ptr<IntakeServer>(
      new IntakeServer(std::move(parts), started.port));
  server->address_ = common::DialAddress(options.listen, started.port);
  return server;
}

IntakeServer::IntakeServer(std::unique_ptr<Parts> parts, int port)
    : parts_(std::move(parts)), store_(parts_->store.get()), port_(port) {}

IntakeServer::~IntakeServer() { Shutdown(); }

void IntakeServer::Shutdown(absl::Duration deadline) {
  if (stopped_) return;
  stopped_ = true;
  parts_->server->GetHealthCheckService()->Shutdown();
  // Streams waiting for changes end first, so the server's shutdown does not
  // wait out its deadline on them.
  parts_->feed->Shutdown();
  parts_->server->Shutdown(absl::ToChronoTime(absl::Now() + deadline));
  parts_->server->Wait();
  // A backup still copying holds the store: it ends before the store closes.
  parts_->backups->Shutdown();
  parts_->store->Close();
}

}  // namespace yjinspect::intake
