#include "services/workbench/http_routes.h"

#include <set>
#include <utility>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "common/status_macros.h"
#include "google/api/annotations.pb.h"
#include "google/api/http.pb.h"

namespace yjinspect::workbench {
namespace {

using google::protobuf::Descriptor;
using google::protobuf::FieldDescriptor;
using google::protobuf::MethodDescriptor;

absl::Status BadRule(const MethodDescriptor& method, absl::string_view why) {
  return absl::InvalidArgumentError(
      absl::StrCat("HTTP rule of ", method.full_name(), ": ", why));
}

// The field a dotted path names, walking message fields; null if none.
const FieldDescriptor* FieldAt(const Descriptor* message,
                               absl::string_view path) {
  const FieldDescriptor* field = nullptr;
  for (absl::string_view part : absl::StrSplit(path, '.')) {
    if (message == nullptr) return nullptr;
    field = message->FindFieldByName(std::string(part));
    if (field == nullptr) return nullptr;
    message = field->message_type();
  }
  return field;
}

absl::StatusOr<HttpRoute> RouteOf(const MethodDescriptor& method,
                                  const google::api::HttpRule& rule) {
  HttpRoute route;
  route.method = &method;
  std::string path;
  switch (rule.pattern_case()) {
    case google::api::HttpRule::kGet:
      route.http_method = "GET";
      path = rule.get();
      break;
    case google::api::HttpRule::kPost:
      route.http_method = "POST";
      path = rule.post();
      break;
    case google::api::HttpRule::kPatch:
      route.http_method = "PATCH";
      path = rule.patch();
      break;
    case google::api::HttpRule::kPut:
      route.http_method = "PUT";
      path = rule.put();
      break;
    case google::api::HttpRule::kDelete:
      route.http_method = "DELETE";
      path = rule.delete_();
      break;
    default:
      return BadRule(method, "no method and path, or a custom method");
  }
  ASSIGN_OR_RETURN(route.path, PathTemplate::Parse(path));
  const Descriptor* request = method.input_type();
  for (const std::string& field_path : route.path.FieldPaths()) {
    const FieldDescriptor* field = FieldAt(request, field_path);
    if (field == nullptr || field->is_repeated() ||
        field->type() != FieldDescriptor::TYPE_STRING) {
      return BadRule(method,
                     absl::StrCat(field_path, " is not a string field of ",
                                  request->full_name()));
    }
  }
  route.body = rule.body();
  if (!route.body.empty() && route.body != "*") {
    const FieldDescriptor* field = request->FindFieldByName(route.body);
    if (field == nullptr || field->is_repeated() ||
        field->type() != FieldDescriptor::TYPE_MESSAGE) {
      return BadRule(
          method, absl::StrCat("body ", route.body, " is not a message field"));
    }
  }
  if (!route.body.empty() &&
      (route.http_method == "GET" || route.http_method == "DELETE")) {
    return BadRule(method, "a GET or DELETE takes no body");
  }
  return route;
}

}  // namespace

const google::protobuf::ServiceDescriptor* CompiledService(
    absl::string_view full_name) {
  return google::protobuf::DescriptorPool::generated_pool()->FindServiceByName(
      std::string(full_name));
}

std::string HttpRoute::GrpcPath() const {
  return absl::StrCat("/", method->service()->full_name(), "/", method->name());
}

std::string HttpRoute::Describe() const {
  return absl::StrCat(http_method, " ", path.text());
}

absl::StatusOr<HttpRoutes> HttpRoutes::ForServices(
    absl::Span<const google::protobuf::ServiceDescriptor* const> services) {
  HttpRoutes table;
  table.routes_ = std::make_shared<std::vector<HttpRoute>>();
  std::set<std::string> seen;
  for (const google::protobuf::ServiceDescriptor* service : services) {
    for (int m = 0; m < service->method_count(); ++m) {
      const MethodDescriptor& method = *service->method(m);
      if (!method.options().HasExtension(google::api::http)) continue;
      if (method.client_streaming() || method.server_streaming()) {
        return BadRule(method, "only unary methods are mapped");
      }
      const google::api::HttpRule& rule =
          method.options().GetExtension(google::api::http);
      std::vector<const google::api::HttpRule*> rules = {&rule};
      for (const google::api::HttpRule& extra : rule.additional_bindings()) {
        rules.push_back(&extra);
      }
      for (const google::api::HttpRule* r : rules) {
        ASSIGN_OR_RETURN(HttpRoute route, RouteOf(method, *r));
        if (!seen.insert(route.Describe()).second) {
          return BadRule(method, absl::StrCat(route.Describe(),
                                              " is another method's too"));
        }
        table.routes_->push_back(std::move(route));
      }
    }
  }
  return table;
}

absl::StatusOr<MatchedRoute> HttpRoutes::Match(absl::string_view http_method,
                                               absl::string_view path) const {
  bool path_known = false;
  MatchedRoute matched;
  for (const HttpRoute& route : *routes_) {
    if (!route.path.Match(path, &matched.bindings)) continue;
    if (route.http_method == http_method) {
      matched.route = &route;
      return matched;
    }
    path_known = true;
  }
  if (path_known) {
    return absl::UnimplementedError(
        absl::StrCat(http_method, " is not a method of this resource"));
  }
  return absl::NotFoundError("no API method has this path");
}

}  // namespace yjinspect::workbench
