#include "bench/stream_delivery.h"

#include <atomic>
#include <chrono>
#include <deque>
#include <memory>
#include <thread>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/synchronization/mutex.h"
#include "grpcpp/grpcpp.h"
#include "services/findings/findings_server.h"
#include "services/intake/intake_server.h"
#include "tests/testing/case_builder.h"
#include "tests/testing/loopback_options.h"
#include "tests/testing/sampled_caseload.h"
#include "tests/testing/unary_call.h"
#include "yjinspect/v1/intake_service.grpc.pb.h"

namespace yjinspect::bench {
namespace {

using Clock = std::chrono::steady_clock;

template <typename T>
T OrDie(absl::StatusOr<T> value, absl::string_view what) {
  if (!value.ok()) {
    fprintf(stderr, "%s: %s\n", std::string(what).c_str(),
            value.status().ToString().c_str());
    abort();
  }
  return std::move(*value);
}

std::string YotId(int round, int yot) {
  return absl::StrFormat("bench%c%04d", 'a' + round, yot);
}

// Loads the caseloads and creates the inspections of one round, not drawn.
void LoadRound(v1::CaseIntake::Stub& stub, int round, int yots,
               int cases_per_yot) {
  for (int y = 0; y < yots; ++y) {
    const std::string yot = YotId(round, y);
    v1::BatchCreateCasesRequest chunk;
    for (int c = 0; c < cases_per_yot; ++c) {
      *chunk.add_requests() =
          testing::EligibleCreateCaseRequest(yot, absl::StrFormat("E-%04d", c));
    }
    grpc::ClientContext context;
    v1::BatchCreateCasesResponse response;
    auto writer = stub.BatchCreateCases(&context, &response);
    writer->Write(chunk);
    writer->WritesDone();
    grpc::Status status = writer->Finish();
    if (!status.ok() || response.failed_count() != 0) {
      fprintf(stderr, "loading %s: %s\n", yot.c_str(),
              status.error_message().c_str());
      abort();
    }
    OrDie(testing::Call(stub, &v1::CaseIntake::Stub::CreateInspection,
                        testing::ValidCreateInspectionRequest(
                            absl::StrCat(yot, "-2014"), yot)),
          "creating an inspection");
  }
}

// A sample naming every case of the YOT (named samples take up to 500):
// the most feed entries one durable commit makes, so that drawing costs
// little next to delivering.
v1::DrawSampleRequest NamedSample(int round, int yot, int cases_per_yot) {
  v1::DrawSampleRequest draw;
  draw.set_name(absl::StrCat("inspections/", YotId(round, yot), "-2014"));
  for (int c = 0; c < cases_per_yot; ++c) {
    draw.add_named_cases(absl::StrCat("yots/", YotId(round, yot),
                                      absl::StrFormat("/cases/E-%04d", c)));
  }
  return draw;
}

struct Drawn {
  Clock::time_point acked;
  uint64_t head;
};

// Draws the samples of one round from `clients` threads; each draw is
// reported to `on_drawn` after its acknowledgement. Returns the cases drawn.
uint64_t DrawRound(v1::CaseIntake::Stub& stub, intake::IntakeServer& intake,
                   int round, int yots, int cases_per_yot, int clients,
                   const std::function<void(const Drawn&)>& on_drawn) {
  std::atomic<int> next{0};
  std::atomic<uint64_t> cases{0};
  std::vector<std::thread> threads;
  threads.reserve(static_cast<size_t>(clients));
  for (int t = 0; t < clients; ++t) {
    threads.emplace_back([&] {
      for (int y = next++; y < yots; y = next++) {
        const v1::DrawSampleRequest draw = NamedSample(round, y, cases_per_yot);
        v1::Inspection drawn =
            OrDie(testing::Call(stub, &v1::CaseIntake::Stub::DrawSample, draw),
                  "drawing a sample");
        Drawn d{Clock::now(), intake.store().HeadSequence()};
        cases += static_cast<uint64_t>(drawn.sample().cases_size());
        if (on_drawn) on_drawn(d);
      }
    });
  }
  for (std::thread& t : threads) t.join();
  return cases.load();
}

std::unique_ptr<findings::FindingsServer> StartFindings(
    const std::string& dir, const std::string& intake_address) {
  findings::FindingsServerOptions options =
      testing::LoopbackFindingsOptions(dir, intake_address);
  options.sync = true;
  return OrDie(findings::FindingsServer::Start(options), "starting findings");
}

double Seconds(Clock::duration d) {
  return std::chrono::duration<double>(d).count();
}

}  // namespace

StreamDeliveryResult StreamDelivery(const std::string& dir, int yots,
                                    int cases_per_yot, int clients) {
  intake::IntakeServerOptions intake_options =
      testing::LoopbackIntakeOptions(dir + "/stream-intake");
  intake_options.sync = true;
  auto intake = OrDie(intake::IntakeServer::Start(intake_options), "intake");
  auto channel = grpc::CreateChannel(intake->address(),
                                     grpc::InsecureChannelCredentials());
  auto stub = v1::CaseIntake::NewStub(channel);
  const std::string findings_dir = dir + "/stream-findings";
  auto findings = StartFindings(findings_dir, intake->address());

  StreamDeliveryResult result;
  result.case_bytes = testing::EligibleCreateCaseRequest(YotId(0, 0), "E-0000")
                          .case_()
                          .ByteSizeLong();

  // Live: the watcher waits for each acknowledged draw in turn.
  LoadRound(*stub, 0, yots, cases_per_yot);
  if (!findings->feed().WaitForCursor(intake->store().HeadSequence(),
                                      absl::Seconds(60))) {
    fprintf(stderr, "findings did not catch up with the inspections\n");
    abort();
  }
  absl::Mutex mu;
  absl::CondVar changed;
  std::deque<Drawn> pending;
  bool producing = true;
  std::thread watcher([&] {
    while (true) {
      Drawn next;
      {
        absl::MutexLock lock(&mu);
        while (pending.empty() && producing) changed.Wait(&mu);
        if (pending.empty()) return;
        next = pending.front();
        pending.pop_front();
      }
      findings->feed().WaitForCursor(next.head, absl::Seconds(120));
      result.latencies_us.push_back(
          std::chrono::duration<double, std::micro>(Clock::now() - next.acked)
              .count());
    }
  });
  const Clock::time_point live_start = Clock::now();
  result.live_cases = DrawRound(*stub, *intake, 0, yots, cases_per_yot, clients,
                                [&](const Drawn& d) {
                                  absl::MutexLock lock(&mu);
                                  pending.push_back(d);
                                  changed.Signal();
                                });
  {
    absl::MutexLock lock(&mu);
    producing = false;
    changed.Signal();
  }
  watcher.join();
  findings->feed().WaitForCursor(intake->store().HeadSequence(),
                                 absl::Seconds(120));
  result.live_seconds = Seconds(Clock::now() - live_start);

  // Catch-up after a restart of the findings service.
  findings->Shutdown(absl::Seconds(5));
  findings.reset();
  LoadRound(*stub, 1, yots, cases_per_yot);
  // With no subscriber, these draws time the producer on its own. Live
  // delivery follows draws like these, so it is bound by their rate.
  const Clock::time_point producing_start = Clock::now();
  result.catchup_cases =
      DrawRound(*stub, *intake, 1, yots, cases_per_yot, clients, nullptr);
  result.producer_seconds = Seconds(Clock::now() - producing_start);
  const uint64_t head = intake->store().HeadSequence();
  const Clock::time_point restart = Clock::now();
  findings = StartFindings(findings_dir, intake->address());
  if (!findings->feed().WaitForCursor(head, absl::Seconds(120))) {
    fprintf(stderr, "findings did not catch up after its restart\n");
    abort();
  }
  result.catchup_seconds = Seconds(Clock::now() - restart);
  findings->Shutdown(absl::Seconds(5));
  intake->Shutdown(absl::Seconds(5));
  return result;
}

}  // namespace yjinspect::bench
