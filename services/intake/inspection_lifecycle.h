#pragma once

// The inspection lifecycle's rules, pure: which state may follow which, and
// the record every step leaves (who, when, why) on the inspection.
//
//   announced -> caseload received -> sample drawn -> fieldwork ->
//   verdicts agreed -> report published
//
// A sample may be redrawn (sample drawn -> sample drawn) until fieldwork;
// a reset goes back to caseload received.

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "yjinspect/v1/inspection.pb.h"

namespace yjinspect::intake {

// Moves `inspection` to `to`, appending the transition; FAILED_PRECONDITION
// naming the current state and what `to` needs when it does not follow.
absl::Status MoveTo(v1::Inspection& inspection, v1::InspectionState to,
                    absl::string_view actor, absl::string_view reason,
                    absl::Time now);

// "SAMPLE_DRAWN" for messages.
std::string StateName(v1::InspectionState state);

}  // namespace yjinspect::intake
