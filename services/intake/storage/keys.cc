#include "services/intake/storage/keys.h"

#include "absl/strings/str_cat.h"
#include "common/big_endian.h"

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
  return common::EncodeBigEndian64(sequence);
}

std::optional<uint64_t> DecodeSequenceKey(absl::string_view key) {
  return common::DecodeBigEndian64(key);
}

std::string RequestKey(absl::string_view kind, absl::string_view request_id) {
  return absl::StrCat(kind, "/", request_id);
}

}  // namespace yjinspect::intake
