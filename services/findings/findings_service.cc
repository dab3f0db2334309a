#include "services/findings/findings_service.h"

#include <string>
#include <utility>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "common/admin/audit_trail_service.h"
#include "common/request_id.h"
#include "common/resource_names.h"
#include "common/rpc/rpc_edge.h"

namespace yjinspect::findings {
namespace {

using common::AuditEventOf;
using common::FinishWith;

// What a call answers when its audit record could not be written: nothing
// is read or answered without its record.
absl::Status UnauditedCall(const absl::Status& audit_write) {
  return absl::UnavailableError(
      absl::StrCat("the call could not be recorded in the audit trail (",
                   audit_write.message(), "); retry"));
}

// Audits a read (or a refused change, whose record was not written with
// it), then finishes: the answer goes out only once its record is durable.
template <typename T>
void FinishAudited(FindingsStore& store, grpc::ServerUnaryReactor* reactor,
                   absl::string_view method, const std::string& resource,
                   const common::AuditEvent& event, absl::StatusOr<T> result,
                   T* response, const common::CallStart& started) {
  absl::Status audited = store.AppendAudit(event, result.status().code());
  if (!audited.ok()) result = UnauditedCall(audited);
  FinishWith(reactor, method, resource, std::move(result), response, started);
}

// A successful change was audited in its own batch; a refusal is recorded
// now.
template <typename T>
void FinishAuditedChange(FindingsStore& store,
                         grpc::ServerUnaryReactor* reactor,
                         absl::string_view method, const std::string& resource,
                         const common::AuditEvent& event,
                         absl::StatusOr<T> result, T* response,
                         const common::CallStart& started) {
  if (result.ok()) {
    FinishWith(reactor, method, resource, std::move(result), response, started);
    return;
  }
  FinishAudited(store, reactor, method, resource, event, std::move(result),
                response, started);
}

// The findings of one case in one inspection, by name, for audit records.
std::string CaseFindingsResource(const std::string& inspection,
                                 const std::string& case_name) {
  auto inspection_id = common::ParseInspectionName(inspection);
  auto name = common::ParseCaseName(case_name);
  if (!inspection_id || !name) return "-";
  return common::FormatCaseFindingsName(*inspection_id, name->case_id);
}

// A resource name fit for a log line: only well-formed ones (an inspection
// or the findings of one of its cases).
std::string Loggable(const std::string& name) {
  return common::ParseInspectionName(name) ||
                 common::ParseCaseFindingsName(name)
             ? name
             : "-";
}

}  // namespace

grpc::ServerUnaryReactor* FindingsService::RecordJudgements(
    grpc::CallbackServerContext* context,
    const v1::RecordJudgementsRequest* request, v1::CaseFindings* response) {
  const common::UnaryEdge edge(edge_, context, __func__, *request);
  if (edge.refused()) return edge.reactor();
  auto* reactor = edge.reactor();
  const common::CallStart& started = edge.start();
  std::string resource = Loggable(request->inspection());
  common::AuditEvent event = AuditEventOf(
      context, v1::AUDIT_ACTION_RECORD_JUDGEMENTS,
      CaseFindingsResource(request->inspection(), request->case_()));
  judgements_.Record(*request, event,
                     [this, reactor, response, resource, event,
                      started](absl::StatusOr<v1::CaseFindings> r) {
                       FinishAuditedChange(store_, reactor, "RecordJudgements",
                                           resource, event, std::move(r),
                                           response, started);
                     });
  return reactor;
}

grpc::ServerUnaryReactor* FindingsService::GetCaseFindings(
    grpc::CallbackServerContext* context,
    const v1::GetCaseFindingsRequest* request, v1::CaseFindings* response) {
  const common::UnaryEdge edge(edge_, context, __func__, *request);
  if (edge.refused()) return edge.reactor();
  auto* reactor = edge.reactor();
  const common::CallStart& started = edge.start();
  const std::string resource = Loggable(request->name());
  FinishAudited(
      store_, reactor, "GetCaseFindings", resource,
      AuditEventOf(context, v1::AUDIT_ACTION_READ_CASE_FINDINGS, resource),
      judgements_.Get(*request), response, started);
  return reactor;
}

grpc::ServerUnaryReactor* FindingsService::ListCaseFindings(
    grpc::CallbackServerContext* context,
    const v1::ListCaseFindingsRequest* request,
    v1::ListCaseFindingsResponse* response) {
  const common::UnaryEdge edge(edge_, context, __func__, *request);
  if (edge.refused()) return edge.reactor();
  auto* reactor = edge.reactor();
  const common::CallStart& started = edge.start();
  const std::string resource = Loggable(request->parent());
  FinishAudited(
      store_, reactor, "ListCaseFindings", resource,
      AuditEventOf(context, v1::AUDIT_ACTION_LIST_CASE_FINDINGS, resource),
      judgements_.List(*request), response, started);
  return reactor;
}

grpc::ServerUnaryReactor* FindingsService::ListJudgementHistory(
    grpc::CallbackServerContext* context,
    const v1::ListJudgementHistoryRequest* request,
    v1::ListJudgementHistoryResponse* response) {
  const common::UnaryEdge edge(edge_, context, __func__, *request);
  if (edge.refused()) return edge.reactor();
  auto* reactor = edge.reactor();
  const common::CallStart& started = edge.start();
  const std::string resource = Loggable(request->name());
  FinishAudited(
      store_, reactor, "ListJudgementHistory", resource,
      AuditEventOf(context, v1::AUDIT_ACTION_READ_JUDGEMENT_HISTORY, resource),
      judgements_.History(*request), response, started);
  return reactor;
}

grpc::ServerUnaryReactor* FindingsService::GetFeedStatus(
    grpc::CallbackServerContext* context,
    const v1::GetFeedStatusRequest* request, v1::FeedStatus* response) {
  const common::UnaryEdge edge(edge_, context, __func__, *request);
  if (edge.refused()) return edge.reactor();
  auto* reactor = edge.reactor();
  const common::CallStart& started = edge.start();
  *response = feed_.Status();
  common::FinishCall(reactor, "GetFeedStatus", "-", absl::OkStatus(), started);
  return reactor;
}

grpc::ServerUnaryReactor* FindingsService::GetInspectionProgress(
    grpc::CallbackServerContext* context,
    const v1::GetInspectionProgressRequest* request,
    v1::InspectionProgress* response) {
  const common::UnaryEdge edge(edge_, context, __func__, *request);
  if (edge.refused()) return edge.reactor();
  auto* reactor = edge.reactor();
  const common::CallStart& started = edge.start();
  FinishWith(reactor, "GetInspectionProgress", Loggable(request->inspection()),
             verdicts_.Progress(*request), response, started);
  return reactor;
}

grpc::ServerUnaryReactor* FindingsService::RecordInterview(
    grpc::CallbackServerContext* context,
    const v1::RecordInterviewRequest* request, v1::CaseFindings* response) {
  const common::UnaryEdge edge(edge_, context, __func__, *request);
  if (edge.refused()) return edge.reactor();
  auto* reactor = edge.reactor();
  const common::CallStart& started = edge.start();
  std::string resource = Loggable(request->inspection());
  judgements_.RecordInterview(*request,
                              [reactor, response, resource,
                               started](absl::StatusOr<v1::CaseFindings> r) {
                                FinishWith(reactor, "RecordInterview", resource,
                                           std::move(r), response, started);
                              });
  return reactor;
}

grpc::ServerUnaryReactor* FindingsService::SetReportInputs(
    grpc::CallbackServerContext* context,
    const v1::SetReportInputsRequest* request, v1::ReportInputs* response) {
  const common::UnaryEdge edge(edge_, context, __func__, *request);
  if (edge.refused()) return edge.reactor();
  auto* reactor = edge.reactor();
  const common::CallStart& started = edge.start();
  FinishWith(reactor, "SetReportInputs", Loggable(request->inspection()),
             inputs_.Set(*request), response, started);
  return reactor;
}

grpc::ServerUnaryReactor* FindingsService::GetReportInputs(
    grpc::CallbackServerContext* context,
    const v1::GetReportInputsRequest* request, v1::ReportInputs* response) {
  const common::UnaryEdge edge(edge_, context, __func__, *request);
  if (edge.refused()) return edge.reactor();
  auto* reactor = edge.reactor();
  const common::CallStart& started = edge.start();
  FinishWith(reactor, "GetReportInputs", Loggable(request->inspection()),
             inputs_.Get(*request), response, started);
  return reactor;
}

grpc::ServerUnaryReactor* FindingsService::RecordVerdictDecision(
    grpc::CallbackServerContext* context,
    const v1::RecordVerdictDecisionRequest* request,
    v1::VerdictDecisions* response) {
  const common::UnaryEdge edge(edge_, context, __func__, *request);
  if (edge.refused()) return edge.reactor();
  auto* reactor = edge.reactor();
  const common::CallStart& started = edge.start();
  const std::string resource = Loggable(request->inspection());
  const common::AuditEvent event = AuditEventOf(
      context,
      request->has_panel_rating() ? v1::AUDIT_ACTION_RECORD_PANEL_RATING
                                  : v1::AUDIT_ACTION_OVERRIDE_VERDICT,
      resource);
  FinishAuditedChange(store_, reactor, "RecordVerdictDecision", resource, event,
                      verdicts_.RecordDecision(*request, event), response,
                      started);
  return reactor;
}

grpc::ServerUnaryReactor* FindingsService::GetVerdicts(
    grpc::CallbackServerContext* context, const v1::GetVerdictsRequest* request,
    v1::InspectionVerdicts* response) {
  const common::UnaryEdge edge(edge_, context, __func__, *request);
  if (edge.refused()) return edge.reactor();
  auto* reactor = edge.reactor();
  const common::CallStart& started = edge.start();
  FinishWith(reactor, "GetVerdicts", Loggable(request->inspection()),
             verdicts_.Verdicts(*request), response, started);
  return reactor;
}

grpc::ServerUnaryReactor* FindingsService::RenderReport(
    grpc::CallbackServerContext* context,
    const v1::RenderReportRequest* request, v1::RenderedReport* response) {
  const common::UnaryEdge edge(edge_, context, __func__, *request);
  if (edge.refused()) return edge.reactor();
  auto* reactor = edge.reactor();
  const common::CallStart& started = edge.start();
  FinishWith(reactor, "RenderReport", Loggable(request->inspection()),
             verdicts_.Render(*request), response, started);
  return reactor;
}

}  // namespace yjinspect::findings
