#pragma once

// Opaque page tokens (AIP-158): a web-safe base64 PageCursor that names the
// list it belongs to, so a token cannot be replayed on another list.

#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "common/field_violations.h"

namespace yjinspect::common {

inline constexpr int kDefaultPageSize = 50;
inline constexpr int kMaxPageSize = 1000;

std::string EncodePageToken(absl::string_view list_key,
                            absl::string_view last_key);

// The last key of the previous page ("" for an empty token: the first page).
// INVALID_ARGUMENT naming the field `page_token` when the token is malformed
// or belongs to another list.
absl::StatusOr<std::string> DecodePageToken(absl::string_view token,
                                            absl::string_view list_key);

// The effective page size: 0 -> default, above the maximum -> maximum. A
// negative size adds a violation of `page_size` to `violations`.
int CheckPageSize(FieldViolations& violations, int requested);

}  // namespace yjinspect::common
