#pragma once

// The JSON API's routes: one per `google.api.http` rule (and each of its
// additional bindings) on the unary RPCs of the services the workbench
// fronts, read from the compiled descriptors, so the HTTP API follows the
// gRPC API's resources by construction (docs/http-api.md).

#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/types/span.h"
#include "google/protobuf/descriptor.h"
#include "services/workbench/path_template.h"

namespace yjinspect::workbench {

struct HttpRoute {
  std::string http_method;  // GET, POST, PATCH, PUT or DELETE
  PathTemplate path;
  // Where the request body goes: "" none, "*" the whole request, or one
  // top-level message field's name.
  std::string body;
  const google::protobuf::MethodDescriptor* method = nullptr;

  // "/yjinspect.v1.Findings/GetVerdicts": the gRPC method path.
  std::string GrpcPath() const;
  // "GET /v1/{name=inspections/*}", for logs and metrics: names no resource.
  std::string Describe() const;
};

// The compiled-in descriptor of the gRPC service `full_name`
// ("yjinspect.v1.Findings"), or null when this binary has none.
const google::protobuf::ServiceDescriptor* CompiledService(
    absl::string_view full_name);

struct MatchedRoute {
  const HttpRoute* route = nullptr;
  std::vector<PathBinding> bindings;
};

class HttpRoutes {
 public:
  // The routes of every unary method of `services` that has an HTTP rule.
  // INVALID_ARGUMENT when a rule is malformed, binds a field that is not a
  // string field of the request, names a body field that is not a message
  // field, or repeats another rule's method and template.
  static absl::StatusOr<HttpRoutes> ForServices(
      absl::Span<const google::protobuf::ServiceDescriptor* const> services);

  // The route for `http_method` and `path` (no query string). NOT_FOUND
  // when no route's template matches the path; UNIMPLEMENTED (HTTP 405)
  // when some do, but for other methods.
  absl::StatusOr<MatchedRoute> Match(absl::string_view http_method,
                                     absl::string_view path) const;

  const std::vector<HttpRoute>& routes() const { return *routes_; }

 private:
  std::shared_ptr<std::vector<HttpRoute>> routes_;
};

}  // namespace yjinspect::workbench
