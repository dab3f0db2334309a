#pragma once

// Watches whether a service's store takes writes (store_condition.h) and
// says so where operators look: the health status `yjinspect.store`
// (SERVING while writes are taken, NOT_SERVING while every write is
// refused), and the log, once when writes stop (an error, with RocksDB's
// reason and what to do) and once when they resume. The service's own
// health name stays SERVING meanwhile: reads that need no audit record go
// on being answered, and a restart would not make room on a disk.

#include <functional>
#include <string>
#include <thread>

#include "absl/base/thread_annotations.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "common/storage/storage_figures.h"

namespace yjinspect::common {

// The health status name of the store's condition.
inline constexpr char kStoreHealthName[] = "yjinspect.store";

class StoreWatch {
 public:
  // `figures` reads the store's (quick, thread-safe); `report` sets the
  // health status (true: SERVING). Polls every `interval` once started.
  StoreWatch(std::function<StorageFigures()> figures,
             std::function<void(bool writable)> report,
             absl::Duration interval = absl::Milliseconds(250));
  // Stop().
  ~StoreWatch();
  StoreWatch(const StoreWatch&) = delete;
  StoreWatch& operator=(const StoreWatch&) = delete;

  // Reports the condition now, then polls.
  void Start();
  // Ends the polling (before the store closes). Idempotent.
  void Stop();

 private:
  void Run();
  // Reads the condition and reports a change.
  void Look();

  const std::function<StorageFigures()> figures_;
  const std::function<void(bool)> report_;
  const absl::Duration interval_;
  absl::Mutex mu_;
  bool stopping_ ABSL_GUARDED_BY(mu_) = false;
  // What was last reported; empty: writable.
  std::string refused_;
  bool reported_ = false;
  std::thread thread_;
};

}  // namespace yjinspect::common
