// A run of examples/bolton-sqs-2014.run.textproto stopped before any one of
// its steps (RunTargets::before_step, as a kill would stop it) and started
// again ends exactly where an uninterrupted run ends: the same report byte
// for byte, the same verdicts, the same caseload and sample, and every
// case's findings recorded once. Each stop point runs in fresh services;
// one variant also restarts both services between the two runs.

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "cli/inspection_run.h"
#include "gmock/gmock.h"
#include "google/protobuf/util/message_differencer.h"
#include "gtest/gtest.h"
#include "tests/testing/findings_harness.h"
#include "tests/testing/intake_harness.h"
#include "tests/testing/unary_call.h"
#include "yjinspect/v1/findings_service.grpc.pb.h"
#include "yjinspect/v1/intake_service.grpc.pb.h"

#ifndef YJ_SOURCE_DIR
#error "YJ_SOURCE_DIR must name the source tree (set in tests/run_resume.cmake)"
#endif

namespace yjinspect {
namespace {

using ::google::protobuf::util::MessageDifferencer;
using testing::Call;

constexpr char kSpecPath[] =
    YJ_SOURCE_DIR "/examples/bolton-sqs-2014.run.textproto";

// The spec, read once; every test needs it, including parameter generation.
const config::v1::InspectionRunSpec& Spec() {
  static const auto* spec = [] {
    auto read = cli::ReadRunSpec(kSpecPath);
    if (!read.ok()) {
      ADD_FAILURE() << read.status();
      return new config::v1::InspectionRunSpec();
    }
    return new config::v1::InspectionRunSpec(*std::move(read));
  }();
  return *spec;
}

std::string InspectionName() {
  return absl::StrCat("inspections/", Spec().inspection_id());
}

// The number of steps inspection_run.h documents for a spec.
int DocumentedSteps(const config::v1::InspectionRunSpec& spec) {
  return 4 + spec.judgements_size() + spec.interviews_size() +
         (spec.has_report_inputs() ? 1 : 0) + spec.decisions_size() +
         spec.recommendations_size() + 2 +
         (spec.has_action_plan() ? 3 + spec.action_plan().actions_size() : 0);
}

// Both services in this process with their own stores.
struct Services {
  testing::IntakeHarness intake{/*sync=*/false};
  testing::FindingsHarness findings{intake.address(), /*sync=*/false};

  // Runs the spec with `hook` as RunTargets::before_step.
  absl::StatusOr<cli::RunOutcome> Run(cli::StepHook hook = nullptr) {
    cli::RunTargets targets;
    targets.intake = intake.address();
    targets.findings = findings.server().address();
    targets.sample_wait = absl::Seconds(30);
    targets.before_step = std::move(hook);
    return cli::RunInspection(Spec(), targets, [](const std::string&) {});
  }

