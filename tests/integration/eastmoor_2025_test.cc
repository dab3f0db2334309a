// The fictional Eastmoor inspection under hmip-youth-2025 from intake to a
// rated result: examples/eastmoor-2025/run.textproto through both services
// over real gRPC, as `yjinspect run` does. Children's cases and victims'
// cases are imported from their exchange files, every pool is drawn from
// its own frame with the spec's seed (the same sample again on fresh
// services), each record is judged in its pool's sections, and the
// standards, the overall rating and the report state what the judgements
// give; the report is published, the service's action plan recorded and
// the board summary rendered, overdue actions first; a second run changes
// nothing.

#include <map>
#include <string>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "cli/inspection_run.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/testing/findings_harness.h"
#include "tests/testing/intake_harness.h"
#include "tests/testing/recorded_run.h"
#include "tests/testing/unary_call.h"
#include "yjinspect/v1/findings_service.grpc.pb.h"
#include "yjinspect/v1/intake_service.grpc.pb.h"

#ifndef YJ_SOURCE_DIR
#error "YJ_SOURCE_DIR must name the source tree (set in tests/bolton.cmake)"
#endif

namespace yjinspect {
namespace {

using testing::Call;
using ::testing::HasSubstr;

constexpr char kSpecPath[] =
    YJ_SOURCE_DIR "/examples/eastmoor-2025/run.textproto";
constexpr char kInspection[] = "inspections/eastmoor-2026-03";

struct EastmoorRun : testing::InProcessRun {
  absl::StatusOr<v1::InspectionVerdicts> Verdicts() {
    v1::GetVerdictsRequest request;
    request.set_inspection(kInspection);
    return Call(findings.stub(), &v1::Findings::Stub::GetVerdicts, request);
  }
};

// pool id -> "sample_size of frame_size" and its cases.
std::map<std::string, std::string> PoolSizes(const v1::Inspection& i) {
  std::map<std::string, std::string> sizes;
  for (const v1::PoolSample& pool : i.sample().pools()) {
    sizes[pool.pool_id()] =
        absl::StrCat(pool.sample_size(), " of ", pool.frame_size());
  }
  return sizes;
}

class Eastmoor2025Test : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    run_ = new EastmoorRun();
    run_->Read(kSpecPath);
    run_->outcome = run_->Run();
  }
  static void TearDownTestSuite() {
    delete run_;
    run_ = nullptr;
  }
  void SetUp() override { ASSERT_TRUE(run_->Succeeded()); }

  static const v1::Inspection& inspection() {
    return run_->outcome->inspection;
  }
  static const std::string& markdown() {
    return run_->outcome->report.markdown();
  }

  static EastmoorRun* run_;
};

EastmoorRun* Eastmoor2025Test::run_ = nullptr;

TEST_F(Eastmoor2025Test, EveryPoolIsDrawnFromItsOwnFrame) {
  EXPECT_EQ(inspection().sample().seed(), 2026);
  EXPECT_THAT(PoolSizes(inspection()),
              ::testing::ElementsAre(
                  ::testing::Pair("court-disposals", "15 of 16"),
                  ::testing::Pair("out-of-court-disposals", "10 of 10"),
                  ::testing::Pair("resettlement", "3 of 3"),
                  ::testing::Pair("victims", "13 of 14")));
  for (const v1::PoolSample& pool : inspection().sample().pools()) {
    const bool victims = pool.pool_id() == "victims";
    for (const std::string& name : pool.cases()) {
      EXPECT_EQ(absl::StrContains(name, "/victimCases/"), victims) << name;
    }
  }
  EXPECT_EQ(inspection().sample().cases_size(), 41);
}

// The same spec on fresh services draws the same records into each pool.
TEST_F(Eastmoor2025Test, TheSeedDrawsTheSameSampleAgain) {
  EastmoorRun fresh;
  fresh.Read(kSpecPath);
  fresh.outcome = fresh.Run();
  ASSERT_TRUE(fresh.Succeeded());
  const v1::InspectionSample& first = inspection().sample();
  const v1::InspectionSample& second = fresh.outcome->inspection.sample();
  ASSERT_EQ(first.pools_size(), second.pools_size());
  for (int i = 0; i < first.pools_size(); ++i) {
    EXPECT_THAT(second.pools(i).cases(),
                ::testing::ElementsAreArray(first.pools(i).cases()))
        << first.pools(i).pool_id();
  }
  EXPECT_EQ(fresh.outcome->report.markdown(), markdown());
}

