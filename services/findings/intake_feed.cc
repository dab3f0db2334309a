#include "services/findings/intake_feed.h"

#include <algorithm>
#include <utility>

#include "absl/strings/str_cat.h"
#include "common/change_kind.h"
#include "common/request_id.h"
#include "common/rpc/grpc_status.h"
#include "common/telemetry/logging.h"
#include "grpcpp/grpcpp.h"
#include "yjinspect/v1/intake_service.grpc.pb.h"

namespace yjinspect::findings {
namespace {

std::shared_ptr<grpc::Channel> FeedChannel(
    const std::string& address,
    const std::shared_ptr<grpc::ChannelCredentials>& credentials,
    absl::Duration keepalive) {
  grpc::ChannelArguments args;
  // Keepalive notices a dead intake, or a partition that leaves the
  // connection open, on a quiet stream; fast reconnects keep the lag short
  // after intake restarts. A quiet stream sends no data, so pings must not
  // stop after the default two (intake's server accepts one a second).
  const int keepalive_ms = static_cast<int>(
      absl::ToInt64Milliseconds(std::max(keepalive, absl::Seconds(1))));
  args.SetInt(GRPC_ARG_KEEPALIVE_TIME_MS, keepalive_ms);
  args.SetInt(GRPC_ARG_KEEPALIVE_TIMEOUT_MS, keepalive_ms);
  args.SetInt(GRPC_ARG_KEEPALIVE_PERMIT_WITHOUT_CALLS, 1);
  args.SetInt(GRPC_ARG_HTTP2_MAX_PINGS_WITHOUT_DATA, 0);
  args.SetInt(GRPC_ARG_INITIAL_RECONNECT_BACKOFF_MS, 100);
  args.SetInt(GRPC_ARG_MIN_RECONNECT_BACKOFF_MS, 100);
  args.SetInt(GRPC_ARG_MAX_RECONNECT_BACKOFF_MS, 2000);
  args.SetMaxReceiveMessageSize(16 << 20);
  return grpc::CreateCustomChannel(
      address,
      credentials != nullptr ? credentials : grpc::InsecureChannelCredentials(),
      args);
}

// One debug line per applied change: its sequence and kind, never what it
// carries.
void LogApplied(const v1::Change& change) {
  if (change.kind_case() == v1::Change::KIND_NOT_SET) return;
  common::LogEvent(spdlog::level::debug, "applied change",
                   common::LogFields()
                       .Add("service", "findings")
                       .Add("method", "StreamSampledCases")
                       .Add("sequence", change.sequence())
                       .Add("kind", common::ChangeKindName(change)));
}

}  // namespace

IntakeFeed::IntakeFeed(FindingsStore& store, IntakeFeedOptions options)
    : store_(store), options_(std::move(options)) {
  absl::MutexLock lock(&mu_);
  status_.set_cursor(store_.Cursor());
}

IntakeFeed::~IntakeFeed() { Stop(); }

void IntakeFeed::Start() {
  if (thread_.joinable()) return;  // already following
  {
    absl::MutexLock lock(&mu_);
    stopping_ = false;
  }
  thread_ = std::thread([this] { Run(); });
}

void IntakeFeed::Stop() {
  {
    absl::MutexLock lock(&mu_);
    stopping_ = true;
    if (call_ != nullptr) call_->TryCancel();
  }
  if (thread_.joinable()) thread_.join();
}

v1::FeedStatus IntakeFeed::Status() const {
  absl::MutexLock lock(&mu_);
  v1::FeedStatus status = status_;
  status.set_cursor(store_.Cursor());
  status.set_lag(status.intake_head() > status.cursor()
                     ? status.intake_head() - status.cursor()
                     : 0);
  const absl::Time now = absl::Now();
  // Connected at intake's head (a quiet stream too): up to date now.
  if (status.connected() && status.lag() == 0) caught_up_at_ = now;
  const absl::Duration behind = now - caught_up_at_;
  status.set_lag_seconds(absl::ToDoubleSeconds(behind));
  status.set_degraded(behind > options_.degraded_after);
  const int64_t caught_up_nanos = absl::ToUnixNanos(caught_up_at_);
  status.mutable_caught_up_time()->set_seconds(caught_up_nanos / 1000000000);
  status.mutable_caught_up_time()->set_nanos(
      static_cast<int32_t>(caught_up_nanos % 1000000000));
  return status;
}

bool IntakeFeed::WaitForCursor(uint64_t sequence,
                               absl::Duration timeout) const {
  const absl::Time deadline = absl::Now() + timeout;
  while (store_.Cursor() < sequence) {
    if (absl::Now() >= deadline) return false;
    absl::SleepFor(absl::Milliseconds(5));
  }
  return true;
}

void IntakeFeed::Run() {
  absl::Duration backoff = options_.initial_backoff;
  while (true) {
    bool received = false;
    std::string why = FollowOnce(&received);
    absl::MutexLock lock(&mu_);
    status_.set_connected(false);
    status_.set_last_error(why);
    if (stopping_) return;
    // A connection that moved the cursor (a checkpoint too) was healthy:
    // start the backoff again from the beginning. One whose first change
    // the store refused was not: the same change comes first again, so
    // the waits grow as for an outage.
    if (received) {
      backoff = options_.initial_backoff;
    }
    spdlog::warn("intake stream ended ({}); reconnecting in {} ms", why,
                 absl::ToInt64Milliseconds(backoff));
    // Up to a quarter more, so many followers do not reconnect in step.
    const absl::Duration wait =
        backoff +
        backoff * (static_cast<double>(options_.random() % 1000) / 4000.0);
    mu_.AwaitWithTimeout(absl::Condition(&stopping_), wait);
    if (stopping_) return;
    backoff = std::min(backoff * 2, options_.max_backoff);
  }
}

void IntakeFeed::Applied(
    const google::protobuf::RepeatedPtrField<v1::Change>& changes,
    uint64_t before) {
  for (const v1::Change& change : changes) {
    if (change.sequence() <= before) continue;  // skipped: applied before
    // Log lines about this change carry the request id of the intake call
    // that made it: one case can be followed across both services.
    common::RequestIdScope request_scope(change.request_id());
    LogApplied(change);
    if (options_.on_applied) options_.on_applied(change);
    if ((change.has_case_erased() || change.has_victim_case_erased()) &&
        options_.after_erasure) {
      options_.after_erasure();
    }
  }
}

std::string IntakeFeed::FollowOnce(bool* received) {
  auto stub = v1::CaseIntake::NewStub(
      FeedChannel(options_.intake, options_.credentials, options_.keepalive));
  grpc::ClientContext context;
  {
    absl::MutexLock lock(&mu_);
    if (stopping_) return "stopping";
    call_ = &context;
  }
  // The stream is one long call with its own request id (intake logs it
  // when the stream starts and ends); each change carries its own.
  context.AddMetadata("x-request-id", common::NewRequestId());
  v1::StreamSampledCasesRequest request;
  request.set_after_sequence(store_.Cursor());
  request.set_max_changes_per_message(kChangesPerMessage);
  auto reader = stub->StreamSampledCases(&context, request);
  v1::StreamSampledCasesResponse response;
  std::string apply_error;
  while (reader->Read(&response)) {
    // An intake from before batched responses answers in `change`.
    if (response.changes_size() == 0 && response.has_change()) {
      *response.add_changes() = std::move(*response.mutable_change());
    }
    if (response.changes_size() == 0) continue;
    const uint64_t before = store_.Cursor();
    auto applied = store_.ApplyChanges(response.changes());
    if (applied.ok()) Applied(response.changes(), before);
    absl::MutexLock lock(&mu_);
    status_.set_connected(true);
    status_.set_intake_head(response.head_sequence());
    if (applied.ok() && store_.Cursor() >= response.head_sequence()) {
      caught_up_at_ = absl::Now();
    }
    if (!applied.ok()) {
      const auto& changes = response.changes();
      apply_error = absl::StrCat(
          "applying ",
          changes.size() == 1
              ? absl::StrCat("change ", changes[0].sequence())
              : absl::StrCat("changes ", changes[0].sequence(), " to ",
                             changes[changes.size() - 1].sequence()),
          ": ",
          applied.status().ToString(
              absl::StatusToStringMode::kWithNoExtraData));
      spdlog::error("{}", apply_error);
      context.TryCancel();
      break;
    }
    *received = true;
    // A checkpoint (no kind) only moves the cursor; it is not a change.
    for (const v1::Change& change : response.changes()) {
      if (change.sequence() > before &&
          change.kind_case() != v1::Change::KIND_NOT_SET) {
        status_.set_applied_since_start(status_.applied_since_start() + 1);
      }
    }
  }
  grpc::Status status = reader->Finish();
  absl::MutexLock lock(&mu_);
  call_ = nullptr;
  if (!apply_error.empty()) return apply_error;
  // "UNAVAILABLE: ...", as every other status this service reports; the
  // details (a refusal's ErrorInfo) are for programs, not this text.
  return common::FromGrpcStatus(status).ToString(
      absl::StatusToStringMode::kWithNoExtraData);
}

}  // namespace yjinspect::findings
