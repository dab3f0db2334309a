#pragma once

// Watches a condition a service reports on its health service, by polling:
// whether its store takes writes (`yjinspect.store`), whether findings is up
// to date with intake (`yjinspect.feed`). Each change is reported once (the
// health status) and logged once; the first reading is reported at Start.
// The service's own health name stays as it is: these say what works, not
// whether the process should be restarted.

#include <functional>
#include <string>
#include <thread>

#include "absl/base/thread_annotations.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"

namespace yjinspect::common {

// The health status name of the store's condition (ServiceHost).
inline constexpr char kStoreHealthName[] = "yjinspect.store";

class ConditionWatch {
 public:
  // `problem` reads the condition (quick, thread-safe): empty when well,
  // otherwise why not. `report` sets the health status (true: SERVING).
  // `on_problem` logs a new problem; `on_recovered` logs the end of one.
  struct Hooks {
    std::function<std::string()> problem;
    std::function<void(bool serving)> report;
    std::function<void(const std::string& problem)> on_problem;
    std::function<void()> on_recovered;
  };
  explicit ConditionWatch(Hooks hooks,
                          absl::Duration interval = absl::Milliseconds(250));
  // Stop().
  ~ConditionWatch();
  ConditionWatch(const ConditionWatch&) = delete;
  ConditionWatch& operator=(const ConditionWatch&) = delete;

  // Reports the condition now, then polls every interval.
  void Start();
  // Ends the polling. Idempotent.
  void Stop();

 private:
  void Run();
  // Reads the condition and reports a change.
  void Look();

  const Hooks hooks_;
  const absl::Duration interval_;
  absl::Mutex mu_;
  bool stopping_ ABSL_GUARDED_BY(mu_) = false;
  // What was last reported (only the polling thread, or Start before it).
  std::string problem_;
  bool reported_ = false;
  std::thread thread_;
};

}  // namespace yjinspect::common
