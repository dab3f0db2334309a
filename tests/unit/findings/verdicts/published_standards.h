#pragma once

// For the tests of published ratings: the verdicts the engine gives when a
// framework's standards have the ratings an inspection published, with no
// case answers.

#include <map>
#include <string>

#include "absl/status/statusor.h"
#include "yjinspect/v1/framework.pb.h"
#include "yjinspect/v1/verdicts.pb.h"

namespace yjinspect::findings::testing {

// `ratings` maps section ids to band ratings; each becomes a panel rating
// for a panel-rated standard, an override for one rated from cases
// (reason "as published"). Sections not named stay unrated.
absl::StatusOr<v1::InspectionVerdicts> VerdictsOfPublishedStandards(
    const v1::Framework& framework,
    const std::map<std::string, std::string>& ratings);

}  // namespace yjinspect::findings::testing
