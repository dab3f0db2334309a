#include "tests/unit/findings/verdicts/published_standards.h"

#include <vector>

#include "services/findings/verdicts/verdict_engine.h"

namespace yjinspect::findings::testing {

absl::StatusOr<v1::InspectionVerdicts> VerdictsOfPublishedStandards(
    const v1::Framework& framework,
    const std::map<std::string, std::string>& ratings) {
  std::vector<v1::PanelRating> panel;
  std::vector<v1::VerdictOverride> overrides;
  for (const v1::Section& s : framework.sections()) {
    const auto it = ratings.find(s.id());
    if (it == ratings.end()) continue;
    if (s.scoring() == v1::SCORING_METHOD_PANEL_RATING) {
      v1::PanelRating& p = panel.emplace_back();
      p.set_section_id(s.id());
      p.set_rating(it->second);
      p.set_reason("as published");
    } else {
      v1::VerdictOverride& o = overrides.emplace_back();
      o.set_target(s.id());
      o.set_value(it->second);
      o.set_reason("as published");
    }
  }
  return ComputeVerdicts(framework, {}, panel, overrides);
}

}  // namespace yjinspect::findings::testing
