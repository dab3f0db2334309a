#include "cli/inspection_run.h"

#include <filesystem>
#include <utility>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "cli/action_plan_run.h"
#include "cli/client/rpc_client.h"
#include "cli/exchange/context_figures.h"
#include "cli/exchange/import_caseload.h"
#include "cli/exchange/import_victim_cases.h"
#include "cli/exchange/whole_file.h"
#include "common/error_details.h"
#include "common/field_violations.h"
#include "common/request_id.h"
#include "common/resource_names.h"
#include "common/rpc/grpc_status.h"
#include "common/status_macros.h"
#include "google/protobuf/io/tokenizer.h"
#include "google/protobuf/text_format.h"
#include "yjinspect/v1/findings_service.grpc.pb.h"
#include "yjinspect/v1/intake_service.grpc.pb.h"

namespace yjinspect::cli {
namespace {

// The first problem of a file and how many more there are, for a message
// that names lines and fields, never values.
std::string DescribeProblems(
    const std::vector<exchange::RowProblem>& problems) {
  const exchange::RowProblem& first = problems.front();
  return absl::StrCat(
      "line ", first.line, ", ", first.field, ": ", first.reason,
      problems.size() > 1
          ? absl::StrCat(" (and ", problems.size() - 1, " more problems)")
          : "");
}

class FirstError : public google::protobuf::io::ErrorCollector {
 public:
  void AddError(int line, int column, const std::string& message) override {
    if (error_.empty()) {
      error_ = absl::StrCat(line + 1, ":", column + 1, ": ", message);
    }
  }
  const std::string& error() const { return error_; }