TEST_F(Eastmoor2025Test, TheStandardsAndTheOverallRatingAreTheJudgements) {
  auto verdicts = run_->Verdicts();
  ASSERT_TRUE(verdicts.ok()) << verdicts.status();
  std::map<std::string, std::string> ratings;
  for (const v1::SectionVerdict& section : verdicts->sections()) {
    ratings[section.section_id()] = section.final_rating();
  }
  EXPECT_THAT(ratings, ::testing::ElementsAre(
                           ::testing::Pair("1.1", "Good"),
                           ::testing::Pair("1.2", "Requires improvement"),
                           ::testing::Pair("1.3", "Good"),
                           ::testing::Pair("2.1", "Good"),
                           ::testing::Pair("2.2", "Requires improvement"),
                           ::testing::Pair("2.3", "Good"),
                           ::testing::Pair("v1", "Requires improvement")));
  EXPECT_EQ(verdicts->overall().final_rating(), "Good");
  EXPECT_EQ(verdicts->overall().score(), 11);
  EXPECT_EQ(verdicts->overall().max_score(), 21);
  for (const v1::CriterionCount& count : verdicts->criteria()) {
    if (count.criterion_id() == "v1.1") {
      EXPECT_EQ(count.positive(), 7);
      EXPECT_EQ(count.negative(), 6);
    } else if (count.section_id() != "v1") {
      // Only the 28 children's cases answer the children's criteria.
      EXPECT_EQ(count.positive() + count.negative() + count.not_applicable(),
                28)
          << count.criterion_id();
    }
  }
}

TEST_F(Eastmoor2025Test, TheReportStatesWhatWasExaminedAndRated) {
  for (const char* text : {
           "We examined 28 cases of children and young people supervised by "
           "Eastmoor Youth Justice Service.",
           "Each case was judged against three key questions: positive "
           "change, safety of child, and safety of community.",
           "We also examined 13 victims' cases, sampled on their own",
           "| Overall rating | **Good** (score 11 of 21) |",
           "| **Work with victims** |  |\n| Work with victims | **Requires "
           "improvement** |",
           "- V1.1: 53% (7 of 13 victims' cases), the lowest",
           "- Safety of child: 60% (17 of 28 cases), the lowest",
       }) {
    EXPECT_THAT(markdown(), HasSubstr(text));
  }
  EXPECT_THAT(markdown(), ::testing::Not(HasSubstr("desistance")));
}

// Each standard gives its rating, then the lead inspector's key strengths
// and areas for improvement of its own criteria, then what was counted.
TEST_F(Eastmoor2025Test, TheReportGivesStrengthsAndAreasStandardByStandard) {
  const std::string& md = markdown();
  const size_t planning = md.find("### 2.2 Planning");
  const size_t delivery = md.find("### 2.3 Delivery");
  const size_t victims = md.find("\n## Work with victims");
  ASSERT_NE(planning, std::string::npos);
  ASSERT_NE(delivery, std::string::npos);
  ASSERT_NE(victims, std::string::npos);
  const size_t strength = md.find(
      "#### Strengths\n\n- Assessing sufficiently analysed how to achieve "
      "positive change with the child.");
  EXPECT_LT(strength, planning);
  const size_t improvement = md.find(
      "#### Areas for improvement\n\n- Planning did not sufficiently set out "
      "how to achieve safety for the child.");
  EXPECT_GT(improvement, planning);
  EXPECT_LT(improvement, delivery);
  EXPECT_GT(md.find("### Areas for improvement\n\n- Work with the victim was "
                    "not sufficiently high-quality"),
            victims);
  // 2.3 has none of either.
  EXPECT_EQ(md.substr(delivery, victims - delivery).find("Strengths"),
            std::string::npos);
}

// The spec's recommendations, numbered in the order recorded, follow the
// ratings; a rerun (RunningAgainChangesNothing) leaves each at revision 1.
TEST_F(Eastmoor2025Test, TheReportListsTheRecommendations) {
  EXPECT_THAT(markdown(), HasSubstr("\n## Recommendations\n"));
  EXPECT_THAT(markdown(),
              HasSubstr("- 1\\. **The management board:** Fill the two case "
                        "manager vacancies"));
  EXPECT_THAT(markdown(),
              HasSubstr("- 2\\. **Eastmoor Youth Justice Service:** "
                        "Keep victims who ask for updates"));
  EXPECT_THAT(markdown(), HasSubstr("(standard v1)"));
}

