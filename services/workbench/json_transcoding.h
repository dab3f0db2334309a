#pragma once

// HTTP/JSON <-> protobuf for the JSON API, by Google's HTTP mapping and
// protobuf's JSON mapping: a request message is built from the route's
// path variables, the query string and the JSON body; a response is its
// message's JSON; a refusal is AIP-193's error object,
//   {"error": {"code": <HTTP status>, "status": "NOT_FOUND",
//              "message": "...", "details": [<google.rpc.* as JSON>]}}
// with the same details the gRPC status carries. Pure: no I/O.

#include <map>
#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "google/protobuf/message.h"
#include "services/workbench/http_routes.h"

namespace yjinspect::workbench {

// Query parameters, decoded, in order; a name may repeat (a repeated
// field).
using QueryParameters = std::multimap<std::string, std::string>;

// Fills `request` (of the route's input type): the body as the route says
// ("*" the whole message, a field name that field; JSON, unknown fields
// refused), then each query parameter (a field path of a scalar or enum
// field, in proto or lowerCamel spelling, not one the path or body set),
// then the path variables, which win. INVALID_ARGUMENT naming the
// parameter or saying what is wrong with the JSON; nothing is sent then.
absl::Status FillRequest(const MatchedRoute& matched,
                         const QueryParameters& query, absl::string_view body,
                         google::protobuf::Message* request);

// The response's JSON (lowerCamel names, default values left out, enums
// by name). INTERNAL if it cannot be printed.
absl::StatusOr<std::string> ResponseJson(
    const google::protobuf::Message& response);

// The HTTP status Google's mapping gives a gRPC canonical code
// (google/rpc/code.proto): NOT_FOUND 404, ABORTED 409 and so on.
int HttpStatusOf(absl::StatusCode code);

// AIP-193's error object for `status`, its payloads as details.
std::string ErrorJson(const absl::Status& status);

}  // namespace yjinspect::workbench
