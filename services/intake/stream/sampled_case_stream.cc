#include "services/intake/stream/sampled_case_stream.h"

#include <algorithm>
#include <string>
#include <utility>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "common/rpc/grpc_status.h"
#include "services/intake/stream/stream_request.h"

namespace yjinspect::intake {

SampledCaseStream::SampledCaseStream(
    IntakeStore& store, ChangeFeed& feed,
    const v1::StreamSampledCasesRequest& request, Delivered delivered,
    common::CallStart started)
    : store_(store),
      feed_(feed),
      delivered_(std::move(delivered)),
      started_(std::move(started)),
      per_message_(ChangesPerMessage(request)),
      batched_(Batched(request)),
      cursor_(request.after_sequence()) {
  const uint64_t after_sequence = request.after_sequence();
  const uint64_t head = store_.HeadSequence();
  if (after_sequence > head) {
    FinishOnce(grpc::Status(
        grpc::StatusCode::OUT_OF_RANGE,
        absl::StrCat("after_sequence ", after_sequence,
                     " is beyond the head of the change log (", head,
                     "); resume from a sequence this service delivered")));
    return;
  }
  Advance(/*on_feed_thread=*/false);
}

void SampledCaseStream::Advance(bool on_feed_thread) {
  while (true) {
    if (buffer_.empty()) {
      // Read the heads first: everything up to them is in the read below,
      // so parking on the feed's head cannot miss a commit.
      const uint64_t head = store_.HeadSequence();
      const uint64_t feed_head = store_.FeedHeadSequence();
      // Nothing for this stream past its cursor: no read (a checkpoint
      // tick wakes every parked stream).
      if (feed_head > cursor_) {
        auto changes =
            store_.ReadFeed(cursor_, std::max(kReadBatch, per_message_));
        if (!changes.ok()) {
          FinishOnce(common::ToGrpcStatus(changes.status()));
          return;
        }
        for (auto& change : *changes) buffer_.push_back(std::move(change));
      }
      bool owes_checkpoint = false;
      if (buffer_.empty() && head > cursor_ && head > checkpointed_) {
        // Caught up, but the log has moved on with changes this consumer
        // does not get: say so, so its cursor (and lag) can follow. At most
        // about once per checkpoint interval: a consumer that reads as fast
        // as the log moves would otherwise get one per commit.
        const absl::Time now = absl::Now();
        if (now - checkpointed_at_ >= feed_.checkpoint_interval() / 2) {
          v1::Change checkpoint;
          checkpoint.set_sequence(head);
          buffer_.push_back(std::move(checkpoint));
          checkpointed_ = head;
          checkpointed_at_ = now;
        } else {
          owes_checkpoint = true;
        }
      }
      if (buffer_.empty() && !greeted_) {
        // A consumer that subscribes at the head would hear nothing until
        // the log moves, and so could not tell a live stream at the head
        // from one still connecting (findings' feed status and lag). The
        // first answer is a checkpoint at the head, which it skips.
        v1::Change checkpoint;
        checkpoint.set_sequence(head);
        buffer_.push_back(std::move(checkpoint));
      }
      if (buffer_.empty()) {
        {
          absl::MutexLock lock(&mu_);
          if (cancelled_) break;
          parked_ = true;
        }
        ChangeFeed::ParkResult parked =
            on_feed_thread
                ? feed_.ParkFromWake(this, feed_head, owes_checkpoint)
                : feed_.Park(this, feed_head, owes_checkpoint);
        if (parked == ChangeFeed::ParkResult::kParked) return;
        {
          absl::MutexLock lock(&mu_);
          if (!parked_) return;  // OnCancel took over and finished
          parked_ = false;
        }
        if (parked == ChangeFeed::ParkResult::kClosed) {
          FinishOnce(grpc::Status(grpc::StatusCode::UNAVAILABLE,
                                  "the intake service is shutting down; "
                                  "resume after the last sequence received"));
          return;
        }
        continue;  // kBehind: read again
      }
    }
    FillResponse();
    greeted_ = true;
    StartWrite(&response_);
    return;
  }
  FinishOnce(grpc::Status(grpc::StatusCode::CANCELLED, "stream cancelled"));
}

void SampledCaseStream::FillResponse() {
  response_.Clear();
  if (!batched_) {
    *response_.mutable_change() = std::move(buffer_.front());
    buffer_.pop_front();
    cursor_ = response_.change().sequence();
    delivered_(response_.change());
  } else {
    size_t bytes = 0;
    // At least one change, however large; then whole changes while the
    // response stays within its count and size.
    while (!buffer_.empty() &&
           static_cast<size_t>(response_.changes_size()) < per_message_) {
      const size_t size = buffer_.front().ByteSizeLong();
      if (response_.changes_size() > 0 && bytes + size > kMaxBatchBytes) break;
      bytes += size;
      v1::Change* change = response_.add_changes();
      *change = std::move(buffer_.front());
      buffer_.pop_front();
      cursor_ = change->sequence();
      delivered_(*change);
    }
  }
  response_.set_head_sequence(store_.HeadSequence());
}

void SampledCaseStream::OnWriteDone(bool ok) {
  if (!ok) {  // the client went away
    FinishOnce(grpc::Status(grpc::StatusCode::CANCELLED, "client gone"));
    return;
  }
  Advance(/*on_feed_thread=*/false);
}

void SampledCaseStream::OnCancel() {
  bool was_parked = false;
  {
    absl::MutexLock lock(&mu_);
    cancelled_ = true;
    was_parked = parked_;
    parked_ = false;
  }
  // A parked stream has no write in flight to finish it: finish here. One
  // that is writing finishes in OnWriteDone(false).
  if (was_parked) {
    FinishOnce(grpc::Status(grpc::StatusCode::CANCELLED, "stream cancelled"));
  }
}

void SampledCaseStream::Wake() {
  {
    absl::MutexLock lock(&mu_);
    if (!parked_) return;
    parked_ = false;
  }
  Advance(/*on_feed_thread=*/true);
}

void SampledCaseStream::Close() {
  {
    absl::MutexLock lock(&mu_);
    if (!parked_) return;
    parked_ = false;
  }
  FinishOnce(grpc::Status(grpc::StatusCode::UNAVAILABLE,
                          "the intake service is shutting down; resume after "
                          "the last sequence received"));
}

void SampledCaseStream::FinishOnce(const grpc::Status& status) {
  {
    absl::MutexLock lock(&mu_);
    if (finished_) return;
    finished_ = true;
  }
  common::LogCall("StreamSampledCases", "-", common::FromGrpcStatus(status),
                  started_);
  Finish(status);
}

void SampledCaseStream::OnDone() {
  feed_.Remove(this);
  delete this;
}

}  // namespace yjinspect::intake
