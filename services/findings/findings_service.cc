#include "services/findings/findings_service.h"

#include <string>
#include <utility>

#include "absl/time/clock.h"
#include "common/request_id.h"
#include "common/resource_names.h"
#include "common/rpc_edge.h"

namespace yjinspect::findings {
namespace {

using common::FinishWith;

// A resource name fit for a log line: only well-formed ones.
std::string Loggable(const std::string& name) {
  return common::ParseInspectionName(
             name.substr(0, name.find("/caseFindings/")))
             ? name
             : "-";
}

}  // namespace

common::CallStart FindingsService::StartCall(
    grpc::CallbackServerContext* context) {
  return common::StartCall(context, &metrics_.service());
}

grpc::ServerUnaryReactor* FindingsService::RecordJudgements(
    grpc::CallbackServerContext* context,
    const v1::RecordJudgementsRequest* request, v1::CaseFindings* response) {
  auto* reactor = context->DefaultReactor();
  const common::CallStart started = StartCall(context);
  common::RequestIdScope request_scope(started.request_id);
  std::string resource = Loggable(request->inspection());
  judgements_.Record(*request, [reactor, response, resource,
                                started](absl::StatusOr<v1::CaseFindings> r) {
    FinishWith(reactor, "RecordJudgements", resource, std::move(r), response,
               started);
  });
  return reactor;
}

grpc::ServerUnaryReactor* FindingsService::GetCaseFindings(
    grpc::CallbackServerContext* context,
    const v1::GetCaseFindingsRequest* request, v1::CaseFindings* response) {
  auto* reactor = context->DefaultReactor();
  const common::CallStart started = StartCall(context);
  common::RequestIdScope request_scope(started.request_id);
  FinishWith(reactor, "GetCaseFindings", Loggable(request->name()),
             judgements_.Get(*request), response, started);
  return reactor;
}

grpc::ServerUnaryReactor* FindingsService::ListCaseFindings(
    grpc::CallbackServerContext* context,
    const v1::ListCaseFindingsRequest* request,
    v1::ListCaseFindingsResponse* response) {
  auto* reactor = context->DefaultReactor();
  const common::CallStart started = StartCall(context);
  common::RequestIdScope request_scope(started.request_id);
  FinishWith(reactor, "ListCaseFindings", Loggable(request->parent()),
             judgements_.List(*request), response, started);
  return reactor;
}

grpc::ServerUnaryReactor* FindingsService::ListJudgementHistory(
    grpc::CallbackServerContext* context,
    const v1::ListJudgementHistoryRequest* request,
    v1::ListJudgementHistoryResponse* response) {
  auto* reactor = context->DefaultReactor();
  const common::CallStart started = StartCall(context);
  common::RequestIdScope request_scope(started.request_id);
  FinishWith(reactor, "ListJudgementHistory", Loggable(request->name()),
             judgements_.History(*request), response, started);
  return reactor;
}

grpc::ServerUnaryReactor* FindingsService::GetFeedStatus(
    grpc::CallbackServerContext* context,
    const v1::GetFeedStatusRequest* /*request*/, v1::FeedStatus* response) {
  auto* reactor = context->DefaultReactor();
  const common::CallStart started = StartCall(context);
  *response = feed_.Status();
  common::FinishCall(reactor, "GetFeedStatus", "-", absl::OkStatus(), started);
  return reactor;
}

grpc::ServerUnaryReactor* FindingsService::GetInspectionProgress(
    grpc::CallbackServerContext* context,
    const v1::GetInspectionProgressRequest* request,
    v1::InspectionProgress* response) {
  auto* reactor = context->DefaultReactor();
  const common::CallStart started = StartCall(context);
  common::RequestIdScope request_scope(started.request_id);
  FinishWith(reactor, "GetInspectionProgress", Loggable(request->inspection()),
             verdicts_.Progress(*request), response, started);
  return reactor;
}

grpc::ServerUnaryReactor* FindingsService::RecordInterview(
    grpc::CallbackServerContext* context,
    const v1::RecordInterviewRequest* request, v1::CaseFindings* response) {
  auto* reactor = context->DefaultReactor();
  const common::CallStart started = StartCall(context);
  common::RequestIdScope request_scope(started.request_id);
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
  auto* reactor = context->DefaultReactor();
  const common::CallStart started = StartCall(context);
  common::RequestIdScope request_scope(started.request_id);
  FinishWith(reactor, "SetReportInputs", Loggable(request->inspection()),
             inputs_.Set(*request), response, started);
  return reactor;
}

grpc::ServerUnaryReactor* FindingsService::GetReportInputs(
    grpc::CallbackServerContext* context,
    const v1::GetReportInputsRequest* request, v1::ReportInputs* response) {
  auto* reactor = context->DefaultReactor();
  const common::CallStart started = StartCall(context);
  common::RequestIdScope request_scope(started.request_id);
  FinishWith(reactor, "GetReportInputs", Loggable(request->inspection()),
             inputs_.Get(*request), response, started);
  return reactor;
}

grpc::ServerUnaryReactor* FindingsService::RecordVerdictDecision(
    grpc::CallbackServerContext* context,
    const v1::RecordVerdictDecisionRequest* request,
    v1::VerdictDecisions* response) {
  auto* reactor = context->DefaultReactor();
  const common::CallStart started = StartCall(context);
  common::RequestIdScope request_scope(started.request_id);
  FinishWith(reactor, "RecordVerdictDecision", Loggable(request->inspection()),
             verdicts_.RecordDecision(*request), response, started);
  return reactor;
}

grpc::ServerUnaryReactor* FindingsService::GetVerdicts(
    grpc::CallbackServerContext* context, const v1::GetVerdictsRequest* request,
    v1::InspectionVerdicts* response) {
  auto* reactor = context->DefaultReactor();
  const common::CallStart started = StartCall(context);
  common::RequestIdScope request_scope(started.request_id);
  FinishWith(reactor, "GetVerdicts", Loggable(request->inspection()),
             verdicts_.Verdicts(*request), response, started);
  return reactor;
}

grpc::ServerUnaryReactor* FindingsService::RenderReport(
    grpc::CallbackServerContext* context,
    const v1::RenderReportRequest* request, v1::RenderedReport* response) {
  auto* reactor = context->DefaultReactor();
  const common::CallStart started = StartCall(context);
  common::RequestIdScope request_scope(started.request_id);
  FinishWith(reactor, "RenderReport", Loggable(request->inspection()),
             verdicts_.Render(*request), response, started);
  return reactor;
}

}  // namespace yjinspect::findings