// The run publishes the report, records the action plan and renders the
// board summary as of the spec's day (1 September 2026): the recruitment,
// due 31 August and in progress, is the one overdue action, listed first.
TEST_F(Eastmoor2025Test, TheBoardSummaryPutsTheOverdueActionFirst) {
  EXPECT_EQ(inspection().state(), v1::INSPECTION_STATE_REPORT_PUBLISHED);
  ASSERT_TRUE(run_->outcome->board_summary.has_value());
  const v1::BoardSummary& summary = *run_->outcome->board_summary;
  EXPECT_EQ(summary.actions(), 4);
  EXPECT_EQ(summary.overdue_actions(), 1);
  EXPECT_EQ(summary.previous_inspection(), "");
  const std::string& md = summary.markdown();
  EXPECT_THAT(md, HasSubstr("# Action plan for the management board: "
                            "Eastmoor Youth Justice Service"));
  EXPECT_THAT(md,
              HasSubstr("report published 20th May 2026. The action plan "
                        "holds 4 actions, recorded against 2 of the report's 2 "
                        "recommendations. As of 1st September 2026, 1 is "
                        "overdue"));
  EXPECT_THAT(md, HasSubstr("| 1 | Recruit to the two case manager "
                            "vacancies. | Head of Service | 31st August 2026 "
                            "| In progress (overdue) |"));
  const size_t board = md.find("### Recommendation 1");
  ASSERT_NE(board, std::string::npos);
  EXPECT_LT(md.find("Recruit to the two", board),
            md.find("Give every case manager", board));
  EXPECT_THAT(md, HasSubstr("Dropped: The police's victim safety plans"));
  EXPECT_THAT(md, HasSubstr("No previous inspection of this service with "
                            "a published report is stored here"));
  EXPECT_THAT(md, HasSubstr("| 1.2 "));
  EXPECT_THAT(summary.html(), HasSubstr("<h1>Action plan for the management "
                                        "board: Eastmoor Youth Justice "
                                        "Service</h1>"));
}

// Victims' references reach the services only as keyed pseudonyms.
TEST_F(Eastmoor2025Test, VictimsReferencesArePseudonymised) {
  v1::GetVictimCaseRequest get;
  get.set_name("yots/eastmoor/victimCases/EMV-0001");
  auto victim =
      Call(run_->intake.stub(), &v1::CaseIntake::Stub::GetVictimCase, get);
  ASSERT_TRUE(victim.ok()) << victim.status();
  EXPECT_NE(victim->victim_reference(), "EV-0071");
  EXPECT_FALSE(victim->victim_reference().empty());
}

TEST_F(Eastmoor2025Test, RunningAgainChangesNothing) {
  auto again = run_->Run();
  ASSERT_TRUE(again.ok()) << again.status();
  EXPECT_EQ(again->report.markdown(), markdown());
  EXPECT_EQ(again->inspection.sample().revision(), 1);
  v1::ListRecommendationsRequest recommendations;
  recommendations.set_parent(kInspection);
  auto listed = Call(run_->findings.stub(),
                     &v1::Findings::Stub::ListRecommendations, recommendations);
  ASSERT_TRUE(listed.ok()) << listed.status();
  ASSERT_EQ(listed->recommendations_size(), 2);
  for (const auto& r : listed->recommendations()) {
    EXPECT_EQ(r.revision(), 1) << r.name();
  }
  ASSERT_TRUE(again->board_summary.has_value());
  EXPECT_EQ(again->board_summary->markdown(),
            run_->outcome->board_summary->markdown());
  v1::ListActionsRequest actions;
  actions.set_parent(absl::StrCat(kInspection, "/recommendations/-"));
  auto plan =
      Call(run_->findings.stub(), &v1::Findings::Stub::ListActions, actions);
  ASSERT_TRUE(plan.ok()) << plan.status();
  ASSERT_EQ(plan->actions_size(), 4);
  for (const auto& a : plan->actions()) {
    EXPECT_EQ(a.revision(), 1) << a.name();
  }
  v1::ListCaseFindingsRequest list;
  list.set_parent(kInspection);
  list.set_page_size(1000);
  auto recorded =
      Call(run_->findings.stub(), &v1::Findings::Stub::ListCaseFindings, list);
  ASSERT_TRUE(recorded.ok()) << recorded.status();
  EXPECT_EQ(recorded->case_findings_size(), 41);
  int victims = 0;
  for (const v1::CaseFindings& f : recorded->case_findings()) {
    EXPECT_EQ(f.revision(), 1) << f.name();
    victims += absl::StrContains(f.name(), "/victimCaseFindings/");
  }
  EXPECT_EQ(victims, 13);
}

}  // namespace
}  // namespace yjinspect
