#include "services/findings/findings_server.h"

#include <utility>

#include "absl/strings/str_cat.h"
#include "common/access/access_rules.h"
#include "common/host/erasure_purger.h"
#include "common/host/service_host.h"
#include "common/resource_names.h"
#include "common/status_macros.h"
#include "common/telemetry/logging.h"
#include "grpcpp/grpcpp.h"
#include "services/findings/case_judgements.h"
#include "services/findings/fieldwork_gate.h"
#include "services/findings/findings_metrics.h"
#include "services/findings/findings_service.h"

namespace yjinspect::findings {

struct FindingsServer::Parts {
  // First: destroyed last. It holds the metrics and the purger the parts
  // below use, and its Shutdown (before any of them goes) stops the server.
  std::unique_ptr<common::ServiceHost> host;
  std::unique_ptr<FindingsStore> store;
  std::unique_ptr<IntakeFeed> feed;
  std::unique_ptr<FindingsMetrics> findings_metrics;
  std::unique_ptr<FieldworkGate> gate;
  std::unique_ptr<CaseJudgements> judgements;
  std::unique_ptr<ReportInputsDesk> inputs;
  std::unique_ptr<VerdictDesk> verdicts;
  std::unique_ptr<RecommendationDesk> recommendations;
  std::unique_ptr<ActionDesk> actions;
  std::unique_ptr<BoardSummaryDesk> board_summaries;
  std::unique_ptr<SecondMarkingDesk> second_markings;
  std::unique_ptr<ModerationDesk> moderation;
  std::unique_ptr<FindingsService> service;
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

// For submitters: the YOT of the inspection, as last received from intake;
// empty when it is unknown.
common::Authorizer::InspectionYot YotOf(const FindingsStore& store) {
  return [&store](absl::string_view inspection_id) -> std::string {
    auto inspection = store.GetInspection(inspection_id);
    if (!inspection.ok() || !inspection->has_value()) return "";
    return common::ParseYotName((*inspection)->yot()).value_or("");
  };
}

}  // namespace

absl::StatusOr<std::unique_ptr<FindingsServer>> FindingsServer::Start(
    const FindingsServerOptions& options) {
  auto parts = std::make_unique<Parts>();
  ASSIGN_OR_RETURN(parts->host,
                   common::ServiceHost::Prepare("findings", options));
  common::ServiceHost& host = *parts->host;
  ASSIGN_OR_RETURN(std::shared_ptr<grpc::ChannelCredentials> to_intake,
                   common::ChannelCredentialsFor(options.security));
  ASSIGN_OR_RETURN(parts->store,
                   FindingsStore::Open({options.data_dir,
                                        options.sync,
                                        {options.verify_store_on_start,
                                         options.min_free_disk_bytes}}));
  FindingsStore* store = parts->store.get();
  host.AttachStore(
      {store, [store] { return store->PurgeErasedContent(); },
       common::BackupSubject{
           "findings", [store] { return store->Cursor(); },
           [store](const std::string& dir, const v1::BackupMetadata& metadata) {
             return store->CreateBackup(dir, metadata);
           },
           [store] { return store->ReadAuditHead(); }},
       [store] { store->Close(); }, PublishedIn(*store), YotOf(*store),
       [store] { return store->Figures(); }});
  IntakeFeedOptions feed_options;
  feed_options.intake = options.intake;
  feed_options.keepalive = options.intake_keepalive;
  feed_options.degraded_after = options.feed_degraded_after;
  // The feed is built before the metrics that count its work: the hook
  // reaches them through `parts`, which outlives the feed's thread.
  feed_options.on_applied =
      [metrics = &parts->findings_metrics](const v1::Change& change) {
        (*metrics)->ChangeApplied(change);
      };
  feed_options.credentials = to_intake;
  common::ErasurePurger* purger = &host.purger();
  feed_options.after_erasure = [purger] { purger->Request(); };
  parts->feed = std::make_unique<IntakeFeed>(*store, feed_options);
  parts->findings_metrics =
      std::make_unique<FindingsMetrics>(host.metrics(), *store, *parts->feed);
  parts->gate = NewIntakeFieldworkGate(options.intake, to_intake);
  parts->judgements =
      std::make_unique<CaseJudgements>(*store, host.frameworks(), *parts->gate);
  parts->inputs = std::make_unique<ReportInputsDesk>(*store, host.frameworks());
  parts->verdicts = std::make_unique<VerdictDesk>(*store, host.frameworks());
  parts->recommendations =
      std::make_unique<RecommendationDesk>(*store, host.frameworks());
  parts->actions = std::make_unique<ActionDesk>(*store);
  parts->board_summaries = std::make_unique<BoardSummaryDesk>(
      *store, host.frameworks(), *parts->verdicts);
  parts->second_markings = std::make_unique<SecondMarkingDesk>(
      *store, host.frameworks(), *parts->judgements);
  parts->moderation =
      std::make_unique<ModerationDesk>(*store, host.frameworks(), *parts->gate);
  parts->service = std::make_unique<FindingsService>(
      *store, *parts->judgements, *parts->inputs, *parts->verdicts,
      *parts->recommendations, *parts->actions, *parts->board_summaries,
      *parts->second_markings, *parts->moderation, *parts->feed,
      *parts->findings_metrics, host.authorizer());
  IntakeFeed* feed = parts->feed.get();
  RETURN_IF_ERROR(host.Start(parts->service.get(), "yjinspect.v1.Findings",
                             [feed] { feed->Stop(); }));
  // Following intake starts once the service can answer.
  feed->Start();
  // Health `yjinspect.feed`: whether verdicts and reports can be trusted to
  // hold what intake has.
  host.Watch(
      kFeedHealthName,
      [feed] {
        const v1::FeedStatus status = feed->Status();
        if (!status.degraded()) return std::string();
        return absl::StrCat(
            "findings has not been up to date with intake for ",
            static_cast<int64_t>(status.lag_seconds()), " s (",
            status.connected() ? "connected, catching up" : status.last_error(),
            ")");
      },
      [](const std::string& problem) {
        common::LogEvent(spdlog::level::warn, "findings feed degraded",
                         common::LogFields().Add("reason", problem));
      },
      [] {
        common::LogEvent(spdlog::level::info,
                         "findings is up to date with intake again",
                         common::LogFields());
      });
  return std::unique_ptr<FindingsServer>(new FindingsServer(std::move(parts)));
}

FindingsServer::FindingsServer(std::unique_ptr<Parts> parts)
    : parts_(std::move(parts)) {}

FindingsServer::~FindingsServer() { Shutdown(); }

int FindingsServer::port() const { return parts_->host->port(); }
int FindingsServer::health_port() const { return parts_->host->health_port(); }
int FindingsServer::metrics_port() const {
  return parts_->host->metrics_port();
}
const std::string& FindingsServer::address() const {
  return parts_->host->address();
}
FindingsStore& FindingsServer::store() { return *parts_->store; }
common::ErasurePurger& FindingsServer::purger() {
  return parts_->host->purger();
}
IntakeFeed& FindingsServer::feed() { return *parts_->feed; }

void FindingsServer::Shutdown(absl::Duration deadline) {
  parts_->host->Shutdown(deadline);
}

}  // namespace yjinspect::findings
