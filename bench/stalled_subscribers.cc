#include "bench/stalled_subscribers.h"

#include <memory>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/time/clock.h"
#include "bench/child_process.h"
#include "bench/intake_load.h"
#include "bench/serving_child.h"
#include "grpcpp/grpcpp.h"
#include "tests/testing/case_builder.h"
#include "tests/testing/sampled_caseload.h"
#include "tests/testing/unary_call.h"
#include "yjinspect/v1/intake_service.grpc.pb.h"

namespace yjinspect::bench {
namespace {

// Cases in the sample drawn while the subscribers are open: 500 changes of
// about 250 bytes each, twice a 64 KiB window.
constexpr int kSampleCases = 500;

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

void Check(const absl::Status& status, const char* what) {
  if (!status.ok()) {
    fprintf(stderr, "%s: %s\n", what, status.ToString().c_str());
    abort();
  }
}

// Loads `cases` eligible cases of a YOT and draws a sample naming them all:
// as many changes for every subscriber, more than gRPC's flow-control
// window holds, so each subscriber that does not read is left with a write
// in flight.
void FillTheirWindows(v1::CaseIntake::Stub& stub, int cases) {
  constexpr char kYot[] = "stalledyot";
  v1::BatchCreateCasesRequest chunk;
  v1::DrawSampleRequest draw;
  draw.set_name("inspections/stalledyot-2014");
  for (int c = 0; c < cases; ++c) {
    const std::string id = absl::StrFormat("E-%04d", c);
    *chunk.add_requests() = testing::EligibleCreateCaseRequest(kYot, id);
    draw.add_named_cases(absl::StrCat("yots/", kYot, "/cases/", id));
  }
  grpc::ClientContext context;
  v1::BatchCreateCasesResponse loaded;
  auto writer = stub.BatchCreateCases(&context, &loaded);
  writer->Write(chunk);
  writer->WritesDone();
  grpc::Status status = writer->Finish();
  if (!status.ok() || loaded.failed_count() != 0) {
    fprintf(stderr, "loading the stalled subscribers' sample: %s\n",
            status.error_message().c_str());
    abort();
  }
  Check(testing::Call(
            stub, &v1::CaseIntake::Stub::CreateInspection,
            testing::ValidCreateInspectionRequest("stalledyot-2014", kYot))
            .status(),
        "creating the inspection");
  Check(testing::Call(stub, &v1::CaseIntake::Stub::DrawSample, draw).status(),
        "drawing the sample");
}

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
    FillTheirWindows(*stub, kSampleCases);
    // Time for intake to write to each until its window is full: 300
    // subscribers take 150,000 messages, seconds of work on two cores that
    // is delivery, not the cost of a stalled subscriber per commit.
    absl::SleepFor(absl::Seconds(6));
    result.rss_filled_kb = intake.process->StatusKb("VmRSS");
    result.with = Writers(*stub, "with", options);
    result.rss_with_kb = intake.process->StatusKb("VmRSS");
  }
  result.peak_kb = intake.process->StatusKb("VmHWM");
  intake.process->Terminate();
  return result;
}

}  // namespace yjinspect::bench
