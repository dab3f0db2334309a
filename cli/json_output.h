#pragma once

// What `--json` prints for a service's answer: the message in protobuf's
// JSON mapping, with the proto's own field names (snake_case, as in the
// API reference), so that scripts read the same names the protos declare.

#include <string>

#include "google/protobuf/message.h"
#include "nlohmann/json.hpp"

namespace yjinspect::cli {

// One line of JSON; "{}" for a message the printer refuses (an Any whose
// type it cannot resolve: none of ours).
std::string MessageJson(const google::protobuf::Message& message);

// The same as a JSON value, to place inside a larger object.
nlohmann::json MessageValue(const google::protobuf::Message& message);

// Writes `value` as one line on standard output: every --json answer goes
// through here or MessageJson, so strings are always escaped.
void PrintJsonLine(const nlohmann::json& value);

}  // namespace yjinspect::cli
