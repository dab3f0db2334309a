#include "services/intake/guarded_intake_service.h"

#include "common/access/call_guard.h"

namespace yjinspect::intake {

GuardedIntakeService::GuardedIntakeService(IntakeService& inner,
                                           const common::Authorizer& authorizer)
    : inner_(inner), authorizer_(authorizer) {
  // Each case a batch carries is held to the CreateCase rule, before
  // anything of its chunk is stored.
  inner_.set_case_admission([this](const grpc::CallbackServerContext* context,
                                   const v1::CreateCaseRequest& request) {
    return common::AuthorizeCall(
        authorizer_, context, "/yjinspect.v1.CaseIntake/CreateCase", request);
  });
}

grpc::ServerUnaryReactor* GuardedIntakeService::CreateCase(
    grpc::CallbackServerContext* context, const v1::CreateCaseRequest* request,
    v1::Case* response) {
  return common::GuardUnary(
      authorizer_, context, "/yjinspect.v1.CaseIntake/CreateCase", *request,
      [&] { return inner_.CreateCase(context, request, response); });
}

grpc::ServerUnaryReactor* GuardedIntakeService::GetCase(
    grpc::CallbackServerContext* context, const v1::GetCaseRequest* request,
    v1::Case* response) {
  return common::GuardUnary(
      authorizer_, context, "/yjinspect.v1.CaseIntake/GetCase", *request,
      [&] { return inner_.GetCase(context, request, response); });
}

grpc::ServerUnaryReactor* GuardedIntakeService::ListCases(
    grpc::CallbackServerContext* context, const v1::ListCasesRequest* request,
    v1::ListCasesResponse* response) {
  return common::GuardUnary(
      authorizer_, context, "/yjinspect.v1.CaseIntake/ListCases", *request,
      [&] { return inner_.ListCases(context, request, response); });
}

grpc::ServerUnaryReactor* GuardedIntakeService::UpdateCase(
    grpc::CallbackServerContext* context, const v1::UpdateCaseRequest* request,
    v1::Case* response) {
  return common::GuardUnary(
      authorizer_, context, "/yjinspect.v1.CaseIntake/UpdateCase", *request,
      [&] { return inner_.UpdateCase(context, request, response); });
}

grpc::ServerUnaryReactor* GuardedIntakeService::DeleteCase(
    grpc::CallbackServerContext* context, const v1::DeleteCaseRequest* request,
    google::protobuf::Empty* response) {
  return common::GuardUnary(
      authorizer_, context, "/yjinspect.v1.CaseIntake/DeleteCase", *request,
      [&] { return inner_.DeleteCase(context, request, response); });
}

grpc::ServerUnaryReactor* GuardedIntakeService::CreateInspection(
    grpc::CallbackServerContext* context,
    const v1::CreateInspectionRequest* request, v1::Inspection* response) {
  return common::GuardUnary(
      authorizer_, context, "/yjinspect.v1.CaseIntake/CreateInspection",
      *request,
      [&] { return inner_.CreateInspection(context, request, response); });
}

grpc::ServerUnaryReactor* GuardedIntakeService::GetInspection(
    grpc::CallbackServerContext* context,
    const v1::GetInspectionRequest* request, v1::Inspection* response) {
  return common::GuardUnary(
      authorizer_, context, "/yjinspect.v1.CaseIntake/GetInspection", *request,
      [&] { return inner_.GetInspection(context, request, response); });
}

grpc::ServerUnaryReactor* GuardedIntakeService::ListInspections(
    grpc::CallbackServerContext* context,
    const v1::ListInspectionsRequest* request,
    v1::ListInspectionsResponse* response) {
  return common::GuardUnary(
      authorizer_, context, "/yjinspect.v1.CaseIntake/ListInspections",
      *request,
      [&] { return inner_.ListInspections(context, request, response); });
}

grpc::ServerUnaryReactor* GuardedIntakeService::DrawSample(
    grpc::CallbackServerContext* context, const v1::DrawSampleRequest* request,
    v1::Inspection* response) {
  return common::GuardUnary(
      authorizer_, context, "/yjinspect.v1.CaseIntake/DrawSample", *request,
      [&] { return inner_.DrawSample(context, request, response); });
}

grpc::ServerUnaryReactor* GuardedIntakeService::ResetSample(
    grpc::CallbackServerContext* context, const v1::ResetSampleRequest* request,
    v1::Inspection* response) {
  return common::GuardUnary(
      authorizer_, context, "/yjinspect.v1.CaseIntake/ResetSample", *request,
      [&] { return inner_.ResetSample(context, request, response); });
}

grpc::ServerUnaryReactor* GuardedIntakeService::StartFieldwork(
    grpc::CallbackServerContext* context,
    const v1::StartFieldworkRequest* request, v1::Inspection* response) {
  return common::GuardUnary(
      authorizer_, context, "/yjinspect.v1.CaseIntake/StartFieldwork", *request,
      [&] { return inner_.StartFieldwork(context, request, response); });
}

grpc::ServerUnaryReactor* GuardedIntakeService::AdvanceInspection(
    grpc::CallbackServerContext* context,
    const v1::AdvanceInspectionRequest* request, v1::Inspection* response) {
  return common::GuardUnary(
      authorizer_, context, "/yjinspect.v1.CaseIntake/AdvanceInspection",
      *request,
      [&] { return inner_.AdvanceInspection(context, request, response); });
}

grpc::ServerReadReactor<v1::BatchCreateCasesRequest>*
GuardedIntakeService::BatchCreateCases(grpc::CallbackServerContext* context,
                                       v1::BatchCreateCasesResponse* response) {
  return common::GuardReader<v1::BatchCreateCasesRequest>(
      authorizer_, context, "/yjinspect.v1.CaseIntake/BatchCreateCases",
      [&] { return inner_.BatchCreateCases(context, response); });
}

grpc::ServerWriteReactor<v1::StreamSampledCasesResponse>*
GuardedIntakeService::StreamSampledCases(
    grpc::CallbackServerContext* context,
    const v1::StreamSampledCasesRequest* request) {
  return common::GuardWriter<v1::StreamSampledCasesResponse>(
      authorizer_, context, "/yjinspect.v1.CaseIntake/StreamSampledCases",
      *request, [&] { return inner_.StreamSampledCases(context, request); });
}

}  // namespace yjinspect::intake
