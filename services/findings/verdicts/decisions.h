#pragma once

// The human decisions the engine applies on top of the counts: the ratings
// panel's ratings and the overrides, each checked against the framework and
// indexed by what it applies to.

#include <vector>

#include "absl/status/statusor.h"
#include "services/findings/verdicts/framework_index.h"
#include "yjinspect/v1/verdicts.pb.h"

namespace yjinspect::findings {

// Override values for "strength:" and "improvement:" targets.
inline constexpr absl::string_view kConfirmFinding = "confirm";
inline constexpr absl::string_view kRejectFinding = "reject";

struct RecordedDecisions {
  // One per FrameworkIndex::sections(); nullptr where none was recorded.
  std::vector<const v1::PanelRating*> panel_ratings;
  std::vector<const v1::VerdictOverride*> section_overrides;
  const v1::VerdictOverride* overall_override = nullptr;
  // One per FrameworkIndex::criteria(); nullptr where none was recorded.
  std::vector<const v1::VerdictOverride*> strength_overrides;
  std::vector<const v1::VerdictOverride*> improvement_overrides;
};

// Checks and indexes the decisions; the returned pointers point into
// `panel_ratings` and `overrides`. INVALID_ARGUMENT, naming the rating or
// override, when: a reason is missing; a target or section is unknown; two
// decisions share a target; a panel rating is for a section not rated by the
// panel; a rating is not one of the framework's bands (standard bands for
// sections, overall bands for "overall"); a finding override is for an
// unscored criterion or its value is neither "confirm" nor "reject".
absl::StatusOr<RecordedDecisions> RecordDecisions(
    const FrameworkIndex& index,
    const std::vector<v1::PanelRating>& panel_ratings,
    const std::vector<v1::VerdictOverride>& overrides);

}  // namespace yjinspect::findings
