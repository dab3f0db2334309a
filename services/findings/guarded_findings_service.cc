#include "services/findings/guarded_findings_service.h"

#include "common/access/call_guard.h"

namespace yjinspect::findings {

grpc::ServerUnaryReactor* GuardedFindingsService::RecordJudgements(
    grpc::CallbackServerContext* context,
    const v1::RecordJudgementsRequest* request, v1::CaseFindings* response) {
  return common::GuardUnary(
      authorizer_, context, "/yjinspect.v1.Findings/RecordJudgements", *request,
      [&] { return inner_.RecordJudgements(context, request, response); });
}

grpc::ServerUnaryReactor* GuardedFindingsService::GetCaseFindings(
    grpc::CallbackServerContext* context,
    const v1::GetCaseFindingsRequest* request, v1::CaseFindings* response) {
  return common::GuardUnary(
      authorizer_, context, "/yjinspect.v1.Findings/GetCaseFindings", *request,
      [&] { return inner_.GetCaseFindings(context, request, response); });
}

grpc::ServerUnaryReactor* GuardedFindingsService::ListCaseFindings(
    grpc::CallbackServerContext* context,
    const v1::ListCaseFindingsRequest* request,
    v1::ListCaseFindingsResponse* response) {
  return common::GuardUnary(
      authorizer_, context, "/yjinspect.v1.Findings/ListCaseFindings", *request,
      [&] { return inner_.ListCaseFindings(context, request, response); });
}

grpc::ServerUnaryReactor* GuardedFindingsService::ListJudgementHistory(
    grpc::CallbackServerContext* context,
    const v1::ListJudgementHistoryRequest* request,
    v1::ListJudgementHistoryResponse* response) {
  return common::GuardUnary(
      authorizer_, context, "/yjinspect.v1.Findings/ListJudgementHistory",
      *request,
      [&] { return inner_.ListJudgementHistory(context, request, response); });
}

grpc::ServerUnaryReactor* GuardedFindingsService::GetFeedStatus(
    grpc::CallbackServerContext* context,
    const v1::GetFeedStatusRequest* request, v1::FeedStatus* response) {
  return common::GuardUnary(
      authorizer_, context, "/yjinspect.v1.Findings/GetFeedStatus", *request,
      [&] { return inner_.GetFeedStatus(context, request, response); });
}

grpc::ServerUnaryReactor* GuardedFindingsService::GetInspectionProgress(
    grpc::CallbackServerContext* context,
    const v1::GetInspectionProgressRequest* request,
    v1::InspectionProgress* response) {
  return common::GuardUnary(
      authorizer_, context, "/yjinspect.v1.Findings/GetInspectionProgress",
      *request,
      [&] { return inner_.GetInspectionProgress(context, request, response); });
}

grpc::ServerUnaryReactor* GuardedFindingsService::RecordInterview(
    grpc::CallbackServerContext* context,
    const v1::RecordInterviewRequest* request, v1::CaseFindings* response) {
  return common::GuardUnary(
      authorizer_, context, "/yjinspect.v1.Findings/RecordInterview", *request,
      [&] { return inner_.RecordInterview(context, request, response); });
}

grpc::ServerUnaryReactor* GuardedFindingsService::SetReportInputs(
    grpc::CallbackServerContext* context,
    const v1::SetReportInputsRequest* request, v1::ReportInputs* response) {
  return common::GuardUnary(
      authorizer_, context, "/yjinspect.v1.Findings/SetReportInputs", *request,
      [&] { return inner_.SetReportInputs(context, request, response); });
}

grpc::ServerUnaryReactor* GuardedFindingsService::GetReportInputs(
    grpc::CallbackServerContext* context,
    const v1::GetReportInputsRequest* request, v1::ReportInputs* response) {
  return common::GuardUnary(
      authorizer_, context, "/yjinspect.v1.Findings/GetReportInputs", *request,
      [&] { return inner_.GetReportInputs(context, request, response); });
}

grpc::ServerUnaryReactor* GuardedFindingsService::RecordVerdictDecision(
    grpc::CallbackServerContext* context,
    const v1::RecordVerdictDecisionRequest* request,
    v1::VerdictDecisions* response) {
  return common::GuardUnary(
      authorizer_, context, "/yjinspect.v1.Findings/RecordVerdictDecision",
      *request,
      [&] { return inner_.RecordVerdictDecision(context, request, response); });
}

grpc::ServerUnaryReactor* GuardedFindingsService::GetVerdicts(
    grpc::CallbackServerContext* context, const v1::GetVerdictsRequest* request,
    v1::InspectionVerdicts* response) {
  return common::GuardUnary(
      authorizer_, context, "/yjinspect.v1.Findings/GetVerdicts", *request,
      [&] { return inner_.GetVerdicts(context, request, response); });
}

grpc::ServerUnaryReactor* GuardedFindingsService::RenderReport(
    grpc::CallbackServerContext* context,
    const v1::RenderReportRequest* request, v1::RenderedReport* response) {
  return common::GuardUnary(
      authorizer_, context, "/yjinspect.v1.Findings/RenderReport", *request,
      [&] { return inner_.RenderReport(context, request, response); });
}

}  // namespace yjinspect::findings
