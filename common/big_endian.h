#pragma once

// Unsigned 64-bit integers as 8 big-endian bytes, so that keys sort in
// numeric order (change-log sequences, audit sequences, the findings
// cursor). On disk: never change the encoding. Pure functions.

#include <cstdint>
#include <optional>
#include <string>

#include "absl/strings/string_view.h"

namespace yjinspect::common {

std::string EncodeBigEndian64(uint64_t value);

// nullopt unless `bytes` is exactly 8 bytes long.
std::optional<uint64_t> DecodeBigEndian64(absl::string_view bytes);

}  // namespace yjinspect::common
