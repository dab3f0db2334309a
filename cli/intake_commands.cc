#include "cli/intake_commands.h"

#include <iostream>
#include <memory>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "cli/answer_output.h"
#include "cli/caseload_summary.h"
#include "cli/client/exit_codes.h"
#include "cli/client/paged.h"
#include "cli/client/rpc_client.h"
#include "cli/client/unary_call.h"
#include "cli/inspection_name.h"
#include "cli/inspection_output.h"
#include "cli/json_output.h"
#include "cli/subcommand.h"
#include "cli/synthetic_caseload.h"
#include "common/dates.h"
#include "common/request_id.h"
#include "common/rpc/grpc_status.h"
#include "services/intake/privacy/reference_pseudonyms.h"
#include "yjinspect/v1/intake_service.grpc.pb.h"

namespace yjinspect::cli {
namespace {

using Intake = v1::CaseIntake::Stub;

// Every case of yots/{yot} ("-": of every YOT), read page by page.
absl::StatusOr<std::vector<v1::Case>> FetchCases(const std::string& address,
                                                 const std::string& yot) {
  auto stub = v1::CaseIntake::NewStub(Connect(address));
  v1::ListCasesRequest request;
  request.set_parent("yots/" + yot);
  request.set_page_size(1000);
  std::vector<v1::Case> cases;
  absl::Status listed = ForEachPage(
      *stub, &Intake::ListCases, request,
      [&cases](const v1::ListCasesResponse& page) {
        cases.insert(cases.end(), page.cases().begin(), page.cases().end());
      });
  if (!listed.ok()) return listed;
  return cases;
}

struct DrawOptions {
  std::string name;
  int64_t seed = 0;
  std::vector<std::string> named;
};

int DrawSample(const GlobalOptions& global, const DrawOptions& options) {
  v1::DrawSampleRequest request;
  request.set_name(InspectionName(options.name));
  request.set_seed(options.seed);
  for (const auto& c : options.named) request.add_named_cases(c);
  return PrintInspection(
      CallService(global.intake, &Intake::DrawSample, request), global.json);
}

struct AdvanceOptions {
  std::string name;
  std::string to;
  std::string reason;
};

int Advance(const GlobalOptions& global, const AdvanceOptions& options) {
  v1::AdvanceInspectionRequest request;
  request.set_name(InspectionName(options.name));
  request.set_state(options.to == "caseload-received"
                        ? v1::INSPECTION_STATE_CASELOAD_RECEIVED
                    : options.to == "verdicts-agreed"
                        ? v1::INSPECTION_STATE_VERDICTS_AGREED
                        : v1::INSPECTION_STATE_REPORT_PUBLISHED);
  request.set_reason(options.reason);
  return PrintInspection(
      CallService(global.intake, &Intake::AdvanceInspection, request),
      global.json);
}

struct LoadOptions {
  CaseloadSpec spec;
  std::string as_of = "2014-12-01";
  int chunk = 500;
};

int LoadSynthetic(const GlobalOptions& global, const LoadOptions& options) {
  CaseloadSpec spec = options.spec;
  auto as_of = common::ParseIsoDate(options.as_of);
  if (!as_of) {
    return ReportUsageFailure("--as-of must be a date YYYY-MM-DD");
  }
  spec.as_of = *as_of;
  std::vector<v1::CreateCaseRequest> cases = GenerateCaseload(spec);
  auto stub = v1::CaseIntake::NewStub(Connect(global.intake));
  grpc::ClientContext context;
  context.AddMetadata("x-request-id", common::NewRequestId());
  context.set_deadline(std::chrono::system_clock::now() +
                       std::chrono::minutes(10));
  v1::BatchCreateCasesResponse response;
  auto writer = stub->BatchCreateCases(&context, &response);
  v1::BatchCreateCasesRequest chunk;
  for (size_t i = 0; i < cases.size(); ++i) {
    *chunk.add_requests() = std::move(cases[i]);
    if (chunk.requests_size() == options.chunk || i + 1 == cases.size()) {
      if (!writer->Write(chunk)) break;
      chunk.Clear();
    }
  }
  writer->WritesDone();
  grpc::Status status = writer->Finish();
  if (!status.ok()) return ReportFailure(common::FromGrpcStatus(status));
  if (global.json) {
    std::cout << MessageJson(response) << "\n";
  } else {
    std::cout << absl::StrFormat(
        "yots/%s: %d cases sent; %d stored, %d already stored, %d refused\n",
        spec.yot, spec.cases, response.created_count(),
        response.unchanged_count(), response.failed_count());
    for (const auto& result : response.results()) {
      if (result.status().code() != 0) {
        std::cout << "  case " << result.index() << " " << result.name() << ": "
                  << result.status().message() << "\n";
      }
    }
  }
  return response.failed_count() > 0 ? kExitPartial : kExitOk;
}

struct InspectionOptions {
  std::string id;
  std::string yot;
  std::string yot_name;
  std::string framework = "sqs-2014";
  // Empty: the service pins the newest version of the framework.
  std::string framework_version;
  std::string announced;
  std::string fieldwork_start;
  std::string fieldwork_end;
  std::string request_id;
};

int CreateInspection(const GlobalOptions& global,
                     const InspectionOptions& options) {
  v1::CreateInspectionRequest request;
  request.set_inspection_id(options.id);
  request.set_request_id(options.request_id);
  v1::Inspection* inspection = request.mutable_inspection();
  inspection->set_yot("yots/" + options.yot);
  inspection->set_yot_display_name(options.yot_name);
  inspection->set_framework_id(options.framework);
  inspection->set_framework_version(options.framework_version);
  for (const auto& [text, date] :
       {std::pair{&options.announced, inspection->mutable_announcement_date()},
        std::pair{&options.fieldwork_start,
                  inspection->mutable_fieldwork_start_date()},
        std::pair{&options.fieldwork_end,
                  inspection->mutable_fieldwork_end_date()}}) {
    auto day = common::ParseIsoDate(*text);
    if (!day) {
      return ReportUsageFailure(
          absl::StrCat("dates must be YYYY-MM-DD, got '", *text, "'"));
    }
    *date = common::ToDate(*day);
  }
  return PrintInspection(
      CallService(global.intake, &Intake::CreateInspection, request),
      global.json);
}

int ShowInspection(const GlobalOptions& global, const std::string& name) {
  v1::GetInspectionRequest request;
  request.set_name(InspectionName(name));
  return PrintInspection(
      CallService(global.intake, &Intake::GetInspection, request), global.json);
}

// Which YOT's cases a command reads: --yot.
struct YotChoice {
  std::string yot = "-";
};

int ListCases(const GlobalOptions& global, const YotChoice& choice) {
  return PrintAnswer(
      FetchCases(global.intake, choice.yot),
      [&global](const std::vector<v1::Case>& cases) {
        for (const v1::Case& c : cases) {
          if (global.json) {
            std::cout << MessageJson(c) << "\n";
            continue;
          }
          std::cout << absl::StrFormat(
              "%-32s %-40s %s to %s  %-9s RoSH %s\n", c.name(),
              v1::DisposalType_Name(c.disposal().type()),
              common::FormatDate(c.disposal().start_date()),
              common::FormatDate(c.disposal().end_date()),
              c.disposal().setting() == v1::SUPERVISION_SETTING_CUSTODY
                  ? "custody"
                  : "community",
              v1::ConcernLevel_Name(c.assessment().risk_of_serious_harm()));
        }
      });
}

int SummariseCases(const GlobalOptions& global, const YotChoice& choice) {
  return PrintAnswer(FetchCases(global.intake, choice.yot),
                     [&global, &choice](const std::vector<v1::Case>& cases) {
                       if (global.json) {
                         PrintJsonLine({{"cases", cases.size()}});
                       } else {
                         std::cout << "yots/" << choice.yot << ": "
                                   << FormatSummary(SummariseCaseload(cases));
                       }
                     });
}

// Intake's pseudonym key, made before intake_server first starts: a local
// file, so no global option applies.
int Keygen(const GlobalOptions& /*global*/, const std::string& out) {
  absl::Status written = intake::WriteNewPseudonymKey(out);
  if (!written.ok()) return ReportFailure(written);
  std::cout << out << "\n";
  return kExitOk;
}

// A required date option: `what` the date is, as YYYY-MM-DD (checked by
// CreateInspection).
void AddDateOption(CLI::App& command, const std::string& name,
                   std::string* date, const std::string& what) {
  command.add_option(name, *date, what + " YYYY-MM-DD")->required();
}

// Adds a command that reads the cases of the YOT --yot names, or of every
// YOT: list-cases and caseload-summary.
void AddYotCasesCommand(Subcommands commands, const std::string& name,
                        const std::string& description,
                        int (*run)(const GlobalOptions&, const YotChoice&)) {
  auto [command, choice] = commands.Add(name, description, run);
  command->add_option("--yot", choice->yot, "YOT code, or - for every YOT")
      ->capture_default_str();
}

}  // namespace

void AddIntakeCommands(Subcommands commands) {
  auto [load, caseload] = commands.Add(
      "load-synthetic",
      "Generate a realistic synthetic caseload for one YOT (no real people) "
      "and submit it with BatchCreateCases. Re-running with the same seed "
      "stores nothing twice.",
      LoadSynthetic);
  load->add_option("--yot", caseload->spec.yot, "YOT code")
      ->capture_default_str();
  load->add_option("--yot-name", caseload->spec.yot_display_name,
                   "YOT display name")
      ->capture_default_str();
  load->add_option("--prefix", caseload->spec.case_prefix,
                   "prefix of the case references")
      ->capture_default_str();
  load->add_option("--cases", caseload->spec.cases, "how many cases")
      ->capture_default_str()
      ->check(CLI::Range(1, 2000000));
  load->add_option("--seed", caseload->spec.seed, "random seed")
      ->capture_default_str();
  load->add_option("--as-of", caseload->as_of,
                   "extraction date YYYY-MM-DD: every disposal has started "
                   "by then")
      ->capture_default_str();
  load->add_option("--chunk", caseload->chunk, "cases per streamed chunk")
      ->capture_default_str()
      ->check(CLI::Range(1, 1000));

  auto [create, inspection] = commands.Add(
      "create-inspection", "Create an inspection of a YOT (state ANNOUNCED).",
      CreateInspection);
  create->add_option("--id", inspection->id,
                     "inspection id (lower-case letters, digits, '-'); made "
                     "by the service when omitted");
  create->add_option("--yot", inspection->yot, "YOT code")->required();
  create->add_option("--yot-name", inspection->yot_name, "YOT display name");
  create->add_option("--framework", inspection->framework, "framework id")
      ->capture_default_str();
  create->add_option("--framework-version", inspection->framework_version,
                     "framework version; the newest the service knows when "
                     "omitted");
  AddDateOption(*create, "--announced", &inspection->announced,
                "announcement date");
  AddDateOption(*create, "--fieldwork-start", &inspection->fieldwork_start,
                "first day of fieldwork");
  AddDateOption(*create, "--fieldwork-end", &inspection->fieldwork_end,
                "last day of fieldwork");
  create->add_option("--request-id", inspection->request_id,
                     "idempotency key: a retry with the same key returns the "
                     "same inspection");

  auto [show, name] =
      commands.Add("show-inspection", "Show an inspection.", ShowInspection);
  show->add_option("name", *name, "inspections/{id} or just {id}")->required();

  auto [draw, draw_options] = commands.Add(
      "draw-sample",
      "Draw an inspection's sample from its YOT's eligible caseload (or take "
      "the cases named with --case).",
      DrawSample);
  AddInspectionArgument(*draw, "name", &draw_options->name);
  draw->add_option("--seed", draw_options->seed,
                   "seed of the draw (0: the service picks one and records "
                   "it)")
      ->capture_default_str();
  draw->add_option("--case", draw_options->named,
                   "a case to take, yots/{yot}/cases/{case} (repeatable)");

  auto [advance, step] = commands.Add(
      "advance",
      "Move an inspection along its lifecycle: caseload-received, "
      "verdicts-agreed, report-published (the sample steps are draw-sample "
      "and the first judgement).",
      Advance);
  AddInspectionArgument(*advance, "name", &step->name);
  advance->add_option("--to", step->to, "the next state")
      ->required()
      ->check(CLI::IsMember(
          {"caseload-received", "verdicts-agreed", "report-published"}));
  advance->add_option("--reason", step->reason, "why, recorded");

  AddYotCasesCommand(commands, "list-cases",
                     "List the cases of a YOT (or of every YOT), one a line.",
                     ListCases);
  AddYotCasesCommand(
      commands, "caseload-summary",
      "Count a YOT's stored cases by disposal, setting, risk and needs.",
      SummariseCases);

  auto [keygen, key_file] = commands.Add(
      "keygen",
      "Write a new random 32-byte pseudonym key for intake_server "
      "--pseudonym_key_file (mode 0600; never overwrites). Keep it outside "
      "the data folder and back it up: a lost key means a child's later "
      "cases no longer match the earlier ones.",
      Keygen);
  keygen->add_option("--out", *key_file, "the key file to create")->required();
}

}  // namespace yjinspect::cli
