#pragma once

// Wakes the case streams that are parked, having delivered everything
// there is for them. One thread does the waking, so the committer only
// stores a number and signals: a slow or numerous set of streams never
// slows commits.
//
// What wakes a parked stream:
//   - a commit with a change for the findings service (the feed): at once,
//     since the stream has something to deliver;
//   - the log moving with changes the streams do not carry (a case that is
//     not sampled): only at the next checkpoint tick, at most one per
//     `checkpoint_interval`, since all the stream owes its consumer then is
//     a checkpoint of the new head. Waking every parked stream on every
//     such commit made each commit's cost grow with the number of
//     subscribers.
// A stream whose write is in flight (a slow or stalled consumer) is not
// parked, so no commit or tick visits it. Each stream holds at most one
// read of changes (SampledCaseStream), whatever its consumer does.

#include <cstdint>
#include <set>
#include <thread>

#include "absl/base/thread_annotations.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "services/intake/storage/intake_store.h"

namespace yjinspect::intake {

// A stream waiting for changes beyond what it has seen.
class ParkedStream {
 public:
  virtual ~ParkedStream() = default;
  // New changes, or a new head to checkpoint, may be there. Runs on the
  // feed thread with the feed locked: it may call ChangeFeed::ParkFromWake,
  // nothing else of the feed.
  virtual void Wake() = 0;
  // The service is shutting down. Same thread and lock as Wake.
  virtual void Close() = 0;
};

class ChangeFeed {
 public:
  enum class ParkResult {
    // Parked: Wake or Close will be called.
    kParked,
    // Not parked: the feed has moved beyond `feed_seen` already; read again.
    kBehind,
    // Not parked: the feed is shut down.
    kClosed,
  };

  // How often parked streams are woken, at most, to checkpoint a head that
  // moved with changes they do not carry; with many parked streams, ticks
  // are further apart: at least this much per stream woken by the last.
  // (300 streams, a tick every 0.9 s; measured in bench/RESULTS.md.)
  static constexpr absl::Duration kCheckpointInterval = absl::Milliseconds(100);
  static constexpr absl::Duration kTickSpacingPerStream = absl::Milliseconds(3);

  explicit ChangeFeed(IntakeStore& store,
                      absl::Duration checkpoint_interval = kCheckpointInterval);
  ~ChangeFeed();

  // Parks `stream` until the feed's head (IntakeStore::FeedHeadSequence)
  // passes `feed_seen`, or until the next checkpoint tick. `owes_checkpoint`:
  // the stream has a head to checkpoint that it held back; the next tick
  // comes even if the log does not move again.
  ParkResult Park(ParkedStream* stream, uint64_t feed_seen,
                  bool owes_checkpoint = false);
  // The same, from inside Wake (the feed's lock is already held).
  ParkResult ParkFromWake(ParkedStream* stream, uint64_t feed_seen,
                          bool owes_checkpoint = false)
      ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);
  // Forgets `stream`; call before destroying it. Waits for a Wake of it in
  // progress to return.
  void Remove(ParkedStream* stream);
  // Closes every parked stream and refuses to park more. Idempotent.
  void Shutdown();

  absl::Duration checkpoint_interval() const { return checkpoint_interval_; }

 private:
  void Run();
  // Waits until the parked streams are to be woken; false when stopping.
  bool AwaitWake();
  // After `streams` were woken: when the next tick may come.
  void Woke(size_t streams);
  // Wake at once: new changes for the streams, or stopping.
  bool Urgent() const ABSL_EXCLUSIVE_LOCKS_REQUIRED(signal_mu_);
  // Wake at the next tick: a head to checkpoint.
  bool TickWanted() const ABSL_EXCLUSIVE_LOCKS_REQUIRED(signal_mu_);
  bool Stirred() const ABSL_EXCLUSIVE_LOCKS_REQUIRED(signal_mu_);
  ParkResult ParkLocked(ParkedStream* stream, uint64_t feed_seen,
                        bool owes_checkpoint)
      ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);

  IntakeStore& store_;
  const absl::Duration checkpoint_interval_;
  uint64_t listener_id_ = 0;

  // The committer's side: heads and a signal, nothing slow.
  absl::Mutex signal_mu_;
  uint64_t head_ ABSL_GUARDED_BY(signal_mu_) = 0;
  uint64_t feed_head_ ABSL_GUARDED_BY(signal_mu_) = 0;
  bool stopping_ ABSL_GUARDED_BY(signal_mu_) = false;
  // What the streams were last woken for, and when the next tick may come.
  uint64_t woken_for_feed_ ABSL_GUARDED_BY(signal_mu_) = 0;
  uint64_t woken_for_head_ ABSL_GUARDED_BY(signal_mu_) = 0;
  absl::Time next_tick_ ABSL_GUARDED_BY(signal_mu_);
  // A parked stream holds back a checkpoint: tick even if the log is still.
  bool checkpoint_owed_ ABSL_GUARDED_BY(signal_mu_) = false;

  // The streams' side.
  absl::Mutex mu_ ABSL_ACQUIRED_BEFORE(signal_mu_);
  std::set<ParkedStream*> parked_ ABSL_GUARDED_BY(mu_);
  bool closed_ ABSL_GUARDED_BY(mu_) = false;

  std::thread thread_;
};

}  // namespace yjinspect::intake
