#include "cli/exchange/import_caseload.h"

#include <algorithm>
#include <chrono>
#include <set>
#include <utility>

#include "absl/strings/str_cat.h"
#include "cli/exchange/whole_file.h"
#include "common/field_violations.h"
#include "common/request_id.h"
#include "common/rpc/grpc_status.h"
#include "nlohmann/json.hpp"
#include "services/intake/case_validation.h"

namespace yjinspect::cli::exchange {
namespace {

constexpr char kAlreadyExistsReason[] =
    "the service holds this case_reference with different content "
    "(ALREADY_EXISTS); erase the stored case first to send it again";

// What the service said about one refused row.
void AddServiceProblems(int line, const google::rpc::Status& rpc_status,
                        CaseloadFormat format,
                        std::vector<RowProblem>& problems) {
  absl::Status status = common::FromRpcStatus(rpc_status);
  if (status.code() == absl::StatusCode::kAlreadyExists) {
    problems.push_back({line, "case_reference", kAlreadyExistsReason});
    return;
  }
  auto violations = common::ViolationsOf(status);
  if (violations.empty()) {
    problems.push_back(
        {line, "",
         absl::StrCat("refused by the service (",
                      absl::StatusCodeToString(status.code()), ")")});
  }
  for (const auto& v : violations) {
    problems.push_back({line, ExchangeField(v.field, format), v.description});
  }
}

}  // namespace

int ImportReport::RefusedLines() const {
  std::set<int> lines;
  for (const auto& p : problems) lines.insert(p.line);
  return static_cast<int>(lines.size());
}

void ValidateRows(ParsedCaseload& caseload, CaseloadFormat format) {
  std::vector<CaseRow> good;
  for (CaseRow& row : caseload.rows) {
    common::FieldViolations violations =
        intake::ValidateCreateCaseRequest(row.request);
    if (violations.empty()) {
      good.push_back(std::move(row));
      continue;
    }
    for (const auto& v : violations.violations()) {
      caseload.problems.push_back(
          {row.line, ExchangeField(v.field, format), v.description});
    }
  }
  caseload.rows = std::move(good);
}

absl::StatusOr<ImportReport> ImportCaseloadText(
    absl::string_view text, CaseloadFormat format,
    v1::CaseIntake::StubInterface& stub, const ImportOptions& options) {
  ParsedCaseload caseload = ParseCaseload(text, format);
  ImportReport report;
  report.lines_read = caseload.lines_read;
  if (caseload.refusal) {
    report.refusal = std::move(caseload.refusal);
    return report;
  }
  ValidateRows(caseload, format);
  report.problems = std::move(caseload.problems);
  const std::vector<CaseRow>& rows = caseload.rows;
  if (!rows.empty()) {
    grpc::ClientContext context;
    context.AddMetadata("x-request-id", common::NewRequestId());
    context.set_deadline(std::chrono::system_clock::now() +
                         absl::ToChronoMilliseconds(options.deadline));
    v1::BatchCreateCasesResponse response;
    auto writer = stub.BatchCreateCases(&context, &response);
    v1::BatchCreateCasesRequest chunk;
    const int chunk_size = std::clamp(options.chunk_size, 1, 1000);
    for (size_t i = 0; i < rows.size(); ++i) {
      *chunk.add_requests() = rows[i].request;
      if (chunk.requests_size() == chunk_size || i + 1 == rows.size()) {
        if (!writer->Write(chunk)) break;
        chunk.Clear();
        report.sent = static_cast<int>(i) + 1;
        if (options.progress) {
          options.progress(report.sent, static_cast<int>(rows.size()));
        }
      }
    }
    writer->WritesDone();
    grpc::Status status = writer->Finish();
    if (!status.ok()) {
      absl::Status failed = common::FromGrpcStatus(status);
      return absl::Status(failed.code(),
                          absl::StrCat("BatchCreateCases: ", failed.message()));
    }
    report.created = static_cast<int>(response.created_count());
    report.unchanged = static_cast<int>(response.unchanged_count());
    for (const auto& result : response.results()) {
      if (result.status().code() == 0) continue;
      if (result.index() < 0 ||
          result.index() >= static_cast<int64_t>(rows.size())) {
        return absl::InternalError("BatchCreateCases: result out of range");
      }
      AddServiceProblems(rows[static_cast<size_t>(result.index())].line,
                         result.status(), format, report.problems);
    }
  }
  std::stable_sort(
      report.problems.begin(), report.problems.end(),
      [](const RowProblem& a, const RowProblem& b) { return a.line < b.line; });
  return report;
}

absl::StatusOr<ImportReport> ImportCaseloadFile(
    const std::string& path, CaseloadFormat format,
    v1::CaseIntake::StubInterface& stub, const ImportOptions& options) {
  auto text = ReadWholeFile(path);
  if (!text.ok()) return text.status();
  return ImportCaseloadText(*text, format, stub, options);
}

std::string ImportReportJson(const ImportReport& report) {
  using Json = nlohmann::json;
  auto problem = [](const RowProblem& p) {
    return Json{{"line", p.line}, {"field", p.field}, {"reason", p.reason}};
  };
  Json out = {{"lines_read", report.lines_read},
              {"sent", report.sent},
              {"created", report.created},
              {"unchanged", report.unchanged},
              {"refused_lines", report.RefusedLines()},
              {"problems", Json::array()},
              {"file_refused",
               report.refusal ? problem(*report.refusal) : Json(nullptr)}};
  for (const auto& p : report.problems) out["problems"].push_back(problem(p));
  return out.dump();
}

}  // namespace yjinspect::cli::exchange
