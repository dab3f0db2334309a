#include "common/inspection_refusals.h"

#include <utility>

#include "absl/strings/str_cat.h"
#include "common/error_reasons.h"

namespace yjinspect::common {

absl::Status InspectionPrecondition(absl::string_view reason,
                                    absl::string_view type,
                                    const v1::Inspection& inspection,
                                    absl::string_view message,
                                    ErrorMetadata more) {
  more["state"] = v1::InspectionState_Name(inspection.state());
  return FailedPrecondition(reason, {type, inspection.name()}, message, more);
}

absl::Status WrongState(const v1::Inspection& inspection,
                        absl::string_view message, ErrorMetadata more) {
  return InspectionPrecondition(kWrongState, kStateViolation, inspection,
                                message, std::move(more));
}

absl::Status FrameworkUnknown(const v1::Inspection& inspection) {
  return FrameworkUnknown(
      inspection,
      absl::StrCat("inspection ", inspection.name(), " is pinned to framework ",
                   inspection.framework_id(), " version ",
                   inspection.framework_version(),
                   ", which this service does not know"));
}

absl::Status FrameworkUnknown(const v1::Inspection& inspection,
                              absl::string_view message) {
  return InspectionPrecondition(
      kFrameworkUnknown, kFrameworkViolation, inspection, message,
      {{"framework_id", inspection.framework_id()},
       {"framework_version", inspection.framework_version()}});
}

}  // namespace yjinspect::common
