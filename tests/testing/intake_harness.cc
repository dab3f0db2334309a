#include "tests/testing/intake_harness.h"

#include <cstdlib>
#include <fstream>

#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "services/intake/privacy/reference_pseudonyms.h"

namespace yjinspect::testing {
namespace {

// Plaintext on the loopback as LoopbackIntakeOptions, but with a key file
// as a deployment has, outside the data folder. The same key in every
// harness: tests compare what two harnesses stored, as two runs of one
// deployment would.
intake::IntakeServerOptions HarnessOptions(const TempDir& dir, bool sync) {
  intake::IntakeServerOptions options =
      LoopbackIntakeOptions(dir.Sub("intake"));
  options.insecure_development_pseudonyms = false;
  options.pseudonym_key_file = dir.Sub("pseudonym.key");
  options.sync = sync;
  std::ofstream(options.pseudonym_key_file, std::ios::binary)
      << std::string(intake::kPseudonymKeyBytes, 'K');
  return options;
}

}  // namespace

IntakeHarness::IntakeHarness(bool sync)
    : server_(HarnessOptions(dir_, sync), "intake server") {
  Start();
}

std::string IntakeHarness::PseudonymOf(const std::string& yot,
                                       const std::string& reference) const {
  auto pseudonyms =
      intake::ReferencePseudonyms::FromKeyFile(pseudonym_key_file());
  if (!pseudonyms.ok()) std::abort();
  return pseudonyms->OfChild(yot, reference);
}

IntakeHarness::~IntakeHarness() { Stop(); }

void IntakeHarness::Start() {
  server_.Start();
  channel_ = grpc::CreateChannel(server_->address(),
                                 grpc::InsecureChannelCredentials());
  stub_ = v1::CaseIntake::NewStub(channel_);
}

void IntakeHarness::Stop() {
  stub_.reset();
  channel_.reset();
  server_.Stop();
}

void IntakeHarness::Restart() {
  Stop();
  Start();
}

std::unique_ptr<grpc::ClientContext> IntakeHarness::Context() {
  auto context = std::make_unique<grpc::ClientContext>();
  context->set_deadline(absl::ToChronoTime(absl::Now() + kContextDeadline));
  return context;
}

}  // namespace yjinspect::testing
