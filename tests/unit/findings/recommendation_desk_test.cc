// services/findings/recommendation_desk.h through the in-memory findings
// store (tests/testing), without gRPC: numbering, the etag rules, the
// history, the lifecycle, and that a refused request stores nothing.

#include "services/findings/recommendation_desk.h"

#include <string>

#include "absl/time/time.h"
#include "common/error_details.h"
#include "common/error_reasons.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/testing/built_in_frameworks.h"
#include "tests/testing/in_memory_findings_store.h"
#include "tests/testing/northmoor_inspection.h"
#include "tests/testing/status_matchers.h"

namespace yjinspect::findings {
namespace {

using ::testing::ElementsAre;
using ::yjinspect::testing::HasReason;

constexpr const char* kInspection = testing::kNorthmoorInspection;

v1::Inspection RatedInspection(v1::InspectionState state) {
  v1::Inspection inspection = testing::NorthmoorInspection(state);
  inspection.set_framework_id("hmip-youth-2021");
  inspection.set_framework_version("1");
  return inspection;
}

v1::RecordRecommendationRequest Request(const std::string& id,
                                        const std::string& text,
                                        const std::string& etag = "") {
  v1::RecordRecommendationRequest request;
  request.set_inspection(kInspection);
  request.set_recommendation_id(id);
  request.set_inspector_reference("insp-anna");
  request.set_etag(etag);
  v1::Recommendation& r = *request.mutable_recommendation();
  r.set_addressee(v1::RECOMMENDATION_ADDRESSEE_SERVICE);
  r.add_section_ids("2.1");
  r.set_text(text);
  return request;
}

class RecommendationDeskTest : public ::testing::Test {
 protected:
  void SetState(v1::InspectionState state) {
    store_.ReplaceInspection(RatedInspection(state));
  }
  absl::StatusOr<v1::Recommendation> Record(
      const v1::RecordRecommendationRequest& request) {
    return desk_.Record(request, common::AuditEvent());
  }
  int Stored() {
    auto all = store_.ScanRecommendations("northmoor-2026");
    return all.ok() ? static_cast<int>(all->size()) : -1;
  }

