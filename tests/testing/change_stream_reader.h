#pragma once

// A raw subscriber of intake's StreamSampledCases: reads on its own thread
// and keeps everything it gets, so a test can wait (with a deadline) for a
// sequence or for the end of the stream and then look at what arrived.
// A response whose change has no kind is a checkpoint ("everything up to
// here delivered"); it is kept apart from the changes.

#include <cstdint>
#include <memory>
#include <optional>
#include <thread>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "grpcpp/grpcpp.h"
#include "yjinspect/v1/change.pb.h"

namespace yjinspect::testing {

class ChangeStreamReader {
 public:
  // Subscribes at once with `after_sequence`, asking for
  // `max_changes_per_message` (0: the unbatched form).
  ChangeStreamReader(std::shared_ptr<grpc::Channel> channel,
                     uint64_t after_sequence,
                     uint32_t max_changes_per_message = 0);
  // Cancels the stream and waits for the reading thread.
  ~ChangeStreamReader();
  ChangeStreamReader(const ChangeStreamReader&) = delete;
  ChangeStreamReader& operator=(const ChangeStreamReader&) = delete;

  // True once a change or checkpoint with a sequence of at least `sequence`
  // arrived; false at the deadline or when the stream ended first.
  bool WaitForSequence(uint64_t sequence, absl::Duration timeout);
  // True once the stream ended (status() then says how).
  bool WaitForEnd(absl::Duration timeout);

  // The changes received (those with a kind), in the order received.
  std::vector<v1::Change> changes() const;
  // The sequences of the checkpoints received.
  std::vector<uint64_t> checkpoints() const;
  // The sequence of every response received, changes and checkpoints, in
  // the order received.
  std::vector<uint64_t> sequences() const;
  // How many changes (and checkpoints) each response carried, and whether
  // any response used the unbatched `change` field.
  std::vector<int> response_sizes() const;
  bool any_unbatched() const;
  // How the stream ended; nullopt while it is open.
  std::optional<grpc::Status> status() const;
  void Cancel();

 private:
  void Run(const std::shared_ptr<grpc::Channel>& channel,
           uint64_t after_sequence, uint32_t max_changes_per_message);
  void Keep(v1::Change change) ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);

  grpc::ClientContext context_;
  mutable absl::Mutex mu_;
  std::vector<v1::Change> changes_ ABSL_GUARDED_BY(mu_);
  std::vector<uint64_t> checkpoints_ ABSL_GUARDED_BY(mu_);
  std::vector<uint64_t> sequences_ ABSL_GUARDED_BY(mu_);
  std::vector<int> response_sizes_ ABSL_GUARDED_BY(mu_);
  bool any_unbatched_ ABSL_GUARDED_BY(mu_) = false;
  uint64_t last_sequence_ ABSL_GUARDED_BY(mu_) = 0;
  std::optional<grpc::Status> status_ ABSL_GUARDED_BY(mu_);
  std::thread thread_;
};

}  // namespace yjinspect::testing
