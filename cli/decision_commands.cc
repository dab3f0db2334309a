#include "cli/decision_commands.h"

#include <iostream>
#include <optional>
#include <utility>

#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "cli/answer_output.h"
#include "cli/client/unary_call.h"
#include "cli/inspection_name.h"
#include "cli/json_output.h"
#include "yjinspect/v1/findings_service.grpc.pb.h"

namespace yjinspect::cli {
namespace {

using Findings = v1::Findings::Stub;

// "KEY=VALUE" as its two halves (split at the first '='), or nothing when
// either is empty.
std::optional<std::pair<std::string, std::string>> KeyValue(
    absl::string_view text) {
  const size_t equals = text.find('=');
  if (equals == absl::string_view::npos || equals == 0 ||
      equals + 1 == text.size()) {
    return std::nullopt;
  }
  return std::make_pair(std::string(text.substr(0, equals)),
                        std::string(text.substr(equals + 1)));
}

void PrintDecisionsText(const v1::VerdictDecisions& decisions) {
  PrintDecisions(decisions, std::cout);
}

int RecordDecision(const GlobalOptions& global, const DecisionChoice& choice) {
  absl::StatusOr<v1::RecordVerdictDecisionRequest> request =
      DecisionRequestOf(choice, global.actor);
  if (!request.ok()) return ReportUsageFailure(request.status().message());
  return PrintAnswerAsJsonOr(
      CallService(global.findings, &Findings::RecordVerdictDecision, *request),
      global.json, PrintDecisionsText);
}

int ListDecisions(const GlobalOptions& global, const std::string& inspection) {
  v1::GetVerdictDecisionsRequest request;
  request.set_inspection(InspectionName(inspection));
  return PrintAnswerAsJsonOr(
      CallService(global.findings, &Findings::GetVerdictDecisions, request),
      global.json, PrintDecisionsText);
}

}  // namespace

absl::StatusOr<v1::RecordVerdictDecisionRequest> DecisionRequestOf(
    const DecisionChoice& choice, const std::string& actor) {
  if (choice.panel_rating.empty() == choice.verdict_override.empty()) {
    return absl::InvalidArgumentError(
        "give one decision: --panel-rating=SECTION=RATING or "
        "--override=TARGET=VALUE");
  }
  v1::RecordVerdictDecisionRequest request;
  request.set_inspection(InspectionName(choice.inspection));
  if (!choice.panel_rating.empty()) {
    auto pair = KeyValue(choice.panel_rating);
    if (!pair) {
      return absl::InvalidArgumentError(absl::StrCat(
          "--panel-rating must be SECTION=RATING, as 3=Good; not '",
          choice.panel_rating, "'"));
    }
    v1::PanelRating& rating = *request.mutable_panel_rating();
    rating.set_section_id(pair->first);
    rating.set_rating(pair->second);
    rating.set_reason(choice.reason);
    return request;
  }
  auto pair = KeyValue(choice.verdict_override);
  if (!pair) {
    return absl::InvalidArgumentError(absl::StrCat(
        "--override must be TARGET=VALUE, as improvement:1.1=confirm; not '",
        choice.verdict_override, "'"));
  }
  const std::string& by = choice.by.empty() ? actor : choice.by;
  if (by.empty()) {
    return absl::InvalidArgumentError(
        "an override records who made it: give --by or --actor");
  }
  v1::VerdictOverride& override_ = *request.mutable_verdict_override();
  override_.set_target(pair->first);
  override_.set_value(pair->second);
  override_.set_reason(choice.reason);
  override_.set_by(by);
  return request;
}

void PrintDecisions(const v1::VerdictDecisions& decisions, std::ostream& out) {
  for (const v1::PanelRating& rating : decisions.panel_ratings()) {
    out << "panel rating  section " << rating.section_id() << ": "
        << rating.rating() << "  (" << rating.reason() << ")\n";
  }
  for (const v1::VerdictOverride& o : decisions.overrides()) {
    out << "override  " << o.target() << " -> " << o.value() << "  by "
        << o.by() << "  (" << o.reason() << ")\n";
  }
}

void AddDecisionCommands(Subcommands commands) {
  auto [record, choice] = commands.Add(
      "record-verdict-decision",
      "Record a ratings panel's rating of a section, or the lead "
      "inspector's override of a verdict, with the reason; a later decision "
      "for the same section or target replaces it. Prints every decision "
      "recorded.",
      RecordDecision);
  AddInspectionArgument(*record, "inspection", &choice->inspection);
  record->add_option("--panel-rating", choice->panel_rating,
                     "SECTION=RATING, as 3=Good (sections the panel rates)");
  record->add_option("--override", choice->verdict_override,
                     "TARGET=VALUE: a section id (a rating), overall (a "
                     "rating), strength:CRITERION or improvement:CRITERION "
                     "(confirm or reject)");
  record->add_option("--reason", choice->reason, "why, recorded")->required();
  record->add_option("--by", choice->by, "who overrides (default: --actor)");

  auto [list, inspection] = commands.Add(
      "list-verdict-decisions",
      "List an inspection's recorded panel ratings and overrides, one a line.",
      ListDecisions);
  AddInspectionArgument(*list, "inspection", inspection);
}

}  // namespace yjinspect::cli
