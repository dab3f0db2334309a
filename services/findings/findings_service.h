#pragma once

// The gRPC adapter of yjinspect.v1.Findings: protos in, a domain call, the
// absl::Status converted once at the edge.

#include "common/rpc/call_edge.h"
#include "services/findings/action_desk.h"
#include "services/findings/board_summary_desk.h"
#include "services/findings/case_judgements.h"
#include "services/findings/findings_metrics.h"
#include "services/findings/intake_feed.h"
#include "services/findings/moderation_desk.h"
#include "services/findings/recommendation_desk.h"
#include "services/findings/report_inputs.h"
#include "services/findings/second_marking_desk.h"
#include "services/findings/verdict_desk.h"
#include "yjinspect/v1/findings_service.grpc.pb.h"

namespace yjinspect::findings {

class FindingsService final : public v1::Findings::CallbackService {
 public:
  // `store` keeps the audit trail of reads and refused changes. Every call
  // first passes `authorizer` (null: no access control, --insecure).
  FindingsService(FindingsStore& store, CaseJudgements& judgements,
                  ReportInputsDesk& inputs, VerdictDesk& verdicts,
                  RecommendationDesk& recommendations, ActionDesk& actions,
                  const BoardSummaryDesk& board_summaries,
                  SecondMarkingDesk& second_markings,
                  ModerationDesk& moderation, IntakeFeed& feed,
                  FindingsMetrics& metrics,
                  const common::Authorizer* authorizer)
      : store_(store),
        judgements_(judgements),
        inputs_(inputs),
        verdicts_(verdicts),
        recommendations_(recommendations),
        actions_(actions),
        board_summaries_(board_summaries),
        second_markings_(second_markings),
        moderation_(moderation),
        feed_(feed),
        metrics_(metrics),
        edge_(v1::Findings::service_full_name(), &metrics.service(),
              authorizer) {}

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
  grpc::ServerUnaryReactor* GetVerdictDecisions(
      grpc::CallbackServerContext* context,
      const v1::GetVerdictDecisionsRequest* request,
      v1::VerdictDecisions* response) override;
  grpc::ServerUnaryReactor* GetVerdicts(
      grpc::CallbackServerContext* context,
      const v1::GetVerdictsRequest* request,
      v1::InspectionVerdicts* response) override;
  grpc::ServerUnaryReactor* RenderReport(grpc::CallbackServerContext* context,
                                         const v1::RenderReportRequest* request,
                                         v1::RenderedReport* response) override;
  grpc::ServerUnaryReactor* RecordRecommendation(
      grpc::CallbackServerContext* context,
      const v1::RecordRecommendationRequest* request,
      v1::Recommendation* response) override;
  grpc::ServerUnaryReactor* GetRecommendation(
      grpc::CallbackServerContext* context,
      const v1::GetRecommendationRequest* request,
      v1::Recommendation* response) override;
  grpc::ServerUnaryReactor* ListRecommendations(
      grpc::CallbackServerContext* context,
      const v1::ListRecommendationsRequest* request,
      v1::ListRecommendationsResponse* response) override;
  grpc::ServerUnaryReactor* ListRecommendationHistory(
      grpc::CallbackServerContext* context,
      const v1::ListRecommendationHistoryRequest* request,
      v1::ListRecommendationHistoryResponse* response) override;
  grpc::ServerUnaryReactor* RecordAction(grpc::CallbackServerContext* context,
                                         const v1::RecordActionRequest* request,
                                         v1::Action* response) override;
  grpc::ServerUnaryReactor* GetAction(grpc::CallbackServerContext* context,
                                      const v1::GetActionRequest* request,
                                      v1::Action* response) override;
  grpc::ServerUnaryReactor* ListActions(
      grpc::CallbackServerContext* context,
      const v1::ListActionsRequest* request,
      v1::ListActionsResponse* response) override;
  grpc::ServerUnaryReactor* ListActionHistory(
      grpc::CallbackServerContext* context,
      const v1::ListActionHistoryRequest* request,
      v1::ListActionHistoryResponse* response) override;
  grpc::ServerUnaryReactor* RenderBoardSummary(
      grpc::CallbackServerContext* context,
      const v1::RenderBoardSummaryRequest* request,
      v1::BoardSummary* response) override;

  grpc::ServerUnaryReactor* RecordSecondMarking(
      grpc::CallbackServerContext* context,
      const v1::RecordSecondMarkingRequest* request,
      v1::SecondMarking* response) override;
  grpc::ServerUnaryReactor* GetSampledRecord(
      grpc::CallbackServerContext* context,
      const v1::GetSampledRecordRequest* request,
      v1::SampledRecord* response) override;
  grpc::ServerUnaryReactor* GetSecondMarking(
      grpc::CallbackServerContext* context,
      const v1::GetSecondMarkingRequest* request,
      v1::SecondMarking* response) override;
  grpc::ServerUnaryReactor* ListDisagreements(
      grpc::CallbackServerContext* context,
      const v1::ListDisagreementsRequest* request,
      v1::ListDisagreementsResponse* response) override;
  grpc::ServerUnaryReactor* ResolveDisagreement(
      grpc::CallbackServerContext* context,
      const v1::ResolveDisagreementRequest* request,
      v1::Disagreement* response) override;
  grpc::ServerUnaryReactor* GetAgreement(
      grpc::CallbackServerContext* context,
      const v1::GetAgreementRequest* request,
      v1::AgreementSummary* response) override;
  grpc::ServerUnaryReactor* AgreeVerdicts(
      grpc::CallbackServerContext* context,
      const v1::AgreeVerdictsRequest* request,
      v1::Inspection* response) override;

 private:
  FindingsStore& store_;
  CaseJudgements& judgements_;
  ReportInputsDesk& inputs_;
  VerdictDesk& verdicts_;
  RecommendationDesk& recommendations_;
  ActionDesk& actions_;
  const BoardSummaryDesk& board_summaries_;
  SecondMarkingDesk& second_markings_;
  ModerationDesk& moderation_;
  IntakeFeed& feed_;
  FindingsMetrics& metrics_;
  common::CallEdge edge_;
};

}  // namespace yjinspect::findings
