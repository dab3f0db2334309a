// services/findings/action_desk.h through the in-memory findings store
// (tests/testing), without gRPC: recorded only once the report is
// published, against a recorded recommendation, due on or after
// publication; the etag rules, the history, the caller kept, and that a
// refused request stores nothing.

#include "services/findings/action_desk.h"

#include <string>
#include <vector>

#include "absl/time/time.h"
#include "common/error_details.h"
#include "common/error_reasons.h"
#include "common/field_violations.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/testing/in_memory_findings_store.h"
#include "tests/testing/northmoor_inspection.h"
#include "tests/testing/status_matchers.h"

namespace yjinspect::findings {
namespace {

using ::yjinspect::testing::HasReason;

constexpr const char* kInspection = testing::kNorthmoorInspection;
constexpr const char* kRecommendation =
    "inspections/northmoor-2026/recommendations/board-1";

v1::RecordActionRequest Request(const std::string& id, v1::ActionStatus status,
                                const std::string& etag = "") {
  v1::RecordActionRequest request;
  request.set_inspection(kInspection);
  request.set_recommendation(kRecommendation);
  request.set_action_id(id);
  request.set_etag(etag);
  v1::Action& a = *request.mutable_action();
  a.set_owner_role("Head of Service");
  a.set_description("Fill the two case manager vacancies.");
  a.mutable_due_date()->set_year(2026);
  a.mutable_due_date()->set_month(9);
  a.mutable_due_date()->set_day(30);
  a.set_status(status);
  return request;
}

class ActionDeskTest : public ::testing::Test {
 protected:
  void SetUp() override {
    // The report's one recommendation, and its inputs with the
    // publication date (2026-06-15).
    ASSERT_TRUE(
        store_
            .UpdateRecommendation(
                "northmoor-2026", "board-1",
                [](const std::optional<v1::Recommendation>&, int32_t)
                    -> absl::StatusOr<std::optional<RecommendationUpdate>> {
                  RecommendationUpdate update;
                  update.recommendation.set_name(kRecommendation);
                  update.recommendation.set_number(1);
                  update.revision.set_revision(1);
                  return std::optional<RecommendationUpdate>(update);
                },
                common::AuditEvent())
            .ok());
    v1::ReportInputs inputs;
    inputs.mutable_publication_date()->set_year(2026);
    inputs.mutable_publication_date()->set_month(6);
    inputs.mutable_publication_date()->set_day(15);
    store_.ReplaceReportInputs(inputs);
  }
  void Publish() {
    store_.ReplaceInspection(
        testing::NorthmoorInspection(v1::INSPECTION_STATE_REPORT_PUBLISHED));
  }
  absl::StatusOr<v1::Action> Record(const v1::RecordActionRequest& request,
                                    const std::string& caller = "bolton-yot") {
    common::AuditEvent audit;
    audit.caller = caller;
    return desk_.Record(request, audit);
  }
  int Stored() {
    auto all = store_.ScanActions("northmoor-2026", "", "", 100);
    return all.ok() ? static_cast<int>(all->size()) : -1;
  }

