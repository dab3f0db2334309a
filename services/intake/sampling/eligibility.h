#pragma once

// Which cases may be sampled for an inspection (docs/domain.md, section 2):
// disposals of the framework's eligible types that started (an out-of-court
// disposal: was delivered) at least N weeks before the announcement, and
// between M weeks and K months before fieldwork starts. A court disposal
// must still be running at fieldwork; an out-of-court disposal, usually
// completed within weeks, need not be. Pure code.

#include <optional>
#include <string>

#include "absl/time/civil_time.h"
#include "yjinspect/v1/case.pb.h"
#include "yjinspect/v1/framework.pb.h"
#include "yjinspect/v1/inspection.pb.h"
#include "yjinspect/v1/victim_case.pb.h"

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

// Why the victim's case is not eligible for a pool of victims' cases with
// `window` ("the victim was first contacted 2014-10-02, after the latest
// eligible day 2014-09-22"), or nullopt when the YOT first contacted the
// victim within the window.
std::optional<std::string> VictimIneligibilityReason(
    const v1::VictimCase& victim, const EligibilityWindow& window);

}  // namespace yjinspect::intake
