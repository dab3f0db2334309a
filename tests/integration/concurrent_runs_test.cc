// Several orchestrated runs at once, for different YOTs, against the same two
// services: each ends as it would alone, and none disturbs another.

#include <fstream>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"
#include "cli/inspection_run.h"
#include "google/protobuf/util/message_differencer.h"
#include "gtest/gtest.h"
#include "tests/testing/findings_harness.h"
#include "tests/testing/intake_harness.h"
#include "tests/testing/temp_dir.h"

#ifndef YJ_SOURCE_DIR
#error "YJ_SOURCE_DIR must name the source tree"
#endif

namespace yjinspect {
namespace {

constexpr int kRuns = 3;

// The Bolton spec moved to another (fictional) YOT and inspection id.
std::string SpecFor(int run, const testing::TempDir& dir) {
  std::ifstream in(YJ_SOURCE_DIR "/examples/bolton-sqs-2014.run.textproto");
  std::stringstream text;
  text << in.rdbuf();
  const std::string yot = absl::StrCat("yot-", run);
  std::string moved = absl::StrReplaceAll(
      text.str(),
      {{"\"yots/bolton\"", absl::StrCat("\"yots/", yot, "\"")},
       {"yots/bolton/cases/", absl::StrCat("yots/", yot, "/cases/")},
       {"\"bolton-2014-12\"", absl::StrCat("\"run-", run, "\"")}});
  std::string path = dir.Sub(absl::StrCat("run-", run, ".textproto"));
  std::ofstream(path) << moved;
  return path;
}

TEST(ConcurrentRunsTest, RunsForDifferentYotsGoAtOnceAndEachEndsAsAlone) {
  testing::IntakeHarness intake(/*sync=*/false);
  testing::FindingsHarness findings(intake.address(), /*sync=*/false);
  testing::TempDir dir;
  std::vector<absl::StatusOr<cli::RunOutcome>> outcomes(
      kRuns, absl::UnknownError("not run"));
  std::vector<std::thread> threads;
  for (int r = 0; r < kRuns; ++r) {
    threads.emplace_back([&, r] {
      auto spec = cli::ReadRunSpec(SpecFor(r, dir));
      if (!spec.ok()) {
        outcomes[r] = spec.status();
        return;
      }
      outcomes[r] = cli::RunInspection(
          *spec, {intake.address(), findings.server().address()},
          [](const std::string&) {});
    });
  }
  for (auto& t : threads) t.join();
  for (int r = 0; r < kRuns; ++r) {
    ASSERT_TRUE(outcomes[r].ok())
        << "run " << r << ": " << outcomes[r].status();
    EXPECT_EQ(outcomes[r]->inspection.name(),
              absl::StrCat("inspections/run-", r));
    EXPECT_EQ(outcomes[r]->inspection.sample().sample_size(), 20);
    // The same answers for the same cases give the same report: no run saw
    // another's cases or judgements.
    EXPECT_EQ(outcomes[r]->report.markdown(), outcomes[0]->report.markdown());
    EXPECT_TRUE(google::protobuf::util::MessageDifferencer::Equals(
        outcomes[r]->report.verdicts(), outcomes[0]->report.verdicts()));
  }
  v1::ListCasesRequest list;
  list.set_parent("yots/-");
  list.set_page_size(1000);
  v1::ListCasesResponse all;
  ASSERT_TRUE(
      intake.stub()
          .ListCases(testing::IntakeHarness::Context().get(), list, &all)
          .ok());
  EXPECT_EQ(all.cases_size(), 20 * kRuns);
}

}  // namespace
}  // namespace yjinspect
