#pragma once

// StreamSampledCases: one server-streaming reactor per subscriber. Exactly
// one write is in flight at a time (gRPC flow control is the backpressure: a
// slow consumer slows only its own stream, and the server holds at most one
// small batch of changes per stream). When caught up it parks on the
// ChangeFeed and is woken by the next commit with a change for it, or at
// the feed's next checkpoint tick; it never blocks inside a reaction.

#include <deque>
#include <functional>

#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "common/rpc/rpc_edge.h"
#include "grpcpp/support/server_callback.h"
#include "services/intake/storage/intake_store.h"
#include "services/intake/stream/change_feed.h"
#include "yjinspect/v1/intake_service.pb.h"

namespace yjinspect::intake {

class SampledCaseStream final
    : public grpc::ServerWriteReactor<v1::StreamSampledCasesResponse>,
      public ParkedStream {
 public:
  // Starts delivering the changes after the request's `after_sequence`,
  // as many per response as it asks (a valid request:
  // ValidateStreamSampledCasesRequest); OUT_OF_RANGE at once when that is
  // beyond the head of the log.
  // `delivered` is told of each change written (the service counts them);
  // the end of the stream is logged and counted as a call that began at
  // `started`.
  using Delivered = std::function<void(const v1::Change&)>;
  SampledCaseStream(IntakeStore& store, ChangeFeed& feed,
                    const v1::StreamSampledCasesRequest& request,
                    Delivered delivered, common::CallStart started);

  void OnWriteDone(bool ok) override;
  void OnCancel() override;
  void OnDone() override;
  void Wake() override;
  void Close() override;

 private:
  // Delivers the next buffered change, reading more when the buffer is
  // empty, or parks when there is nothing new.
  void Advance(bool on_feed_thread);
  void FinishOnce(const grpc::Status& status);
  // Moves the next buffered changes into response_: one into `change`, or,
  // batched, as many as the request allows within kMaxBatchBytes into
  // `changes`.
  void FillResponse();

  // How many changes one read takes at least: with the response's own
  // limit, bounds the memory a stream holds while its consumer does not
  // read. (300 stalled one-change-per-response subscribers: intake held
  // 18 MB more with 64 than with 16; yjbench stalled.)
  static constexpr size_t kReadBatch = 16;

  IntakeStore& store_;
  ChangeFeed& feed_;
  const Delivered delivered_;
  const common::CallStart started_;
  // Changes per response (1: the unbatched form, in `change`).
  const size_t per_message_;
  const bool batched_;
  // Only the thread running Advance touches these (one at a time: a new
  // Advance starts only after a write completes or a park ends).
  uint64_t cursor_;
  // The head a checkpoint was last sent for, and when.
  uint64_t checkpointed_ = 0;
  absl::Time checkpointed_at_ = absl::InfinitePast();
  // Whether anything was sent yet (the first answer comes at once).
  bool greeted_ = false;
  std::deque<v1::Change> buffer_;
  v1::StreamSampledCasesResponse response_;

  absl::Mutex mu_;
  bool parked_ ABSL_GUARDED_BY(mu_) = false;
  bool cancelled_ ABSL_GUARDED_BY(mu_) = false;
  bool finished_ ABSL_GUARDED_BY(mu_) = false;
};

}  // namespace yjinspect::intake