  absl::Time now_ = absl::FromUnixSeconds(1790000000);
  testing::InMemoryFindingsStore store_{
      testing::NorthmoorInspection(v1::INSPECTION_STATE_VERDICTS_AGREED), {}};
  ActionDesk desk_{store_, [this] { return now_; }};
};

TEST_F(ActionDeskTest, RefusedBeforeTheReportIsPublished) {
  auto refused = Record(Request("a1", v1::ACTION_STATUS_PLANNED));
  EXPECT_EQ(refused.status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_THAT(refused.status(), HasReason(common::kWrongState));
  EXPECT_EQ(Stored(), 0);
}

TEST_F(ActionDeskTest, RecordedAfterPublicationWithItsCaller) {
  Publish();
  auto recorded = Record(Request("a1", v1::ACTION_STATUS_PLANNED), "lead-1");
  ASSERT_TRUE(recorded.ok()) << recorded.status();
  EXPECT_EQ(recorded->name(), std::string(kRecommendation) + "/actions/a1");
  EXPECT_EQ(recorded->recorded_by(), "lead-1");
  EXPECT_EQ(recorded->revision(), 1);
  EXPECT_FALSE(recorded->etag().empty());
  v1::GetActionRequest get;
  get.set_name(recorded->name());
  auto read = desk_.Get(get);
  ASSERT_TRUE(read.ok()) << read.status();
  EXPECT_EQ(read->etag(), recorded->etag());
}

TEST_F(ActionDeskTest, ChangesNeedTheEtagAndKeepTheirHistory) {
  Publish();
  auto first = Record(Request("a1", v1::ACTION_STATUS_PLANNED));
  ASSERT_TRUE(first.ok()) << first.status();
  // The same content again: no change, whatever the etag.
  auto again = Record(Request("a1", v1::ACTION_STATUS_PLANNED));
  ASSERT_TRUE(again.ok()) << again.status();
  EXPECT_EQ(again->revision(), 1);
  // A change without the etag is refused.
  auto stale = Record(Request("a1", v1::ACTION_STATUS_IN_PROGRESS));
  EXPECT_THAT(stale.status(), HasReason(common::kEtagMismatch));
  auto moved =
      Record(Request("a1", v1::ACTION_STATUS_IN_PROGRESS, first->etag()));
  ASSERT_TRUE(moved.ok()) << moved.status();
  EXPECT_EQ(moved->revision(), 2);
  EXPECT_EQ(moved->create_time().seconds(), first->create_time().seconds());
  // Done may be reopened: the history keeps every step.
  auto done = Record(Request("a1", v1::ACTION_STATUS_DONE, moved->etag()));
  ASSERT_TRUE(done.ok()) << done.status();
  auto reopened =
      Record(Request("a1", v1::ACTION_STATUS_IN_PROGRESS, done->etag()));
  ASSERT_TRUE(reopened.ok()) << reopened.status();

  v1::ListActionHistoryRequest history;
  history.set_name(first->name());
  history.set_page_size(3);
  auto page = desk_.History(history);
  ASSERT_TRUE(page.ok()) << page.status();
  ASSERT_EQ(page->revisions_size(), 3);
  EXPECT_EQ(page->revisions(0).action().status(), v1::ACTION_STATUS_PLANNED);
  EXPECT_EQ(page->revisions(2).action().status(), v1::ACTION_STATUS_DONE);
  history.set_page_token(page->next_page_token());
  auto rest = desk_.History(history);
  ASSERT_TRUE(rest.ok()) << rest.status();
  ASSERT_EQ(rest->revisions_size(), 1);
  EXPECT_EQ(rest->revisions(0).revision(), 4);
}

TEST_F(ActionDeskTest, AnUnknownRecommendationIsNotFound) {
  Publish();
  v1::RecordActionRequest request = Request("a1", v1::ACTION_STATUS_PLANNED);
  request.set_recommendation("inspections/northmoor-2026/recommendations/nope");
  EXPECT_EQ(Record(request).status().code(), absl::StatusCode::kNotFound);
  EXPECT_EQ(Stored(), 0);
}

TEST_F(ActionDeskTest, ARecommendationOfAnotherInspectionIsRefused) {
  Publish();
  v1::RecordActionRequest request = Request("a1", v1::ACTION_STATUS_PLANNED);
  request.set_recommendation(
      "inspections/eastmoor-2026/recommendations/board-1");
  auto refused = Record(request);
  EXPECT_EQ(refused.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(testing::ViolatedFields(refused.status()),
              ::testing::ElementsAre("recommendation"));
  EXPECT_EQ(Stored(), 0);
}

TEST_F(ActionDeskTest, ADueDateBeforePublicationIsRefused) {
  Publish();
  v1::RecordActionRequest request = Request("a1", v1::ACTION_STATUS_PLANNED);
  request.mutable_action()->mutable_due_date()->set_month(6);
  request.mutable_action()->mutable_due_date()->set_day(14);
  auto refused = Record(request);
  EXPECT_EQ(refused.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(testing::ViolatedFields(refused.status()),
              ::testing::ElementsAre("action.due_date"));
  EXPECT_EQ(Stored(), 0);
}

TEST_F(ActionDeskTest, ListsOneRecommendationsActionsOrEvery) {
  Publish();
  ASSERT_TRUE(Record(Request("b", v1::ACTION_STATUS_PLANNED)).ok());
  ASSERT_TRUE(Record(Request("a", v1::ACTION_STATUS_DONE)).ok());
  v1::ListActionsRequest list;
  list.set_parent(kRecommendation);
  auto one = desk_.List(list);
  ASSERT_TRUE(one.ok()) << one.status();
  ASSERT_EQ(one->actions_size(), 2);
  EXPECT_EQ(one->actions(0).status(), v1::ACTION_STATUS_DONE);  // "a"
  list.set_parent("inspections/northmoor-2026/recommendations/-");
  list.set_page_size(1);
  auto every = desk_.List(list);
  ASSERT_TRUE(every.ok()) << every.status();
  EXPECT_EQ(every->actions_size(), 1);
  EXPECT_FALSE(every->next_page_token().empty());
  list.set_parent("inspections/northmoor-2026/recommendations/nope");
  EXPECT_EQ(desk_.List(list).status().code(), absl::StatusCode::kNotFound);
}

TEST_F(ActionDeskTest, AnUnknownActionIsNotFound) {
  v1::GetActionRequest get;
  get.set_name(std::string(kRecommendation) + "/actions/none");
  EXPECT_EQ(desk_.Get(get).status().code(), absl::StatusCode::kNotFound);
  v1::ListActionHistoryRequest history;
  history.set_name(get.name());
  EXPECT_EQ(desk_.History(history).status().code(),
            absl::StatusCode::kNotFound);
}

}  // namespace
}  // namespace yjinspect::findings
