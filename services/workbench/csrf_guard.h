#pragma once

// Protection against cross-site request forgery for the workbench's
// browser side. The proxy's sign-on travels with every request a browser
// makes to the workbench, whichever site caused it, so a request that
// changes something must also prove it came from the workbench's own page:
//  - it carries the page's token in X-CSRF-Token: an HMAC-SHA-256, under a
//    key of this process (or of --csrf_key_file, shared by replicas), of
//    the signed-in user, which only a same-origin script can read
//    (GET /workbench/session; cross-origin reads are never allowed);
//  - its body, if any, is JSON (a cross-site form cannot send that without
//    a preflight the workbench never grants);
//  - a browser that says where it came from (Sec-Fetch-Site) says
//    "same-origin".
// The OWASP double-submit pattern, bound to the user, without a cookie.

#include <optional>
#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace yjinspect::workbench {

// What the guard reads of a request.
struct BrowserRequest {
  std::string method;                       // GET, POST ...
  std::string user;                         // as signed in
  std::optional<std::string> token;         // X-CSRF-Token
  std::optional<std::string> fetch_site;    // Sec-Fetch-Site
  std::optional<std::string> content_type;  // Content-Type
  bool has_body = false;
};

class CsrfGuard {
 public:
  // A guard with a fresh random key (tokens stop working when the process
  // restarts: the page fetches a new one).
  static CsrfGuard WithRandomKey();
  // A guard with the key in `path` (at least 32 bytes, used as they are),
  // so replicas behind one proxy accept each other's tokens. NOT_FOUND or
  // INVALID_ARGUMENT naming the file.
  static absl::StatusOr<CsrfGuard> WithKeyFile(const std::string& path);

  // The token of `user`'s pages: base64url, no padding.
  std::string TokenFor(absl::string_view user) const;

  // OK for a read (GET, HEAD) not caused by another site, or a change that
  // passes every check above; PERMISSION_DENIED (reason CROSS_SITE_REQUEST)
  // saying which failed otherwise. Reads are held to where they came from
  // too: a page of another site must not make the workbench read (and the
  // services audit) anything as the signed-in user.
  absl::Status Check(const BrowserRequest& request) const;

 private:
  explicit CsrfGuard(std::string key) : key_(std::move(key)) {}
  std::string key_;
};

}  // namespace yjinspect::workbench
