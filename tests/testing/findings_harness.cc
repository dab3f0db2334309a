#include "tests/testing/findings_harness.h"

namespace yjinspect::testing {
namespace {

findings::FindingsServerOptions HarnessOptions(const std::string& data_dir,
                                               const std::string& intake,
                                               bool sync) {
  findings::FindingsServerOptions options =
      LoopbackFindingsOptions(data_dir, intake);
  options.sync = sync;
  return options;
}

}  // namespace

FindingsHarness::FindingsHarness(std::string intake_address, bool sync)
    : server_(HarnessOptions(dir_.Sub("findings"), intake_address, sync),
              "findings server") {
  Start();
}

FindingsHarness::~FindingsHarness() { Stop(); }

void FindingsHarness::Start() {
  server_.Start();
  stub_ = v1::Findings::NewStub(grpc::CreateChannel(
      server_->address(), grpc::InsecureChannelCredentials()));
}

void FindingsHarness::Stop() {
  stub_.reset();
  server_.Stop();
}

void FindingsHarness::Restart() {
  Stop();
  Start();
}

}  // namespace yjinspect::testing
