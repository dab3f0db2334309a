#pragma once

// The JSON API's one handler: an HTTP request, already signed in and
// checked, becomes the unary gRPC call its route names, and the call's
// outcome becomes the HTTP response (json_transcoding.h). No HTTP server
// types: workbench_server.cc feeds it from cpp-httplib, tests directly.

#include <memory>
#include <string>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "services/workbench/http_routes.h"
#include "services/workbench/json_transcoding.h"
#include "services/workbench/service_calls.h"

namespace yjinspect::workbench {

struct ApiRequest {
  std::string method;  // GET, POST ...
  std::string path;    // without the query string
  QueryParameters query;
  std::string body;
  std::string user;  // the signed-in user the call is made for
  std::string request_id;
};

struct ApiResponse {
  int http_status = 200;
  std::string json;
  // For logs and metrics: the route ("GET /v1/{name=inspections/*}", or
  // "unrouted") and the canonical code ("OK", "NOT_FOUND").
  std::string route;
  std::string code;
};

// The response for a refusal made before any call.
ApiResponse Refusal(const absl::Status& status, std::string route);

class ApiGateway {
 public:
  ApiGateway(HttpRoutes routes, std::shared_ptr<const ServiceCalls> calls);

  ApiResponse Handle(const ApiRequest& request) const;

  const HttpRoutes& routes() const { return routes_; }

 private:
  HttpRoutes routes_;
  std::shared_ptr<const ServiceCalls> calls_;
};

}  // namespace yjinspect::workbench
