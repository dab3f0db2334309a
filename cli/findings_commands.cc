#include "cli/findings_commands.h"

#include <iostream>
#include <memory>
#include <string>

#include "absl/strings/ascii.h"
#include "absl/strings/escaping.h"
#include "absl/strings/str_format.h"
#include "cli/client/exit_codes.h"
#include "cli/client/rpc_client.h"
#include "cli/inspection_name.h"
#include "cli/inspection_run.h"
#include "cli/json_output.h"
#include "common/rpc/grpc_status.h"
#include "yjinspect/v1/findings_service.grpc.pb.h"

namespace yjinspect::cli {
namespace {

int Run(const GlobalOptions& global, const std::string& spec_path,
        std::string out) {
  auto spec = ReadRunSpec(spec_path);
  if (!spec.ok()) return ReportFailure(spec.status());
  auto outcome = RunInspection(*spec, {global.intake, global.findings},
                               [&global](const std::string& line) {
                                 if (!global.json) std::cerr << line << "\n";
                               });
  if (!outcome.ok()) return ReportFailure(outcome.status());
  if (out.empty()) out = "out/" + spec->inspection_id();
  auto paths = WriteReport(outcome->report, out);
  if (!paths.ok()) return ReportFailure(paths.status());
  if (global.json) {
    PrintJsonLine({{"inspection", outcome->inspection.name()},
                   {"markdown", paths->first},
                   {"html", paths->second}});
  } else {
    std::cout << paths->first << "\n" << paths->second << "\n";
  }
  return kExitOk;
}

void PrintVerdicts(const v1::InspectionVerdicts& v) {
  std::cout << "framework " << v.framework_id() << " version "
            << v.framework_version();
  if (v.has_framework_superseded()) {
    std::cout << ", SUPERSEDED by version "
              << v.framework_superseded().by_version() << ": "
              << v.framework_superseded().reason();
  }
  std::cout << "\n";
  for (const auto& s : v.sections()) {
    std::cout << absl::StrFormat("%-8s %-55s %s", s.section_id(), s.title(),
                                 s.final_rating());
    if (s.share().denominator() > 0) {
      std::cout << absl::StrFormat("  %d%% (%d/%d)", s.percent(),
                                   s.share().numerator(),
                                   s.share().denominator());
    }
    std::cout << "\n";
  }
  if (!v.overall().final_rating().empty()) {
    std::cout << "overall: " << v.overall().final_rating() << " ("
              << v.overall().score() << "/" << v.overall().max_score() << ")\n";
  }
  auto print = [](const char* kind, const v1::ProposedFinding& f) {
    std::string decision = v1::FindingDecision_Name(f.decision());
    decision = absl::AsciiStrToLower(decision.substr(decision.rfind('_') + 1));
    std::cout << kind << " (" << f.criterion_id() << ", " << f.positive() << "/"
              << f.applicable() << ", " << decision << "): " << f.wording()
              << "\n";
  };
  for (const auto& f : v.strengths()) print("strength", f);
  for (const auto& f : v.improvements()) print("improvement", f);
}

// Records each case of a JudgementsFile in `inspection`, one line per case.
// Refused cases are reported and skipped; a failure that a retry may cure
// (the service unreachable) stops there, and running again carries on.
int RecordJudgementsFile(const GlobalOptions& global, const std::string& path,
                         const std::string& inspection) {
  v1::JudgementsFile file;
  absl::Status read = ReadTextFormat(path, &file);
  if (!read.ok()) return ReportFailure(read);
  auto stub = v1::Findings::NewStub(Connect(global.findings));
  int ok = 0;
  int refused = 0;
  for (v1::RecordJudgementsRequest request : file.judgements()) {
    request.set_inspection(InspectionName(inspection));
    const std::string case_name = request.case_();
    auto recorded = RecordCaseJudgements(*stub, std::move(request));
    std::string result;
    int64_t revision = 0;
    if (recorded.ok()) {
      ++ok;
      result = recorded->changed ? "recorded" : "unchanged";
      revision = recorded->findings.revision();
    } else {
      const int code = ReportFailure(recorded.status());
      if (code != kExitRefused) return code;
      ++refused;
      result = "refused";
    }
    if (global.json) {
      PrintJsonLine(
          {{"case", case_name}, {"result", result}, {"revision", revision}});
    } else if (recorded.ok()) {
      std::cout << case_name << ": " << result << ", revision " << revision
                << "\n";
    } else {
      std::cout << case_name << ": " << result << "\n";
    }
  }
  if (refused == 0) return kExitOk;
  return ok > 0 ? kExitPartial : kExitRefused;
}

int ShowVerdicts(const GlobalOptions& global, const std::string& name) {
  auto stub = v1::Findings::NewStub(Connect(global.findings));
  v1::GetVerdictsRequest request;
  request.set_inspection(InspectionName(name));
  v1::InspectionVerdicts verdicts;
  grpc::Status status = stub->GetVerdicts(Deadline().get(), request, &verdicts);
  if (!status.ok()) return ReportFailure(common::FromGrpcStatus(status));
  if (global.json) {
    std::cout << MessageJson(verdicts) << "\n";
  } else {
    PrintVerdicts(verdicts);
  }
  return kExitOk;
}

int Render(const GlobalOptions& global, const std::string& name,
           std::string out, bool board) {
  auto stub = v1::Findings::NewStub(Connect(global.findings));
  v1::RenderReportRequest request;
  request.set_inspection(InspectionName(name));
  request.set_edition(board ? v1::REPORT_EDITION_MANAGEMENT_BOARD
                            : v1::REPORT_EDITION_PUBLISHED);
  v1::RenderedReport report;
  grpc::Status status = stub->RenderReport(Deadline().get(), request, &report);
  if (!status.ok()) return ReportFailure(common::FromGrpcStatus(status));
  if (out.empty()) out = "out/" + request.inspection().substr(12);
  auto paths = WriteReport(report, out);
  if (!paths.ok()) return ReportFailure(paths.status());
  std::cout << paths->first << "\n" << paths->second << "\n";
  return kExitOk;
}

int FeedStatus(const GlobalOptions& global) {
  auto stub = v1::Findings::NewStub(Connect(global.findings));
  v1::FeedStatus status;
  grpc::Status call = stub->GetFeedStatus(Deadline().get(),
                                          v1::GetFeedStatusRequest(), &status);
  if (!call.ok()) return ReportFailure(common::FromGrpcStatus(call));
  if (global.json) {
    std::cout << MessageJson(status) << "\n";
  } else {
    std::cout << "stream "
              << (status.connected() ? "connected" : "disconnected")
              << ", cursor " << status.cursor() << ", intake head "
              << status.intake_head() << ", lag " << status.lag() << "\n";
    if (!status.last_error().empty()) {
      std::cout << "last error: " << status.last_error() << "\n";
    }
  }
  return kExitOk;
}

}  // namespace

void AddFindingsCommands(CLI::App& app, const GlobalOptions& global,
                         std::function<int()>* action) {
  struct Options {
    std::string target;
    std::string out;
    bool board = false;
  };
  auto run = std::make_shared<Options>();
  CLI::App* run_cmd = app.add_subcommand(
      "run",
      "Drive a whole inspection from a spec file (*.run.textproto): create, "
      "import, sample, judge, report. Safe to run again after a stop.");
  run_cmd->add_option("spec", run->target, "the run spec")->required();
  run_cmd->add_option("--out", run->out,
                      "folder for report.md and report.html (default "
                      "out/<inspection>)");
  run_cmd->callback([&global, run, action] {
    *action = [&global, run] { return Run(global, run->target, run->out); };
  });

  struct RecordOptions {
    std::string file;
    std::string inspection;
  };
  auto record = std::make_shared<RecordOptions>();
  CLI::App* record_cmd = app.add_subcommand(
      "record-judgements",
      "Record judgements case by case from a file of RecordJudgementsRequest "
      "entries (yjinspect.v1.JudgementsFile, text format). Cases that "
      "already have the same answers are left alone, so it is safe to run "
      "again.");
  record_cmd->add_option("file", record->file, "the judgements file")
      ->required();
  record_cmd
      ->add_option("--inspection", record->inspection,
                   "inspections/{id} or {id}")
      ->required();
  record_cmd->callback([&global, record, action] {
    *action = [&global, record] {
      return RecordJudgementsFile(global, record->file, record->inspection);
    };
  });

  auto verdicts = std::make_shared<Options>();
  CLI::App* verdicts_cmd = app.add_subcommand(
      "show-verdicts", "Show an inspection's section verdicts and ratings.");
  verdicts_cmd
      ->add_option("inspection", verdicts->target, "inspections/{id} or {id}")
      ->required();
  verdicts_cmd->callback([&global, verdicts, action] {
    *action = [&global, verdicts] {
      return ShowVerdicts(global, verdicts->target);
    };
  });

  auto render = std::make_shared<Options>();
  CLI::App* render_cmd = app.add_subcommand(
      "render-report", "Render an inspection's report to Markdown and HTML.");
  render_cmd
      ->add_option("inspection", render->target, "inspections/{id} or {id}")
      ->required();
  render_cmd->add_option("--out", render->out,
                         "folder (default out/<inspection>)");
  render_cmd->add_flag(
      "--management-board", render->board,
      "the management board's edition: the published text plus each theme's "
      "score, marked as not part of the published report");
  render_cmd->callback([&global, render, action] {
    *action = [&global, render] {
      return Render(global, render->target, render->out, render->board);
    };
  });

  CLI::App* feed = app.add_subcommand(
      "stream-status",
      "How far the findings service has followed intake (cursor and lag).");
  feed->callback([&global, action] {
    *action = [&global] { return FeedStatus(global); };
  });
}

}  // namespace yjinspect::cli
