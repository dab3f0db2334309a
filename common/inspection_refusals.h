#pragma once

// The refusals both services give about an inspection, each in one place so
// that intake and findings say them with the same reason and metadata: a
// step its state does not allow, a framework version the service lacks.

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "common/error_details.h"
#include "yjinspect/v1/inspection.pb.h"

namespace yjinspect::common {

// FAILED_PRECONDITION with `message`, `reason`, a `type` violation whose
// subject is the inspection's name, and metadata "state" (the state's enum
// name, INSPECTION_STATE_FIELDWORK) with `more`.
absl::Status InspectionPrecondition(absl::string_view reason,
                                    absl::string_view type,
                                    const v1::Inspection& inspection,
                                    absl::string_view message,
                                    ErrorMetadata more = {});

// WRONG_STATE: the inspection's state does not allow the step.
absl::Status WrongState(const v1::Inspection& inspection,
                        absl::string_view message, ErrorMetadata more = {});

// FRAMEWORK_UNKNOWN: the inspection is pinned to a framework version this
// service does not know; metadata "framework_id" and "framework_version".
// Without `message`, the message both services give: "inspection X is
// pinned to framework F version V, which this service does not know".
absl::Status FrameworkUnknown(const v1::Inspection& inspection);
absl::Status FrameworkUnknown(const v1::Inspection& inspection,
                              absl::string_view message);

}  // namespace yjinspect::common
