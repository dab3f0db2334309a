#include "common/caller.h"

#include "common/field_checks.h"
#include "common/field_violations.h"

namespace yjinspect::common {
namespace {

// The value of one metadata key if it is a plain token (letters, digits and
// `allowed`, at most `max_length`): anything else could carry anything into
// records and logs, so it counts as absent.
std::string TokenMetadata(const grpc::CallbackServerContext* context,
                          const char* key, size_t max_length,
                          const char* allowed) {
  const auto& metadata = context->client_metadata();
  auto it = metadata.find(key);
  if (it == metadata.end()) return "";
  std::string value(it->second.data(), it->second.size());
  FieldViolations ignored;
  CheckToken(ignored, key, value, max_length, allowed, true);
  return ignored.empty() ? value : "";
}

}  // namespace

Caller CallerOf(const grpc::CallbackServerContext* context) {
  Caller caller;
  caller.identity = TokenMetadata(context, "x-yjinspect-actor", 64, "-_.@");
  if (caller.identity.empty()) caller.identity = "unidentified";
  caller.request_id = TokenMetadata(context, "x-request-id", 64, "-_.");
  return caller;
}

}  // namespace yjinspect::common
