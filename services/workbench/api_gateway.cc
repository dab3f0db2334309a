#include "services/workbench/api_gateway.h"

#include <utility>

#include "absl/strings/str_cat.h"
#include "google/protobuf/message.h"

namespace yjinspect::workbench {

ApiResponse Refusal(const absl::Status& status, std::string route) {
  ApiResponse response;
  response.http_status = HttpStatusOf(status.code());
  response.json = ErrorJson(status);
  response.route = std::move(route);
  response.code = absl::StatusCodeToString(status.code());
  return response;
}

ApiGateway::ApiGateway(HttpRoutes routes,
                       std::shared_ptr<const ServiceCalls> calls)
    : routes_(std::move(routes)), calls_(std::move(calls)) {}

ApiResponse ApiGateway::Handle(const ApiRequest& request) const {
  absl::StatusOr<MatchedRoute> matched =
      routes_.Match(request.method, request.path);
  if (!matched.ok()) {
    // 404 for an unknown path, 405 for a known path and another method.
    ApiResponse response = Refusal(matched.status(), "unrouted");
    if (matched.status().code() == absl::StatusCode::kUnimplemented) {
      response.http_status = 405;
    }
    return response;
  }
  const HttpRoute& route = *matched->route;
  std::unique_ptr<google::protobuf::Message> message(
      google::protobuf::MessageFactory::generated_factory()
          ->GetPrototype(route.method->input_type())
          ->New());
  if (absl::Status filled =
          FillRequest(*matched, request.query, request.body, message.get());
      !filled.ok()) {
    return Refusal(filled, route.Describe());
  }
  absl::StatusOr<std::unique_ptr<google::protobuf::Message>> answer =
      calls_->Call(*route.method, *message, request.user, request.request_id);
  if (!answer.ok()) return Refusal(answer.status(), route.Describe());
  absl::StatusOr<std::string> json = ResponseJson(**answer);
  if (!json.ok()) return Refusal(json.status(), route.Describe());
  ApiResponse response;
  response.json = *std::move(json);
  response.route = route.Describe();
  response.code = "OK";
  return response;
}

}  // namespace yjinspect::workbench
