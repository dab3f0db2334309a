#include "bench/intake_load.h"

#include <memory>

#include "absl/strings/str_cat.h"
#include "bench/echo_server.h"
#include "grpcpp/grpcpp.h"
#include "services/intake/intake_server.h"
#include "tests/testing/case_builder.h"
#include "tests/testing/loopback_options.h"
#include "yjinspect/v1/intake_service.grpc.pb.h"

namespace yjinspect::bench {
namespace {

// Numbers each store's folder: a figure may be measured in several slices.
int run = 0;

std::unique_ptr<intake::IntakeServer> StartIntake(const std::string& dir) {
  // Plaintext, as the echo baseline; the development key costs the same
  // keyed hash as a real one.
  intake::IntakeServerOptions options = testing::LoopbackIntakeOptions(dir);
  options.sync = true;
  auto server = intake::IntakeServer::Start(options);
  if (!server.ok()) {
    fprintf(stderr, "intake: %s\n", server.status().ToString().c_str());
    abort();
  }
  return std::move(*server);
}

uint64_t Ticker(intake::IntakeServer& server, absl::string_view name) {
  return server.store().TickerForTest(name).value_or(0);
}

// A synced intake store of its own for one measurement, a client of it, and
// the WAL's counters since the start.
class MeasuredIntake {
 public:
  explicit MeasuredIntake(const std::string& dir)
      : server_(StartIntake(dir)),
        stub_(v1::CaseIntake::NewStub(grpc::CreateChannel(
            server_->address(), grpc::InsecureChannelCredentials()))),
        syncs_before_(Ticker(*server_, "rocksdb.wal.synced")),
        writes_before_(Ticker(*server_, "rocksdb.write.wal")) {}
  ~MeasuredIntake() { server_->Shutdown(absl::Seconds(5)); }

  v1::CaseIntake::Stub& stub() { return *stub_; }
  uint64_t WalSyncs() {
    return Ticker(*server_, "rocksdb.wal.synced") - syncs_before_;
  }
  uint64_t WalWrites() {
    return Ticker(*server_, "rocksdb.write.wal") - writes_before_;
  }

 private:
  std::unique_ptr<intake::IntakeServer> server_;
  std::unique_ptr<v1::CaseIntake::Stub> stub_;
  const uint64_t syncs_before_;
  const uint64_t writes_before_;
};

}  // namespace

bool CallCreateCase(v1::CaseIntake::Stub& stub,
                    const v1::CreateCaseRequest& request) {
  grpc::ClientContext context;
  context.set_deadline(std::chrono::system_clock::now() +
                       std::chrono::seconds(30));
  v1::Case response;
  return stub.CreateCase(&context, request, &response).ok();
}

v1::CreateCaseRequest BenchCreateCaseRequest(absl::string_view yot,
                                             absl::string_view case_id) {
  return testing::ValidCreateCaseRequest(yot, case_id);
}

IntakeLoadResult DurableCreateCase(const std::string& dir, int clients,
                                   absl::Duration warmup,
                                   absl::Duration measured) {
  MeasuredIntake intake(
      absl::StrCat(dir, "/intake-unary-", clients, "-", ++run));
  IntakeLoadResult result;
  result.load = RunClients(clients, warmup, measured, [&](int c, uint64_t i) {
    return CallCreateCase(
        intake.stub(),
        BenchCreateCaseRequest("benchyot", absl::StrCat("C", c, "-", i)));
  });
  result.wal_syncs = intake.WalSyncs();
  result.wal_writes = intake.WalWrites();
  return result;
}

LoadResult EchoCreateCase(int clients, absl::Duration warmup,
                          absl::Duration measured) {
  EchoServer server;
  auto channel =
      grpc::CreateChannel(server.address(), grpc::InsecureChannelCredentials());
  auto stub = v1::CaseIntake::NewStub(channel);
  return RunClients(clients, warmup, measured, [&](int c, uint64_t i) {
    return CallCreateCase(*stub, BenchCreateCaseRequest(
                                     "benchyot", absl::StrCat("C", c, "-", i)));
  });
}

IntakeLoadResult DurableBatchCreateCases(const std::string& dir, int clients,
                                         int chunk, absl::Duration warmup,
                                         absl::Duration measured) {
  MeasuredIntake intake(
      absl::StrCat(dir, "/intake-batch-", clients, "-", ++run));
  IntakeLoadResult result;
  result.load = RunClients(clients, warmup, measured, [&](int c, uint64_t i) {
    v1::BatchCreateCasesRequest request;
    for (int k = 0; k < chunk; ++k) {
      *request.add_requests() = BenchCreateCaseRequest(
          "benchyot", absl::StrCat("B", c, "-", i, "-", k));
    }
    grpc::ClientContext context;
    context.set_deadline(std::chrono::system_clock::now() +
                         std::chrono::seconds(60));
    v1::BatchCreateCasesResponse response;
    auto writer = intake.stub().BatchCreateCases(&context, &response);
    if (!writer->Write(request)) return false;
    writer->WritesDone();
    return writer->Finish().ok() && response.created_count() == chunk;
  });
  result.load.ok *= static_cast<uint64_t>(chunk);
  result.load.total_ok *= static_cast<uint64_t>(chunk);
  result.wal_syncs = intake.WalSyncs();
  return result;
}

}  // namespace yjinspect::bench
