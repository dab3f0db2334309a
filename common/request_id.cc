#include "common/request_id.h"

#include <cstdint>
#include <random>
#include <utility>

#include "absl/strings/str_format.h"

namespace yjinspect::common {
namespace {

thread_local std::string current_request_id;

}  // namespace

std::string NewRequestId() {
  // One generator per thread, seeded once: ids only need to be unlikely to
  // repeat, not to be secret.
  thread_local std::mt19937_64 generator(std::random_device{}());
  const uint64_t high = generator();
  const uint64_t low = generator();
  return absl::StrFormat("%016x%016x", high, low);
}

const std::string& CurrentRequestId() { return current_request_id; }

RequestIdScope::RequestIdScope(absl::string_view request_id)
    : previous_(std::move(current_request_id)) {
  current_request_id = std::string(request_id);
}

RequestIdScope::~RequestIdScope() { current_request_id = std::move(previous_); }

}  // namespace yjinspect::common
