#include "cli/json_output.h"

#include <iostream>

#include "google/protobuf/util/json_util.h"

namespace yjinspect::cli {

std::string MessageJson(const google::protobuf::Message& message) {
  std::string out;
  google::protobuf::util::JsonPrintOptions options;
  options.preserve_proto_field_names = true;
  if (!google::protobuf::util::MessageToJsonString(message, &out, options)
           .ok()) {
    return "{}";
  }
  return out;
}

nlohmann::json MessageValue(const google::protobuf::Message& message) {
  return nlohmann::json::parse(MessageJson(message));
}

void PrintJsonLine(const nlohmann::json& value) {
  std::cout << value.dump() << "\n";
}

}  // namespace yjinspect::cli
