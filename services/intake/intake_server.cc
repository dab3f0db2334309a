#include "services/intake/intake_server.h"

#include <utility>

#include "absl/strings/str_cat.h"
#include "common/host/erasure_purger.h"
#include "common/host/service_host.h"
#include "common/status_macros.h"
#include "common/telemetry/logging.h"
#include "services/intake/case_intake.h"
#include "services/intake/inspection_lifecycle.h"
#include "services/intake/inspection_registry.h"
#include "services/intake/inspection_sampling.h"
#include "services/intake/intake_metrics.h"
#include "services/intake/intake_service.h"
#include "services/intake/privacy/reference_pseudonyms.h"
#include "services/intake/stream/change_feed.h"

namespace yjinspect::intake {
namespace {

constexpr char kServiceName[] = "yjinspect.v1.CaseIntake";

// The pseudonym key: from its file, or the public development key only when
// asked for explicitly. No key, no service: storing YOTs' own references
// would make every stored case joinable back to the child.
absl::StatusOr<ReferencePseudonyms> PseudonymsFor(
    const IntakeServerOptions& options) {
  if (!options.pseudonym_key_file.empty()) {
    return ReferencePseudonyms::FromKeyFile(options.pseudonym_key_file);
  }
  if (options.insecure_development_pseudonyms) {
    spdlog::warn(
        "using the public development pseudonym key: never use this store "
        "for real cases");
    return ReferencePseudonyms::InsecureDevelopmentKey();
  }
  return absl::FailedPreconditionError(
      "no pseudonym key: pass --pseudonym_key_file (create one with "
      "`yjinspect keygen --out=FILE`), or --insecure_development_pseudonyms "
      "for a development store");
}

}  // namespace

struct IntakeServer::Parts {
  // First: destroyed last. It holds the metrics and the purger the parts
  // below use, and its Shutdown (before any of them goes) stops the server.
  std::unique_ptr<common::ServiceHost> host;
  std::unique_ptr<ReferencePseudonyms> pseudonyms;
  std::unique_ptr<IntakeStore> store;
  std::unique_ptr<IntakeMetrics> intake_metrics;
  std::unique_ptr<ChangeFeed> feed;
  std::unique_ptr<CaseIntake> cases;
  std::unique_ptr<VictimCaseIntake> victim_cases;
  std::unique_ptr<InspectionRegistry> inspections;
  std::unique_ptr<InspectionSampling> sampling;
  std::unique_ptr<InspectionLifecycle> lifecycle;
  std::unique_ptr<IntakeService> service;
};

absl::StatusOr<std::unique_ptr<IntakeServer>> IntakeServer::Start(
    const IntakeServerOptions& options) {
  auto parts = std::make_unique<Parts>();
  ASSIGN_OR_RETURN(parts->host,
                   common::ServiceHost::Prepare("intake", options));
  common::ServiceHost& host = *parts->host;
  ASSIGN_OR_RETURN(ReferencePseudonyms pseudonyms, PseudonymsFor(options));
  parts->pseudonyms = std::make_unique<ReferencePseudonyms>(pseudonyms);
  StoreOptions store_options;
  store_options.path = options.data_dir;
  store_options.sync = options.sync;
  store_options.safeguards = {options.verify_store_on_start,
                              options.min_free_disk_bytes};
  ASSIGN_OR_RETURN(parts->store, IntakeStore::Open(store_options));
  IntakeStore* store = parts->store.get();
  parts->intake_metrics =
      std::make_unique<IntakeMetrics>(host.metrics(), *store);
  host.AttachStore(
      {store, [store] { return store->PurgeErasedContent(); },
       common::BackupSubject{
           "intake", [store] { return store->HeadSequence(); },
           [store](const std::string& dir, const v1::BackupMetadata& metadata) {
             return store->CreateBackup(dir, metadata);
           },
           [store] { return store->ReadAuditHead(); }},
       [store] { store->Close(); }, nullptr, nullptr,
       [store] { return store->Figures(); }});
  parts->feed = std::make_unique<ChangeFeed>(*store);
  common::ErasurePurger* purger = &host.purger();
  parts->cases = std::make_unique<CaseIntake>(*store, *parts->pseudonyms,
                                              [purger] { purger->Request(); });
  parts->victim_cases = std::make_unique<VictimCaseIntake>(
      *store, *parts->pseudonyms, [purger] { purger->Request(); });
  parts->inspections =
      std::make_unique<InspectionRegistry>(*store, host.frameworks());
  parts->sampling =
      std::make_unique<InspectionSampling>(*store, host.frameworks());
  parts->lifecycle = std::make_unique<InspectionLifecycle>(*store);
  parts->service = std::make_unique<IntakeService>(
      *store, *parts->cases, *parts->victim_cases, *parts->inspections,
      *parts->sampling, *parts->lifecycle, *parts->feed, *parts->intake_metrics,
      host.authorizer(), options.max_concurrent_uploads);
  ChangeFeed* feed = parts->feed.get();
  RETURN_IF_ERROR(host.Start(parts->service.get(), kServiceName,
                             [feed] { feed->Shutdown(); }));
  return std::unique_ptr<IntakeServer>(new IntakeServer(std::move(parts)));
}

IntakeServer::IntakeServer(std::unique_ptr<Parts> parts)
    : parts_(std::move(parts)), store_(parts_->store.get()) {}

IntakeServer::~IntakeServer() { Shutdown(); }

int IntakeServer::port() const { return parts_->host->port(); }
int IntakeServer::health_port() const { return parts_->host->health_port(); }
int IntakeServer::metrics_port() const { return parts_->host->metrics_port(); }
const std::string& IntakeServer::address() const {
  return parts_->host->address();
}
common::ErasurePurger& IntakeServer::purger() { return parts_->host->purger(); }

void IntakeServer::Shutdown(absl::Duration deadline) {
  parts_->host->Shutdown(deadline);
}

}  // namespace yjinspect::intake
