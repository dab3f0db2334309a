#include "cli/findings_commands.h"

#include <iostream>
#include <string>

#include "absl/strings/ascii.h"
#include "absl/strings/escaping.h"
#include "absl/strings/str_format.h"
#include "cli/action_plan_run.h"
#include "cli/answer_output.h"
#include "cli/client/exit_codes.h"
#include "cli/client/rpc_client.h"
#include "cli/client/unary_call.h"
#include "cli/inspection_name.h"
#include "cli/inspection_run.h"
#include "cli/json_output.h"
#include "cli/judgement_sheet_commands.h"
#include "cli/subcommand.h"
#include "yjinspect/v1/findings_service.grpc.pb.h"

namespace yjinspect::cli {
namespace {

using FindingsStub = v1::Findings::Stub;

// The folder --out names, by default out/<inspection id>.
std::string ReportFolder(const std::string& out,
                         const std::string& inspection_id) {
  return out.empty() ? "out/" + inspection_id : out;
}

// Writes report.md and report.html to ReportFolder; returns the two paths.
absl::StatusOr<std::pair<std::string, std::string>> WriteReportTo(
    const v1::RenderedReport& report, const std::string& out,
    const std::string& inspection_id) {
  return WriteReport(report, ReportFolder(out, inspection_id));
}

// --out of the commands that write the report.
void AddReportFolderOption(CLI::App& command, std::string* out) {
  command.add_option("--out", *out,
                     "folder for report.md and report.html (default "
                     "out/<inspection>)");
}

// The spec a run follows, and where it writes the report.
struct RunOptions {
  std::string spec;
  std::string out;
};

int Run(const GlobalOptions& global, const RunOptions& options) {
  auto spec = ReadRunSpec(options.spec);
  if (!spec.ok()) return ReportFailure(spec.status());
  auto outcome = RunInspection(*spec, {global.intake, global.findings},
                               [&global](const std::string& line) {
                                 if (!global.json) std::cerr << line << "\n";
                               });
  if (!outcome.ok()) return ReportFailure(outcome.status());
  auto paths =
      WriteReportTo(outcome->report, options.out, spec->inspection_id());
  if (!paths.ok()) return ReportFailure(paths.status());
  std::pair<std::string, std::string> board;
  if (outcome->board_summary) {
    auto written =
        WriteBoardSummary(*outcome->board_summary,
                          ReportFolder(options.out, spec->inspection_id()));
    if (!written.ok()) return ReportFailure(written.status());
    board = *std::move(written);
  }
  if (global.json) {
    nlohmann::json written = {{"inspection", outcome->inspection.name()},
                              {"markdown", paths->first},
                              {"html", paths->second}};
    if (outcome->board_summary) {
      written["board_summary_markdown"] = board.first;
      written["board_summary_html"] = board.second;
    }
    PrintJsonLine(written);
  } else {
    std::cout << paths->first << "\n" << paths->second << "\n";
    if (outcome->board_summary) {
      std::cout << board.first << "\n" << board.second << "\n";
    }
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
// (the service unreachable) stops there, and running again carries on. A
// .csv file is a judgement sheet (judgement_sheet_commands.h).
int RecordJudgementsFile(const GlobalOptions& global,
                         const JudgementsInput& options) {
  if (IsJudgementSheetPath(options.file)) {
    return RecordJudgementSheet(global, options);
  }
  if (!options.inspector.empty()) {
    // A judgements file names the inspector in each of its requests.
    return ReportUsageFailure(
        "--inspector is for a judgement sheet (.csv); a judgements file "
        "names its inspector in each request");
  }
  config::v1::JudgementsFile file;
  absl::Status read = ReadTextFormat(options.file, &file);
  if (!read.ok()) return ReportFailure(read);
  auto stub = v1::Findings::NewStub(Connect(global.findings));
  int ok = 0;
  int refused = 0;
  for (v1::RecordJudgementsRequest request : file.judgements()) {
    request.set_inspection(InspectionName(options.inspection));
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
  v1::GetVerdictsRequest request;
  request.set_inspection(InspectionName(name));
  return PrintAnswerAsJsonOr(
      CallService(global.findings, &FindingsStub::GetVerdicts, request),
      global.json,
      [](const v1::InspectionVerdicts& verdicts) { PrintVerdicts(verdicts); });
}

struct RenderOptions {
  std::string inspection;
  std::string out;
  bool board = false;
};

int Render(const GlobalOptions& global, const RenderOptions& options) {
  v1::RenderReportRequest request;
  request.set_inspection(InspectionName(options.inspection));
  request.set_edition(options.board ? v1::REPORT_EDITION_MANAGEMENT_BOARD
                                    : v1::REPORT_EDITION_PUBLISHED);
  auto report =
      CallService(global.findings, &FindingsStub::RenderReport, request);
  if (!report.ok()) return ReportFailure(report.status());
  auto paths =
      WriteReportTo(*report, options.out, request.inspection().substr(12));
  if (!paths.ok()) return ReportFailure(paths.status());
  std::cout << paths->first << "\n" << paths->second << "\n";
  return kExitOk;
}

int FeedStatus(const GlobalOptions& global) {
  return PrintAnswer(
      CallService(global.findings, &FindingsStub::GetFeedStatus,
                  v1::GetFeedStatusRequest()),
      [&global](const v1::FeedStatus& status) {
        if (global.json) {
          std::cout << MessageJson(status) << "\n";
          return;
        }
        std::cout << "stream "
                  << (status.connected() ? "connected" : "disconnected")
                  << ", cursor " << status.cursor() << ", intake head "
                  << status.intake_head() << ", lag " << status.lag() << "\n";
        if (!status.last_error().empty()) {
          std::cout << "last error: " << status.last_error() << "\n";
        }
      });
}

}  // namespace

void AddFindingsCommands(Subcommands commands) {
  auto [run, run_options] = commands.Add(
      "run",
      "Drive a whole inspection from a spec file (*.run.textproto): create, "
      "import, sample, judge, report. Safe to run again after a stop.",
      Run);
  run->add_option("spec", run_options->spec, "the run spec")->required();
  AddReportFolderOption(*run, &run_options->out);

  auto [record, judgements] = commands.Add(
      "record-judgements",
      "Record judgements case by case from a file of RecordJudgementsRequest "
      "entries (yjinspect.config.v1.JudgementsFile, text format), or from a "
      "judgement sheet (a .csv file judgement-sheet wrote, filled in): a "
      "sheet is checked whole first and nothing is recorded if any cell is "
      "bad; a row whose case changed since the sheet was written is refused. "
      "Cases that already have the same answers are left alone, so it is "
      "safe to run again.",
      RecordJudgementsFile);
  AddFileForInspection(*record, judgements,
                       "the judgements file (.textproto) or sheet (.csv)");
  record->add_option("--inspector", judgements->inspector,
                     "a sheet's inspector, recorded with its answers "
                     "(default: --actor); a judgements file names its own");

  auto [verdicts, inspection] = commands.Add(
      "show-verdicts", "Show an inspection's section verdicts and ratings.",
      ShowVerdicts);
  AddInspectionArgument(*verdicts, "inspection", inspection);

  auto [render, report] = commands.Add(
      "render-report", "Render an inspection's report to Markdown and HTML.",
      Render);
  AddInspectionArgument(*render, "inspection", &report->inspection);
  AddReportFolderOption(*render, &report->out);
  render->add_flag(
      "--management-board", report->board,
      "the management board's edition: the published text plus each theme's "
      "score, marked as not part of the published report");

  commands.Add(
      "stream-status",
      "How far the findings service has followed intake (cursor and lag).",
      FeedStatus);
}

}  // namespace yjinspect::cli
