#pragma once

// At most so many calls of one kind at once. A call that finds every place
// taken is refused at once (RESOURCE_EXHAUSTED, TOO_MANY_CALLS) rather than
// queued: under overload a caller learns at once to come back later, and
// the server's memory stays bounded by the places (each bulk upload holds
// a chunk of cases while it is stored).

#include <atomic>
#include <memory>
#include <string>

#include "absl/status/statusor.h"

namespace yjinspect::common {

class CallLimit {
 public:
  // `what` names the calls in the refusal ("bulk uploads"); `flag` says how
  // to change the limit ("--max_concurrent_uploads"). A limit of 0 or less:
  // no limit.
  CallLimit(int limit, std::string what, std::string flag);

  // A place held until the returned token is destroyed, or the refusal.
  absl::StatusOr<std::shared_ptr<void>> Enter();

  int in_use() const { return in_use_.load(); }

 private:
  const int limit_;
  const std::string what_;
  const std::string flag_;
  std::atomic<int> in_use_{0};
};

}  // namespace yjinspect::common