  void RestartBoth() {
    intake.Restart();
    findings.Restart();
  }
};

// Everything a finished run leaves behind that the test compares.
struct FinalState {
  std::string markdown;
  std::string html;
  v1::InspectionVerdicts verdicts;
  // Every case of every YOT, without its timestamps.
  std::vector<v1::Case> cases;
  // Case findings by name, without update_time and etag.
  std::map<std::string, v1::CaseFindings> findings;
  // History length per case findings name.
  std::map<std::string, int> history;
  // The inspection's sample, without its draw time.
  v1::InspectionSample sample;
  v1::InspectionState state = v1::INSPECTION_STATE_UNSPECIFIED;
};

// Reads the final state of `services` after `outcome`; fails the test when
// a read fails.
FinalState Capture(Services& services, const cli::RunOutcome& outcome) {
  FinalState state;
  state.markdown = outcome.report.markdown();
  state.html = outcome.report.html();

  v1::GetVerdictsRequest verdicts;
  verdicts.set_inspection(InspectionName());
  auto got = Call(services.findings.stub(), &v1::Findings::Stub::GetVerdicts,
                  verdicts);
  EXPECT_TRUE(got.ok()) << got.status();
  if (got.ok()) state.verdicts = *got;

  v1::ListCasesRequest list;
  list.set_parent("yots/-");
  list.set_page_size(1000);
  auto cases =
      Call(services.intake.stub(), &v1::CaseIntake::Stub::ListCases, list);
  EXPECT_TRUE(cases.ok()) << cases.status();
  if (cases.ok()) {
    EXPECT_TRUE(cases->next_page_token().empty());
    for (v1::Case c : cases->cases()) {
      c.clear_create_time();
      c.clear_update_time();
      state.cases.push_back(std::move(c));
    }
  }

  v1::ListCaseFindingsRequest findings;
  findings.set_parent(InspectionName());
  findings.set_page_size(1000);
  auto recorded = Call(services.findings.stub(),
                       &v1::Findings::Stub::ListCaseFindings, findings);
  EXPECT_TRUE(recorded.ok()) << recorded.status();
  if (recorded.ok()) {
    EXPECT_TRUE(recorded->next_page_token().empty());
    for (v1::CaseFindings f : recorded->case_findings()) {
      v1::ListJudgementHistoryRequest history;
      history.set_name(f.name());
      history.set_page_size(1000);
      auto revisions = Call(services.findings.stub(),
                            &v1::Findings::Stub::ListJudgementHistory, history);
      EXPECT_TRUE(revisions.ok()) << f.name() << ": " << revisions.status();
      if (revisions.ok()) {
        state.history[f.name()] = revisions->revisions_size();
      }
      f.clear_update_time();
      f.clear_etag();
      EXPECT_EQ(state.findings.count(f.name()), 0u) << f.name();
      state.findings[f.name()] = std::move(f);
    }
  }

  state.sample = outcome.inspection.sample();
  state.sample.clear_draw_time();
  state.state = outcome.inspection.state();
  return state;
}

std::string Diff(const google::protobuf::Message& a,
                 const google::protobuf::Message& b) {
  MessageDifferencer differencer;
  std::string report;
  differencer.ReportDifferencesToString(&report);
  return differencer.Compare(a, b) ? "" : report;
}

// Expects `got` to be `want` in every respect the test keeps.
void ExpectSameState(const FinalState& want, const FinalState& got) {
  EXPECT_TRUE(got.markdown == want.markdown) << "the Markdown report differs";
  EXPECT_TRUE(got.html == want.html) << "the HTML report differs";
  EXPECT_EQ(Diff(want.verdicts, got.verdicts), "") << "verdicts";
  ASSERT_EQ(got.cases.size(), want.cases.size()) << "cases";
  for (size_t i = 0; i < want.cases.size(); ++i) {
    EXPECT_EQ(Diff(want.cases[i], got.cases[i]), "") << want.cases[i].name();
  }
  ASSERT_EQ(got.findings.size(), want.findings.size()) << "case findings";
  for (const auto& [name, findings] : want.findings) {
    auto it = got.findings.find(name);
    ASSERT_NE(it, got.findings.end()) << name;
    EXPECT_EQ(Diff(findings, it->second), "") << name;
    EXPECT_EQ(it->second.revision(), 1) << name;
  }
  EXPECT_EQ(got.history, want.history);
  for (const auto& [name, length] : got.history) {
    EXPECT_EQ(length, 1) << name;
  }
  EXPECT_EQ(Diff(want.sample, got.sample), "") << "sample";
  EXPECT_EQ(got.sample.revision(), 1);
  EXPECT_EQ(got.state, want.state);
}

// The uninterrupted run: its final state and the names of its steps.
struct Baseline {
  FinalState state;
  std::vector<std::string> steps;
};

class RunResumeTest : public ::testing::TestWithParam<int> {
 protected:
  static void SetUpTestSuite() {
    baseline_ = new Baseline();
    Services services;
    auto outcome = services.Run([](int step, absl::string_view name) {
      EXPECT_EQ(step, static_cast<int>(baseline_->steps.size()) + 1);
      baseline_->steps.emplace_back(name);
      return absl::OkStatus();
    });
    ASSERT_TRUE(outcome.ok()) << outcome.status();
    baseline_->state = Capture(services, *outcome);
    baseline_ok_ = true;
  }
  static void TearDownTestSuite() {
    delete baseline_;
    baseline_ = nullptr;
  }

  void SetUp() override { ASSERT_TRUE(baseline_ok_); }

