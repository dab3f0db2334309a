#pragma once

// yjinspect.v1.Findings as served over mutual TLS: every RPC first passes
// the authorizer (common/access/access_rules.h, the one table of who may
// call what), then goes to FindingsService unchanged. A refused call never
// reaches the service, so it cannot tell whether the resource exists.

#include "common/access/access_rules.h"
#include "services/findings/findings_service.h"
#include "yjinspect/v1/findings_service.grpc.pb.h"

namespace yjinspect::findings {

class GuardedFindingsService final : public v1::Findings::CallbackService {
 public:
  // Both must outlive this.
  GuardedFindingsService(FindingsService& inner,
                         const common::Authorizer& authorizer)
      : inner_(inner), authorizer_(authorizer) {}

  grpc::ServerUnaryReactor* RecordJudgements(
      grpc::CallbackServerContext* context,
      const v1::RecordJudgementsRequest* request,
      v1::CaseFindings* response) override;
  grpc::ServerUnaryReactor* GetCaseFindings(
      grpc::CallbackServerContext* context,
      const v1::GetCaseFindingsRequest* request,
      v1::CaseFindings* response) override;
  grpc::ServerUnaryReactor* ListCaseFindings(
      grpc::CallbackServerContext* context,
      const v1::ListCaseFindingsRequest* request,
      v1::ListCaseFindingsResponse* response) override;
  grpc::ServerUnaryReactor* ListJudgementHistory(
      grpc::CallbackServerContext* context,
      const v1::ListJudgementHistoryRequest* request,
      v1::ListJudgementHistoryResponse* response) override;
  grpc::ServerUnaryReactor* GetFeedStatus(
      grpc::CallbackServerContext* context,
      const v1::GetFeedStatusRequest* request,
      v1::FeedStatus* response) override;
  grpc::ServerUnaryReactor* GetInspectionProgress(
      grpc::CallbackServerContext* context,
      const v1::GetInspectionProgressRequest* request,
      v1::InspectionProgress* response) override;
  grpc::ServerUnaryReactor* RecordInterview(
      grpc::CallbackServerContext* context,
      const v1::RecordInterviewRequest* request,
      v1::CaseFindings* response) override;
  grpc::ServerUnaryReactor* SetReportInputs(
      grpc::CallbackServerContext* context,
      const v1::SetReportInputsRequest* request,
      v1::ReportInputs* response) override;
  grpc::ServerUnaryReactor* GetReportInputs(
      grpc::CallbackServerContext* context,
      const v1::GetReportInputsRequest* request,
      v1::ReportInputs* response) override;
  grpc::ServerUnaryReactor* RecordVerdictDecision(
      grpc::CallbackServerContext* context,
      const v1::RecordVerdictDecisionRequest* request,
      v1::VerdictDecisions* response) override;
  grpc::ServerUnaryReactor* GetVerdicts(
      grpc::CallbackServerContext* context,
      const v1::GetVerdictsRequest* request,
      v1::InspectionVerdicts* response) override;
  grpc::ServerUnaryReactor* RenderReport(grpc::CallbackServerContext* context,
                                         const v1::RenderReportRequest* request,
                                         v1::RenderedReport* response) override;

 private:
  FindingsService& inner_;
  const common::Authorizer& authorizer_;
};

}  // namespace yjinspect::findings
