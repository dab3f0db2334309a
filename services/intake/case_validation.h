#pragma once

// Validation of submitted cases, by the case record of docs/domain.md,
// section 5. Field paths are relative to the request
// ("case.child.age_at_sentence").

#include "common/field_violations.h"
#include "yjinspect/v1/intake_service.pb.h"

namespace yjinspect::intake {

// Age limits of the youth justice system (age at sentence).
inline constexpr int kMinAgeAtSentence = 10;
inline constexpr int kMaxAgeAtSentence = 17;
inline constexpr int kMaxOffences = 20;
inline constexpr int kMaxReviewDates = 50;

// Every violation of `request`; empty when it can be stored.
common::FieldViolations ValidateCreateCaseRequest(
    const v1::CreateCaseRequest& request);

// The case content only (paths start at `prefix`, for example "case.").
common::FieldViolations ValidateCase(const v1::Case& c);

}  // namespace yjinspect::intake
