#include "cli/intake_commands.h"

#include <iostream>
#include <memory>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "cli/caseload_summary.h"
#include "cli/client/exit_codes.h"
#include "cli/client/paged.h"
#include "cli/client/rpc_client.h"
#include "cli/inspection_name.h"
#include "cli/inspection_output.h"
#include "cli/json_output.h"
#include "cli/synthetic_caseload.h"
#include "common/dates.h"
#include "common/request_id.h"
#include "common/rpc/grpc_status.h"
#include "services/intake/privacy/child_pseudonyms.h"
#include "yjinspect/v1/intake_service.grpc.pb.h"

namespace yjinspect::cli {
namespace {

// Reads every case of `parent` page by page.
absl::Status FetchCases(v1::CaseIntake::Stub& stub, const std::string& parent,
                        std::vector<v1::Case>* out) {
  v1::ListCasesRequest request;
  request.set_parent(parent);
  request.set_page_size(1000);
  return ForEachPage(stub, &v1::CaseIntake::Stub::ListCases, request,
                     [out](const v1::ListCasesResponse& page) {
                       out->insert(out->end(), page.cases().begin(),
                                   page.cases().end());
                     });
}

int DrawSample(const GlobalOptions& global, const std::string& name,
               int64_t seed, const std::vector<std::string>& named) {
  auto stub = v1::CaseIntake::NewStub(Connect(global.intake));
  v1::DrawSampleRequest request;
  request.set_name(InspectionName(name));
  request.set_seed(seed);
  for (const auto& c : named) request.add_named_cases(c);
  v1::Inspection inspection;
  grpc::Status status =
      stub->DrawSample(Deadline().get(), request, &inspection);
  if (!status.ok()) return ReportFailure(common::FromGrpcStatus(status));
  PrintInspection(inspection, global.json);
  return kExitOk;
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
  auto stub = v1::CaseIntake::NewStub(Connect(global.intake));
  v1::Inspection created;
  grpc::Status status =
      stub->CreateInspection(Deadline().get(), request, &created);
  if (!status.ok()) return ReportFailure(common::FromGrpcStatus(status));
  PrintInspection(created, global.json);
  return kExitOk;
}

int ShowInspection(const GlobalOptions& global, const std::string& name) {
  auto stub = v1::CaseIntake::NewStub(Connect(global.intake));
  v1::GetInspectionRequest request;
  request.set_name(InspectionName(name));
  v1::Inspection inspection;
  grpc::Status status =
      stub->GetInspection(Deadline().get(), request, &inspection);
  if (!status.ok()) return ReportFailure(common::FromGrpcStatus(status));
  PrintInspection(inspection, global.json);
  return kExitOk;
}

int ListCases(const GlobalOptions& global, const std::string& yot,
              bool summary) {
  auto stub = v1::CaseIntake::NewStub(Connect(global.intake));
  std::vector<v1::Case> cases;
  absl::Status status = FetchCases(*stub, "yots/" + yot, &cases);
  if (!status.ok()) return ReportFailure(status);
  if (summary) {
    if (global.json) {
      PrintJsonLine({{"cases", cases.size()}});
    } else {
      std::cout << "yots/" << yot << ": "
                << FormatSummary(SummariseCaseload(cases));
    }
    return kExitOk;
  }
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
        c.disposal().setting() == v1::SUPERVISION_SETTING_CUSTODY ? "custody"
                                                                  : "community",
        v1::ConcernLevel_Name(c.assessment().risk_of_serious_harm()));
  }
  return kExitOk;
}

// Intake's pseudonym key, made before intake_server first starts.
int Keygen(const std::string& out) {
  absl::Status written = intake::WriteNewPseudonymKey(out);
  if (!written.ok()) return ReportFailure(written);
  std::cout << out << "\n";
  return kExitOk;
}

}  // namespace

