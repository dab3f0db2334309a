#include "cli/record_commands.h"

#include <iostream>
#include <memory>
#include <string>

#include "absl/strings/str_cat.h"
#include "cli/answer_output.h"
#include "cli/client/unary_call.h"
#include "cli/inspection_name.h"
#include "cli/inspection_output.h"
#include "cli/inspection_run.h"
#include "cli/json_output.h"
#include "cli/subcommand.h"
#include "google/protobuf/empty.pb.h"
#include "google/protobuf/text_format.h"
#include "yjinspect/v1/intake_service.grpc.pb.h"

namespace yjinspect::cli {
namespace {

using Intake = v1::CaseIntake::Stub;

// A change to one record that is audited with its reason: the record's
// name and why.
struct ReasonedChange {
  std::string name;
  std::string reason;
};

// Every field the service keeps, as protobuf text (or JSON with --json): a
// case holds no name, date of birth or address, only pseudonyms and what
// inspection needs.
void PrintCase(const v1::Case& stored, bool json) {
  if (json) {
    std::cout << MessageJson(stored) << "\n";
    return;
  }
  std::string text;
  google::protobuf::TextFormat::PrintToString(stored, &text);
  std::cout << text;
}

int ShowCase(const GlobalOptions& global, const std::string& name) {
  v1::GetCaseRequest request;
  request.set_name(name);
  return PrintAnswer(
      CallService(global.intake, &Intake::GetCase, request),
      [&global](const v1::Case& stored) { PrintCase(stored, global.json); });
}

// A case's new content, from a file of yjinspect.v1.Case in text format.
struct CaseUpdate {
  std::string name;
  std::string file;
  std::string etag;
};

int UpdateCase(const GlobalOptions& global, const CaseUpdate& update) {
  v1::UpdateCaseRequest request;
  absl::Status read = ReadTextFormat(update.file, request.mutable_case_());
  if (!read.ok()) return ReportFailure(read);
  request.mutable_case_()->set_name(update.name);
  request.set_etag(update.etag);
  return PrintAnswer(
      CallService(global.intake, &Intake::UpdateCase, request),
      [&global](const v1::Case& stored) { PrintCase(stored, global.json); });
}

int EraseCase(const GlobalOptions& global, const ReasonedChange& change) {
  v1::DeleteCaseRequest request;
  request.set_name(change.name);
  request.set_reason(change.reason);
  return PrintAnswer(
      CallService(global.intake, &Intake::DeleteCase, request),
      [&global, &change](const google::protobuf::Empty&) {
        if (global.json) {
          PrintJsonLine({{"name", change.name}, {"erased", true}});
        } else {
          std::cout << change.name << ": erased\n";
        }
      });
}

int ListInspections(const GlobalOptions& global, const std::string& yot) {
  v1::ListInspectionsRequest request;
  if (!yot.empty()) request.set_yot(absl::StrCat("yots/", yot));
  request.set_page_size(100);
  return PrintEveryItem(
      global.intake, &Intake::ListInspections, request,
      &v1::ListInspectionsResponse::inspections, global.json,
      [](const v1::Inspection& inspection) {
        std::cout << inspection.name() << "  " << inspection.yot() << "  "
                  << inspection.framework_id() << " version "
                  << inspection.framework_version() << "  "
                  << v1::InspectionState_Name(inspection.state()) << "\n";
      });
}

int ResetSample(const GlobalOptions& global, const ReasonedChange& change) {
  v1::ResetSampleRequest request;
  request.set_name(InspectionName(change.name));
  request.set_reason(change.reason);
  return PrintInspection(
      CallService(global.intake, &Intake::ResetSample, request), global.json);
}

// The required argument naming a case.
void AddCaseArgument(CLI::App& command, std::string* name) {
  command.add_option("name", *name, "yots/{yot}/cases/{case}")->required();
}

}  // namespace

void AddRecordCommands(Subcommands commands) {
  auto [show, name] = commands.Add(
      "show-case", "Show a case as intake stores it (pseudonymised).",
      ShowCase);
  AddCaseArgument(*show, name);

  auto [update, change] = commands.Add(
      "update-case",
      "Replace a case's content at intake (a correction from the YOT's "
      "system) with a file of yjinspect.v1.Case in text format; the case "
      "keeps its name. With --etag, refused if it changed since read.",
      UpdateCase);
  AddCaseArgument(*update, &change->name);
  update->add_option("--file", change->file, "the new content (text format)")
      ->required();
  update->add_option("--etag", change->etag,
                     "the etag show-case gave: refuse if the case changed");

  auto [erase, erasure] = commands.Add(
      "erase-case",
      "Erase a case at intake and, through the stream, at findings; the "
      "erasure is audited.",
      EraseCase);
  AddCaseArgument(*erase, &erasure->name);
  erase->add_option("--reason", erasure->reason,
                    "why the record is erased, recorded (at most 200 "
                    "characters)");

  auto [list, yot] =
      commands.Add("list-inspections",
                   "List inspections, one a line: name, YOT, framework, state.",
                   ListInspections);
  list->add_option("--yot", *yot, "only this YOT's (its code)");

  auto [reset, reset_change] = commands.Add(
      "reset-sample",
      "Discard an inspection's sample so that it can be drawn again, "
      "recording why; refused after verdicts are agreed.",
      ResetSample);
  AddInspectionArgument(*reset, "name", &reset_change->name);
  reset
      ->add_option("--reason", reset_change->reason,
                   "why, 10 to 500 characters, recorded")
      ->required();
}

}  // namespace yjinspect::cli
