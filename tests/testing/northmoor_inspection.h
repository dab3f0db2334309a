#pragma once

// The inspection the findings service's domain tests judge: Northmoor's,
// pinned to a version of the built-in sqs-2014 framework, as intake's
// stream delivered it. Tests add the sample or dates they need.

#include <string>

#include "yjinspect/v1/inspection.pb.h"

namespace yjinspect::testing {

inline constexpr char kNorthmoorInspection[] = "inspections/northmoor-2026";

inline v1::Inspection NorthmoorInspection(
    v1::InspectionState state, const std::string& framework_version = "2") {
  v1::Inspection inspection;
  inspection.set_name(kNorthmoorInspection);
  inspection.set_yot("yots/northmoor");
  inspection.set_framework_id("sqs-2014");
  inspection.set_framework_version(framework_version);
  inspection.set_state(state);
  return inspection;
}

}  // namespace yjinspect::testing