 private:
  std::string error_;
};

absl::Status Call(const grpc::Status& status, absl::string_view step) {
  if (status.ok()) return absl::OkStatus();
  absl::Status s = common::FromGrpcStatus(status);
  return absl::Status(s.code(), absl::StrCat(step, ": ", s.message()));
}

struct Clients {
  std::unique_ptr<v1::CaseIntake::Stub> intake;
  std::unique_ptr<v1::Findings::Stub> findings;
};

absl::StatusOr<v1::Inspection> EnsureInspection(
    Clients& c, const config::v1::InspectionRunSpec& spec) {
  v1::CreateInspectionRequest request;
  request.set_inspection_id(spec.inspection_id());
  *request.mutable_inspection() = spec.inspection();
  request.set_request_id(absl::StrCat("run-", spec.inspection_id()));
  v1::Inspection inspection;
  RETURN_IF_ERROR(
      Call(c.intake->CreateInspection(Deadline().get(), request, &inspection),
           "creating the inspection"));
  return inspection;
}

// ImportCaseloadFile or ImportVictimCasesFile.
using FileImporter = absl::StatusOr<exchange::ImportReport> (*)(
    const std::string&, exchange::CaseloadFormat,
    v1::CaseIntake::StubInterface&, const exchange::ImportOptions&);

// Imports an exchange file the spec names (`what`: "caseload file",
// "victims' cases file"), if any; every row must be stored.
absl::Status ImportExchangeFile(Clients& c, const std::string& path,
                                absl::string_view what, FileImporter importer,
                                int64_t* stored) {
  if (path.empty()) return absl::OkStatus();
  auto format = exchange::FormatOfPath(path);
  if (!format) {
    return absl::InvalidArgumentError(absl::StrCat(
        what, " ", path, ": name it .jsonl or .csv so its format is known"));
  }
  ASSIGN_OR_RETURN(exchange::ImportReport report,
                   importer(path, *format, *c.intake, {}));
  if (report.refusal) {
    return absl::InvalidArgumentError(absl::StrCat(
        what, " ", path, " refused: ", DescribeProblems({*report.refusal})));
  }
  if (!report.problems.empty()) {
    return absl::InvalidArgumentError(
        absl::StrCat(what, " ", path, ": ", DescribeProblems(report.problems)));
  }
  *stored += report.created + report.unchanged;
  return absl::OkStatus();
}

absl::Status ImportCaseload(Clients& c,
                            const config::v1::InspectionRunSpec& spec,
                            int64_t* stored) {
  RETURN_IF_ERROR(ImportExchangeFile(c, spec.caseload_file(), "caseload file",
                                     &exchange::ImportCaseloadFile, stored));
  if (spec.cases().empty()) return absl::OkStatus();
  grpc::ClientContext context;
  context.AddMetadata("x-request-id", common::NewRequestId());
  context.set_deadline(std::chrono::system_clock::now() +
                       std::chrono::minutes(10));
  v1::BatchCreateCasesResponse response;
  auto writer = c.intake->BatchCreateCases(&context, &response);
  v1::BatchCreateCasesRequest chunk;
  for (int i = 0; i < spec.cases_size(); ++i) {
    *chunk.add_requests() = spec.cases(i);
    if (chunk.requests_size() == 500 || i + 1 == spec.cases_size()) {
      if (!writer->Write(chunk)) break;
      chunk.Clear();
    }
  }
  writer->WritesDone();
  RETURN_IF_ERROR(Call(writer->Finish(), "importing the caseload"));
  if (response.failed_count() > 0) {
    for (const auto& result : response.results()) {
      if (result.status().code() != 0) {
        return absl::InvalidArgumentError(absl::StrCat(
            "importing the caseload: case ", result.index(), " (",
            result.name(), ") was refused: ", result.status().message()));
      }
    }
  }
  *stored += response.created_count() + response.unchanged_count();
  return absl::OkStatus();
}

// Why the service refused one victim's case of a spec: its code and the
// fields at fault, never their values.
std::string DescribeRefusal(const google::rpc::Status& rpc_status) {
  absl::Status status = common::FromRpcStatus(rpc_status);
  std::string out(absl::StatusCodeToString(status.code()));
  if (auto info = common::ErrorInfoOf(status)) {
    absl::StrAppend(&out, " ", info->reason);
  }
  for (const auto& v : common::ViolationsOf(status)) {
    absl::StrAppend(&out, "; ", v.field, ": ", v.description);
  }
  return out;
}

// The spec's victims' cases, after the children's cases they relate to:
// its file, then those inline; every one must be stored.
absl::Status ImportVictimCases(Clients& c,
                               const config::v1::InspectionRunSpec& spec,
                               int64_t* stored) {
  RETURN_IF_ERROR(ImportExchangeFile(c, spec.victim_cases_file(),
                                     "victims' cases file",
                                     &exchange::ImportVictimCasesFile, stored));
  if (spec.victim_cases().empty()) return absl::OkStatus();
  const std::vector<v1::CreateVictimCaseRequest> requests(
      spec.victim_cases().begin(), spec.victim_cases().end());
  auto sent = exchange::SendVictimCases(requests, *c.intake, {});
  if (!sent.ok()) {
    return absl::Status(sent.status().code(),
                        absl::StrCat("importing the victims' cases: ",
                                     sent.status().message()));
  }
  if (!sent->refused.empty()) {
    const auto& [position, status] = sent->refused.front();
    return absl::InvalidArgumentError(absl::StrCat(
        "importing the victims' cases: victim_cases[", position, "] (",
        requests[static_cast<size_t>(position)].victim_case_id(),
        ") was refused: ", DescribeRefusal(status),
        sent->refused.size() > 1
            ? absl::StrCat(" (and ", sent->refused.size() - 1, " more)")
            : ""));
  }
  *stored += sent->created + sent->unchanged;
  return absl::OkStatus();
}

absl::StatusOr<v1::Inspection> EnsureSample(
    Clients& c, const config::v1::InspectionRunSpec& spec,
    v1::Inspection inspection) {
  // A sample already drawn (or fixed by fieldwork) is kept: a rerun must not
  // redraw it.
  if (inspection.has_sample()) return inspection;
  v1::DrawSampleRequest request;
  request.set_name(inspection.name());
  if (spec.named_cases().empty()) {
    request.set_seed(spec.seed());
  } else {
    *request.mutable_named_cases() = spec.named_cases();
  }
  RETURN_IF_ERROR(
      Call(c.intake->DrawSample(Deadline().get(), request, &inspection),
           "drawing the sample"));
  return inspection;
}

absl::Status AwaitSample(Clients& c, const v1::Inspection& inspection,
                         absl::Duration wait) {
  const absl::Time give_up = absl::Now() + wait;
  v1::GetInspectionProgressRequest request;
  request.set_inspection(inspection.name());
  std::string last;
  while (true) {
    v1::InspectionProgress progress;
    grpc::Status status = c.findings->GetInspectionProgress(
        Deadline(absl::Seconds(5)).get(), request, &progress);
    if (status.ok() &&
        progress.sample_revision() == inspection.sample().revision() &&
        progress.cases_received() == inspection.sample().sample_size()) {
      return absl::OkStatus();
    }
    last = status.ok() ? absl::StrCat(progress.cases_received(), " of ",
                                      inspection.sample().sample_size(),
                                      " sampled cases received")
                       : status.error_message();
    if (absl::Now() >= give_up) {
      return absl::DeadlineExceededError(absl::StrCat(
          "waiting for the findings service to receive the sample: ", last));
    }
    absl::SleepFor(absl::Milliseconds(100));
  }
}

// Counts the steps of a run and asks the hook, if any, before each.
class Steps {
 public:
  explicit Steps(const StepHook& hook) : hook_(hook) {}
  absl::Status Before(absl::string_view name) {
    ++count_;
    return hook_ ? hook_(count_, name) : absl::OkStatus();
  }

