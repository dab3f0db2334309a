#include "services/workbench/json_transcoding.h"

#include <set>
#include <utility>
#include <vector>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "common/rpc/grpc_status.h"
#include "google/protobuf/field_mask.pb.h"
#include "google/protobuf/util/field_mask_util.h"
#include "google/protobuf/util/json_util.h"
#include "google/rpc/status.pb.h"
#include "nlohmann/json.hpp"

namespace yjinspect::workbench {
namespace {

using google::protobuf::Descriptor;
using google::protobuf::FieldDescriptor;
using google::protobuf::Message;
using google::protobuf::Reflection;

absl::Status BadParameter(absl::string_view name, absl::string_view why) {
  return absl::InvalidArgumentError(
      absl::StrCat("query parameter \"", name, "\": ", why));
}

const FieldDescriptor* FieldNamed(const Descriptor* message,
                                  absl::string_view name) {
  const std::string key(name);
  const FieldDescriptor* field = message->FindFieldByName(key);
  if (field == nullptr) field = message->FindFieldByCamelcaseName(key);
  return field;
}

// The message holding the field `path` ends in, created as needed, and the
// field; INVALID_ARGUMENT when the path names no field.
absl::StatusOr<std::pair<Message*, const FieldDescriptor*>> Resolve(
    Message* message, absl::string_view path) {
  std::vector<absl::string_view> parts = absl::StrSplit(path, '.');
  for (size_t i = 0; i < parts.size(); ++i) {
    const FieldDescriptor* field =
        FieldNamed(message->GetDescriptor(), parts[i]);
    if (field == nullptr) {
      return absl::InvalidArgumentError(
          absl::StrCat("no field ", parts[i], " in ",
                       message->GetDescriptor()->full_name()));
    }
    if (i + 1 == parts.size()) return std::make_pair(message, field);
    if (field->is_repeated() ||
        field->type() != FieldDescriptor::TYPE_MESSAGE) {
      return absl::InvalidArgumentError(
          absl::StrCat(parts[i], " is not a message field"));
    }
    message = message->GetReflection()->MutableMessage(message, field);
  }
  return absl::InvalidArgumentError("an empty field path");
}

absl::Status SetScalar(Message* message, const FieldDescriptor* field,
                       const std::string& value) {
  const Reflection& r = *message->GetReflection();
  const bool repeated = field->is_repeated();
  // The value is not quoted back: it came from outside.
  auto bad = [&]() {
    return absl::InvalidArgumentError(
        absl::StrCat("the value is not a ", field->type_name()));
  };
  switch (field->cpp_type()) {
    case FieldDescriptor::CPPTYPE_STRING:
      repeated ? r.AddString(message, field, value)
               : r.SetString(message, field, value);
      return absl::OkStatus();
    case FieldDescriptor::CPPTYPE_BOOL: {
      bool b = false;
      if (!absl::SimpleAtob(value, &b)) return bad();
      repeated ? r.AddBool(message, field, b) : r.SetBool(message, field, b);
      return absl::OkStatus();
    }
    case FieldDescriptor::CPPTYPE_INT32: {
      int32_t n = 0;
      if (!absl::SimpleAtoi(value, &n)) return bad();
      repeated ? r.AddInt32(message, field, n) : r.SetInt32(message, field, n);
      return absl::OkStatus();
    }
    case FieldDescriptor::CPPTYPE_INT64: {
      int64_t n = 0;
      if (!absl::SimpleAtoi(value, &n)) return bad();
      repeated ? r.AddInt64(message, field, n) : r.SetInt64(message, field, n);
      return absl::OkStatus();
    }
    case FieldDescriptor::CPPTYPE_UINT32: {
      uint32_t n = 0;
      if (!absl::SimpleAtoi(value, &n)) return bad();
      repeated ? r.AddUInt32(message, field, n)
               : r.SetUInt32(message, field, n);
      return absl::OkStatus();
    }
    case FieldDescriptor::CPPTYPE_UINT64: {
      uint64_t n = 0;
      if (!absl::SimpleAtoi(value, &n)) return bad();
      repeated ? r.AddUInt64(message, field, n)
               : r.SetUInt64(message, field, n);
      return absl::OkStatus();
    }
    case FieldDescriptor::CPPTYPE_DOUBLE:
    case FieldDescriptor::CPPTYPE_FLOAT: {
      double d = 0;
      if (!absl::SimpleAtod(value, &d)) return bad();
      if (field->cpp_type() == FieldDescriptor::CPPTYPE_FLOAT) {
        repeated ? r.AddFloat(message, field, static_cast<float>(d))
                 : r.SetFloat(message, field, static_cast<float>(d));
      } else {
        repeated ? r.AddDouble(message, field, d)
                 : r.SetDouble(message, field, d);
      }
      return absl::OkStatus();
    }
    case FieldDescriptor::CPPTYPE_ENUM: {
      const google::protobuf::EnumValueDescriptor* e =
          field->enum_type()->FindValueByName(value);
      int number = 0;
      if (e == nullptr && absl::SimpleAtoi(value, &number)) {
        e = field->enum_type()->FindValueByNumber(number);
      }
      if (e == nullptr) {
        return absl::InvalidArgumentError(absl::StrCat(
            "the value is not a value of ", field->enum_type()->name()));
      }
      repeated ? r.AddEnum(message, field, e) : r.SetEnum(message, field, e);
      return absl::OkStatus();
    }
    case FieldDescriptor::CPPTYPE_MESSAGE:
      break;
  }
  return absl::InvalidArgumentError("a message field cannot be set this way");
}

absl::Status ParseJsonInto(absl::string_view json, Message* message) {
  google::protobuf::util::JsonParseOptions options;
  options.ignore_unknown_fields = false;
  const auto parsed = google::protobuf::util::JsonStringToMessage(
      google::protobuf::StringPiece(json.data(), json.size()), message,
      options);
  if (!parsed.ok()) {
    return absl::InvalidArgumentError(absl::StrCat(
        "the request body is not a JSON ", message->GetDescriptor()->name(),
        ": ", std::string(parsed.message())));
  }
  return absl::OkStatus();
}

}  // namespace

absl::Status FillRequest(const MatchedRoute& matched,
                         const QueryParameters& query, absl::string_view body,
                         Message* request) {
  const HttpRoute& route = *matched.route;
  // The top-level fields the path or the body set, by descriptor: a query
  // parameter may not set them again, in whichever spelling.
  std::set<const FieldDescriptor*> set_by_route;
  const Descriptor* type = request->GetDescriptor();
  for (const PathBinding& b : matched.bindings) {
    set_by_route.insert(FieldNamed(type, b.first.substr(0, b.first.find('.'))));
  }
  if (route.body.empty()) {
    if (!body.empty()) {
      return absl::InvalidArgumentError(
          absl::StrCat(route.Describe(), " takes no request body"));
    }
  } else {
    const absl::string_view json = body.empty() ? "{}" : body;
    if (route.body == "*") {
      if (auto s = ParseJsonInto(json, request); !s.ok()) return s;
    } else {
      const FieldDescriptor* field =
          request->GetDescriptor()->FindFieldByName(route.body);
      if (auto s = ParseJsonInto(
              json, request->GetReflection()->MutableMessage(request, field));
          !s.ok()) {
        return s;
      }
      set_by_route.insert(field);
    }
  }
  for (const auto& [name, value] : query) {
    if (route.body == "*") {
      return BadParameter(name, "this method takes its fields in the body");
    }
    if (set_by_route.count(FieldNamed(type, name.substr(0, name.find('.')))) >
        0) {
      return BadParameter(name, "set by the path or the body already");
    }
    auto target = Resolve(request, name);
    if (!target.ok()) return BadParameter(name, target.status().message());
    auto [message, field] = *target;
    if (field->cpp_type() == FieldDescriptor::CPPTYPE_MESSAGE) {
      // google.protobuf.FieldMask in its JSON form ("a,b.c"), as Google's
      // mapping takes it (updateMask on a PATCH).
      if (!field->is_repeated() &&
          field->message_type()->full_name() == "google.protobuf.FieldMask") {
        auto* mask = static_cast<google::protobuf::FieldMask*>(
            message->GetReflection()->MutableMessage(message, field));
        if (!google::protobuf::util::FieldMaskUtil::FromJsonString(value,
                                                                   mask)) {
          return BadParameter(name, "not a field mask");
        }
        continue;
      }
      return BadParameter(name, "a message field cannot be a query parameter");
    }
    if (auto s = SetScalar(message, field, value); !s.ok()) {
      return BadParameter(name, s.message());
    }
  }
  for (const PathBinding& binding : matched.bindings) {
    auto target = Resolve(request, binding.first);
    if (!target.ok()) return target.status();
    auto [message, field] = *target;
    message->GetReflection()->SetString(message, field, binding.second);
  }
  return absl::OkStatus();
}

absl::StatusOr<std::string> ResponseJson(const Message& response) {
  std::string json;
  google::protobuf::util::JsonPrintOptions options;
  const auto printed =
      google::protobuf::util::MessageToJsonString(response, &json, options);
  if (!printed.ok()) {
    return absl::InternalError(absl::StrCat(
        "cannot print a ", response.GetDescriptor()->name(), " as JSON"));
  }
  return json;
}

int HttpStatusOf(absl::StatusCode code) {
  switch (code) {
    case absl::StatusCode::kOk:
      return 200;
    case absl::StatusCode::kCancelled:
      return 499;
    case absl::StatusCode::kInvalidArgument:
    case absl::StatusCode::kFailedPrecondition:
    case absl::StatusCode::kOutOfRange:
      return 400;
    case absl::StatusCode::kDeadlineExceeded:
      return 504;
    case absl::StatusCode::kNotFound:
      return 404;
    case absl::StatusCode::kAlreadyExists:
    case absl::StatusCode::kAborted:
      return 409;
    case absl::StatusCode::kPermissionDenied:
      return 403;
    case absl::StatusCode::kUnauthenticated:
      return 401;
    case absl::StatusCode::kResourceExhausted:
      return 429;
    case absl::StatusCode::kUnimplemented:
      return 501;
    case absl::StatusCode::kUnavailable:
      return 503;
    default:
      return 500;
  }
}

std::string ErrorJson(const absl::Status& status) {
  const google::rpc::Status rpc = common::ToRpcStatus(status);
  nlohmann::json details = nlohmann::json::array();
  std::string rpc_json;
  if (google::protobuf::util::MessageToJsonString(rpc, &rpc_json).ok()) {
    nlohmann::json parsed = nlohmann::json::parse(rpc_json, nullptr, false);
    if (parsed.is_object() && parsed.contains("details")) {
      details = parsed["details"];
    }
  }
  nlohmann::json error = {{"code", HttpStatusOf(status.code())},
                          {"status", absl::StatusCodeToString(status.code())},
                          {"message", std::string(status.message())},
                          {"details", details}};
  // Messages may quote what a client sent: never let a byte that is not
  // UTF-8 make the answer fail.
  return nlohmann::json{{"error", error}}.dump(
      -1, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace yjinspect::workbench
