#pragma once

// One criterion's count in the verdicts, for tests that check a few counts
// of the verdict engine's answer.

#include <string>

#include "gtest/gtest.h"
#include "yjinspect/v1/verdicts.pb.h"

namespace yjinspect::testing {

// The count of `criterion`; a missing one fails the test and reads as
// nothing counted.
inline const v1::CriterionCount& CountOf(const v1::InspectionVerdicts& verdicts,
                                         const std::string& criterion) {
  for (const v1::CriterionCount& count : verdicts.criteria()) {
    if (count.criterion_id() == criterion) return count;
  }
  ADD_FAILURE() << "no count for " << criterion;
  return v1::CriterionCount::default_instance();
}

}  // namespace yjinspect::testing
