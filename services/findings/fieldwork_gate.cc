#include "services/findings/fieldwork_gate.h"

#include <chrono>

#include "common/request_id.h"
#include "common/rpc/grpc_status.h"
#include "grpcpp/grpcpp.h"
#include "yjinspect/v1/intake_service.grpc.pb.h"

namespace yjinspect::findings {
namespace {

// A call to intake on behalf of a findings call: a deadline, and the
// request id of the findings call, so that intake's log line for it can be
// matched with ours.
void Prepare(grpc::ClientContext& context) {
  context.set_deadline(std::chrono::system_clock::now() +
                       std::chrono::seconds(10));
  if (!common::CurrentRequestId().empty()) {
    context.AddMetadata("x-request-id", common::CurrentRequestId());
  }
}

class IntakeFieldworkGate final : public FieldworkGate {
 public:
  IntakeFieldworkGate(
      const std::string& address,
      const std::shared_ptr<grpc::ChannelCredentials>& credentials)
      : stub_(v1::CaseIntake::NewStub(grpc::CreateChannel(
            address, credentials != nullptr
                         ? credentials
                         : grpc::InsecureChannelCredentials()))) {}

  void StartFieldwork(const std::string& inspection, int32_t sample_revision,
                      std::function<void(absl::Status)> done) override {
    struct Call {
      grpc::ClientContext context;
      v1::StartFieldworkRequest request;
      v1::Inspection response;
    };
    auto call = std::make_shared<Call>();
    Prepare(call->context);
    call->request.set_name(inspection);
    call->request.set_sample_revision(sample_revision);
    stub_->async()->StartFieldwork(
        &call->context, &call->request, &call->response,
        [call, done = std::move(done)](const grpc::Status& status) {
          done(common::FromGrpcStatus(status));
        });
  }

  void AgreeVerdicts(
      const std::string& inspection, const std::string& etag,
      const std::string& reason, const std::string& actor,
      std::function<void(absl::StatusOr<v1::Inspection>)> done) override {
    struct Call {
      grpc::ClientContext context;
      v1::AdvanceInspectionRequest request;
      v1::Inspection response;
    };
    auto call = std::make_shared<Call>();
    Prepare(call->context);
    // Who asked, for intake's record of the step on an insecure server
    // (over TLS intake records this service's certificate name).
    if (!actor.empty()) call->context.AddMetadata("x-yjinspect-actor", actor);
    call->request.set_name(inspection);
    call->request.set_state(v1::INSPECTION_STATE_VERDICTS_AGREED);
    call->request.set_reason(reason);
    call->request.set_second_marking_resolved(true);
    call->request.set_etag(etag);
    stub_->async()->AdvanceInspection(
        &call->context, &call->request, &call->response,
        [call, done = std::move(done)](const grpc::Status& status) {
          if (!status.ok()) {
            done(common::FromGrpcStatus(status));
            return;
          }
          done(std::move(call->response));
        });
  }

 private:
  std::unique_ptr<v1::CaseIntake::Stub> stub_;
};

}  // namespace

std::unique_ptr<FieldworkGate> NewIntakeFieldworkGate(
    const std::string& address,
    const std::shared_ptr<grpc::ChannelCredentials>& credentials) {
  return std::make_unique<IntakeFieldworkGate>(address, credentials);
}

}  // namespace yjinspect::findings
