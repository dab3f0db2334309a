#pragma once

// The gRPC adapter of yjinspect.v1.CaseIntake: protos in, a domain call, the
// absl::Status converted once at the edge. No domain logic here.

#include <utility>

#include "common/rpc/call_edge.h"
#include "common/rpc/call_limit.h"
#include "services/intake/batch_create_reactor.h"
#include "services/intake/case_intake.h"
#include "services/intake/inspection_lifecycle.h"
#include "services/intake/inspection_registry.h"
#include "services/intake/inspection_sampling.h"
#include "services/intake/intake_metrics.h"
#include "services/intake/stream/change_feed.h"
#include "services/intake/victim_case_intake.h"
#include "yjinspect/v1/intake_service.grpc.pb.h"

namespace yjinspect::intake {

class IntakeService final : public v1::CaseIntake::CallbackService {
 public:
  // Every call first passes `authorizer` (null: no access control,
  // --insecure); each case a BatchCreateCases stream carries is held to the
  // CreateCase rule before its chunk is stored.
  IntakeService(IntakeStore& store, CaseIntake& cases,
                VictimCaseIntake& victim_cases, InspectionRegistry& inspections,
                InspectionSampling& sampling, InspectionLifecycle& lifecycle,
                ChangeFeed& feed, IntakeMetrics& metrics,
                const common::Authorizer* authorizer,
                int max_concurrent_uploads = kDefaultMaxConcurrentUploads)
      : store_(store),
        cases_(cases),
        victim_cases_(victim_cases),
        inspections_(inspections),
        sampling_(sampling),
        lifecycle_(lifecycle),
        feed_(feed),
        metrics_(metrics),
        edge_(v1::CaseIntake::service_full_name(), &metrics.service(),
              authorizer),
        uploads_(max_concurrent_uploads, "bulk uploads (BatchCreateCases)",
                 "--max_concurrent_uploads") {}

  // Bulk uploads served at once unless the server is told otherwise: each
  // holds one chunk of cases while it is stored.
  static constexpr int kDefaultMaxConcurrentUploads = 32;

  grpc::ServerUnaryReactor* CreateCase(grpc::CallbackServerContext* context,
                                       const v1::CreateCaseRequest* request,
                                       v1::Case* response) override;
  grpc::ServerReadReactor<v1::BatchCreateCasesRequest>* BatchCreateCases(
      grpc::CallbackServerContext* context,
      v1::BatchCreateCasesResponse* response) override;
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
  // Victims' cases (victim_case_handlers.cc).
  grpc::ServerUnaryReactor* CreateVictimCase(
      grpc::CallbackServerContext* context,
      const v1::CreateVictimCaseRequest* request,
      v1::VictimCase* response) override;
  grpc::ServerUnaryReactor* BatchCreateVictimCases(
      grpc::CallbackServerContext* context,
      const v1::BatchCreateVictimCasesRequest* request,
      v1::BatchCreateVictimCasesResponse* response) override;
  grpc::ServerUnaryReactor* GetVictimCase(
      grpc::CallbackServerContext* context,
      const v1::GetVictimCaseRequest* request,
      v1::VictimCase* response) override;
  grpc::ServerUnaryReactor* ListVictimCases(
      grpc::CallbackServerContext* context,
      const v1::ListVictimCasesRequest* request,
      v1::ListVictimCasesResponse* response) override;
  grpc::ServerUnaryReactor* UpdateVictimCase(
      grpc::CallbackServerContext* context,
      const v1::UpdateVictimCaseRequest* request,
      v1::VictimCase* response) override;
  grpc::ServerUnaryReactor* DeleteVictimCase(
      grpc::CallbackServerContext* context,
      const v1::DeleteVictimCaseRequest* request,
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

  grpc::ServerUnaryReactor* AssignSecondMarkers(
      grpc::CallbackServerContext* context,
      const v1::AssignSecondMarkersRequest* request,
      v1::Inspection* response) override;
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
  grpc::ServerWriteReactor<v1::StreamSampledCasesResponse>* StreamSampledCases(
      grpc::CallbackServerContext* context,
      const v1::StreamSampledCasesRequest* request) override;

 private:
  IntakeStore& store_;
  CaseIntake& cases_;
  VictimCaseIntake& victim_cases_;
  InspectionRegistry& inspections_;
  InspectionSampling& sampling_;
  InspectionLifecycle& lifecycle_;
  ChangeFeed& feed_;
  IntakeMetrics& metrics_;
  common::CallEdge edge_;
  // BatchCreateCases streams at once; more are refused (call_limit.h).
  common::CallLimit uploads_;
};

}  // namespace yjinspect::intake
