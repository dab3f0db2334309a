#pragma once

// Follows the intake service's StreamSampledCases from the findings store's
// cursor and applies each change (with the cursor, in one batch). Reconnects
// with exponential backoff and resumes after the cursor whenever either side
// restarts: no change lost (intake delivers everything after the cursor),
// none applied twice (a change at or before the cursor is skipped).

#include <functional>
#include <memory>
#include <string>
#include <thread>

#include "absl/base/thread_annotations.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "common/clock.h"
#include "services/findings/storage/findings_store.h"
#include "yjinspect/v1/findings_service.pb.h"

namespace grpc {
class ChannelCredentials;
class ClientContext;
}  // namespace grpc

namespace yjinspect::findings {

struct IntakeFeedOptions {
  // host:port of the intake service.
  std::string intake = "127.0.0.1:50051";
  // How to reach it (TLS with this service's certificate); null: plaintext.
  std::shared_ptr<grpc::ChannelCredentials> credentials;
  absl::Duration initial_backoff = absl::Milliseconds(100);
  absl::Duration max_backoff = absl::Seconds(5);
  // How often the open stream is pinged when quiet, and how long an answer
  // may take: a partition that leaves the connection open is noticed within
  // twice this.
  absl::Duration keepalive = absl::Seconds(20);
  // The feed is degraded once findings has not been up to date with intake
  // for this long (FeedStatus.degraded).
  absl::Duration degraded_after = absl::Seconds(30);
  // The jitter added to each reconnection wait (tests give fixed bits).
  // Waits themselves are real time: they are mutex waits a stop ends.
  common::RandomBits random = common::SystemRandom();
  // Runs on the feed thread after each change (a checkpoint too) is newly
  // applied: metrics. Must not block.
  std::function<void(const v1::Change&)> on_applied;
  // Runs after each erasure is applied (it asks for the erased bytes to be
  // purged from the disk); must not block.
  std::function<void()> after_erasure;
};

class IntakeFeed {
 public:
  IntakeFeed(FindingsStore& store, IntakeFeedOptions options);
  // Stops if running.
  ~IntakeFeed();

  // Starts following intake; nothing while already following, and after
  // Stop it follows again from the store's cursor.
  void Start();
  // Cancels the stream and waits for the feed thread to end. Idempotent.
  void Stop();

  v1::FeedStatus Status() const;

  // Changes asked for per stream response: each response is one write to
  // the store with the cursor. A few hundred take the per-write cost off
  // delivery; the stream's memory on both sides grows with it.
  static constexpr uint32_t kChangesPerMessage = 256;
  // True once the cursor reaches `sequence`, false at the deadline.
  bool WaitForCursor(uint64_t sequence, absl::Duration timeout) const;

 private:
  void Run();
  // One connection: streams until it ends; returns why it ended and sets
  // `*received` when the cursor moved (a change or a checkpoint applied).
  std::string FollowOnce(bool* received);
  // After `changes` were applied: logs, reports (on_applied) and follows up
  // (after_erasure) each one past `before`, the cursor before them.
  void Applied(const google::protobuf::RepeatedPtrField<v1::Change>& changes,
               uint64_t before);

  FindingsStore& store_;
  const IntakeFeedOptions options_;

  mutable absl::Mutex mu_;
  bool stopping_ ABSL_GUARDED_BY(mu_) = false;
  grpc::ClientContext* call_ ABSL_GUARDED_BY(mu_) = nullptr;
  v1::FeedStatus status_ ABSL_GUARDED_BY(mu_);
  // When findings was last known to hold every change intake had.
  mutable absl::Time caught_up_at_ ABSL_GUARDED_BY(mu_) = absl::Now();
  std::thread thread_;
};

}  // namespace yjinspect::findings
