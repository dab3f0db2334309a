#include "cli/record_commands.h"

#include <iostream>
#include <memory>
#include <string>

#include "absl/strings/str_cat.h"
#include "cli/client/exit_codes.h"
#include "cli/client/paged.h"
#include "cli/client/rpc_client.h"
#include "cli/inspection_name.h"
#include "cli/inspection_output.h"
#include "cli/json_output.h"
#include "common/rpc/grpc_status.h"
#include "google/protobuf/empty.pb.h"
#include "google/protobuf/text_format.h"
#include "yjinspect/v1/intake_service.grpc.pb.h"

namespace yjinspect::cli {
namespace {

int ShowCase(const GlobalOptions& global, const std::string& name) {
  auto stub = v1::CaseIntake::NewStub(Connect(global.intake));
  v1::GetCaseRequest request;
  request.set_name(name);
  v1::Case stored;
  grpc::Status status = stub->GetCase(Deadline().get(), request, &stored);
  if (!status.ok()) return ReportFailure(common::FromGrpcStatus(status));
  if (global.json) {
    std::cout << MessageJson(stored) << "\n";
    return kExitOk;
  }
  // Every field the service keeps, as protobuf text: a case holds no name,
  // date of birth or address, only pseudonyms and what inspection needs.
  std::string text;
  google::protobuf::TextFormat::PrintToString(stored, &text);
  std::cout << text;
  return kExitOk;
}

int EraseCase(const GlobalOptions& global, const std::string& name,
              const std::string& reason) {
  auto stub = v1::CaseIntake::NewStub(Connect(global.intake));
  v1::DeleteCaseRequest request;
  request.set_name(name);
  request.set_reason(reason);
  google::protobuf::Empty erased;
  grpc::Status status = stub->DeleteCase(Deadline().get(), request, &erased);
  if (!status.ok()) return ReportFailure(common::FromGrpcStatus(status));
  if (global.json) {
    PrintJsonLine({{"name", name}, {"erased", true}});
  } else {
    std::cout << name << ": erased\n";
  }
  return kExitOk;
}

int ListInspections(const GlobalOptions& global, const std::string& yot) {
  auto stub = v1::CaseIntake::NewStub(Connect(global.intake));
  v1::ListInspectionsRequest request;
  if (!yot.empty()) request.set_yot(absl::StrCat("yots/", yot));
  request.set_page_size(100);
  absl::Status listed = ForEachPage(
      *stub, &v1::CaseIntake::Stub::ListInspections, request,
      [&global](const v1::ListInspectionsResponse& page) {
        for (const v1::Inspection& inspection : page.inspections()) {
          if (global.json) {
            std::cout << MessageJson(inspection) << "\n";
          } else {
            std::cout << inspection.name() << "  " << inspection.yot() << "  "
                      << inspection.framework_id() << " version "
                      << inspection.framework_version() << "  "
                      << v1::InspectionState_Name(inspection.state()) << "\n";
          }
        }
      });
  return listed.ok() ? kExitOk : ReportFailure(listed);
}

int ResetSample(const GlobalOptions& global, const std::string& name,
                const std::string& reason) {
  auto stub = v1::CaseIntake::NewStub(Connect(global.intake));
  v1::ResetSampleRequest request;
  request.set_name(InspectionName(name));
  request.set_reason(reason);
  v1::Inspection inspection;
  grpc::Status status =
      stub->ResetSample(Deadline().get(), request, &inspection);
  if (!status.ok()) return ReportFailure(common::FromGrpcStatus(status));
  PrintInspection(inspection, global.json);
  return kExitOk;
}

struct RecordOptions {
  std::string name;
  std::string reason;
  std::string yot;
};

}  // namespace

void AddRecordCommands(CLI::App& app, const GlobalOptions& global,
                       std::function<int()>* action) {
  auto options = std::make_shared<RecordOptions>();

  CLI::App* show = app.add_subcommand(
      "show-case",
      "Show a case as intake stores it (pseudonymised).\n"
      "Example: yjinspect show-case yots/northmoor/cases/NM-0001");
  show->add_option("name", options->name, "yots/{yot}/cases/{case}")
      ->required();
  show->callback([&global, options, action] {
    *action = [&global, options] { return ShowCase(global, options->name); };
  });

  CLI::App* erase = app.add_subcommand(
      "erase-case",
      "Erase a case at intake and, through the stream, at findings; the "
      "erasure is audited.\n"
      "Example: yjinspect erase-case yots/northmoor/cases/NM-0001 "
      "--reason=\"retention period ended\"");
  erase->add_option("name", options->name, "yots/{yot}/cases/{case}")
      ->required();
  erase->add_option("--reason", options->reason,
                    "why the record is erased, recorded (at most 200 "
                    "characters)");
  erase->callback([&global, options, action] {
    *action = [&global, options] {
      return EraseCase(global, options->name, options->reason);
    };
  });

  CLI::App* list = app.add_subcommand(
      "list-inspections",
      "List inspections, one a line: name, YOT, framework, state.\n"
      "Example: yjinspect list-inspections --yot=northmoor");
  list->add_option("--yot", options->yot, "only this YOT's (its code)");
  list->callback([&global, options, action] {
    *action = [&global, options] {
      return ListInspections(global, options->yot);
    };
  });

  CLI::App* reset = app.add_subcommand(
      "reset-sample",
      "Discard an inspection's sample so that it can be drawn again, "
      "recording why; refused after verdicts are agreed.\n"
      "Example: yjinspect reset-sample northmoor-2014-12 --reason=\"a "
      "sampled case was found to be ineligible\"");
  reset->add_option("name", options->name, "inspections/{id} or {id}")
      ->required();
  reset
      ->add_option("--reason", options->reason,
                   "why, 10 to 500 characters, recorded")
      ->required();
  reset->callback([&global, options, action] {
    *action = [&global, options] {
      return ResetSample(global, options->name, options->reason);
    };
  });
}

}  // namespace yjinspect::cli
