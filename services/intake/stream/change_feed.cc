#include "services/intake/stream/change_feed.h"

#include <algorithm>
#include <utility>

#include "absl/time/clock.h"

namespace yjinspect::intake {

ChangeFeed::ChangeFeed(IntakeStore& store, absl::Duration checkpoint_interval)
    : store_(store), checkpoint_interval_(checkpoint_interval) {
  {
    absl::MutexLock lock(&signal_mu_);
    head_ = woken_for_head_ = store_.HeadSequence();
    feed_head_ = woken_for_feed_ = store_.FeedHeadSequence();
    next_tick_ = absl::Now() + checkpoint_interval_;
  }
  listener_id_ = store_.AddCommitListener([this](uint64_t new_head) {
    // The store moves its feed head before its head and before telling.
    const uint64_t new_feed_head = store_.FeedHeadSequence();
    absl::MutexLock lock(&signal_mu_);
    if (new_head > head_) head_ = new_head;
    if (new_feed_head > feed_head_) feed_head_ = new_feed_head;
  });
  thread_ = std::thread([this] { Run(); });
}

ChangeFeed::~ChangeFeed() {
  Shutdown();
  store_.RemoveCommitListener(listener_id_);
}

ChangeFeed::ParkResult ChangeFeed::Park(ParkedStream* stream,
                                        uint64_t feed_seen,
                                        bool owes_checkpoint) {
  absl::MutexLock lock(&mu_);
  return ParkLocked(stream, feed_seen, owes_checkpoint);
}

ChangeFeed::ParkResult ChangeFeed::ParkFromWake(ParkedStream* stream,
                                                uint64_t feed_seen,
                                                bool owes_checkpoint) {
  return ParkLocked(stream, feed_seen, owes_checkpoint);
}

ChangeFeed::ParkResult ChangeFeed::ParkLocked(ParkedStream* stream,
                                              uint64_t feed_seen,
                                              bool owes_checkpoint) {
  if (closed_) return ParkResult::kClosed;
  // Insert first, then look at the feed's head: a commit after this check
  // wakes the stream; one before it is seen here. No wake-up is lost.
  parked_.insert(stream);
  if (store_.FeedHeadSequence() > feed_seen) {
    parked_.erase(stream);
    return ParkResult::kBehind;
  }
  if (owes_checkpoint) {
    absl::MutexLock lock(&signal_mu_);
    checkpoint_owed_ = true;
  }
  return ParkResult::kParked;
}

void ChangeFeed::Remove(ParkedStream* stream) {
  absl::MutexLock lock(&mu_);
  parked_.erase(stream);
}

void ChangeFeed::Shutdown() {
  {
    absl::MutexLock lock(&signal_mu_);
    if (stopping_) return;
    stopping_ = true;
  }
  thread_.join();
}

bool ChangeFeed::Urgent() const {
  return stopping_ || feed_head_ > woken_for_feed_;
}

bool ChangeFeed::TickWanted() const {
  return head_ > woken_for_head_ || checkpoint_owed_;
}

bool ChangeFeed::Stirred() const { return Urgent() || TickWanted(); }

bool ChangeFeed::AwaitWake() {
  absl::MutexLock lock(&signal_mu_);
  while (!Urgent()) {
    if (!TickWanted()) {
      signal_mu_.Await(absl::Condition(this, &ChangeFeed::Stirred));
      continue;
    }
    if (absl::Now() >= next_tick_) break;
    signal_mu_.AwaitWithDeadline(absl::Condition(this, &ChangeFeed::Urgent),
                                 next_tick_);
  }
  // Every parked stream is woken now, and sees these heads.
  woken_for_feed_ = feed_head_;
  woken_for_head_ = head_;
  checkpoint_owed_ = false;
  return !stopping_;
}

void ChangeFeed::Woke(size_t streams) {
  // A tick's work grows with the streams it wakes: space the ticks so that
  // they take about the same share of a core however many there are.
  const absl::Duration spacing =
      std::max(checkpoint_interval_,
               kTickSpacingPerStream * static_cast<int64_t>(streams));
  absl::MutexLock lock(&signal_mu_);
  next_tick_ = absl::Now() + spacing;
}

void ChangeFeed::Run() {
  while (true) {
    const bool running = AwaitWake();
    absl::MutexLock lock(&mu_);
    std::set<ParkedStream*> streams;
    streams.swap(parked_);
    if (!running) {
      closed_ = true;
      for (ParkedStream* stream : streams) stream->Close();
      return;
    }
    for (ParkedStream* stream : streams) stream->Wake();
    Woke(streams.size());
  }
}

}  // namespace yjinspect::intake
