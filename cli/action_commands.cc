#include "cli/action_commands.h"

#include <iostream>
#include <map>
#include <optional>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"
#include "absl/strings/strip.h"
#include "cli/action_plan_run.h"
#include "cli/answer_output.h"
#include "cli/client/exit_codes.h"
#include "cli/client/rpc_client.h"
#include "cli/client/unary_call.h"
#include "cli/inspection_name.h"
#include "cli/json_output.h"
#include "cli/named_choice.h"
#include "common/dates.h"
#include "common/resource_names.h"
#include "yjinspect/v1/findings_service.grpc.pb.h"

namespace yjinspect::cli {
namespace {

using Findings = v1::Findings::Stub;

const std::map<std::string, v1::ActionStatus>& Statuses() {
  static const auto* statuses = new std::map<std::string, v1::ActionStatus>{
      {"planned", v1::ACTION_STATUS_PLANNED},
      {"in-progress", v1::ACTION_STATUS_IN_PROGRESS},
      {"done", v1::ACTION_STATUS_DONE},
      {"dropped", v1::ACTION_STATUS_DROPPED},
  };
  return *statuses;
}

// ACTION_STATUS_IN_PROGRESS -> "in progress".
std::string StatusLabel(v1::ActionStatus status) {
  std::string name(v1::ActionStatus_Name(status));
  absl::string_view label = name;
  absl::ConsumePrefix(&label, "ACTION_STATUS_");
  return absl::StrReplaceAll(absl::AsciiStrToLower(label), {{"_", " "}});
}

void PrintText(const v1::Action& action) { PrintAction(action, std::cout); }

int Record(const GlobalOptions& global, const ActionChoice& choice) {
  absl::StatusOr<v1::RecordActionRequest> request = ActionRequestOf(choice);
  if (!request.ok()) return ReportUsageFailure(request.status().message());
  Findings stub(Connect(global.findings));
  return PrintAnswerAsJsonOr(RecordActionAsRead(stub, *request), global.json,
                             PrintText);
}

struct ListChoice {
  std::string inspection;
  // Empty: every recommendation's.
  std::string recommendation;
};

int List(const GlobalOptions& global, const ListChoice& choice) {
  v1::ListActionsRequest request;
  const std::string inspection = InspectionName(choice.inspection);
  request.set_parent(absl::StrCat(
      inspection, "/recommendations/",
      choice.recommendation.empty() ? "-" : choice.recommendation));
  return PrintEveryItem(global.findings, &Findings::ListActions, request,
                        &v1::ListActionsResponse::actions, global.json,
                        PrintText);
}

struct SummaryChoice {
  std::string inspection;
  // YYYY-MM-DD; empty: the service's today.
  std::string as_of;
  std::string out;
};

int Summary(const GlobalOptions& global, const SummaryChoice& choice) {
  v1::RenderBoardSummaryRequest request;
  request.set_inspection(InspectionName(choice.inspection));
  if (!choice.as_of.empty()) {
    std::optional<absl::CivilDay> day = common::ParseIsoDate(choice.as_of);
    if (!day) {
      return ReportUsageFailure(absl::StrCat(
          "--as-of must be a date as YYYY-MM-DD; not '", choice.as_of, "'"));
    }
    *request.mutable_as_of() = common::ToDate(*day);
  }
  absl::StatusOr<v1::BoardSummary> summary =
      CallService(global.findings, &Findings::RenderBoardSummary, request);
  if (!summary.ok()) return ReportFailure(summary.status());
  const std::string folder = choice.out.empty()
                                 ? "out/" + request.inspection().substr(12)
                                 : choice.out;
  auto paths = WriteBoardSummary(*summary, folder);
  if (!paths.ok()) return ReportFailure(paths.status());
  if (global.json) {
    PrintJsonLine({{"inspection", request.inspection()},
                   {"markdown", paths->first},
                   {"html", paths->second},
                   {"as_of", common::FormatDate(summary->as_of())},
                   {"actions", summary->actions()},
                   {"overdue_actions", summary->overdue_actions()},
                   {"previous_inspection", summary->previous_inspection()}});
  } else {
    std::cout << paths->first << "\n" << paths->second << "\n";
    std::cerr << summary->overdue_actions() << " of " << summary->actions()
              << " actions overdue as of "
              << common::FormatDate(summary->as_of()) << "\n";
  }
  return kExitOk;
}

}  // namespace

absl::StatusOr<v1::ActionStatus> ActionStatusNamed(const std::string& word) {
  return ValueNamed(Statuses(), "--status", word);
}

absl::StatusOr<v1::RecordActionRequest> ActionRequestOf(
    const ActionChoice& choice) {
  std::optional<absl::CivilDay> due = common::ParseIsoDate(choice.due);
  if (!due) {
    return absl::InvalidArgumentError(absl::StrCat(
        "--due must be a date as YYYY-MM-DD; not '", choice.due, "'"));
  }
  absl::StatusOr<v1::ActionStatus> status = ActionStatusNamed(choice.status);
  if (!status.ok()) return status.status();
  const std::string inspection = InspectionName(choice.inspection);
  v1::RecordActionRequest request;
  request.set_inspection(inspection);
  request.set_recommendation(
      absl::StrCat(inspection, "/recommendations/", choice.recommendation));
  request.set_action_id(choice.id);
  v1::Action& a = *request.mutable_action();
  a.set_owner_role(choice.owner);
  a.set_description(choice.description);
  *a.mutable_due_date() = common::ToDate(*due);
  a.set_status(*status);
  a.set_dropped_reason(choice.reason);
  return request;
}

void PrintAction(const v1::Action& action, std::ostream& out) {
  std::string id = "-";
  if (auto name = common::ParseActionName(action.name())) {
    id = absl::StrCat(name->recommendation.recommendation_id, "/",
                      name->action_id);
  }
  out << "[" << id << "] due " << common::FormatDate(action.due_date()) << ", "
      << StatusLabel(action.status());
  if (action.status() == v1::ACTION_STATUS_DROPPED) {
    out << " (" << action.dropped_reason() << ")";
  }
  out << ": " << action.owner_role() << ": " << action.description()
      << "  (revision " << action.revision() << ", by " << action.recorded_by()
      << ")\n";
}

void AddActionCommands(Subcommands commands) {
  auto [record, choice] = commands.Add(
      "record-action",
      "Record one action of the service's action plan, answering one of the "
      "report's recommendations, or change it (its status, say): its current "
      "etag is read first, so recording the same action again changes "
      "nothing. Refused until the report is published. Prints it as stored.",
      Record);
  AddInspectionArgument(*record, "inspection", &choice->inspection);
  record
      ->add_option("--recommendation", choice->recommendation,
                   "the recommendation's id, as board-1")
      ->required();
  record->add_option("--id", choice->id, "the action's id, as recruit")
      ->required();
  record
      ->add_option("--owner", choice->owner,
                   "the role that owns it, as \"Head of Service\" (a role, "
                   "never a person's name)")
      ->required();
  record->add_option("--text", choice->description, "what will be done")
      ->required();
  record
      ->add_option("--due", choice->due,
                   "when it is due, YYYY-MM-DD (not before publication)")
      ->required();
  record
      ->add_option("--status", choice->status,
                   "planned, in-progress, done or dropped")
      ->required();
  record->add_option("--reason", choice->reason,
                     "with --status=dropped: why it was dropped");

  auto [list, listed] = commands.Add(
      "list-actions",
      "List the action plan's actions, one a line, by recommendation.", List);
  AddInspectionArgument(*list, "inspection", &listed->inspection);
  list->add_option("--recommendation", listed->recommendation,
                   "only this recommendation's (its id)");

  auto [summary, asked] = commands.Add(
      "board-summary",
      "Render the management board's summary of the action plan (overdue "
      "actions first, the ratings beside the previous inspection's) to "
      "board-summary.md and board-summary.html.",
      Summary);
  AddInspectionArgument(*summary, "inspection", &asked->inspection);
  summary->add_option("--as-of", asked->as_of,
                      "judge overdue on this day, YYYY-MM-DD (default: the "
                      "service's today)");
  summary->add_option("--out", asked->out,
                      "folder for the two files (default out/<inspection>)");
}

}  // namespace yjinspect::cli
