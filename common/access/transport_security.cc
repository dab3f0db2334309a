#include "common/access/transport_security.h"

#include <fstream>
#include <sstream>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "absl/synchronization/mutex.h"
#include "common/status_macros.h"
#include "grpcpp/security/auth_metadata_processor.h"

namespace yjinspect::common {
namespace {

absl::StatusOr<std::string> ReadPem(const std::string& path,
                                    absl::string_view what) {
  std::ifstream in(path);
  if (!in) {
    return absl::NotFoundError(
        absl::StrCat("cannot read the ", what, " file ", path));
  }
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

// The three PEM files of a TLS endpoint, read.
struct PemFiles {
  std::string cert_chain;
  std::string private_key;
  std::string ca_bundle;
};

absl::StatusOr<PemFiles> ReadPemFiles(const TransportSecurity& security) {
  PemFiles files;
  ASSIGN_OR_RETURN(files.cert_chain,
                   ReadPem(security.cert_file, "certificate"));
  ASSIGN_OR_RETURN(files.private_key,
                   ReadPem(security.key_file, "private key"));
  ASSIGN_OR_RETURN(files.ca_bundle, ReadPem(security.ca_file, "CA bundle"));
  return files;
}

// Every value of `key` in a call's metadata, in order.
std::vector<std::string> MetadataValues(
    const grpc::AuthMetadataProcessor::InputMetadata& metadata,
    absl::string_view key) {
  std::vector<std::string> values;
  for (const auto& [name, value] : metadata) {
    if (absl::string_view(name.data(), name.size()) == key) {
      values.emplace_back(value.data(), value.size());
    }
  }
  return values;
}

// Runs on every call of a TLS server before any handler: the peer's
// verified certificate must name a caller of the policy, and a gateway's
// call must name one user it may call for. What CallerOf needs goes into
// the connection's auth context once (DescribeConnection); the user a
// gateway names stays in the call's metadata.
class PolicyIdentityProcessor final : public grpc::AuthMetadataProcessor {
 public:
  explicit PolicyIdentityProcessor(std::shared_ptr<const AccessPolicy> policy)
      : policy_(std::move(policy)) {}

  // A map lookup: cheap enough to run on the call's own thread.
  bool IsBlocking() const override { return false; }

  grpc::Status Process(const InputMetadata& auth_metadata,
                       grpc::AuthContext* context,
                       OutputMetadata* /*consumed_auth_metadata*/,
                       OutputMetadata* /*response_metadata*/) override {
    // gRPC runs this for each call, and calls of one connection at once,
    // on the connection's one auth context: its first calls must not read
    // it while another writes it (DescribeConnection). Every call's check
    // holds the lock, so the properties are whole before any call passes,
    // and a handler, which runs only after its call passed, never reads
    // them while they are written. A map lookup or two: held briefly.
    absl::MutexLock lock(&mu_);
    auto names = context->FindPropertyValues("x509_common_name");
    if (!context->IsPeerAuthenticated() || names.empty()) {
      return grpc::Status(grpc::StatusCode::UNAUTHENTICATED,
                          "a client certificate is required");
    }
    const std::string identity(names.front().data(), names.front().size());
    const PolicyEntry* entry = policy_->Find(identity);
    if (entry == nullptr) {
      return grpc::Status(grpc::StatusCode::UNAUTHENTICATED,
                          "the client certificate names no known caller");
    }
    const std::vector<std::string> users =
        MetadataValues(auth_metadata, kUserMetadata);
    if (entry->role != Role::kGateway) {
      if (!users.empty()) {
        return grpc::Status(grpc::StatusCode::PERMISSION_DENIED,
                            absl::StrCat("only a gateway may call for a user (",
                                         kUserMetadata, "); call as yourself"));
      }
      DescribeConnection(context, *entry);
      return grpc::Status::OK;
    }
    // A gateway has no rights of its own: the call is the user's, one user.
    if (users.size() != 1 || users.front().empty()) {
      return grpc::Status(
          grpc::StatusCode::UNAUTHENTICATED,
          absl::StrCat("a gateway calls only for one signed-in user: name "
                       "them, once, in ",
                       kUserMetadata));
    }
    const std::string& user = users.front();
    const PolicyEntry* acting_for = policy_->Find(user);
    if (acting_for == nullptr) {
      return grpc::Status(
          grpc::StatusCode::UNAUTHENTICATED,
          absl::StrCat("the user the gateway names (", kUserMetadata,
                       ") is not a caller of the policy"));
    }
    if (!GatewayMayActFor(acting_for->role)) {
      return grpc::Status(
          grpc::StatusCode::PERMISSION_DENIED,
          absl::StrCat("a gateway may not call for a caller with role '",
                       RoleName(acting_for->role), "'"));
    }
    // The user stays in the call's metadata, where CallerOf reads it.
    DescribeConnection(context, *entry);
    return grpc::Status::OK;
  }

 private:
  absl::Mutex mu_;
  // Sets the connection's properties on its first call; later calls find
  // them set and write nothing, so no call's handler ever sees them change
  // (nor do they grow with the calls of a long-lived connection). The
  // certificate, and so the identity, is the connection's for its life.
  void DescribeConnection(grpc::AuthContext* context,
                          const PolicyEntry& entry) const
      ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_) {
    if (!context->FindPropertyValues(kIdentityProperty).empty()) return;
    context->AddProperty(kIdentityProperty, entry.identity);
    context->AddProperty(kRoleProperty, std::string(RoleName(entry.role)));
    if (entry.role != Role::kGateway) return;
    for (const PolicyEntry* user : policy_->Entries()) {
      if (!GatewayMayActFor(user->role)) continue;
      context->AddProperty(
          kGatewayUserRoleProperty,
          absl::StrCat(user->identity, " ", RoleName(user->role)));
    }
  }

 private:
  std::shared_ptr<const AccessPolicy> policy_;
};

}  // namespace

absl::Status CheckTransportSecurity(const TransportSecurity& security,
                                    bool server) {
  const bool any_file = !security.cert_file.empty() ||
                        !security.key_file.empty() || !security.ca_file.empty();
  // Each side's own spelling: the servers' flags are --tls_cert...; the
  // command line's are --cert... (with --tls-cert... as aliases).
  const absl::string_view cert = server ? "--tls_cert" : "--cert";
  const absl::string_view key = server ? "--tls_key" : "--key";
  const absl::string_view ca = server ? "--tls_ca" : "--ca";
  if (security.insecure) {
    if (any_file) {
      return absl::InvalidArgumentError(absl::StrCat(
          "--insecure cannot be combined with ", cert, ", ", key, " or ", ca));
    }
    return absl::OkStatus();
  }
  std::string missing;
  if (security.cert_file.empty()) absl::StrAppend(&missing, " ", cert);
  if (security.key_file.empty()) absl::StrAppend(&missing, " ", key);
  if (security.ca_file.empty()) absl::StrAppend(&missing, " ", ca);
  if (server && security.policy_file.empty()) {
    absl::StrAppend(&missing, " --policy_file");
  }
  if (!missing.empty()) {
    return absl::FailedPreconditionError(
        absl::StrCat("mutual TLS needs", missing,
                     " (or --insecure, for local development only)"));
  }
  return absl::OkStatus();
}

absl::StatusOr<ServerAccess> LoadServerAccess(
    const TransportSecurity& security) {
  absl::Status complete = CheckTransportSecurity(security, /*server=*/true);
  if (!complete.ok()) return complete;
  ServerAccess access;
  if (!security.insecure) {
    auto policy = AccessPolicy::LoadFile(security.policy_file);
    if (!policy.ok()) return policy.status();
    access.policy = std::make_shared<const AccessPolicy>(*std::move(policy));
  }
  auto credentials = ServerCredentialsFor(security, access.policy);
  if (!credentials.ok()) return credentials.status();
  access.credentials = *std::move(credentials);
  return access;
}

absl::StatusOr<std::shared_ptr<grpc::ServerCredentials>> ServerCredentialsFor(
    const TransportSecurity& security,
    std::shared_ptr<const AccessPolicy> policy) {
  if (security.insecure) return grpc::InsecureServerCredentials();
  grpc::SslServerCredentialsOptions options(
      // Verify any certificate offered (a bad one fails the handshake) but
      // let a call without one through to the processor, which refuses it
      // with UNAUTHENTICATED: a clearer answer than a failed handshake.
      GRPC_SSL_REQUEST_CLIENT_CERTIFICATE_AND_VERIFY);
  ASSIGN_OR_RETURN(PemFiles pem, ReadPemFiles(security));
  options.pem_root_certs = std::move(pem.ca_bundle);
  options.pem_key_cert_pairs.push_back(
      {std::move(pem.private_key), std::move(pem.cert_chain)});
  auto credentials = grpc::SslServerCredentials(options);
  credentials->SetAuthMetadataProcessor(
      std::make_shared<PolicyIdentityProcessor>(std::move(policy)));
  return credentials;
}

absl::StatusOr<std::shared_ptr<grpc::ChannelCredentials>> ChannelCredentialsFor(
    const TransportSecurity& security) {
  if (security.insecure) return grpc::InsecureChannelCredentials();
  ASSIGN_OR_RETURN(PemFiles pem, ReadPemFiles(security));
  grpc::SslCredentialsOptions options;
  options.pem_cert_chain = std::move(pem.cert_chain);
  options.pem_private_key = std::move(pem.private_key);
  options.pem_root_certs = std::move(pem.ca_bundle);
  return grpc::SslCredentials(options);
}

}  // namespace yjinspect::common
