#include "common/page_token.h"

#include "absl/strings/escaping.h"
#include "common/field_violations.h"
#include "yjinspect/storage/v1/storage.pb.h"

namespace yjinspect::common {

std::string EncodePageToken(absl::string_view list_key,
                            absl::string_view last_key) {
  yjinspect::storage::v1::PageCursor cursor;
  cursor.set_list_key(std::string(list_key));
  cursor.set_last_key(std::string(last_key));
  return absl::WebSafeBase64Escape(cursor.SerializeAsString());
}

absl::StatusOr<std::string> DecodePageToken(absl::string_view token,
                                            absl::string_view list_key) {
  if (token.empty()) return std::string();
  std::string raw;
  yjinspect::storage::v1::PageCursor cursor;
  FieldViolations violations;
  if (!absl::WebSafeBase64Unescape(token, &raw) ||
      !cursor.ParseFromString(raw) || cursor.last_key().empty()) {
    violations.Add("page_token",
                   "is not a token this service issued; pass next_page_token "
                   "from the previous response unchanged");
  } else if (cursor.list_key() != list_key) {
    violations.Add("page_token",
                   "belongs to a different list; repeat the request with the "
                   "same parent and filters as the one that returned it");
  }
  if (!violations.empty()) return violations.ToStatus("page request");
  return cursor.last_key();
}

int CheckPageSize(FieldViolations& violations, int requested) {
  if (requested < 0) {
    violations.Add("page_size", "must not be negative (0 means the default)");
    return kDefaultPageSize;
  }
  if (requested == 0) return kDefaultPageSize;
  return requested > kMaxPageSize ? kMaxPageSize : requested;
}

}  // namespace yjinspect::common
