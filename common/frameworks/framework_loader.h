#pragma once

// Reads one framework file: protobuf text format of yjinspect.v1.Framework
// (see frameworks/*.textproto), then checks it against the rules in
// framework_validation.h. Pure: no file system access, thread-safe.

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "yjinspect/v1/framework.pb.h"

namespace yjinspect::common {

// Parses and validates `text`. `file_name` names the source in errors only.
//
// A syntax error (including an unknown field or enum value, or a field set
// twice) is INVALID_ARGUMENT "<file_name>:<line>:<column>: <reason>", with
// 1-based line and column. A broken rule is INVALID_ARGUMENT naming the file
// and, where the offending item is in the text, its line and column (see
// ValidateFramework).
absl::StatusOr<v1::Framework> ParseFramework(absl::string_view text,
                                             absl::string_view file_name);

}  // namespace yjinspect::common
