#pragma once

// Wakes the case streams that have caught up with the change log when a new
// commit lands. One thread does the waking, so the committer only stores a
// number and signals: a slow or numerous set of streams never slows commits.

#include <cstdint>
#include <set>
#include <thread>

#include "absl/base/thread_annotations.h"
#include "absl/synchronization/mutex.h"
#include "services/intake/storage/intake_store.h"

namespace yjinspect::intake {

// A stream waiting for changes beyond what it has seen.
class ParkedStream {
 public:
  virtual ~ParkedStream() = default;
  // New changes may be there. Runs on the feed thread with the feed locked:
  // it may call ChangeFeed::ParkFromWake, nothing else of the feed.
  virtual void Wake() = 0;
  // The service is shutting down. Same thread and lock as Wake.
  virtual void Close() = 0;
};

class ChangeFeed {
 public:
  enum class ParkResult {
    // Parked: Wake or Close will be called.
    kParked,
    // Not parked: the log has moved beyond `seen` already; read again.
    kBehind,
    // Not parked: the feed is shut down.
    kClosed,
  };

  explicit ChangeFeed(IntakeStore& store);
  ~ChangeFeed();

  // Parks `stream` until the head of the log passes `seen`.
  ParkResult Park(ParkedStream* stream, uint64_t seen);
  // The same, from inside Wake (the feed's lock is already held).
  ParkResult ParkFromWake(ParkedStream* stream, uint64_t seen)
      ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);
  // Forgets `stream`; call before destroying it. Waits for a Wake of it in
  // progress to return.
  void Remove(ParkedStream* stream);
  // Closes every parked stream and refuses to park more. Idempotent.
  void Shutdown();

 private:
  void Run();
  ParkResult ParkLocked(ParkedStream* stream, uint64_t seen)
      ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);

  IntakeStore& store_;
  uint64_t listener_id_ = 0;

  // The committer's side: a head and a signal, nothing slow.
  absl::Mutex signal_mu_;
  uint64_t head_ ABSL_GUARDED_BY(signal_mu_) = 0;
  bool stopping_ ABSL_GUARDED_BY(signal_mu_) = false;
  // The head the feed thread last woke the streams for.
  uint64_t woken_for_ ABSL_GUARDED_BY(signal_mu_) = 0;

  // The streams' side.
  absl::Mutex mu_;
  std::set<ParkedStream*> parked_ ABSL_GUARDED_BY(mu_);
  bool closed_ ABSL_GUARDED_BY(mu_) = false;

  std::thread thread_;
};

}  // namespace yjinspect::intake
