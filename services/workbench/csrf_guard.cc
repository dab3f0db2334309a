#include "services/workbench/csrf_guard.h"

#include <sodium.h>

#include <fstream>
#include <iterator>
#include <utility>

#include "absl/strings/ascii.h"
#include "absl/strings/escaping.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "common/error_details.h"
#include "common/error_reasons.h"

namespace yjinspect::workbench {
namespace {

absl::Status Refused(absl::string_view why) {
  return common::PermissionDenied(
      common::kCrossSiteRequest,
      absl::StrCat(why, ": send changes from the workbench's own pages"));
}

}  // namespace

CsrfGuard CsrfGuard::WithRandomKey() {
  if (sodium_init() < 0) std::abort();
  std::string key(crypto_auth_hmacsha256_KEYBYTES, '\0');
  randombytes_buf(key.data(), key.size());
  return CsrfGuard(std::move(key));
}

absl::StatusOr<CsrfGuard> CsrfGuard::WithKeyFile(const std::string& path) {
  if (sodium_init() < 0) std::abort();
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    return absl::NotFoundError(
        absl::StrCat("cannot read the CSRF key file ", path));
  }
  std::string key((std::istreambuf_iterator<char>(in)),
                  std::istreambuf_iterator<char>());
  if (key.size() < crypto_auth_hmacsha256_KEYBYTES) {
    return absl::InvalidArgumentError(
        absl::StrCat("the CSRF key file ", path, " holds fewer than ",
                     crypto_auth_hmacsha256_KEYBYTES, " bytes"));
  }
  return CsrfGuard(std::move(key));
}

std::string CsrfGuard::TokenFor(absl::string_view user) const {
  unsigned char mac[crypto_auth_hmacsha256_BYTES];
  crypto_auth_hmacsha256_state state;
  crypto_auth_hmacsha256_init(
      &state, reinterpret_cast<const unsigned char*>(key_.data()), key_.size());
  static constexpr absl::string_view kPurpose = "yjinspect-workbench-csrf\n";
  crypto_auth_hmacsha256_update(
      &state, reinterpret_cast<const unsigned char*>(kPurpose.data()),
      kPurpose.size());
  crypto_auth_hmacsha256_update(
      &state, reinterpret_cast<const unsigned char*>(user.data()), user.size());
  crypto_auth_hmacsha256_final(&state, mac);
  return absl::WebSafeBase64Escape(
      absl::string_view(reinterpret_cast<const char*>(mac), sizeof(mac)));
}

absl::Status CsrfGuard::Check(const BrowserRequest& request) const {
  // "none" is the person's own doing (an address typed, a bookmark).
  if (request.fetch_site.has_value() && *request.fetch_site != "same-origin" &&
      *request.fetch_site != "none") {
    return Refused("the request came from another site");
  }
  if (request.method == "GET" || request.method == "HEAD") {
    return absl::OkStatus();
  }
  if (request.fetch_site.has_value() && *request.fetch_site != "same-origin") {
    return Refused("a change must come from the workbench's own page");
  }
  if (request.has_body && (!request.content_type.has_value() ||
                           !absl::StartsWithIgnoreCase(*request.content_type,
                                                       "application/json"))) {
    return Refused(
        "a request body must be JSON (Content-Type: "
        "application/json)");
  }
  if (!request.token.has_value()) {
    return Refused("the request carries no X-CSRF-Token");
  }
  const std::string expected = TokenFor(request.user);
  if (request.token->size() != expected.size() ||
      sodium_memcmp(request.token->data(), expected.data(), expected.size()) !=
          0) {
    return Refused("the request's X-CSRF-Token is not this user's");
  }
  return absl::OkStatus();
}

}  // namespace yjinspect::workbench
