#include "cli/exchange/import_victim_cases.h"

#include <algorithm>
#include <chrono>
#include <map>
#include <utility>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "cli/exchange/whole_file.h"
#include "common/error_details.h"
#include "common/error_reasons.h"
#include "common/field_violations.h"
#include "common/request_id.h"
#include "common/rpc/grpc_status.h"
#include "services/intake/victim_case_validation.h"

namespace yjinspect::cli::exchange {
namespace {

constexpr char kAlreadyExistsReason[] =
    "the service holds this victim_case_reference with different content "
    "(ALREADY_EXISTS); erase the stored victim's case first to send it "
    "again";
constexpr char kRelatedCaseReason[] =
    "the service holds no case with this case_reference in this YOT "
    "(FAILED_PRECONDITION); import the caseload first";

// What the service said about one refused row.
void AddServiceProblems(int line, const google::rpc::Status& rpc_status,
                        std::vector<RowProblem>& problems) {
  absl::Status status = common::FromRpcStatus(rpc_status);
  if (status.code() == absl::StatusCode::kAlreadyExists) {
    problems.push_back({line, "victim_case_reference", kAlreadyExistsReason});
    return;
  }
  if (auto info = common::ErrorInfoOf(status);
      info && info->reason == common::kRelatedCaseNotStored) {
    problems.push_back({line, "case_reference", kRelatedCaseReason});
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
    problems.push_back({line, VictimExchangeField(v.field), v.description});
  }
}

// One BatchCreateVictimCases call; `positions` are the requests' places in
// the caller's list.
absl::Status SendBatch(const v1::BatchCreateVictimCasesRequest& batch,
                       const std::vector<int>& positions, absl::Time give_up,
                       v1::CaseIntake::StubInterface& stub,
                       StoredVictimCases& out) {
  grpc::ClientContext context;
  context.AddMetadata("x-request-id", common::NewRequestId());
  context.set_deadline(absl::ToChronoTime(give_up));
  v1::BatchCreateVictimCasesResponse response;
  grpc::Status status = stub.BatchCreateVictimCases(&context, batch, &response);
  if (!status.ok()) {
    absl::Status failed = common::FromGrpcStatus(status);
    return absl::Status(failed.code(), absl::StrCat("BatchCreateVictimCases: ",
                                                    failed.message()));
  }
  out.sent += batch.requests_size();
  out.created += static_cast<int>(response.created_count());
  out.unchanged += static_cast<int>(response.unchanged_count());
  for (const auto& result : response.results()) {
    if (result.status().code() == 0) continue;
    if (result.index() < 0 ||
        result.index() >= static_cast<int64_t>(positions.size())) {
      return absl::InternalError("BatchCreateVictimCases: result out of range");
    }
    out.refused.emplace_back(positions[static_cast<size_t>(result.index())],
                             result.status());
  }
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<StoredVictimCases> SendVictimCases(
    const std::vector<v1::CreateVictimCaseRequest>& requests,
    v1::CaseIntake::StubInterface& stub, const ImportOptions& options) {
  // A batch is one YOT's: positions by parent, each YOT in the order it
  // first appears.
  std::vector<std::string> parents;
  std::map<std::string, std::vector<int>> by_parent;
  for (size_t i = 0; i < requests.size(); ++i) {
    auto [it, added] = by_parent.try_emplace(requests[i].parent());
    if (added) parents.push_back(requests[i].parent());
    it->second.push_back(static_cast<int>(i));
  }
  const absl::Time give_up = absl::Now() + options.deadline;
  const size_t chunk_size =
      static_cast<size_t>(std::clamp(options.chunk_size, 1, 1000));
  StoredVictimCases out;
  for (const std::string& parent : parents) {
    const std::vector<int>& positions = by_parent[parent];
    for (size_t start = 0; start < positions.size(); start += chunk_size) {
      const size_t end = std::min(positions.size(), start + chunk_size);
      v1::BatchCreateVictimCasesRequest batch;
      batch.set_parent(parent);
      std::vector<int> chunk(positions.begin() + start,
                             positions.begin() + end);
      for (int position : chunk) {
        *batch.add_requests() = requests[static_cast<size_t>(position)];
      }
      if (absl::Status sent = SendBatch(batch, chunk, give_up, stub, out);
          !sent.ok()) {
        return sent;
      }
      if (options.progress) {
        options.progress(out.sent, static_cast<int>(requests.size()));
      }
    }
  }
  std::sort(out.refused.begin(), out.refused.end(),
            [](const auto& a, const auto& b) { return a.first < b.first; });
  return out;
}

void ValidateVictimRows(ParsedVictimCases& parsed) {
  std::vector<VictimCaseRow> good;
  for (VictimCaseRow& row : parsed.rows) {
    common::FieldViolations violations =
        intake::ValidateCreateVictimCaseRequest(row.request);
    if (violations.empty()) {
      good.push_back(std::move(row));
      continue;
    }
    for (const auto& v : violations.violations()) {
      // The related case's name is built from yot_code and case_reference,
      // both checked on their own: when either is reported, the name's
      // refusal says nothing more.
      if (v.field == "victim_case.related_case" &&
          violations.violations().size() > 1) {
        continue;
      }
      parsed.problems.push_back(
          {row.line, VictimExchangeField(v.field), v.description});
    }
  }
  parsed.rows = std::move(good);
}

absl::StatusOr<ImportReport> ImportVictimCasesText(
    absl::string_view text, CaseloadFormat format,
    v1::CaseIntake::StubInterface& stub, const ImportOptions& options) {
  ParsedVictimCases parsed = ParseVictimCases(text, format);
  ImportReport report;
  report.lines_read = parsed.lines_read;
  if (parsed.refusal) {
    report.refusal = std::move(parsed.refusal);
    return report;
  }
  ValidateVictimRows(parsed);
  report.problems = std::move(parsed.problems);
  std::vector<v1::CreateVictimCaseRequest> requests;
  for (const VictimCaseRow& row : parsed.rows) requests.push_back(row.request);
  if (!requests.empty()) {
    auto stored = SendVictimCases(requests, stub, options);
    if (!stored.ok()) return stored.status();
    report.sent = stored->sent;
    report.created = stored->created;
    report.unchanged = stored->unchanged;
    for (const auto& [position, status] : stored->refused) {
      AddServiceProblems(parsed.rows[static_cast<size_t>(position)].line,
                         status, report.problems);
    }
  }
  std::stable_sort(
      report.problems.begin(), report.problems.end(),
      [](const RowProblem& a, const RowProblem& b) { return a.line < b.line; });
  return report;
}

absl::StatusOr<ImportReport> ImportVictimCasesFile(
    const std::string& path, CaseloadFormat format,
    v1::CaseIntake::StubInterface& stub, const ImportOptions& options) {
  auto text = ReadWholeFile(path);
  if (!text.ok()) return text.status();
  return ImportVictimCasesText(*text, format, stub, options);
}

}  // namespace yjinspect::cli::exchange
