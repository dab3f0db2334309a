#pragma once

// Which cases may be sampled for an inspection (DOMAIN.md §2): statutory
// disposals of the framework's eligible types, supervised at least N weeks
// before the announcement, and between M weeks and K months into the
// sentence when fieldwork starts. Pure code.

#include <optional>
#include <string>

#include "absl/time/civil_time.h"
#include "yjinspect/v1/case.pb.h"
#include "yjinspect/v1/framework.pb.h"
#include "yjinspect/v1/inspection.pb.h"

namespace yjinspect::intake {

// The window of disposal start dates an inspection samples from.
struct EligibilityWindow {
  absl::CivilDay start_on_or_after;
  absl::CivilDay start_on_or_before;
  absl::CivilDay fieldwork_start;
};

// The window for `inspection` under `rules`. The latest start is the earlier
// of "N weeks before the announcement" and "M weeks before fieldwork".
EligibilityWindow WindowFor(const v1::Inspection& inspection,
                            const v1::SamplingRules& rules);

// Why `c` is not eligible ("disposal type youth caution is not sampled"), or
// nullopt when it is.
std::optional<std::string> IneligibilityReason(const v1::Case& c,
                                               const v1::SamplingRules& rules,
                                               const EligibilityWindow& window);

}  // namespace yjinspect::intake
