#pragma once

// How a service or client secures its connections: mutual TLS from PEM
// files (its certificate and key, and the CA bundle that peers' certificates
// must chain to), or, for local development only, plaintext.
//
// On a TLS server every call must carry a client certificate that verifies
// against the CA bundle (a bad, expired or self-signed one fails the
// handshake) and whose subject Common Name is a caller of the access policy
// (otherwise UNAUTHENTICATED before any handler runs). The identity and role
// are then attached to the call for CallerOf (common/rpc/caller.h). A
// gateway's call is the user's it names (kUserMetadata).

#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "common/access/access_policy.h"
#include "grpcpp/security/credentials.h"
#include "grpcpp/security/server_credentials.h"

namespace yjinspect::common {

struct TransportSecurity {
  // Plaintext, no client identities, no authorization. Development only.
  bool insecure = false;
  // PEM files: this side's certificate chain and private key, and the CA
  // bundle the peer's certificate must chain to.
  std::string cert_file;
  std::string key_file;
  std::string ca_file;
  // Servers only: the access policy (textproto, see docs/security.md).
  std::string policy_file;
};

// Auth-context properties the server sets on the first call of each
// authenticated connection. gRPC's auth context is the connection's, shared
// by all its calls, so they describe the connection, never one call: its
// certificate's identity and role and, for a gateway, the role of each
// caller it may call for ("identity role"), from which CallerOf makes each
// call the user's it names (kUserMetadata) without writing anything per
// call.
inline constexpr char kIdentityProperty[] = "yjinspect.identity";
inline constexpr char kRoleProperty[] = "yjinspect.role";
inline constexpr char kGatewayUserRoleProperty[] =
    "yjinspect.gateway_user_role";

// The metadata key in which a gateway names the user it calls for: an
// identity of the access policy. Only a caller whose role is `gateway` may
// send it, and a gateway must; the call is then authorized, audited and
// answered exactly as if the user had called with their own certificate.
inline constexpr char kUserMetadata[] = "x-yjinspect-user";

// FAILED_PRECONDITION naming what is missing when `security` is neither
// insecure nor complete (all three files, and for a server the policy);
// INVALID_ARGUMENT when insecure is combined with files.
absl::Status CheckTransportSecurity(const TransportSecurity& security,
                                    bool server);

// What a server needs to serve as `security` says: for TLS, the loaded
// access policy and credentials that check callers against it; for
// insecure, no policy and plaintext.
struct ServerAccess {
  std::shared_ptr<const AccessPolicy> policy;  // null when insecure
  std::shared_ptr<grpc::ServerCredentials> credentials;
};
// Checks `security` (CheckTransportSecurity), loads the policy and the
// files; the first problem found, naming the file.
absl::StatusOr<ServerAccess> LoadServerAccess(
    const TransportSecurity& security);

// A server's credentials: mutual TLS checked against `policy`, or insecure.
// NOT_FOUND when a file cannot be read.
absl::StatusOr<std::shared_ptr<grpc::ServerCredentials>> ServerCredentialsFor(
    const TransportSecurity& security,
    std::shared_ptr<const AccessPolicy> policy);

// A client's credentials: TLS presenting its certificate, or insecure.
absl::StatusOr<std::shared_ptr<grpc::ChannelCredentials>> ChannelCredentialsFor(
    const TransportSecurity& security);

}  // namespace yjinspect::common
