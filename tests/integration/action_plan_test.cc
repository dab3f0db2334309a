// The service's action plan over real gRPC, on the fictional Eastmoor 2025
// inspection (examples/eastmoor-2025/run.textproto) run through both
// services without its own action plan, so each test starts unpublished
// and with no action. Refused before publication, recorded after it with
// its history, refused for another inspection's recommendation, refused
// with field violations when malformed (nothing stored); the board summary
// lists overdue actions first and shows a previous inspection's ratings
// when one is stored.

#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "cli/action_plan_run.h"
#include "common/error_details.h"
#include "common/error_reasons.h"
#include "common/field_violations.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/testing/findings_harness.h"
#include "tests/testing/intake_harness.h"
#include "tests/testing/name_of_row.h"
#include "tests/testing/recorded_run.h"
#include "tests/testing/status_matchers.h"
#include "tests/testing/unary_call.h"

namespace yjinspect {
namespace {

using testing::Call;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::yjinspect::testing::HasReason;

constexpr char kSpecPath[] =
    YJ_SOURCE_DIR "/examples/eastmoor-2025/run.textproto";
constexpr char kInspection[] = "inspections/eastmoor-2026-03";
constexpr char kBoard[] =
    "inspections/eastmoor-2026-03/recommendations/board-1";

google::type::Date Day(int year, int month, int day) {
  google::type::Date date;
  date.set_year(year);
  date.set_month(month);
  date.set_day(day);
  return date;
}

// An action answering board-1, due `due` (the report was published on
// 20 May 2026).
v1::RecordActionRequest Request(const std::string& id, google::type::Date due,
                                v1::ActionStatus status,
                                const std::string& etag = "") {
  v1::RecordActionRequest request;
  request.set_inspection(kInspection);
  request.set_recommendation(kBoard);
  request.set_action_id(id);
  request.set_etag(etag);
  v1::Action& a = *request.mutable_action();
  a.set_owner_role("Head of Service");
  a.set_description(absl::StrCat("Action ", id, "."));
  *a.mutable_due_date() = due;
  a.set_status(status);
  return request;
}

class ActionPlanTest : public ::testing::Test {
 protected:
  void SetUp() override {
    run_.Read(kSpecPath);
    ASSERT_TRUE(run_.spec.ok()) << run_.spec.status();
    run_.spec->clear_action_plan();
    run_.outcome = run_.RunAgainst(intake_, findings_);
    ASSERT_TRUE(run_.Succeeded());
  }

  void Publish() {
    ASSERT_TRUE(
        cli::PublishReport(intake_.stub(), findings_.stub(), kInspection).ok());
    ASSERT_TRUE(
        cli::AwaitPublication(findings_.stub(), kInspection, absl::Seconds(30))
            .ok());
  }

  absl::StatusOr<v1::Action> Record(const v1::RecordActionRequest& request) {
    return Call(findings_.stub(), &v1::Findings::Stub::RecordAction, request);
  }

  int Listed() {
    v1::ListActionsRequest request;
    request.set_parent(absl::StrCat(kInspection, "/recommendations/-"));
    auto listed =
        Call(findings_.stub(), &v1::Findings::Stub::ListActions, request);
    EXPECT_TRUE(listed.ok()) << listed.status();
    return listed.ok() ? listed->actions_size() : -1;
  }

  absl::StatusOr<v1::BoardSummary> Summary(google::type::Date as_of) {
    v1::RenderBoardSummaryRequest request;
    request.set_inspection(kInspection);
    *request.mutable_as_of() = as_of;
    return Call(findings_.stub(), &v1::Findings::Stub::RenderBoardSummary,
                request);
  }

