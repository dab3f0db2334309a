#include "services/findings/storage/keys.h"

#include "absl/strings/str_cat.h"

namespace yjinspect::findings {
namespace {

constexpr absl::string_view kSeparator("\0", 1);
constexpr absl::string_view kAfterSeparator("\1", 1);

}  // namespace

std::string EncodeUint64(uint64_t value) {
  std::string out(8, '\0');
  for (int i = 7; i >= 0; --i) {
    out[static_cast<size_t>(i)] = static_cast<char>(value & 0xff);
    value >>= 8;
  }
  return out;
}

std::optional<uint64_t> DecodeUint64(absl::string_view bytes) {
  if (bytes.size() != 8) return std::nullopt;
  uint64_t value = 0;
  for (char c : bytes) value = (value << 8) | static_cast<unsigned char>(c);
  return value;
}

std::string FindingsKey(absl::string_view inspection_id,
                        absl::string_view case_id) {
  return absl::StrCat(inspection_id, kSeparator, case_id);
}

std::string FindingsPrefix(absl::string_view inspection_id) {
  return absl::StrCat(inspection_id, kSeparator);
}

std::string FindingsLimit(absl::string_view inspection_id) {
  return absl::StrCat(inspection_id, kAfterSeparator);
}

std::string HistoryKey(absl::string_view inspection_id,
                       absl::string_view case_id, uint64_t revision) {
  return absl::StrCat(inspection_id, kSeparator, case_id, kSeparator,
                      EncodeUint64(revision));
}

std::string HistoryPrefix(absl::string_view inspection_id,
                          absl::string_view case_id) {
  return absl::StrCat(inspection_id, kSeparator, case_id, kSeparator);
}

std::string HistoryLimit(absl::string_view inspection_id,
                         absl::string_view case_id) {
  return absl::StrCat(inspection_id, kSeparator, case_id, kAfterSeparator);
}

}  // namespace yjinspect::findings
