#pragma once

// Who is signed in to the workbench. In production the workbench sits
// behind the inspectorate's authenticating reverse proxy (single sign-on),
// which passes the signed-in user in a header; the workbench believes that
// header only on a connection from one of the proxy's addresses, and
// refuses every other request, header or not. For the demo, a development
// mode makes every request one named local user's, and is allowed only
// while the workbench listens on loopback. Systems that call the JSON API
// over mutual TLS are identified by their certificate instead
// (workbench_server.h). Either way the user must be a person or
// submitting system of the access policy: the services then authorize the
// user's calls by the user's own entry.

#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "common/access/access_policy.h"

namespace yjinspect::workbench {

struct SignInOptions {
  // The header the proxy puts the user's identity in.
  std::string user_header = "X-Forwarded-User";
  // Addresses or CIDR blocks the proxy connects from ("127.0.0.1",
  // "10.20.0.0/16", "::1"). Required unless development_user is set.
  std::vector<std::string> trusted_proxies;
  // Development only: every request is this policy identity's.
  std::string development_user;
};

// One address block: an IPv4 or IPv6 prefix.
class AddressBlock {
 public:
  // "10.0.0.0/8", "::1", "127.0.0.1" (a whole address). INVALID_ARGUMENT
  // otherwise.
  static absl::StatusOr<AddressBlock> Parse(absl::string_view text);
  // Whether `address` ("10.1.2.3", "::ffff:10.1.2.3", "::1") is inside.
  bool Contains(absl::string_view address) const;
  int prefix_length() const { return prefix_; }

 private:
  unsigned char bytes_[16] = {};
  int length_ = 0;  // 4 or 16
  int prefix_ = 0;
};

class SignIn {
 public:
  // INVALID_ARGUMENT for a malformed proxy address, for neither proxies nor
  // a development user, for both, for a development user while `listen_host`
  // is not loopback, or for a development user the policy does not let a
  // gateway act for.
  static absl::StatusOr<SignIn> Create(
      SignInOptions options, absl::string_view listen_host,
      std::shared_ptr<const common::AccessPolicy> policy);

  // Whether a request from `peer_address`, naming `host` in its Host header
  // ("127.0.0.1:8080"), may be served at all, checked before its body is
  // read: from a trusted proxy (production), or naming a loopback host
  // (development: a page of another site that rebinds its own name to
  // 127.0.0.1 names that name, not ours). PERMISSION_DENIED (reason
  // NOT_FROM_PROXY) otherwise.
  absl::Status CheckSource(absl::string_view peer_address,
                           absl::string_view host) const;

  // The user a request from `peer_address` is made by, from the values of
  // the user header it carries (cpp-httplib gives them percent-decoded):
  //  - PERMISSION_DENIED (reason NOT_FROM_PROXY) when the request did not
  //    come from a trusted proxy (production);
  //  - UNAUTHENTICATED when no user is named, more than one is, or one the
  //    policy does not know or a gateway may not act for.
  absl::StatusOr<std::string> UserOf(
      absl::string_view peer_address,
      const std::vector<std::string>& header_values) const;

  // The policy entry of `user`, or UNAUTHENTICATED as above.
  absl::StatusOr<const common::PolicyEntry*> Person(
      absl::string_view user) const;

  bool development() const { return !options_.development_user.empty(); }
  const SignInOptions& options() const { return options_; }

 private:
  SignInOptions options_;
  std::vector<AddressBlock> proxies_;
  std::shared_ptr<const common::AccessPolicy> policy_;
};

// Whether `host` ("127.0.0.1", "localhost", "::1", "[::1]") is loopback.
bool IsLoopbackHost(absl::string_view host);

}  // namespace yjinspect::workbench
