#pragma once

// Validation of RecordAction: the request's own shape first, then the due
// date against the report's publication date. Field paths are relative to
// the request ("action.due_date"). Pure.

#include <string>

#include "absl/time/civil_time.h"
#include "common/field_violations.h"
#include "yjinspect/v1/action_plan.pb.h"
#include "yjinspect/v1/findings_service.pb.h"

namespace yjinspect::findings {

// An action is one paragraph, owned by a role named in a few words.
inline constexpr size_t kMaxActionChars = 1000;
inline constexpr size_t kMaxOwnerRoleChars = 100;
inline constexpr size_t kMaxDroppedReasonChars = 500;

// The inspection name, a recommendation name of that same inspection, the
// action id, the etag's form, and the action: an owner role of 1 to 100
// characters and a description of 1 to 1000 once trimmed (no line breaks in
// either), a real due date, a status, and a dropped reason of 1 to 500
// characters exactly when the status is DROPPED.
common::FieldViolations ValidateActionRequest(
    const v1::RecordActionRequest& request);

// The action's due date is not before `published` (the report's
// publication date): an action plan answers a published report.
common::FieldViolations ValidateDueDate(const v1::Action& action,
                                        absl::CivilDay published);

// What is kept of an action as given: its texts trimmed of surrounding
// white space, its due date and status; no output-only field.
v1::Action ActionContent(const v1::Action& given);

}  // namespace yjinspect::findings
