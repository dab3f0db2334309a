#include "services/intake/storage/keys.h"

#include "absl/strings/str_cat.h"

namespace yjinspect::intake {

std::string CaseKey(absl::string_view yot, absl::string_view case_id) {
  return absl::StrCat(yot, absl::string_view("\0", 1), case_id);
}

std::string CaseKeyPrefix(absl::string_view yot) {
  return absl::StrCat(yot, absl::string_view("\0", 1));
}

std::string CaseKeyLimit(absl::string_view yot) {
  return absl::StrCat(yot, absl::string_view("\1", 1));
}

std::string InspectionKey(absl::string_view inspection_id) {
  return std::string(inspection_id);
}

std::string SequenceKey(uint64_t sequence) {
  std::string key(8, '\0');
  for (int i = 7; i >= 0; --i) {
    key[static_cast<size_t>(i)] = static_cast<char>(sequence & 0xff);
    sequence >>= 8;
  }
  return key;
}

std::optional<uint64_t> DecodeSequenceKey(absl::string_view key) {
  if (key.size() != 8) return std::nullopt;
  uint64_t sequence = 0;
  for (char c : key) sequence = (sequence << 8) | static_cast<unsigned char>(c);
  return sequence;
}

std::string RequestKey(absl::string_view kind, absl::string_view request_id) {
  return absl::StrCat(kind, "/", request_id);
}

}  // namespace yjinspect::intake
