#include "services/workbench/signed_in_user.h"

#include <arpa/inet.h>

#include <cstring>
#include <utility>

#include "absl/status/status.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"
#include "common/error_details.h"
#include "common/error_reasons.h"

namespace yjinspect::workbench {
namespace {

// The address's 4 or 16 bytes; an IPv4-mapped IPv6 address as IPv4.
bool ParseAddress(absl::string_view text, unsigned char* bytes, int* length) {
  std::string s(absl::StripSuffix(absl::StripPrefix(text, "["), "]"));
  if (inet_pton(AF_INET, s.c_str(), bytes) == 1) {
    *length = 4;
    return true;
  }
  unsigned char v6[16];
  if (inet_pton(AF_INET6, s.c_str(), v6) != 1) return false;
  static const unsigned char kMapped[12] = {0, 0, 0, 0, 0,    0,
                                            0, 0, 0, 0, 0xff, 0xff};
  if (std::memcmp(v6, kMapped, sizeof(kMapped)) == 0) {
    std::memcpy(bytes, v6 + 12, 4);
    *length = 4;
    return true;
  }
  std::memcpy(bytes, v6, 16);
  *length = 16;
  return true;
}

// The name of a Host header without its port: "[::1]:8080" is "::1",
// "localhost:8080" "localhost"; "" for a malformed one.
absl::string_view HostName(absl::string_view host) {
  if (!host.empty() && host.front() == '[') {
    const size_t close = host.find(']');
    return close == absl::string_view::npos ? "" : host.substr(1, close - 1);
  }
  return host.substr(0, host.find(':'));
}

}  // namespace

absl::StatusOr<AddressBlock> AddressBlock::Parse(absl::string_view text) {
  AddressBlock block;
  const size_t slash = text.find('/');
  if (!ParseAddress(text.substr(0, slash), block.bytes_, &block.length_)) {
    return absl::InvalidArgumentError(
        absl::StrCat("\"", text, "\" is not an IP address or CIDR block"));
  }
  block.prefix_ = block.length_ * 8;
  if (slash != absl::string_view::npos) {
    int prefix = -1;
    if (!absl::SimpleAtoi(text.substr(slash + 1), &prefix) || prefix < 0 ||
        prefix > block.length_ * 8) {
      return absl::InvalidArgumentError(
          absl::StrCat("\"", text, "\" has no valid prefix length"));
    }
    block.prefix_ = prefix;
  }
  return block;
}

bool AddressBlock::Contains(absl::string_view address) const {
  unsigned char bytes[16];
  int length = 0;
  if (!ParseAddress(address, bytes, &length) || length != length_) {
    return false;
  }
  const int whole = prefix_ / 8;
  if (std::memcmp(bytes, bytes_, static_cast<size_t>(whole)) != 0) {
    return false;
  }
  const int rest = prefix_ % 8;
  if (rest == 0) return true;
  const unsigned char mask = static_cast<unsigned char>(0xff << (8 - rest));
  return (bytes[whole] & mask) == (bytes_[whole] & mask);
}

bool IsLoopbackHost(absl::string_view host) {
  if (host == "localhost") return true;
  unsigned char bytes[16];
  int length = 0;
  if (!ParseAddress(host, bytes, &length)) return false;
  if (length == 4) return bytes[0] == 127;
  static const unsigned char kLoopback6[16] = {0, 0, 0, 0, 0, 0, 0, 0,
                                               0, 0, 0, 0, 0, 0, 0, 1};
  return std::memcmp(bytes, kLoopback6, 16) == 0;
}

absl::StatusOr<SignIn> SignIn::Create(
    SignInOptions options, absl::string_view listen_host,
    std::shared_ptr<const common::AccessPolicy> policy) {
  SignIn sign_in;
  sign_in.policy_ = std::move(policy);
  const bool development = !options.development_user.empty();
  if (development == !options.trusted_proxies.empty()) {
    return absl::InvalidArgumentError(
        "name the authenticating proxy's addresses (--trusted_proxies) or, "
        "for development on loopback only, a local user (--dev_user); not "
        "both");
  }
  if (development && !IsLoopbackHost(listen_host)) {
    return absl::InvalidArgumentError(
        absl::StrCat("development mode (--dev_user) signs everyone in as ",
                     options.development_user,
                     ": it is allowed on loopback only, not on ", listen_host));
  }
  if (options.user_header.empty()) {
    return absl::InvalidArgumentError("the proxy's user header has no name");
  }
  for (const std::string& proxy : options.trusted_proxies) {
    absl::StatusOr<AddressBlock> block = AddressBlock::Parse(proxy);
    if (!block.ok()) return block.status();
    if (block->prefix_length() == 0) {
      return absl::InvalidArgumentError(
          absl::StrCat("\"", proxy,
                       "\" is every address, not the proxy's: name the "
                       "proxy's own addresses"));
    }
    sign_in.proxies_.push_back(*block);
  }
  sign_in.options_ = std::move(options);
  if (development) {
    absl::StatusOr<const common::PolicyEntry*> person =
        sign_in.Person(sign_in.options_.development_user);
    if (!person.ok()) {
      return absl::InvalidArgumentError(
          absl::StrCat("the development user: ", person.status().message()));
    }
  }
  return sign_in;
}

absl::StatusOr<const common::PolicyEntry*> SignIn::Person(
    absl::string_view user) const {
  const common::PolicyEntry* entry =
      policy_ == nullptr ? nullptr : policy_->Find(user);
  if (entry == nullptr || !common::GatewayMayActFor(entry->role)) {
    // The name is not echoed: it came from outside.
    return absl::UnauthenticatedError(
        "the signed-in user is not a person or system of the access policy");
  }
  return entry;
}

absl::Status SignIn::CheckSource(absl::string_view peer_address,
                                 absl::string_view host) const {
  if (development()) {
    const absl::string_view name = HostName(host);
    if (IsLoopbackHost(name)) return absl::OkStatus();
    return common::PermissionDenied(
        common::kNotFromProxy,
        "in development mode the workbench answers only to a loopback "
        "address (http://127.0.0.1:PORT or http://localhost:PORT)");
  }
  for (const AddressBlock& block : proxies_) {
    if (block.Contains(peer_address)) return absl::OkStatus();
  }
  return common::PermissionDenied(
      common::kNotFromProxy,
      "requests are accepted only through the authenticating proxy");
}

absl::StatusOr<std::string> SignIn::UserOf(
    absl::string_view peer_address,
    const std::vector<std::string>& header_values) const {
  if (development()) return options_.development_user;
  if (absl::Status source = CheckSource(peer_address, ""); !source.ok()) {
    return source;
  }
  if (header_values.size() > 1) {
    // A proxy that appends instead of replacing would let a browser's own
    // header through: refuse rather than pick one.
    return absl::UnauthenticatedError(absl::StrCat(
        "the request names more than one user (header ", options_.user_header,
        "): the proxy must replace it, not add to it"));
  }
  if (header_values.empty() || header_values.front().empty()) {
    return absl::UnauthenticatedError(
        absl::StrCat("the authenticating proxy named no user (header ",
                     options_.user_header, ")"));
  }
  absl::StatusOr<const common::PolicyEntry*> person =
      Person(header_values.front());
  if (!person.ok()) return person.status();
  return header_values.front();
}

}  // namespace yjinspect::workbench