 private:
  const StepHook& hook_;
  int count_ = 0;
};

// Interviews are recorded once; recording the same answers again is a no-op
// at the service, so a rerun needs no etag.
absl::Status RecordInterviewAnswers(Clients& c,
                                    const v1::RecordInterviewRequest& request) {
  v1::CaseFindings stored;
  return Call(c.findings->RecordInterview(Deadline().get(), request, &stored),
              absl::StrCat("recording interview ", request.interview_id()));
}

absl::Status EnsureReportInputs(Clients& c, const std::string& inspection,
                                const v1::ReportInputs& inputs) {
  v1::GetReportInputsRequest get;
  get.set_inspection(inspection);
  v1::ReportInputs current;
  v1::SetReportInputsRequest set;
  set.set_inspection(inspection);
  *set.mutable_inputs() = inputs;
  if (c.findings->GetReportInputs(Deadline().get(), get, &current).ok()) {
    set.set_etag(current.etag());
  }
  v1::ReportInputs stored;
  return Call(c.findings->SetReportInputs(Deadline().get(), set, &stored),
              "setting the report inputs");
}

}  // namespace

absl::Status ReadTextFormat(const std::string& path,
                            google::protobuf::Message* message) {
  ASSIGN_OR_RETURN(const std::string text, exchange::ReadWholeFile(path));
  google::protobuf::TextFormat::Parser parser;
  FirstError errors;
  parser.RecordErrorsTo(&errors);
  if (!parser.ParseFromString(text, message)) {
    return absl::InvalidArgumentError(absl::StrCat(path, ":", errors.error()));
  }
  return absl::OkStatus();
}

absl::StatusOr<config::v1::InspectionRunSpec> ReadRunSpec(
    const std::string& path) {
  config::v1::InspectionRunSpec spec;
  RETURN_IF_ERROR(ReadTextFormat(path, &spec));
  if (spec.inspection_id().empty() || !spec.has_inspection()) {
    return absl::InvalidArgumentError(
        absl::StrCat(path, ": inspection_id and inspection are required"));
  }
  // Files the spec names are relative to the spec itself.
  const std::filesystem::path folder =
      std::filesystem::path(path).parent_path();
  auto resolve = [&folder](const std::string& name) {
    std::filesystem::path p(name);
    return (p.is_absolute() ? p : folder / p).string();
  };
  if (!spec.caseload_file().empty()) {
    spec.set_caseload_file(resolve(spec.caseload_file()));
  }
  if (!spec.victim_cases_file().empty()) {
    spec.set_victim_cases_file(resolve(spec.victim_cases_file()));
  }
  if (!spec.judgements_file().empty()) {
    config::v1::JudgementsFile judgements;
    RETURN_IF_ERROR(
        ReadTextFormat(resolve(spec.judgements_file()), &judgements));
    for (auto& j : *judgements.mutable_judgements()) {
      *spec.add_judgements() = std::move(j);
    }
  }
  if (!spec.context_figures_file().empty()) {
    const std::string file = resolve(spec.context_figures_file());
    ASSIGN_OR_RETURN(std::string text, exchange::ReadWholeFile(file));
    exchange::ContextFigures figures = exchange::ParseContextFigures(text);
    if (!figures.problems.empty()) {
      return absl::InvalidArgumentError(
          absl::StrCat(file, ": ", DescribeProblems(figures.problems)));
    }
    v1::ReportInputs* inputs = spec.mutable_report_inputs();
    if (figures.figures.has_reoffending()) {
      *inputs->mutable_reoffending() = figures.figures.reoffending();
    }
    if (figures.figures.has_looked_after()) {
      *inputs->mutable_looked_after() = figures.figures.looked_after();
    }
  }
  return spec;
}

absl::StatusOr<RecordedCase> RecordCaseJudgements(
    v1::Findings::Stub& findings, v1::RecordJudgementsRequest request) {
  v1::GetCaseFindingsRequest get;
  // A case's findings or a victim's case's; a malformed name is left for
  // the service to refuse (with its field violation).
  const auto name = common::FindingsOfRecord(
      common::ParseInspectionName(request.inspection()).value_or(""),
      request.case_());
  if (name) get.set_name(common::FormatCaseFindingsName(*name));
  v1::CaseFindings current;
  grpc::Status read = findings.GetCaseFindings(Deadline().get(), get, &current);
  if (read.ok()) request.set_etag(current.etag());
  RecordedCase recorded;
  RETURN_IF_ERROR(Call(
      findings.RecordJudgements(Deadline().get(), request, &recorded.findings),
      absl::StrCat("recording judgements for ", request.case_())));
  recorded.changed =
      !read.ok() || recorded.findings.revision() != current.revision();
  return recorded;
}

absl::StatusOr<v1::Recommendation> RecordRecommendationAsRead(
    v1::Findings::StubInterface& findings,
    v1::RecordRecommendationRequest request) {
  v1::GetRecommendationRequest get;
  // A malformed name is left for the service to refuse (with its field
  // violation).
  if (auto id = common::ParseInspectionName(request.inspection())) {
    get.set_name(
        common::FormatRecommendationName(*id, request.recommendation_id()));
  }
  v1::Recommendation current;
  if (findings.GetRecommendation(Deadline().get(), get, &current).ok()) {
    request.set_etag(current.etag());
  } else {
    request.clear_etag();
  }
  v1::Recommendation stored;
  RETURN_IF_ERROR(Call(
      findings.RecordRecommendation(Deadline().get(), request, &stored),
      absl::StrCat("recording recommendation ", request.recommendation_id())));
  return stored;
}

namespace {

// Publishes the report, records the plan's actions and renders the board
// summary (the steps inspection_run.h lists for an action plan).
absl::StatusOr<v1::BoardSummary> RunActionPlan(
    Clients& c, const config::v1::ActionPlan& plan, const std::string& name,
    absl::Duration wait, Steps& steps,
    const std::function<void(const std::string&)>& progress) {
  RETURN_IF_ERROR(steps.Before("publish report"));
  RETURN_IF_ERROR(PublishReport(*c.intake, *c.findings, name));
  RETURN_IF_ERROR(steps.Before("await publication"));
  RETURN_IF_ERROR(AwaitPublication(*c.findings, name, wait));
  progress("report published");
  for (const v1::RecordActionRequest& given : plan.actions()) {
    v1::RecordActionRequest request = ActionOfRun(given, name);
    const std::string& recommendation = request.recommendation();
    RETURN_IF_ERROR(steps.Before(absl::StrCat(
        "record action ", recommendation.substr(recommendation.rfind('/') + 1),
        "/", request.action_id())));
    RETURN_IF_ERROR(
        RecordActionAsRead(*c.findings, std::move(request)).status());
  }
  progress(absl::StrCat(plan.actions_size(), " actions recorded"));
  RETURN_IF_ERROR(steps.Before("render board summary"));
  v1::RenderBoardSummaryRequest render;
  render.set_inspection(name);
  if (plan.has_as_of()) *render.mutable_as_of() = plan.as_of();
  v1::BoardSummary summary;
  RETURN_IF_ERROR(
      Call(c.findings->RenderBoardSummary(Deadline().get(), render, &summary),
           "rendering the board summary"));
  progress(absl::StrCat("board summary rendered: ", summary.overdue_actions(),
                        " of ", summary.actions(), " actions overdue"));
  return summary;
}

}  // namespace

absl::StatusOr<RunOutcome> RunInspection(
    const config::v1::InspectionRunSpec& spec, const RunTargets& targets,
    const std::function<void(const std::string&)>& progress) {
  Clients c{v1::CaseIntake::NewStub(Connect(targets.intake)),
            v1::Findings::NewStub(Connect(targets.findings))};
  Steps steps(targets.before_step);
  RETURN_IF_ERROR(steps.Before("create inspection"));
  ASSIGN_OR_RETURN(v1::Inspection inspection, EnsureInspection(c, spec));
  progress(absl::StrCat("inspection ", inspection.name(), " (",
                        v1::InspectionState_Name(inspection.state()), ")"));
  RETURN_IF_ERROR(steps.Before("import caseload"));
  int64_t stored = 0;
  RETURN_IF_ERROR(ImportCaseload(c, spec, &stored));
  int64_t victims_stored = 0;
  RETURN_IF_ERROR(ImportVictimCases(c, spec, &victims_stored));
  progress(absl::StrCat(
      "caseload: ", stored, " cases stored",
      spec.victim_cases().empty() && spec.victim_cases_file().empty()
          ? ""
          : absl::StrCat(", ", victims_stored, " victims' cases stored")));
  RETURN_IF_ERROR(steps.Before("draw sample"));
  ASSIGN_OR_RETURN(inspection, EnsureSample(c, spec, std::move(inspection)));
  progress(absl::StrCat(
      "sample: revision ", inspection.sample().revision(), ", ",
      inspection.sample().sample_size(), " of ",
      inspection.sample().frame_size(),
      // Pools may hold victims' cases as well as cases.
      inspection.sample().pools_size() > 1
          ? absl::StrCat(" eligible, in ", inspection.sample().pools_size(),
                         " pools")
          : " eligible cases"));
  RETURN_IF_ERROR(steps.Before("await sample"));
  RETURN_IF_ERROR(AwaitSample(c, inspection, targets.sample_wait));
  progress("findings service holds every sampled case");
  for (v1::RecordJudgementsRequest request : spec.judgements()) {
    RETURN_IF_ERROR(
        steps.Before(absl::StrCat("record judgements ", request.case_())));
    request.set_inspection(inspection.name());
    RETURN_IF_ERROR(
        RecordCaseJudgements(*c.findings, std::move(request)).status());
  }
  progress(absl::StrCat("judgements recorded for ", spec.judgements_size(),
                        " cases"));
  for (v1::RecordInterviewRequest request : spec.interviews()) {
    RETURN_IF_ERROR(steps.Before(
        absl::StrCat("record interview ", request.interview_id())));
    request.set_inspection(inspection.name());
    RETURN_IF_ERROR(RecordInterviewAnswers(c, request));
  }
  progress(absl::StrCat(spec.interviews_size(), " staff interviews recorded"));
  if (spec.has_report_inputs()) {
    RETURN_IF_ERROR(steps.Before("set report inputs"));
    RETURN_IF_ERROR(
        EnsureReportInputs(c, inspection.name(), spec.report_inputs()));
    progress("report inputs set");
  }
  for (int i = 0; i < spec.decisions_size(); ++i) {
    RETURN_IF_ERROR(steps.Before(absl::StrCat("record decision ", i + 1)));
    v1::RecordVerdictDecisionRequest request = spec.decisions(i);
    request.set_inspection(inspection.name());
    v1::VerdictDecisions decisions;
    RETURN_IF_ERROR(Call(c.findings->RecordVerdictDecision(Deadline().get(),
                                                           request, &decisions),
                         "recording a verdict decision"));
  }
  for (v1::RecordRecommendationRequest request : spec.recommendations()) {
    RETURN_IF_ERROR(steps.Before(
        absl::StrCat("record recommendation ", request.recommendation_id())));
    request.set_inspection(inspection.name());
    RETURN_IF_ERROR(
        RecordRecommendationAsRead(*c.findings, std::move(request)).status());
  }
  if (spec.recommendations_size() > 0) {
    progress(
        absl::StrCat(spec.recommendations_size(), " recommendations recorded"));
  }
  RETURN_IF_ERROR(steps.Before("render report"));
  RunOutcome outcome;
  v1::RenderReportRequest render;
  render.set_inspection(inspection.name());
  RETURN_IF_ERROR(
      Call(c.findings->RenderReport(Deadline().get(), render, &outcome.report),
           "rendering the report"));
  progress("report rendered");
  if (spec.has_action_plan()) {
    ASSIGN_OR_RETURN(outcome.board_summary,
                     RunActionPlan(c, spec.action_plan(), inspection.name(),
                                   targets.sample_wait, steps, progress));
  }
  RETURN_IF_ERROR(steps.Before("read inspection"));
  v1::GetInspectionRequest get;
  get.set_name(inspection.name());
  RETURN_IF_ERROR(
      Call(c.intake->GetInspection(Deadline().get(), get, &outcome.inspection),
           "reading the inspection"));
  return outcome;
}

absl::StatusOr<std::pair<std::string, std::string>> WriteMarkdownAndHtml(
    const std::string& folder, const std::string& stem,
    const std::string& markdown, const std::string& html) {
  std::error_code error;
  std::filesystem::create_directories(folder, error);
  if (error) {
    return absl::InternalError(
        absl::StrCat("cannot create ", folder, ": ", error.message()));
  }
  const std::string md_path = absl::StrCat(folder, "/", stem, ".md");
  const std::string html_path = absl::StrCat(folder, "/", stem, ".html");
  RETURN_IF_ERROR(exchange::WriteWholeFile(md_path, markdown));
  RETURN_IF_ERROR(exchange::WriteWholeFile(html_path, html));
  return std::make_pair(md_path, html_path);
}

absl::StatusOr<std::pair<std::string, std::string>> WriteReport(
    const v1::RenderedReport& report, const std::string& folder) {
  return WriteMarkdownAndHtml(folder, "report", report.markdown(),
                              report.html());
}

}  // namespace yjinspect::cli
