// Backpressure of intake's StreamSampledCases: a subscriber that reads
// nothing costs the server one change in flight, not the whole backlog.

#include <malloc.h>
#include <unistd.h>

#include <algorithm>
#include <cstdint>
#include <fstream>
#include <iostream>
#include <string>
#include <thread>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/clock.h"
#include "grpcpp/grpcpp.h"
#include "gtest/gtest.h"
#include "tests/testing/intake_harness.h"
#include "tests/testing/sampled_caseload.h"
#include "tests/testing/unary_call.h"

namespace yjinspect {
namespace {

using testing::Call;
using testing::IntakeHarness;
using testing::SampledCaseload;

// Resident memory of this process (servers and clients alike).
int64_t ResidentBytes() {
  std::ifstream statm("/proc/self/statm");
  int64_t size_pages = 0;
  int64_t resident_pages = 0;
  statm >> size_pages >> resident_pages;
  return resident_pages * sysconf(_SC_PAGESIZE);
}

// A subscriber that reads nothing holds the server to one change in flight:
// memory does not grow with what it has not read.
TEST(StreamBackpressureTest, ASlowConsumerDoesNotGrowServerMemory) {
  IntakeHarness intake(/*sync=*/false);
  auto loaded = testing::LoadSampledCaseload(intake.stub());
  ASSERT_TRUE(loaded.ok()) << loaded.status();
  const SampledCaseload caseload = *loaded;
  auto head = [&intake] { return intake.server().store().HeadSequence(); };

  constexpr int kUpdates = 4000;
  constexpr int kWriters = 4;
  absl::Mutex mu;
  int failures = 0;
  std::vector<std::thread> writers;
  for (int w = 0; w < kWriters; ++w) {
    writers.emplace_back([&, w] {
      auto stub = v1::CaseIntake::NewStub(intake.channel());
      std::vector<v1::Case> cases;
      for (size_t i = static_cast<size_t>(w); i < caseload.sampled.size();
           i += kWriters) {
        v1::GetCaseRequest get;
        get.set_name(caseload.sampled[i]);
        auto c = Call(*stub, &v1::CaseIntake::Stub::GetCase, get);
        if (c.ok()) cases.push_back(*c);
      }
      if (cases.empty()) {
        absl::MutexLock lock(&mu);
        ++failures;
        return;
      }
      for (int i = w; i < kUpdates; i += kWriters) {
        v1::UpdateCaseRequest update;
        *update.mutable_case_() = cases[static_cast<size_t>(i) % cases.size()];
        testing::SetLongOffences(*update.mutable_case_(), 20, 200,
                                 absl::StrCat("update ", i));
        if (!Call(*stub, &v1::CaseIntake::Stub::UpdateCase, update).ok()) {
          absl::MutexLock lock(&mu);
          ++failures;
        }
      }
    });
  }
  for (auto& writer : writers) writer.join();
  ASSERT_EQ(failures, 0);

  // What a subscriber from the start has to receive, read a page at a time.
  size_t entries = 0;
  int64_t payload = 0;
  for (uint64_t after = 0;;) {
    auto page = intake.server().store().ReadFeed(after, 256);
    ASSERT_TRUE(page.ok()) << page.status();
    if (page->empty()) break;
    for (const auto& change : *page) {
      payload += static_cast<int64_t>(change.ByteSizeLong());
    }
    entries += page->size();
    after = page->back().sequence();
  }
  ASSERT_GE(entries, static_cast<size_t>(kUpdates));
  ASSERT_GT(payload, int64_t{15} << 20);

  // BDP probing off: the client's receive window stays small, so what the
  // process holds is the server's doing, not the client's buffer.
  grpc::ChannelArguments args;
  args.SetInt(GRPC_ARG_HTTP2_BDP_PROBE, 0);
  auto channel = grpc::CreateCustomChannel(
      intake.address(), grpc::InsecureChannelCredentials(), args);
  auto stub = v1::CaseIntake::NewStub(channel);
  grpc::ClientContext context;
  context.set_deadline(absl::ToChronoTime(absl::Now() + absl::Seconds(60)));
  v1::StreamSampledCasesRequest request;
  auto stream = stub->StreamSampledCases(&context, request);

  malloc_trim(0);
  const int64_t before = ResidentBytes();
  int64_t peak = before;
  const absl::Time until = absl::Now() + absl::Milliseconds(1500);
  while (absl::Now() < until) {  // reading nothing, on purpose
    absl::SleepFor(absl::Milliseconds(100));
    malloc_trim(0);
    peak = std::max(peak, ResidentBytes());
  }
  const int64_t growth = peak - before;
  std::cout << "[ memory   ] unread payload " << (payload >> 10) << " KiB in "
            << entries << " changes; resident growth " << (growth >> 10)
            << " KiB\n";
  EXPECT_LT(growth, payload / 3);

  size_t read = 0;
  v1::StreamSampledCasesResponse response;
  uint64_t last = 0;
  while (last < head() && stream->Read(&response)) {
    EXPECT_GT(response.change().sequence(), last);
    last = response.change().sequence();
    if (response.change().kind_case() != v1::Change::KIND_NOT_SET) ++read;
  }
  EXPECT_EQ(read, entries);
  EXPECT_EQ(last, head());
  context.TryCancel();
  EXPECT_EQ(stream->Finish().error_code(), grpc::StatusCode::CANCELLED);
}

}  // namespace
}  // namespace yjinspect
