#include "bench/million_cases.h"

#include <atomic>
#include <chrono>
#include <memory>
#include <thread>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "bench/child_process.h"
#include "bench/serving_child.h"
#include "grpc/health/v1/health.grpc.pb.h"
#include "grpcpp/grpcpp.h"
#include "tests/testing/case_builder.h"
#include "tests/testing/sampled_caseload.h"
#include "yjinspect/v1/findings_service.grpc.pb.h"
#include "yjinspect/v1/intake_service.grpc.pb.h"

namespace yjinspect::bench {
namespace {

using Clock = std::chrono::steady_clock;

double Seconds(Clock::duration d) {
  return std::chrono::duration<double>(d).count();
}

std::unique_ptr<grpc::ClientContext> Context(int seconds) {
  auto context = std::make_unique<grpc::ClientContext>();
  context->set_deadline(std::chrono::system_clock::now() +
                        std::chrono::seconds(seconds));
  return context;
}

std::string Yot(int y) { return absl::StrFormat("yot%05d", y); }
std::string CaseId(int c) { return absl::StrFormat("E-%04d", c); }

void Check(const grpc::Status& status, const std::string& what) {
  if (!status.ok()) {
    fprintf(stderr, "%s: %s\n", what.c_str(), status.error_message().c_str());
    abort();
  }
}

// Runs `work(y)` for every YOT from `threads` threads.
void ForEachYot(int yots, int threads, const std::function<void(int)>& work) {
  std::atomic<int> next{0};
  std::vector<std::thread> pool;
  pool.reserve(static_cast<size_t>(threads));
  for (int t = 0; t < threads; ++t) {
    pool.emplace_back([&] {
      for (int y = next++; y < yots; y = next++) work(y);
    });
  }
  for (std::thread& t : pool) t.join();
}

}  // namespace

MillionCasesResult MillionCases(const MillionCasesOptions& options) {
  MillionCasesResult result;
  result.cases = options.cases;
  result.yots =
      (options.cases + options.cases_per_yot - 1) / options.cases_per_yot;
  const auto cases_of = [&](int y) {
    return std::min(options.cases_per_yot,
                    options.cases - y * options.cases_per_yot);
  };
  const std::string intake_address =
      absl::StrCat("127.0.0.1:", FreeLoopbackPort());
  const std::string findings_address =
      absl::StrCat("127.0.0.1:", FreeLoopbackPort());
  const std::vector<std::string> intake_argv = BenchIntakeArgv(
      options.intake_binary, intake_address, options.dir + "/intake");
  const std::vector<std::string> findings_argv = {
      options.findings_binary,
      "--listen=" + findings_address,
      "--data_dir=" + options.dir + "/findings",
      "--intake=" + intake_address,
      "--log_level=warn",
      "--insecure"};
  const std::string log = options.dir + "/services.log";

  constexpr char kIntake[] = "yjinspect.v1.CaseIntake";
  constexpr char kFindings[] = "yjinspect.v1.Findings";
  ServingChild intake = StartServing(intake_argv, log, intake_address, kIntake);
  auto stub = v1::CaseIntake::NewStub(intake.channel);

  // One stream per ten YOTs, one chunk (one durable write) per YOT.
  Clock::time_point start = Clock::now();
  constexpr int kYotsPerStream = 10;
  ForEachYot((result.yots + kYotsPerStream - 1) / kYotsPerStream,
             options.loaders, [&](int s) {
               auto context = Context(600);
               v1::BatchCreateCasesResponse response;
               auto writer = stub->BatchCreateCases(context.get(), &response);
               int sent = 0;
               for (int y = s * kYotsPerStream;
                    y < std::min(result.yots, (s + 1) * kYotsPerStream); ++y) {
                 v1::BatchCreateCasesRequest chunk;
                 for (int c = 0; c < cases_of(y); ++c) {
                   *chunk.add_requests() =
                       testing::EligibleCreateCaseRequest(Yot(y), CaseId(c));
                 }
                 sent += chunk.requests_size();
                 if (!writer->Write(chunk)) break;
               }
               writer->WritesDone();
               Check(writer->Finish(), "loading cases");
               if (response.created_count() != sent) {
                 fprintf(stderr, "loading: %lld of %d created\n",
                         static_cast<long long>(response.created_count()),
                         sent);
                 abort();
               }
             });
  result.load_seconds = Seconds(Clock::now() - start);
  result.intake_loaded_rss_kb = intake.process->StatusKb("VmRSS");

  start = Clock::now();
  ForEachYot(result.yots, 8, [&](int y) {
    v1::Inspection inspection;
    Check(stub->CreateInspection(
              Context(60).get(),
              testing::ValidCreateInspectionRequest(Yot(y) + "-2014", Yot(y)),
              &inspection),
          "creating an inspection");
    v1::DrawSampleRequest draw;
    draw.set_name(inspection.name());
    for (int c = 0; c < cases_of(y); ++c) {
      draw.add_named_cases(absl::StrCat("yots/", Yot(y), "/cases/", CaseId(c)));
    }
    Check(stub->DrawSample(Context(60).get(), draw, &inspection),
          "drawing a sample");
  });
  result.draw_seconds = Seconds(Clock::now() - start);

  // The findings service starts behind by every case and catches up.
  start = Clock::now();
  ServingChild findings =
      StartServing(findings_argv, log, findings_address, kFindings);
  auto findings_stub = v1::Findings::NewStub(findings.channel);
  while (true) {
    v1::FeedStatus status;
    Check(findings_stub->GetFeedStatus(Context(10).get(), {}, &status),
          "reading the feed status");
    if (status.intake_head() > 0 && status.cursor() >= status.intake_head() &&
        status.applied_since_start() >= static_cast<uint64_t>(result.cases)) {
      result.delivered = status.applied_since_start();
      break;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  result.delivery_seconds = Seconds(Clock::now() - start);

  result.intake_peak_kb = intake.process->StatusKb("VmHWM");
  result.intake_rss_kb = intake.process->StatusKb("VmRSS");
  result.findings_peak_kb = findings.process->StatusKb("VmHWM");
  result.findings_rss_kb = findings.process->StatusKb("VmRSS");
  findings.process->Terminate();
  intake.process->Terminate();

  // Restarts: exec to SERVING and one read of a stored record.
  start = Clock::now();
  intake = StartServing(intake_argv, log, intake_address, kIntake);
  stub = v1::CaseIntake::NewStub(intake.channel);
  v1::GetCaseRequest get_case;
  get_case.set_name(absl::StrCat("yots/", Yot(result.yots - 1), "/cases/",
                                 CaseId(cases_of(result.yots - 1) - 1)));
  v1::Case stored;
  Check(stub->GetCase(Context(10).get(), get_case, &stored),
        "reading a case after the restart");
  result.intake_restart_seconds = Seconds(Clock::now() - start);
  result.intake_restart_rss_kb = intake.process->StatusKb("VmRSS");

  start = Clock::now();
  findings = StartServing(findings_argv, log, findings_address, kFindings);
  findings_stub = v1::Findings::NewStub(findings.channel);
  // The progress of an inspection reads the inspection and its sampled
  // cases from the store.
  v1::GetInspectionProgressRequest get_progress;
  get_progress.set_inspection(
      absl::StrCat("inspections/", Yot(result.yots - 1), "-2014"));
  v1::InspectionProgress progress;
  Check(findings_stub->GetInspectionProgress(Context(10).get(), get_progress,
                                             &progress),
        "reading an inspection's progress after the restart");
  result.findings_restart_seconds = Seconds(Clock::now() - start);
  result.findings_restart_rss_kb = findings.process->StatusKb("VmRSS");
  findings.process->Terminate();
  intake.process->Terminate();
  return result;
}

}  // namespace yjinspect::bench