void AddIntakeCommands(CLI::App& app, const GlobalOptions& global,
                       std::function<int()>* action) {
  auto load_options = std::make_shared<LoadOptions>();
  CLI::App* load = app.add_subcommand(
      "load-synthetic",
      "Generate a realistic synthetic caseload for one YOT (no real people) "
      "and submit it with BatchCreateCases. Re-running with the same seed "
      "stores nothing twice.");
  load->add_option("--yot", load_options->spec.yot, "YOT code")
      ->capture_default_str();
  load->add_option("--yot-name", load_options->spec.yot_display_name,
                   "YOT display name")
      ->capture_default_str();
  load->add_option("--prefix", load_options->spec.case_prefix,
                   "prefix of the case references")
      ->capture_default_str();
  load->add_option("--cases", load_options->spec.cases, "how many cases")
      ->capture_default_str()
      ->check(CLI::Range(1, 2000000));
  load->add_option("--seed", load_options->spec.seed, "random seed")
      ->capture_default_str();
  load->add_option("--as-of", load_options->as_of,
                   "extraction date YYYY-MM-DD: every disposal has started "
                   "by then")
      ->capture_default_str();
  load->add_option("--chunk", load_options->chunk, "cases per streamed chunk")
      ->capture_default_str()
      ->check(CLI::Range(1, 1000));
  load->callback([&global, load_options, action] {
    *action = [&global, load_options] {
      return LoadSynthetic(global, *load_options);
    };
  });

  auto inspection_options = std::make_shared<InspectionOptions>();
  CLI::App* create = app.add_subcommand(
      "create-inspection", "Create an inspection of a YOT (state ANNOUNCED).");
  create->add_option("--id", inspection_options->id,
                     "inspection id (lower-case letters, digits, '-'); made "
                     "by the service when omitted");
  create->add_option("--yot", inspection_options->yot, "YOT code")->required();
  create->add_option("--yot-name", inspection_options->yot_name,
                     "YOT display name");
  create
      ->add_option("--framework", inspection_options->framework, "framework id")
      ->capture_default_str();
  create->add_option("--framework-version",
                     inspection_options->framework_version,
                     "framework version; the newest the service knows when "
                     "omitted");
  create
      ->add_option("--announced", inspection_options->announced,
                   "announcement date YYYY-MM-DD")
      ->required();
  create
      ->add_option("--fieldwork-start", inspection_options->fieldwork_start,
                   "first day of fieldwork YYYY-MM-DD")
      ->required();
  create
      ->add_option("--fieldwork-end", inspection_options->fieldwork_end,
                   "last day of fieldwork YYYY-MM-DD")
      ->required();
  create->add_option("--request-id", inspection_options->request_id,
                     "idempotency key: a retry with the same key returns the "
                     "same inspection");
  create->callback([&global, inspection_options, action] {
    *action = [&global, inspection_options] {
      return CreateInspection(global, *inspection_options);
    };
  });

  auto name = std::make_shared<std::string>();
  CLI::App* show = app.add_subcommand("show-inspection", "Show an inspection.");
  show->add_option("name", *name, "inspections/{id} or just {id}")->required();
  show->callback([&global, name, action] {
    *action = [&global, name] { return ShowInspection(global, *name); };
  });

  struct DrawOptions {
    std::string name;
    int64_t seed = 0;
    std::vector<std::string> named;
  };
  auto draw_options = std::make_shared<DrawOptions>();
  CLI::App* draw = app.add_subcommand(
      "draw-sample",
      "Draw an inspection's sample from its YOT's eligible caseload (or take "
      "the cases named with --case).");
  draw->add_option("name", draw_options->name, "inspections/{id} or {id}")
      ->required();
  draw->add_option("--seed", draw_options->seed,
                   "seed of the draw (0: the service picks one and records "
                   "it)")
      ->capture_default_str();
  draw->add_option("--case", draw_options->named,
                   "a case to take, yots/{yot}/cases/{case} (repeatable)");
  draw->callback([&global, draw_options, action] {
    *action = [&global, draw_options] {
      return DrawSample(global, draw_options->name, draw_options->seed,
                        draw_options->named);
    };
  });

  struct AdvanceOptions {
    std::string name;
    std::string to;
    std::string reason;
  };
  auto advance = std::make_shared<AdvanceOptions>();
  CLI::App* advance_cmd = app.add_subcommand(
      "advance",
      "Move an inspection along its lifecycle: caseload-received, "
      "verdicts-agreed, report-published (the sample steps are draw-sample "
      "and the first judgement).");
  advance_cmd->add_option("name", advance->name, "inspections/{id} or {id}")
      ->required();
  advance_cmd->add_option("--to", advance->to, "the next state")
      ->required()
      ->check(CLI::IsMember(
          {"caseload-received", "verdicts-agreed", "report-published"}));
  advance_cmd->add_option("--reason", advance->reason, "why, recorded");
  advance_cmd->callback([&global, advance, action] {
    *action = [&global, advance] {
      v1::AdvanceInspectionRequest request;
      request.set_name(InspectionName(advance->name));
      request.set_state(advance->to == "caseload-received"
                            ? v1::INSPECTION_STATE_CASELOAD_RECEIVED
                        : advance->to == "verdicts-agreed"
                            ? v1::INSPECTION_STATE_VERDICTS_AGREED
                            : v1::INSPECTION_STATE_REPORT_PUBLISHED);
      request.set_reason(advance->reason);
      auto stub = v1::CaseIntake::NewStub(Connect(global.intake));
      v1::Inspection inspection;
      grpc::Status status =
          stub->AdvanceInspection(Deadline().get(), request, &inspection);
      if (!status.ok()) return ReportFailure(common::FromGrpcStatus(status));
      PrintInspection(inspection, global.json);
      return static_cast<int>(kExitOk);
    };
  });

  auto yot = std::make_shared<std::string>("-");
  CLI::App* list = app.add_subcommand(
      "list-cases", "List the cases of a YOT (or of every YOT), one a line.");
  list->add_option("--yot", *yot, "YOT code, or - for every YOT")
      ->capture_default_str();
  list->callback([&global, yot, action] {
    *action = [&global, yot] { return ListCases(global, *yot, false); };
  });

  CLI::App* summary = app.add_subcommand(
      "caseload-summary",
      "Count a YOT's stored cases by disposal, setting, risk and needs.");
  summary->add_option("--yot", *yot, "YOT code, or - for every YOT")
      ->capture_default_str();
  summary->callback([&global, yot, action] {
    *action = [&global, yot] { return ListCases(global, *yot, true); };
  });

  auto key_file = std::make_shared<std::string>();
  CLI::App* keygen = app.add_subcommand(
      "keygen",
      "Write a new random 32-byte pseudonym key for intake_server "
      "--pseudonym_key_file (mode 0600; never overwrites). Keep it outside "
      "the data folder and back it up: a lost key means a child's later "
      "cases no longer match the earlier ones.");
  keygen->add_option("--out", *key_file, "the key file to create")->required();
  keygen->callback([key_file, action] {
    *action = [key_file] { return Keygen(*key_file); };
  });
}

}  // namespace yjinspect::cli
