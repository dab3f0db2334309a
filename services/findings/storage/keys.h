#pragma once

// Key encodings of the findings store: pure functions, one place.

#include <cstdint>
#include <optional>
#include <string>

#include "absl/strings/string_view.h"
#include "common/resource_names.h"

namespace yjinspect::findings {

inline constexpr absl::string_view kCursorKey = "intake_cursor";

// Big-endian 8 bytes (also the encoding of the cursor value).
std::string EncodeUint64(uint64_t value);
std::optional<uint64_t> DecodeUint64(absl::string_view bytes);

// The id the findings of a sampled record are kept under: the case's
// reference, or "~victim~{reference}" for a victim's case. References start
// with a letter or digit, so a victim's case never meets a child's case of
// the same reference (nor an interview's "~interview~{id}").
std::string FindingsRecordId(const common::CaseFindingsName& name);

// "~second~{record id}": the history id of a record's second marking,
// apart from its first marking's history and every other record's.
std::string SecondMarkingHistoryId(absl::string_view record_id);

// "{recommendation id}/{action id}": the id an action is kept under within
// its inspection. Neither id holds "/", so a recommendation's actions sort
// together and apart from every other recommendation's.
std::string ActionRecordId(absl::string_view recommendation_id,
                           absl::string_view action_id);

// "{inspection}\0{case reference}": an inspection's findings sort together.
std::string FindingsKey(absl::string_view inspection_id,
                        absl::string_view case_id);
std::string FindingsPrefix(absl::string_view inspection_id);
std::string FindingsLimit(absl::string_view inspection_id);

// "{inspection}\0{case reference}\0{revision, big-endian}".
std::string HistoryKey(absl::string_view inspection_id,
                       absl::string_view case_id, uint64_t revision);
std::string HistoryPrefix(absl::string_view inspection_id,
                          absl::string_view case_id);
std::string HistoryLimit(absl::string_view inspection_id,
                         absl::string_view case_id);

}  // namespace yjinspect::findings
