#pragma once

// Validation of CreateInspection requests.

#include "common/field_violations.h"
#include "yjinspect/v1/intake_service.pb.h"

namespace yjinspect::intake {

common::FieldViolations ValidateCreateInspectionRequest(
    const v1::CreateInspectionRequest& request);

}  // namespace yjinspect::intake
