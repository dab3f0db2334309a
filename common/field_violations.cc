#include "common/field_violations.h"

#include <utility>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "common/error_details.h"
#include "google/rpc/error_details.pb.h"

namespace yjinspect::common {

void FieldViolations::Add(std::string field, std::string description) {
  violations_.push_back({std::move(field), std::move(description)});
}

void FieldViolations::AddAll(absl::string_view prefix,
                             const FieldViolations& other) {
  for (const FieldViolation& v : other.violations_) {
    Add(absl::StrCat(prefix, v.field), v.description);
  }
}

absl::Status FieldViolations::ToStatus(absl::string_view what) const {
  if (violations_.empty()) return absl::OkStatus();
  google::rpc::BadRequest bad_request;
  std::vector<std::string> parts;
  for (const FieldViolation& v : violations_) {
    auto* out = bad_request.add_field_violations();
    out->set_field(v.field);
    out->set_description(v.description);
    parts.push_back(absl::StrCat(v.field, ": ", v.description));
  }
  absl::Status status = absl::InvalidArgumentError(
      absl::StrCat("invalid ", what, ": ", absl::StrJoin(parts, "; ")));
  status.SetPayload(kBadRequestTypeUrl,
                    absl::Cord(bad_request.SerializeAsString()));
  return status;
}

std::vector<FieldViolation> ViolationsOf(const absl::Status& status) {
  std::vector<FieldViolation> out;
  auto bad_request =
      PayloadOf<google::rpc::BadRequest>(status, kBadRequestTypeUrl);
  if (!bad_request.has_value()) return out;
  for (const auto& v : bad_request->field_violations()) {
    out.push_back({v.field(), v.description()});
  }
  return out;
}

}  // namespace yjinspect::common
