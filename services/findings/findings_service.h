#pragma once

// The gRPC adapter of yjinspect.v1.Findings: protos in, a domain call, the
// absl::Status converted once at the edge.

#include "services/findings/case_judgements.h"
#include "services/findings/intake_feed.h"
#include "yjinspect/v1/findings_service.grpc.pb.h"

namespace yjinspect::findings {

class FindingsService final : public v1::Findings::CallbackService {
 public:
  FindingsService(CaseJudgements& judgements, IntakeFeed& feed)
      : judgements_(judgements), feed_(feed) {}

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

 private:
  CaseJudgements& judgements_;
  IntakeFeed& feed_;
};

}  // namespace yjinspect::findings
