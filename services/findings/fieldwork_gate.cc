#include "services/findings/fieldwork_gate.h"

#include <chrono>

#include "common/request_id.h"
#include "common/rpc/grpc_status.h"
#include "grpcpp/grpcpp.h"
#include "yjinspect/v1/intake_service.grpc.pb.h"

namespace yjinspect::findings {
namespace {

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
    call->context.set_deadline(std::chrono::system_clock::now() +
                               std::chrono::seconds(10));
    // The request id of the findings call that needs fieldwork started, so
    // intake's log line for it can be matched with ours.
    if (!common::CurrentRequestId().empty()) {
      call->context.AddMetadata("x-request-id", common::CurrentRequestId());
    }
    call->request.set_name(inspection);
    call->request.set_sample_revision(sample_revision);
    stub_->async()->StartFieldwork(
        &call->context, &call->request, &call->response,
        [call, done = std::move(done)](const grpc::Status& status) {
          done(common::FromGrpcStatus(status));
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
