#pragma once

// An inspection's inter-rater agreement over its submitted second markings
// (verdicts/agreement.h does the arithmetic): per criterion on its own
// scale, pooled over every criterion, and per pair of inspectors. Pure.

#include <vector>

#include "absl/status/statusor.h"
#include "services/findings/moderation/double_marking.h"
#include "yjinspect/v1/framework.pb.h"
#include "yjinspect/v1/moderation.pb.h"

namespace yjinspect::findings {

// `records` are the current sample's records with a second marker. Only
// submitted markings with a first marking count; a pair is a criterion
// both markers answered. Pooled figures take the union of the answer
// values of the scales involved as their categories. Criteria come lowest
// observed agreement first, then in framework order.
absl::StatusOr<v1::AgreementSummary> SummariseAgreement(
    const v1::Framework& framework,
    const std::vector<DoubleMarkedRecord>& records);

}  // namespace yjinspect::findings
