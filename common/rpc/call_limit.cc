#include "common/rpc/call_limit.h"

#include <utility>

#include "absl/strings/str_cat.h"
#include "common/error_details.h"
#include "common/error_reasons.h"

namespace yjinspect::common {

CallLimit::CallLimit(int limit, std::string what, std::string flag)
    : limit_(limit), what_(std::move(what)), flag_(std::move(flag)) {}

absl::StatusOr<std::shared_ptr<void>> CallLimit::Enter() {
  const int before = in_use_.fetch_add(1);
  if (limit_ > 0 && before >= limit_) {
    in_use_.fetch_sub(1);
    return WithErrorInfo(
        absl::ResourceExhaustedError(
            absl::StrCat("the server is taking ", limit_, " ", what_,
                         " at once already (", flag_, "); retry with backoff")),
        kTooManyCalls, {{"limit", absl::StrCat(limit_)}});
  }
  return std::shared_ptr<void>(nullptr,
                               [this](void*) { in_use_.fetch_sub(1); });
}

}  // namespace yjinspect::common
