#include "common/rpc/caller.h"

#include "absl/strings/match.h"
#include "absl/strings/string_view.h"
#include "common/access/access_policy.h"
#include "common/access/transport_security.h"
#include "common/field_checks.h"
#include "common/field_violations.h"
#include "common/request_id.h"

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

// A property the server's identity check (common/access) set on the call.
std::string AuthProperty(const grpc::CallbackServerContext* context,
                         const char* name) {
  auto auth = context->auth_context();
  if (auth == nullptr) return "";
  auto values = auth->FindPropertyValues(name);
  if (values.empty()) return "";
  return std::string(values.front().data(), values.front().size());
}

// A gateway's call is the call of the one user its metadata names: the
// identity check (common/access/transport_security.cc) refused the call
// unless the user is one of the policy the gateway may call for, whose
// roles it put on the connection. Should the user not be found there, the
// call stays the gateway's own, which has no rights.
void ActForGatewayUser(const grpc::CallbackServerContext* context,
                       Caller& caller) {
  const auto& metadata = context->client_metadata();
  if (metadata.count(kUserMetadata) != 1) return;
  const auto named = metadata.find(kUserMetadata);
  const std::string user(named->second.data(), named->second.size());
  auto auth = context->auth_context();
  const std::string prefix = user + " ";
  for (const grpc::string_ref& value :
       auth->FindPropertyValues(kGatewayUserRoleProperty)) {
    const absl::string_view entry(value.data(), value.size());
    if (!absl::StartsWith(entry, prefix)) continue;
    caller.gateway = caller.identity;
    caller.identity = user;
    caller.role = std::string(entry.substr(prefix.size()));
    return;
  }
}

}  // namespace

Caller CallerOf(const grpc::CallbackServerContext* context) {
  Caller caller;
  // Over mutual TLS the certificate's identity, checked against the access
  // policy before the call reached any handler; metadata cannot override it.
  caller.identity = AuthProperty(context, kIdentityProperty);
  caller.role = AuthProperty(context, kRoleProperty);
  if (caller.role == RoleName(Role::kGateway))
    ActForGatewayUser(context, caller);
  if (caller.identity.empty()) {
    // Insecure (development) mode: whoever the call says it is.
    caller.identity = TokenMetadata(context, "x-yjinspect-actor", 64, "-_.@");
  }
  if (caller.identity.empty()) caller.identity = "unidentified";
  // The id the call's edge fixed (common/rpc/rpc_edge.h, StartCall), which
  // replaces a missing or malformed one; the metadata only outside a handler's
  // scope.
  caller.request_id = CurrentRequestId();
  if (caller.request_id.empty()) {
    caller.request_id = TokenMetadata(context, "x-request-id", 64, "-_.");
  }
  return caller;
}

}  // namespace yjinspect::common
