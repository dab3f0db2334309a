#include "services/intake/stream/change_feed.h"

#include <utility>

namespace yjinspect::intake {

ChangeFeed::ChangeFeed(IntakeStore& store) : store_(store) {
  const uint64_t head = store_.HeadSequence();
  {
    absl::MutexLock lock(&signal_mu_);
    head_ = head;
    woken_for_ = head;
  }
  listener_id_ = store_.AddCommitListener([this](uint64_t new_head) {
    absl::MutexLock lock(&signal_mu_);
    if (new_head > head_) head_ = new_head;
  });
  thread_ = std::thread([this] { Run(); });
}

ChangeFeed::~ChangeFeed() {
  Shutdown();
  store_.RemoveCommitListener(listener_id_);
}

ChangeFeed::ParkResult ChangeFeed::Park(ParkedStream* stream, uint64_t seen) {
  absl::MutexLock lock(&mu_);
  return ParkLocked(stream, seen);
}

ChangeFeed::ParkResult ChangeFeed::ParkFromWake(ParkedStream* stream,
                                                uint64_t seen) {
  return ParkLocked(stream, seen);
}

ChangeFeed::ParkResult ChangeFeed::ParkLocked(ParkedStream* stream,
                                              uint64_t seen) {
  if (closed_) return ParkResult::kClosed;
  // Insert first, then look at the head: a commit after this check wakes
  // the stream; one before it is seen here. No wake-up is lost.
  parked_.insert(stream);
  if (store_.HeadSequence() > seen) {
    parked_.erase(stream);
    return ParkResult::kBehind;
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

void ChangeFeed::Run() {
  while (true) {
    bool stopping = false;
    {
      absl::MutexLock lock(&signal_mu_);
      signal_mu_.Await(absl::Condition(
          +[](ChangeFeed* self)
               ABSL_EXCLUSIVE_LOCKS_REQUIRED(self->signal_mu_) {
                 return self->stopping_ || self->head_ > self->woken_for_;
               },
          this));
      stopping = stopping_;
      woken_for_ = head_;
    }
    absl::MutexLock lock(&mu_);
    std::set<ParkedStream*> streams;
    streams.swap(parked_);
    if (stopping) {
      closed_ = true;
      for (ParkedStream* stream : streams) stream->Close();
      return;
    }
    for (ParkedStream* stream : streams) stream->Wake();
  }
}

}  // namespace yjinspect::intake
