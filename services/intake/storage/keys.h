#pragma once

// Key encodings of the intake store: pure functions, one place.

#include <cstdint>
#include <optional>
#include <string>

#include "absl/strings/string_view.h"

namespace yjinspect::intake {

// Cases sort by YOT, then by case reference: "{yot}\0{case}". Neither part
// can hold a NUL (resource_names.h), so the encoding is unambiguous.
// Victims' cases are keyed the same way, in a family of their own.
std::string CaseKey(absl::string_view yot, absl::string_view case_id);
// Every case of one YOT lies in [CaseKeyPrefix(yot), CaseKeyLimit(yot)).
std::string CaseKeyPrefix(absl::string_view yot);
std::string CaseKeyLimit(absl::string_view yot);

std::string InspectionKey(absl::string_view inspection_id);

// Change-log positions: 8 bytes big-endian, so byte order is numeric order.
std::string SequenceKey(uint64_t sequence);
std::optional<uint64_t> DecodeSequenceKey(absl::string_view key);

// Idempotency keys are scoped by what they created ("case", "inspection").
std::string RequestKey(absl::string_view kind, absl::string_view request_id);

}  // namespace yjinspect::intake