  testing::IntakeHarness intake_{/*sync=*/false};
  testing::FindingsHarness findings_{intake_.address(), /*sync=*/false};
  testing::RecordedRun run_;
};

TEST_F(ActionPlanTest, RefusedBeforePublication) {
  auto refused =
      Record(Request("recruit", Day(2026, 8, 31), v1::ACTION_STATUS_PLANNED));
  EXPECT_EQ(refused.status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_THAT(refused.status(), HasReason(common::kWrongState));
  EXPECT_THAT(common::PreconditionViolationsOf(refused.status()),
              ::testing::SizeIs(1));
  EXPECT_EQ(Summary(Day(2026, 9, 1)).status().code(),
            absl::StatusCode::kFailedPrecondition);
  EXPECT_EQ(Listed(), 0);
}

TEST_F(ActionPlanTest, RecordedAfterPublicationWithItsHistory) {
  ASSERT_NO_FATAL_FAILURE(Publish());
  auto planned =
      Record(Request("recruit", Day(2026, 8, 31), v1::ACTION_STATUS_PLANNED));
  ASSERT_TRUE(planned.ok()) << planned.status();
  EXPECT_EQ(planned->name(), absl::StrCat(kBoard, "/actions/recruit"));
  EXPECT_EQ(planned->revision(), 1);
  // The same again changes nothing; a change needs the etag.
  auto again =
      Record(Request("recruit", Day(2026, 8, 31), v1::ACTION_STATUS_PLANNED));
  ASSERT_TRUE(again.ok()) << again.status();
  EXPECT_EQ(again->revision(), 1);
  EXPECT_EQ(Record(Request("recruit", Day(2026, 8, 31),
                           v1::ACTION_STATUS_IN_PROGRESS))
                .status()
                .code(),
            absl::StatusCode::kAborted);
  auto started =
      Record(Request("recruit", Day(2026, 8, 31), v1::ACTION_STATUS_IN_PROGRESS,
                     planned->etag()));
  ASSERT_TRUE(started.ok()) << started.status();
  EXPECT_EQ(started->revision(), 2);

  v1::ListActionHistoryRequest history;
  history.set_name(started->name());
  auto kept =
      Call(findings_.stub(), &v1::Findings::Stub::ListActionHistory, history);
  ASSERT_TRUE(kept.ok()) << kept.status();
  ASSERT_EQ(kept->revisions_size(), 2);
  EXPECT_EQ(kept->revisions(0).action().status(), v1::ACTION_STATUS_PLANNED);
  EXPECT_EQ(kept->revisions(1).action().status(),
            v1::ACTION_STATUS_IN_PROGRESS);
}

TEST_F(ActionPlanTest, RefusedForARecommendationOfAnotherInspection) {
  ASSERT_NO_FATAL_FAILURE(Publish());
  v1::RecordActionRequest request =
      Request("recruit", Day(2026, 8, 31), v1::ACTION_STATUS_PLANNED);
  request.set_recommendation(
      "inspections/bolton-2014-12/recommendations/board-1");
  auto refused = Record(request);
  EXPECT_EQ(refused.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(testing::ViolatedFields(refused.status()),
              ElementsAre("recommendation"));
  request.set_recommendation(
      absl::StrCat(kInspection, "/recommendations/nobody"));
  EXPECT_EQ(Record(request).status().code(), absl::StatusCode::kNotFound);
  EXPECT_EQ(Listed(), 0);
}

// One bad action per row, the field it must name; nothing is stored.
struct BadAction {
  std::string name;
  void (*spoil)(v1::RecordActionRequest&);
  const char* field;
};

class BadActionTest : public ActionPlanTest,
                      public ::testing::WithParamInterface<BadAction> {};

TEST_P(BadActionTest, InvalidWithItsFieldAndNothingStored) {
  ASSERT_NO_FATAL_FAILURE(Publish());
  v1::RecordActionRequest request =
      Request("recruit", Day(2026, 8, 31), v1::ACTION_STATUS_PLANNED);
  GetParam().spoil(request);
  auto refused = Record(request);
  EXPECT_EQ(refused.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(testing::ViolatedFields(refused.status()),
              ElementsAre(GetParam().field));
  v1::GetActionRequest get;
  get.set_name(absl::StrCat(kBoard, "/actions/recruit"));
  EXPECT_EQ(Call(findings_.stub(), &v1::Findings::Stub::GetAction, get)
                .status()
                .code(),
            absl::StatusCode::kNotFound);
}

INSTANTIATE_TEST_SUITE_P(
    EveryClass, BadActionTest,
    ::testing::Values(
        BadAction{"NoOwner",
                  [](auto& r) { r.mutable_action()->clear_owner_role(); },
                  "action.owner_role"},
        BadAction{"DueBeforePublication",
                  [](auto& r) {
                    *r.mutable_action()->mutable_due_date() = Day(2026, 5, 19);
                  },
                  "action.due_date"},
        BadAction{"UnknownStatus",
                  [](auto& r) {
                    r.mutable_action()->set_status(
                        static_cast<v1::ActionStatus>(9));
                  },
                  "action.status"},
        BadAction{"DescriptionOverItsLimit",
                  [](auto& r) {
                    r.mutable_action()->set_description(std::string(1001, 'a'));
                  },
                  "action.description"},
        BadAction{"DroppedWithoutReason",
                  [](auto& r) {
                    r.mutable_action()->set_status(v1::ACTION_STATUS_DROPPED);
                  },
                  "action.dropped_reason"}),
    testing::NameOfRow<BadAction>);

TEST_F(ActionPlanTest, TheBoardSummaryListsOverdueActionsFirst) {
  ASSERT_NO_FATAL_FAILURE(Publish());
  // On 1 September 2026 "later" (due 31 December) is on time and "late"
  // (due 1 August, in progress) is overdue; "finished" (due 1 July) is done.
  ASSERT_TRUE(
      Record(Request("later", Day(2026, 12, 31), v1::ACTION_STATUS_PLANNED))
          .ok());
  ASSERT_TRUE(
      Record(Request("late", Day(2026, 8, 1), v1::ACTION_STATUS_IN_PROGRESS))
          .ok());
  ASSERT_TRUE(
      Record(Request("finished", Day(2026, 7, 1), v1::ACTION_STATUS_DONE))
          .ok());
  auto summary = Summary(Day(2026, 9, 1));
  ASSERT_TRUE(summary.ok()) << summary.status();
  EXPECT_EQ(summary->actions(), 3);
  EXPECT_EQ(summary->overdue_actions(), 1);
  const std::string& md = summary->markdown();
  EXPECT_THAT(
      md, HasSubstr("The action plan holds 3 actions, recorded against 1 of "
                    "the report's 2 recommendations. As of 1st "
                    "September 2026, 1 is overdue"));
  EXPECT_LT(md.find("## Overdue actions"), md.find("Action late."));
  EXPECT_LT(md.find("Action late."), md.find("## Recommendations and"));
  const size_t listed = md.find("### Recommendation 1");
  EXPECT_LT(md.find("Action late.", listed),
            md.find("Action finished.", listed));
  EXPECT_LT(md.find("Action finished.", listed),
            md.find("Action later.", listed));
  EXPECT_THAT(md, HasSubstr("No action has been recorded for this "
                            "recommendation."));
  // A day later nothing more is overdue; on 1 January 2027 "later" is too.
  auto new_year = Summary(Day(2027, 1, 1));
  ASSERT_TRUE(new_year.ok()) << new_year.status();
  EXPECT_EQ(new_year->overdue_actions(), 2);
}

// An earlier Eastmoor inspection with its report published, put into the
// findings store as intake's stream would deliver it, is shown beside this
// one; with its verdicts agreed but the report not yet published, it is not.
TEST_F(ActionPlanTest, ThePreviousInspectionsRatingsAreShownBeside) {
  ASSERT_NO_FATAL_FAILURE(Publish());
  v1::Inspection previous = run_.spec->inspection();
  previous.set_name("inspections/eastmoor-2022-05");
  *previous.mutable_announcement_date() = Day(2022, 5, 2);
  *previous.mutable_fieldwork_start_date() = Day(2022, 5, 16);
  *previous.mutable_fieldwork_end_date() = Day(2022, 5, 20);
  uint64_t sequence = findings_.server().store().Cursor() + 1000;
  auto deliver = [&](v1::InspectionState state) {
    v1::Change change;
    change.set_sequence(sequence++);
    change.set_for_findings(true);
    *change.mutable_inspection_stored() = previous;
    change.mutable_inspection_stored()->set_state(state);
    ASSERT_TRUE(findings_.server().store().ApplyChange(change).ok());
  };
  ASSERT_NO_FATAL_FAILURE(deliver(v1::INSPECTION_STATE_FIELDWORK));
  v1::RecordVerdictDecisionRequest decision;
  decision.set_inspection(previous.name());
  v1::PanelRating& rating = *decision.mutable_panel_rating();
  rating.set_section_id("1.1");
  rating.set_rating("Requires improvement");
  rating.set_reason("The board did not know the service's performance.");
  auto decided = Call(findings_.stub(),
                      &v1::Findings::Stub::RecordVerdictDecision, decision);
  ASSERT_TRUE(decided.ok()) << decided.status();
  ASSERT_NO_FATAL_FAILURE(deliver(v1::INSPECTION_STATE_VERDICTS_AGREED));
  // Agreed but unpublished: not the service's to read.
  auto unpublished = Summary(Day(2026, 9, 1));
  ASSERT_TRUE(unpublished.ok()) << unpublished.status();
  EXPECT_EQ(unpublished->previous_inspection(), "");
  ASSERT_NO_FATAL_FAILURE(deliver(v1::INSPECTION_STATE_REPORT_PUBLISHED));

  auto summary = Summary(Day(2026, 9, 1));
  ASSERT_TRUE(summary.ok()) << summary.status();
  EXPECT_EQ(summary->previous_inspection(), "inspections/eastmoor-2022-05");
  const std::string& md = summary->markdown();
  EXPECT_THAT(md, HasSubstr("| Standard | This inspection (March 2026) | "
                            "Previous inspection (May 2022) |"));
  EXPECT_THAT(md, HasSubstr("| **Good** | **Requires improvement** |"));
  EXPECT_THAT(md, ::testing::Not(HasSubstr("No previous inspection")));
}

}  // namespace
}  // namespace yjinspect
