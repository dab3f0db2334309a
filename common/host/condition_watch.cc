#include "common/host/condition_watch.h"

#include <utility>

namespace yjinspect::common {

ConditionWatch::ConditionWatch(Hooks hooks, absl::Duration interval)
    : hooks_(std::move(hooks)), interval_(interval) {}

ConditionWatch::~ConditionWatch() { Stop(); }

void ConditionWatch::Start() {
  Look();
  thread_ = std::thread([this] { Run(); });
}

void ConditionWatch::Stop() {
  {
    absl::MutexLock lock(&mu_);
    if (stopping_) return;
    stopping_ = true;
  }
  if (thread_.joinable()) thread_.join();
}

void ConditionWatch::Run() {
  absl::MutexLock lock(&mu_);
  while (!mu_.AwaitWithTimeout(absl::Condition(&stopping_), interval_)) {
    mu_.Unlock();
    Look();
    mu_.Lock();
  }
}

void ConditionWatch::Look() {
  const std::string problem = hooks_.problem();
  if (reported_ && problem == problem_) return;
  const bool had_problem = !problem_.empty();
  problem_ = problem;
  reported_ = true;
  hooks_.report(problem_.empty());
  if (!problem_.empty()) {
    hooks_.on_problem(problem_);
  } else if (had_problem) {
    hooks_.on_recovered();
  }
}

}  // namespace yjinspect::common
