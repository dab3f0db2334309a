#include "services/findings/findings_server.h"

#include <utility>

#include "absl/strings/str_cat.h"
#include "common/admin/admin_service.h"
#include "common/admin/backup_desk.h"
#include "common/frameworks/framework_registry.h"
#include "common/grpc_server.h"
#include "common/status_macros.h"
#include "grpcpp/grpcpp.h"
#include "services/findings/case_judgements.h"
#include "services/findings/fieldwork_gate.h"
#include "services/findings/findings_service.h"

namespace yjinspect::findings {

struct FindingsServer::Parts {
  std::unique_ptr<common::FrameworkRegistry> frameworks;
  std::unique_ptr<FindingsStore> store;
  std::unique_ptr<IntakeFeed> feed;
  std::unique_ptr<FieldworkGate> gate;
  std::unique_ptr<CaseJudgements> judgements;
  std::unique_ptr<ReportInputsDesk> inputs;
  std::unique_ptr<VerdictDesk> verdicts;
  std::unique_ptr<FindingsService> service;
  std::unique_ptr<common::BackupDesk> backups;
  std::unique_ptr<common::AdminService> admin;
  std::unique_ptr<grpc::Server> server;
};

absl::StatusOr<std::unique_ptr<FindingsServer>> FindingsServer::Start(
    const FindingsServerOptions& options) {
  auto parts = std::make_unique<Parts>();
  ASSIGN_OR_RETURN(
      auto frameworks,
      options.frameworks_dir.empty()
          ? common::FrameworkRegistry::LoadBuiltIn()
          : common::FrameworkRegistry::LoadDirectory(options.frameworks_dir));
  parts->frameworks =
      std::make_unique<common::FrameworkRegistry>(std::move(frameworks));
  ASSIGN_OR_RETURN(parts->store,
                   FindingsStore::Open({options.data_dir, options.sync}));
  parts->feed = std::make_unique<IntakeFeed>(*parts->store,
                                             IntakeFeedOptions{options.intake});
  parts->gate = NewIntakeFieldworkGate(options.intake);
  parts->judgements = std::make_unique<CaseJudgements>(
      *parts->store, *parts->frameworks, *parts->gate);
  parts->inputs =
      std::make_unique<ReportInputsDesk>(*parts->store, *parts->frameworks);
  parts->verdicts =
      std::make_unique<VerdictDesk>(*parts->store, *parts->frameworks);
  parts->service = std::make_unique<FindingsService>(
      *parts->judgements, *parts->inputs, *parts->verdicts, *parts->feed);
  FindingsStore* store = parts->store.get();
  parts->backups = std::make_unique<common::BackupDesk>(
      common::BackupSubject{
          "findings", [store] { return store->Cursor(); },
          [store](const std::string& dir, const v1::BackupMetadata& metadata) {
            return store->CreateBackup(dir, metadata);
          }},
      options.backup_dir);
  parts->admin = std::make_unique<common::AdminService>(*parts->backups);

  ASSIGN_OR_RETURN(
      common::StartedServer started,
      common::StartGrpcServer(options.listen,
                              {parts->service.get(), parts->admin.get()},
                              {"yjinspect.v1.Findings"}));
  parts->server = std::move(started.server);
  parts->feed->Start();
  auto server = std::unique_ptr<FindingsServer>(
      new FindingsServer(std::move(parts), started.port));
  server->address_ = common::DialAddress(options.listen, started.port);
  return server;
}

FindingsServer::FindingsServer(std::unique_ptr<Parts> parts, int port)
    : parts_(std::move(parts)), port_(port) {}

FindingsServer::~FindingsServer() { Shutdown(); }

FindingsStore& FindingsServer::store() { return *parts_->store; }
IntakeFeed& FindingsServer::feed() { return *parts_->feed; }

void FindingsServer::Shutdown(absl::Duration deadline) {
  if (stopped_) return;
  stopped_ = true;
  parts_->server->GetHealthCheckService()->Shutdown();
  parts_->feed->Stop();
  parts_->server->Shutdown(absl::ToChronoTime(absl::Now() + deadline));
  parts_->server->Wait();
  parts_->backups->Shutdown();
}

}  // namespace yjinspect::findings
