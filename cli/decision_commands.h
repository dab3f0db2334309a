#pragma once

// The command line's commands on the verdict decisions of an inspection:
// record a ratings panel's rating of a section or the lead inspector's
// override, and list those recorded.

#include <ostream>
#include <string>

#include "CLI/CLI.hpp"
#include "absl/status/statusor.h"
#include "cli/subcommand.h"
#include "yjinspect/v1/findings_service.pb.h"

namespace yjinspect::cli {

// What a user asks to record: one of the two kinds, each as KEY=VALUE.
struct DecisionChoice {
  std::string inspection;
  // SECTION=RATING, as "3=Good".
  std::string panel_rating;
  // TARGET=VALUE, as "improvement:1.1=confirm", "overall=Good" or "3=Good".
  std::string verdict_override;
  std::string reason;
  // Who overrides; the global --actor when empty.
  std::string by;
};

// The request for `choice`, or INVALID_ARGUMENT saying what is missing or
// malformed (the services check the rest: the section, the rating, the
// target).
absl::StatusOr<v1::RecordVerdictDecisionRequest> DecisionRequestOf(
    const DecisionChoice& choice, const std::string& actor);

// One line a decision: "panel rating  section 3: Good  (reason)",
// "override  improvement:1.1 -> confirm  by lead-1  (reason)".
void PrintDecisions(const v1::VerdictDecisions& decisions, std::ostream& out);

// Adds record-verdict-decision and list-verdict-decisions to `commands`.
void AddDecisionCommands(Subcommands commands);

}  // namespace yjinspect::cli
