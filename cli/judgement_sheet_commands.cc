#include "cli/judgement_sheet_commands.h"

#include <cstdio>
#include <iostream>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "cli/client/exit_codes.h"
#include "cli/client/paged.h"
#include "cli/client/rpc_client.h"
#include "cli/client/unary_call.h"
#include "cli/exchange/import_caseload.h"
#include "cli/exchange/whole_file.h"
#include "cli/filled_sheet.h"
#include "cli/inspection_name.h"
#include "cli/json_output.h"
#include "cli/judgement_sheet.h"
#include "common/error_details.h"
#include "common/error_reasons.h"
#include "common/field_violations.h"
#include "common/frameworks/sample_pools.h"
#include "common/rpc/grpc_status.h"
#include "common/status_macros.h"
#include "nlohmann/json.hpp"
#include "services/findings/judgement_validation.h"
#include "yjinspect/v1/findings_service.grpc.pb.h"
#include "yjinspect/v1/frameworks_service.grpc.pb.h"
#include "yjinspect/v1/intake_service.grpc.pb.h"

namespace yjinspect::cli {
namespace {

// What a sheet is made from and checked against, as the services hold it
// now: the inspection (its sample and pinned framework) from intake, the
// framework and the recorded findings from findings.
struct SheetSources {
  v1::Inspection inspection;
  v1::Framework framework;
  std::vector<v1::CaseFindings> findings;
  std::vector<std::string> sampled_cases;
};

absl::StatusOr<SheetSources> FetchSheetSources(const GlobalOptions& global,
                                               const std::string& inspection) {
  SheetSources sources;
  v1::GetInspectionRequest get;
  get.set_name(InspectionName(inspection));
  ASSIGN_OR_RETURN(
      sources.inspection,
      CallService(global.intake, &v1::CaseIntake::Stub::GetInspection, get));
  const v1::Inspection& i = sources.inspection;
  sources.sampled_cases.assign(i.sample().cases().begin(),
                               i.sample().cases().end());
  if (sources.sampled_cases.empty()) {
    return absl::FailedPreconditionError(
        absl::StrCat(i.name(), " has no sample yet; draw-sample first"));
  }
  v1::GetFrameworkRequest framework;
  framework.set_name(absl::StrCat("frameworks/", i.framework_id(), "/versions/",
                                  i.framework_version()));
  ASSIGN_OR_RETURN(v1::FrameworkVersion version,
                   CallService(global.findings,
                               &v1::Frameworks::Stub::GetFramework, framework));
  sources.framework = std::move(*version.mutable_framework());
  v1::ListCaseFindingsRequest list;
  list.set_parent(i.name());
  list.set_page_size(1000);
  v1::Findings::Stub stub(Connect(global.findings));
  RETURN_IF_ERROR(
      ForEachPage(stub, &v1::Findings::Stub::ListCaseFindings, list,
                  [&sources](const v1::ListCaseFindingsResponse& page) {
                    for (const v1::CaseFindings& f : page.case_findings()) {
                      sources.findings.push_back(f);
                    }
                  }));
  return sources;
}

struct SheetOptions {
  std::string inspection;
  std::string out;
  std::string criteria_out;
  bool with_notes = false;
};

int WriteSheet(const GlobalOptions& global, const SheetOptions& options) {
  const std::string criteria_path = options.criteria_out.empty()
                                        ? CriteriaPathBeside(options.out)
                                        : options.criteria_out;
  if (criteria_path == options.out) {
    return ReportUsageFailure(
        "--criteria-out names the sheet itself; give the criteria file "
        "another name");
  }
  absl::StatusOr<SheetSources> sources =
      FetchSheetSources(global, options.inspection);
  if (!sources.ok()) return ReportFailure(sources.status());
  for (const auto& [path, text] :
       {std::pair{options.out, WriteJudgementSheet(
                                   sources->framework, sources->sampled_cases,
                                   sources->findings, options.with_notes)},
        std::pair{criteria_path, WriteSheetCriteria(sources->framework)}}) {
    if (absl::Status written = exchange::WriteWholeFile(path, text);
        !written.ok()) {
      return ReportFailure(written);
    }
  }
  const size_t criteria = CaseCriteriaOf(sources->framework).size();
  if (global.json) {
    PrintJsonLine({{"inspection", sources->inspection.name()},
                   {"sheet", options.out},
                   {"criteria_file", criteria_path},
                   {"cases", sources->sampled_cases.size()},
                   {"criteria", criteria}});
  } else {
    std::cout << options.out << ": " << sources->sampled_cases.size()
              << " cases, " << criteria << " criteria\n"
              << criteria_path << ": what each criterion asks and the "
              << "answers it allows\n";
  }
  return kExitOk;
}

// "row 7, column 1.2" (or "row 7" for the whole row): a problem's field.
std::string PlaceOf(int row, const std::string& column) {
  return column.empty() ? absl::StrCat("row ", row)
                        : absl::StrCat("row ", row, ", column ", column);
}

// `refusal` of a row's call with each violation of judgements[i] named by
// the column of the i-th change, as the inspector sees it.
absl::Status InColumns(const absl::Status& refusal, const SheetRow& row,
                       const std::vector<v1::Judgement>& changes) {
  std::vector<common::FieldViolation> violations =
      common::ViolationsOf(refusal);
  if (violations.empty()) return refusal;
  common::FieldViolations named;
  for (const common::FieldViolation& v : violations) {
    std::string column;
    size_t index = 0;
    if (std::sscanf(v.field.c_str(), "judgements[%zu]", &index) == 1 &&
        index < changes.size()) {
      column = changes[index].criterion_id();
      column += absl::StrContains(v.field, "evidence_note")
                    ? kSheetNotesSuffix
                    : kSheetAnswerSuffix;
    }
    named.Add(PlaceOf(row.row, column),
              column.empty() ? absl::StrCat(v.field, ": ", v.description)
                             : v.description);
  }
  return named.ToStatus(absl::StrCat("row ", row.row));
}

// What became of one row.
struct RowOutcome {
  // "recorded", "unchanged", "no answers", "stale" or "refused".
  std::string result;
  int64_t revision = 0;
  // Why, for a stale or refused row.
  absl::Status failure;
};

// One row of the sheet and what recording it would send.
struct PlannedRow {
  const SheetRow* row = nullptr;
  // The case's findings now; nullptr when none are recorded.
  const v1::CaseFindings* current = nullptr;
  // The answers the row changes; empty when it changes nothing.
  std::vector<v1::Judgement> changes;
  v1::RecordJudgementsRequest request;
};

std::vector<PlannedRow> PlanRows(const FilledSheet& sheet,
                                 const SheetSources& sources,
                                 const std::string& inspector) {
  std::map<std::string, const v1::CaseFindings*> current;
  for (const v1::CaseFindings& f : sources.findings) current[f.case_()] = &f;
  std::vector<PlannedRow> planned;
  for (const SheetRow& row : sheet.rows) {
    PlannedRow p;
    p.row = &row;
    auto it = current.find(row.case_name);
    p.current = it == current.end() ? nullptr : it->second;
    p.changes = ChangesOf(row, p.current);
    p.request.set_inspection(sources.inspection.name());
    p.request.set_case_(row.case_name);
    for (const v1::Judgement& j : p.changes) *p.request.add_judgements() = j;
    p.request.set_inspector_reference(inspector);
    p.request.set_etag(row.etag);
    planned.push_back(std::move(p));
  }
  return planned;
}

// Every row that changes something checked as the findings service will
// check it (the request's shape, a note's characters and length, and each
// answer against the framework and the case's disposal: a court-only
// criterion on an out-of-court case), with each case as intake holds it.
// So a sheet is refused whole, before anything is recorded, for any fault
// of its own; only what others change meanwhile (a stale etag) is found
// row by row. INVALID_ARGUMENT naming each row and column; a case intake
// cannot give is the failure of that call.
absl::Status CheckAsTheServiceWill(const GlobalOptions& global,
                                   const v1::Framework& framework,
                                   const v1::InspectionSample& sample,
                                   const std::vector<PlannedRow>& planned,
                                   const std::string& file) {
  common::FieldViolations problems;
  for (const PlannedRow& p : planned) {
    if (p.changes.empty()) continue;
    common::FieldViolations v = findings::ValidateRecordRequest(p.request);
    if (v.empty()) {
      v1::GetCaseRequest get;
      get.set_name(p.row->case_name);
      absl::StatusOr<v1::Case> c =
          CallService(global.intake, &v1::CaseIntake::Stub::GetCase, get);
      if (!c.ok()) {
        return common::Prefixed(absl::StrCat("row ", p.row->row), c.status());
      }
      v = findings::ValidateAgainstFramework(
          p.request, framework, *c,
          common::PoolOfRecord(sample, p.row->case_name));
    }
    if (v.empty()) continue;
    for (const common::FieldViolation& named : common::ViolationsOf(
             InColumns(v.ToStatus("row"), *p.row, p.changes))) {
      problems.Add(named.field, named.description);
    }
  }
  return problems.ToStatus(
      absl::StrCat("judgement sheet ", file, " (nothing recorded)"));
}

RowOutcome RecordRow(v1::Findings::Stub& stub, const PlannedRow& planned) {
  const SheetRow& row = *planned.row;
  if (row.answers.empty()) return {"no answers", 0, absl::OkStatus()};
  if (planned.changes.empty()) {
    return {"unchanged", planned.current->revision(), absl::OkStatus()};
  }
  v1::CaseFindings recorded;
  absl::Status status = common::FromGrpcStatus(
      stub.RecordJudgements(Deadline().get(), planned.request, &recorded));
  if (status.ok()) return {"recorded", recorded.revision(), status};
  // Only a stale etag means the sheet is out of date; another ABORTED (a
  // store conflict) is worth a retry, and is reported as it is.
  const std::optional<common::ErrorInfo> info = common::ErrorInfoOf(status);
  if (absl::IsAborted(status) && info.has_value() &&
      info->reason == common::kEtagMismatch) {
    // The service's words (which revision, by whom) and details stay.
    absl::Status stale = absl::AbortedError(absl::StrCat(
        "row ", row.row, " (case ", row.case_name,
        "): changed since the sheet was written; write the sheet again (",
        status.message(), ")"));
    status.ForEachPayload(
        [&stale](absl::string_view type_url, const absl::Cord& payload) {
          stale.SetPayload(type_url, payload);
        });
    return {"stale", 0, stale};
  }
  return {"refused", 0, InColumns(status, row, planned.changes)};
}

void PrintRow(const SheetRow& row, const RowOutcome& outcome, bool json) {
  if (json) {
    nlohmann::json line = {
        {"row", row.row}, {"case", row.case_name}, {"result", outcome.result}};
    if (outcome.revision > 0) line["revision"] = outcome.revision;
    if (!outcome.failure.ok()) {
      line["error"] =
          nlohmann::json::parse(FailureJson(outcome.failure))["error"];
    }
    PrintJsonLine(line);
    return;
  }
  std::cout << "row " << row.row << " (case " << row.case_name << "): ";
  if (outcome.result == "stale") {
    std::cout << "changed since the sheet was written; write the sheet "
                 "again\n";
    return;
  }
  std::cout << outcome.result;
  if (outcome.revision > 0) std::cout << ", revision " << outcome.revision;
  std::cout << "\n";
  if (!outcome.failure.ok()) {
    for (const auto& v : common::ViolationsOf(outcome.failure)) {
      std::cout << "  " << v.field << ": " << v.description << "\n";
    }
    if (common::ViolationsOf(outcome.failure).empty()) {
      std::cout << "  " << outcome.failure.message() << "\n";
    }
  }
}

}  // namespace

bool IsJudgementSheetPath(const std::string& path) {
  return absl::EndsWithIgnoreCase(path, ".csv");
}

int RecordJudgementSheet(const GlobalOptions& global,
                         const JudgementsInput& input) {
  const std::string& inspector =
      input.inspector.empty() ? global.actor : input.inspector;
  if (inspector.empty()) {
    return ReportUsageFailure(
        "a sheet's answers record who made them: give --inspector or "
        "--actor");
  }
  absl::StatusOr<std::string> text = exchange::ReadWholeFile(input.file);
  if (!text.ok()) return ReportFailure(text.status());
  absl::StatusOr<SheetSources> sources =
      FetchSheetSources(global, input.inspection);
  if (!sources.ok()) return ReportFailure(sources.status());
  absl::StatusOr<FilledSheet> sheet =
      ReadFilledSheet(*text, sources->framework, sources->sampled_cases);
  if (!sheet.ok()) {
    return ReportFailure(absl::InvalidArgumentError(absl::StrCat(
        "judgement sheet ", input.file,
        " is not CSV (nothing recorded): ", sheet.status().message())));
  }
  if (!sheet->problems.empty()) {
    common::FieldViolations problems;
    for (const SheetProblem& p : sheet->problems) {
      problems.Add(PlaceOf(p.row, p.column), p.reason);
    }
    return ReportFailure(problems.ToStatus(
        absl::StrCat("judgement sheet ", input.file, " (nothing recorded)")));
  }
  const std::vector<PlannedRow> planned = PlanRows(*sheet, *sources, inspector);
  if (absl::Status checked = CheckAsTheServiceWill(global, sources->framework,
                                                   sources->inspection.sample(),
                                                   planned, input.file);
      !checked.ok()) {
    return ReportFailure(checked);
  }
  v1::Findings::Stub stub(Connect(global.findings));
  int failed = 0;
  int done = 0;
  for (const PlannedRow& p : planned) {
    RowOutcome outcome = RecordRow(stub, p);
    if (!outcome.failure.ok() && ExitCodeFor(outcome.failure) != kExitRefused) {
      return ReportFailure(outcome.failure);  // retrying may help: stop
    }
    PrintRow(*p.row, outcome, global.json);
    (outcome.failure.ok() ? done : failed) += 1;
  }
  if (failed == 0) return kExitOk;
  return done > 0 ? kExitPartial : kExitRefused;
}

void AddJudgementSheetCommand(Subcommands commands) {
  auto [sheet, options] = commands.Add(
      "judgement-sheet",
      "Write an inspection's judgement sheet: a CSV with a row per sampled "
      "case and a column per criterion of its framework, filled with the "
      "answers recorded, for record-judgements to read back once filled in; "
      "and beside it the criteria, their wording and the answers each "
      "allows.",
      WriteSheet);
  AddInspectionArgument(*sheet, "inspection", &options->inspection);
  sheet->add_option("--out", options->out, "the sheet to write (.csv)")
      ->required();
  sheet->add_option("--criteria-out", options->criteria_out,
                    "the criteria file (default: beside the sheet, "
                    "<sheet>.criteria.csv)");
  sheet->add_flag("--with-notes", options->with_notes,
                  "after each criterion's column, a '<id> notes' column of "
                  "its evidence note");
}

}  // namespace yjinspect::cli