  // In fresh services: stops a run before step `stop`, optionally restarts
  // both services, runs again to the end, and compares with the baseline.
  static void StopAndResume(int stop, bool restart) {
    const std::string name = stop <= static_cast<int>(baseline_->steps.size())
                                 ? baseline_->steps[stop - 1]
                                 : "(after the last step)";
    SCOPED_TRACE(absl::StrCat("stopped before step ", stop, ": ", name));
    Services services;
    const absl::Status kill =
        absl::CancelledError(absl::StrCat("killed before step ", stop));
    std::vector<std::string> first;
    auto stopped = services.Run([&](int step, absl::string_view at) {
      first.emplace_back(at);
      return step == stop ? kill : absl::OkStatus();
    });
    if (stop <= static_cast<int>(baseline_->steps.size())) {
      ASSERT_FALSE(stopped.ok());
      EXPECT_EQ(stopped.status(), kill);
      ASSERT_EQ(first.size(), static_cast<size_t>(stop));
      EXPECT_EQ(first.back(), name);
    } else {
      ASSERT_TRUE(stopped.ok()) << stopped.status();
    }
    if (restart) services.RestartBoth();
    std::vector<std::string> second;
    auto resumed = services.Run([&](int, absl::string_view at) {
      second.emplace_back(at);
      return absl::OkStatus();
    });
    ASSERT_TRUE(resumed.ok()) << resumed.status();
    EXPECT_EQ(second, baseline_->steps);
    ExpectSameState(baseline_->state, Capture(services, *resumed));
  }

  static Baseline* baseline_;
  static bool baseline_ok_;
};

Baseline* RunResumeTest::baseline_ = nullptr;
bool RunResumeTest::baseline_ok_ = false;

TEST_P(RunResumeTest, StoppedThenResumedEndsAsAnUninterruptedRun) {
  StopAndResume(GetParam(), /*restart=*/false);
}

TEST_F(RunResumeTest, StepsAreTheDocumentedOnes) {
  const config::v1::InspectionRunSpec& spec = Spec();
  const std::vector<std::string>& steps = baseline_->steps;
  ASSERT_EQ(static_cast<int>(steps.size()), DocumentedSteps(spec))
      << absl::StrJoin(steps, "\n");
  std::vector<std::string> want = {"create inspection", "import caseload",
                                   "draw sample", "await sample"};
  for (const auto& j : spec.judgements()) {
    want.push_back(absl::StrCat("record judgements ", j.case_()));
  }
  for (const auto& i : spec.interviews()) {
    want.push_back(absl::StrCat("record interview ", i.interview_id()));
  }
  if (spec.has_report_inputs()) want.push_back("set report inputs");
  for (int d = 1; d <= spec.decisions_size(); ++d) {
    want.push_back(absl::StrCat("record decision ", d));
  }
  for (const auto& r : spec.recommendations()) {
    want.push_back(
        absl::StrCat("record recommendation ", r.recommendation_id()));
  }
  want.push_back("render report");
  if (spec.has_action_plan()) {
    want.push_back("publish report");
    want.push_back("await publication");
    for (const auto& a : spec.action_plan().actions()) {
      want.push_back(absl::StrCat("record action ", a.recommendation(), "/",
                                  a.action_id()));
    }
    want.push_back("render board summary");
  }
  want.push_back("read inspection");
  EXPECT_EQ(steps, want);
}

TEST_F(RunResumeTest, BaselineRecordsEveryCaseOnce) {
  const FinalState& state = baseline_->state;
  EXPECT_EQ(state.cases.size(), static_cast<size_t>(Spec().cases_size()));
  EXPECT_EQ(state.findings.size(),
            static_cast<size_t>(Spec().judgements_size()));
  EXPECT_EQ(state.sample.revision(), 1);
  EXPECT_EQ(state.sample.sample_size(), Spec().named_cases_size());
  EXPECT_FALSE(state.markdown.empty());
  EXPECT_FALSE(state.html.empty());
}

// Restarting both services between the stopped run and the resumed one:
// before the findings service has the sample, halfway through the
// judgements, among the interviews and before rendering.
TEST_F(RunResumeTest, ResumesAfterBothServicesRestart) {
  const std::vector<std::string>& steps = baseline_->steps;
  for (int stop = 1; stop <= static_cast<int>(steps.size()); ++stop) {
    const std::string& name = steps[stop - 1];
    if (name == "await sample" ||
        name == absl::StrCat(
                    "record judgements ",
                    Spec().judgements(Spec().judgements_size() / 2).case_()) ||
        name == absl::StrCat("record interview ",
                             Spec().interviews(1).interview_id()) ||
        name == "render report") {
      StopAndResume(stop, /*restart=*/true);
    }
  }
}

// Every step, and once more after the last (a finished run run again).
INSTANTIATE_TEST_SUITE_P(EveryStep, RunResumeTest,
                         ::testing::Range(1, DocumentedSteps(Spec()) + 2),
                         [](const ::testing::TestParamInfo<int>& p) {
                           return absl::StrCat("StopBeforeStep", p.param);
                         });

}  // namespace
}  // namespace yjinspect
