#include "bench/stalled_subscribers.h"

#include <memory>
#include <vector>

#include "absl/strings/str_cat.h"
#include "bench/child_process.h"
#include "bench/intake_load.h"
#include "bench/serving_child.h"
#include "grpcpp/grpcpp.h"
#include "yjinspect/v1/intake_service.grpc.pb.h"

namespace yjinspect::bench {
namespace {

// A subscriber that asks for the stream and never reads it: the server's
// writes to it stop once gRPC's flow-control window is full.
class StalledSubscriber {
 public:
  explicit StalledSubscriber(const std::string& address) {
    // Its own connection: intake takes at most 100 streams on one, and a
    // stalled stream's window belongs to its connection.
    grpc::ChannelArguments args;
    args.SetInt(GRPC_ARG_USE_LOCAL_SUBCHANNEL_POOL, 1);
    channel_ = grpc::CreateCustomChannel(
        address, grpc::InsecureChannelCredentials(), args);
    stub_ = v1::CaseIntake::NewStub(channel_);
    v1::StreamSampledCasesRequest request;
    reader_ = stub_->StreamSampledCases(&context_, request);
  }
  ~StalledSubscriber() {
    context_.TryCancel();
    reader_->Finish().IgnoreError();
  }

  StalledSubscriber(const StalledSubscriber&) = delete;
  StalledSubscriber& operator=(const StalledSubscriber&) = delete;

 private:
  std::shared_ptr<grpc::Channel> channel_;
  std::unique_ptr<v1::CaseIntake::Stub> stub_;
  grpc::ClientContext context_;
  std::unique_ptr<grpc::ClientReader<v1::StreamSampledCasesResponse>> reader_;
};

LoadResult Writers(v1::CaseIntake::Stub& stub, const std::string& phase,
                   const StalledSubscribersOptions& options) {
  return RunClients(options.writers, options.warmup, options.measured,
                    [&](int c, uint64_t i) {
                      return CallCreateCase(
                          stub,
                          BenchCreateCaseRequest(
                              "benchyot", absl::StrCat(phase, "-", c, "-", i)));
                    });
}

}  // namespace

StalledSubscribersResult StalledSubscribers(
    const StalledSubscribersOptions& options) {
  const std::string address = absl::StrCat("127.0.0.1:", FreeLoopbackPort());
  ServingChild intake = StartServing(
      BenchIntakeArgv(options.intake_binary, address,
                      options.dir + "/stalled-intake"),
      options.dir + "/stalled.log", address, "yjinspect.v1.CaseIntake");
  auto stub = v1::CaseIntake::NewStub(intake.channel);

  StalledSubscribersResult result;
  result.without = Writers(*stub, "without", options);
  result.rss_without_kb = intake.process->StatusKb("VmRSS");
  {
    std::vector<std::unique_ptr<StalledSubscriber>> stalled;
    stalled.reserve(static_cast<size_t>(options.subscribers));
    for (int s = 0; s < options.subscribers; ++s) {
      stalled.push_back(std::make_unique<StalledSubscriber>(address));
    }
    result.with = Writers(*stub, "with", options);
    result.rss_with_kb = intake.process->StatusKb("VmRSS");
  }
  result.peak_kb = intake.process->StatusKb("VmHWM");
  intake.process->Terminate();
  return result;
}

}  // namespace yjinspect::bench