  absl::Time now_ = absl::FromUnixSeconds(1790000000);
  testing::InMemoryFindingsStore store_{
      RatedInspection(v1::INSPECTION_STATE_FIELDWORK), {}};
  RecommendationDesk desk_{store_, testing::BuiltInFrameworks(),
                           [this] { return now_; }};
};

TEST_F(RecommendationDeskTest, NewRecommendationsAreNumberedInTurn) {
  auto first = Record(Request("zeta", "  Improve the plans.  "));
  ASSERT_TRUE(first.ok()) << first.status();
  auto second = Record(Request("alpha", "Review the assessments."));
  ASSERT_TRUE(second.ok()) << second.status();
  EXPECT_EQ(first->name(), "inspections/northmoor-2026/recommendations/zeta");
  EXPECT_EQ(first->number(), 1);
  EXPECT_EQ(second->number(), 2);
  EXPECT_EQ(first->text(), "Improve the plans.");
  EXPECT_EQ(first->revision(), 1);
  EXPECT_EQ(first->inspector_reference(), "insp-anna");
  EXPECT_FALSE(first->etag().empty());

  v1::ListRecommendationsRequest list;
  list.set_parent(kInspection);
  list.set_page_size(1);
  auto page = desk_.List(list);
  ASSERT_TRUE(page.ok()) << page.status();
  ASSERT_EQ(page->recommendations_size(), 1);
  EXPECT_EQ(page->recommendations(0).number(), 1);
  list.set_page_token(page->next_page_token());
  page = desk_.List(list);
  ASSERT_TRUE(page.ok()) << page.status();
  ASSERT_EQ(page->recommendations_size(), 1);
  EXPECT_EQ(page->recommendations(0).number(), 2);
  EXPECT_EQ(page->next_page_token(), "");
}

TEST_F(RecommendationDeskTest, AChangeNeedsTheCurrentEtagAndKeepsTheNumber) {
  auto first = Record(Request("r1", "Improve the plans."));
  ASSERT_TRUE(first.ok()) << first.status();
  const absl::Status missing =
      Record(Request("r1", "Improve every plan.")).status();
  EXPECT_EQ(missing.code(), absl::StatusCode::kAborted);
  EXPECT_THAT(missing, HasReason(common::kEtagMismatch));
  EXPECT_EQ(
      Record(Request("r1", "Improve every plan.", "stale")).status().code(),
      absl::StatusCode::kAborted);
  now_ += absl::Hours(1);
  auto second = Record(Request("r1", "Improve every plan.", first->etag()));
  ASSERT_TRUE(second.ok()) << second.status();
  EXPECT_EQ(second->number(), 1);
  EXPECT_EQ(second->revision(), 2);
  EXPECT_EQ(second->create_time().seconds(), first->create_time().seconds());
  EXPECT_GT(second->update_time().seconds(), first->update_time().seconds());
  EXPECT_NE(second->etag(), first->etag());
  // The same content again is no change, even with the old etag.
  auto again = Record(Request("r1", "Improve every plan.", first->etag()));
  ASSERT_TRUE(again.ok()) << again.status();
  EXPECT_EQ(again->revision(), 2);

  v1::ListRecommendationHistoryRequest history;
  history.set_name(first->name());
  auto revisions = desk_.History(history);
  ASSERT_TRUE(revisions.ok()) << revisions.status();
  ASSERT_EQ(revisions->revisions_size(), 2);
  EXPECT_EQ(revisions->revisions(0).recommendation().text(),
            "Improve the plans.");
  EXPECT_EQ(revisions->revisions(1).recommendation().text(),
            "Improve every plan.");
}

TEST_F(RecommendationDeskTest, AnEtagForANewRecommendationIsRefused) {
  EXPECT_EQ(Record(Request("r1", "Improve the plans.", "abc")).status().code(),
            absl::StatusCode::kAborted);
  EXPECT_EQ(Stored(), 0);
}

TEST_F(RecommendationDeskTest, NothingChangesOnceVerdictsAreAgreed) {
  auto first = Record(Request("r1", "Improve the plans."));
  ASSERT_TRUE(first.ok()) << first.status();
  SetState(v1::INSPECTION_STATE_VERDICTS_AGREED);
  const absl::Status changed =
      Record(Request("r1", "Improve every plan.", first->etag())).status();
  EXPECT_EQ(changed.code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_THAT(changed, HasReason(common::kWrongState));
  EXPECT_EQ(Record(Request("r2", "Something new.")).status().code(),
            absl::StatusCode::kFailedPrecondition);
  // A rerun of what is stored still answers.
  EXPECT_TRUE(Record(Request("r1", "Improve the plans.")).ok());
  EXPECT_EQ(Stored(), 1);
}

TEST_F(RecommendationDeskTest, AnSqsInspectionHasNoRecommendations) {
  store_.ReplaceInspection(
      testing::NorthmoorInspection(v1::INSPECTION_STATE_FIELDWORK));
  v1::RecordRecommendationRequest request = Request("r1", "Improve.");
  request.mutable_recommendation()->set_section_ids(0, "1");
  const absl::Status refused = Record(request).status();
  EXPECT_EQ(refused.code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_THAT(refused, HasReason(common::kFrameworkWithoutRecommendations));
  EXPECT_EQ(Stored(), 0);
}

TEST_F(RecommendationDeskTest, AnUnknownStandardIsRefusedAndNothingStored) {
  v1::RecordRecommendationRequest request = Request("r1", "Improve.");
  request.mutable_recommendation()->add_section_ids("9.9");
  const absl::Status refused = Record(request).status();
  EXPECT_EQ(refused.code(), absl::StatusCode::kInvalidArgument);
  std::vector<std::string> fields;
  for (const auto& v : common::ViolationsOf(refused)) fields.push_back(v.field);
  EXPECT_THAT(fields, ElementsAre("recommendation.section_ids[1]"));
  EXPECT_EQ(Stored(), 0);
}

TEST_F(RecommendationDeskTest,
       UnknownInspectionsAndRecommendationsAreNotFound) {
  v1::RecordRecommendationRequest request = Request("r1", "Improve.");
  request.set_inspection("inspections/elsewhere-2026");
  EXPECT_EQ(Record(request).status().code(), absl::StatusCode::kNotFound);
  v1::ListRecommendationsRequest list;
  list.set_parent("inspections/elsewhere-2026");
  EXPECT_EQ(desk_.List(list).status().code(), absl::StatusCode::kNotFound);
  v1::GetRecommendationRequest get;
  get.set_name("inspections/northmoor-2026/recommendations/r9");
  EXPECT_EQ(desk_.Get(get).status().code(), absl::StatusCode::kNotFound);
  v1::ListRecommendationHistoryRequest history;
  history.set_name(get.name());
  EXPECT_EQ(desk_.History(history).status().code(),
            absl::StatusCode::kNotFound);
  history.set_name("inspections/northmoor-2026/cases/r9");
  EXPECT_EQ(desk_.History(history).status().code(),
            absl::StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace yjinspect::findings
