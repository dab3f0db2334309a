#include "services/findings/storage/keys.h"

#include "absl/strings/str_cat.h"
#include "common/big_endian.h"

namespace yjinspect::findings {
namespace {

constexpr absl::string_view kSeparator("\0", 1);
constexpr absl::string_view kAfterSeparator("\1", 1);

}  // namespace

std::string EncodeUint64(uint64_t value) {
  return common::EncodeBigEndian64(value);
}

std::optional<uint64_t> DecodeUint64(absl::string_view bytes) {
  return common::DecodeBigEndian64(bytes);
}

std::string FindingsRecordId(const common::CaseFindingsName& name) {
  return name.victim_case ? absl::StrCat("~victim~", name.case_id)
                          : name.case_id;
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

std::string SecondMarkingHistoryId(absl::string_view record_id) {
  return absl::StrCat("~second~", record_id);
}

std::string ActionRecordId(absl::string_view recommendation_id,
                           absl::string_view action_id) {
  return absl::StrCat(recommendation_id, "/", action_id);
}

}  // namespace yjinspect::findings
