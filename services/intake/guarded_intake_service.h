#pragma once

// yjinspect.v1.CaseIntake as served over mutual TLS: every RPC first passes
// the authorizer (common/access/access_rules.h, the one table of who may
// call what), then goes to IntakeService unchanged. A refused call never
// reaches the service, so it cannot tell whether the resource exists.

#include "common/access/access_rules.h"
#include "services/intake/intake_service.h"
#include "yjinspect/v1/intake_service.grpc.pb.h"

namespace yjinspect::intake {

class GuardedIntakeService final : public v1::CaseIntake::CallbackService {
 public:
  // Both must outlive this. Also gives `inner` the per-case check of
  // BatchCreateCases.
  GuardedIntakeService(IntakeService& inner,
                       const common::Authorizer& authorizer);

  grpc::ServerUnaryReactor* CreateCase(grpc::CallbackServerContext* context,
                                       const v1::CreateCaseRequest* request,
                                       v1::Case* response) override;
  grpc::ServerUnaryReactor* GetCase(grpc::CallbackServerContext* context,
                                    const v1::GetCaseRequest* request,
                                    v1::Case* response) override;
  grpc::ServerUnaryReactor* ListCases(grpc::CallbackServerContext* context,
                                      const v1::ListCasesRequest* request,
                                      v1::ListCasesResponse* response) override;
  grpc::ServerUnaryReactor* UpdateCase(grpc::CallbackServerContext* context,
                                       const v1::UpdateCaseRequest* request,
                                       v1::Case* response) override;
  grpc::ServerUnaryReactor* DeleteCase(
      grpc::CallbackServerContext* context,
      const v1::DeleteCaseRequest* request,
      google::protobuf::Empty* response) override;
  grpc::ServerUnaryReactor* CreateInspection(
      grpc::CallbackServerContext* context,
      const v1::CreateInspectionRequest* request,
      v1::Inspection* response) override;
  grpc::ServerUnaryReactor* GetInspection(
      grpc::CallbackServerContext* context,
      const v1::GetInspectionRequest* request,
      v1::Inspection* response) override;
  grpc::ServerUnaryReactor* ListInspections(
      grpc::CallbackServerContext* context,
      const v1::ListInspectionsRequest* request,
      v1::ListInspectionsResponse* response) override;
  grpc::ServerUnaryReactor* DrawSample(grpc::CallbackServerContext* context,
                                       const v1::DrawSampleRequest* request,
                                       v1::Inspection* response) override;
  grpc::ServerUnaryReactor* ResetSample(grpc::CallbackServerContext* context,
                                        const v1::ResetSampleRequest* request,
                                        v1::Inspection* response) override;
  grpc::ServerUnaryReactor* StartFieldwork(
      grpc::CallbackServerContext* context,
      const v1::StartFieldworkRequest* request,
      v1::Inspection* response) override;
  grpc::ServerUnaryReactor* AdvanceInspection(
      grpc::CallbackServerContext* context,
      const v1::AdvanceInspectionRequest* request,
      v1::Inspection* response) override;
  grpc::ServerReadReactor<v1::BatchCreateCasesRequest>* BatchCreateCases(
      grpc::CallbackServerContext* context,
      v1::BatchCreateCasesResponse* response) override;
  grpc::ServerWriteReactor<v1::StreamSampledCasesResponse>* StreamSampledCases(
      grpc::CallbackServerContext* context,
      const v1::StreamSampledCasesRequest* request) override;

 private:
  IntakeService& inner_;
  const common::Authorizer& authorizer_;
};

}  // namespace yjinspect::intake
