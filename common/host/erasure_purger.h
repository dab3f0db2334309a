#pragma once

// Runs a store's purge of erased content (flush and full compaction) on its
// own thread after each erasure, so the call that erased answers at once
// and writers are never held up by a compaction. Requests that arrive while
// a purge runs are served by one more purge after it.

#include <cstdint>
#include <functional>
#include <thread>

#include "absl/base/thread_annotations.h"
#include "absl/status/status.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"

namespace yjinspect::common {

class ErasurePurger {
 public:
  explicit ErasurePurger(std::function<absl::Status()> purge);
  // Finishes a requested purge, then stops. Call before the store closes.
  ~ErasurePurger();
  ErasurePurger(const ErasurePurger&) = delete;
  ErasurePurger& operator=(const ErasurePurger&) = delete;

  // Asks for a purge of everything erased so far. Never blocks.
  void Request();

  // Purges finished since start (failed ones are logged and not counted).
  uint64_t completed() const;
  // Waits until every purge requested so far has finished; false on
  // timeout or when one failed.
  bool WaitForPurgedForTest(absl::Duration timeout) const;

 private:
  void Run();

  std::function<absl::Status()> purge_;
  mutable absl::Mutex mu_;
  uint64_t requested_ ABSL_GUARDED_BY(mu_) = 0;
  uint64_t started_ ABSL_GUARDED_BY(mu_) = 0;   // requests covered by a purge
  uint64_t finished_ ABSL_GUARDED_BY(mu_) = 0;  // requests purged
  uint64_t completed_ ABSL_GUARDED_BY(mu_) = 0;
  bool failed_ ABSL_GUARDED_BY(mu_) = false;
  bool stopping_ ABSL_GUARDED_BY(mu_) = false;
  std::thread thread_;
};

}  // namespace yjinspect::common
