#pragma once

// Validation of submitted victims' cases (proto/yjinspect/v1/victim_case.proto;
// the record is reconstructed, docs/domain.md section 5). Field paths are
// relative to the request ("victim_case.safety_planning").

#include "common/field_violations.h"
#include "yjinspect/v1/intake_service.pb.h"

namespace yjinspect::intake {

// Every violation of `request`; empty when it can be stored (once the
// related case is found stored, which only the store can tell).
common::FieldViolations ValidateCreateVictimCaseRequest(
    const v1::CreateVictimCaseRequest& request);

// The victim's case content only, for a case of the YOT `yot` (its
// related case must be of the same YOT); paths start at the record's
// fields ("victim_kind").
common::FieldViolations ValidateVictimCase(const v1::VictimCase& victim_case,
                                           absl::string_view yot);

}  // namespace yjinspect::intake
