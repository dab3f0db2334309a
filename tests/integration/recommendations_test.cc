// The report's recommendations over real gRPC, on a rated inspection: the
// fictional Eastmoor 2025 inspection (examples/eastmoor-2025/run.textproto)
// run through both services without its own recommendations, so each test
// starts with none. Recorded with etags and history, refused with field
// violations when malformed (nothing stored), refused once the verdicts are
// agreed, and listed in the rendered report.

#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "common/error_details.h"
#include "common/error_reasons.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/testing/findings_harness.h"
#include "tests/testing/intake_harness.h"
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

class RecommendationsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    run_.Read(kSpecPath);
    ASSERT_TRUE(run_.spec.ok()) << run_.spec.status();
    run_.spec->clear_recommendations();
    // Its action plan answers its own recommendations.
    run_.spec->clear_action_plan();
    run_.outcome = run_.RunAgainst(intake_, findings_);
    ASSERT_TRUE(run_.Succeeded());
  }

  static v1::RecordRecommendationRequest Request(const std::string& id,
                                                 const std::string& text,
                                                 const std::string& etag = "") {
    v1::RecordRecommendationRequest request;
    request.set_inspection(kInspection);
    request.set_recommendation_id(id);
    request.set_inspector_reference("ELEAD-01");
    request.set_etag(etag);
    v1::Recommendation& r = *request.mutable_recommendation();
    r.set_addressee(v1::RECOMMENDATION_ADDRESSEE_MANAGEMENT_BOARD);
    r.add_section_ids("1.2");
    r.set_text(text);
    return request;
  }

  absl::StatusOr<v1::Recommendation> Record(
      const v1::RecordRecommendationRequest& request) {
    return Call(findings_.stub(), &v1::Findings::Stub::RecordRecommendation,
                request);
  }

  absl::StatusOr<v1::ListRecommendationsResponse> List(
      const std::string& parent = kInspection) {
    v1::ListRecommendationsRequest request;
    request.set_parent(parent);
    return Call(findings_.stub(), &v1::Findings::Stub::ListRecommendations,
                request);
  }

  int Listed() {
    auto listed = List();
    EXPECT_TRUE(listed.ok()) << listed.status();
    return listed.ok() ? listed->recommendations_size() : -1;
  }

  testing::IntakeHarness intake_{/*sync=*/false};
  testing::FindingsHarness findings_{intake_.address(), /*sync=*/false};
  testing::RecordedRun run_;
};

TEST_F(RecommendationsTest, RecordedReadListedChangedWithTheEtagAndKept) {
  auto board = Record(Request("board-1", "  Fill the vacancies.  "));
  ASSERT_TRUE(board.ok()) << board.status();
  EXPECT_EQ(board->name(),
            absl::StrCat(kInspection, "/recommendations/board-1"));
  EXPECT_EQ(board->number(), 1);
  EXPECT_EQ(board->text(), "Fill the vacancies.");
  v1::RecordRecommendationRequest police = Request("police-1", "Share data.");
  police.mutable_recommendation()->set_addressee(
      v1::RECOMMENDATION_ADDRESSEE_POLICE);
  auto second = Record(police);
  ASSERT_TRUE(second.ok()) << second.status();
  EXPECT_EQ(second->number(), 2);

  v1::GetRecommendationRequest get;
  get.set_name(board->name());
  auto read =
      Call(findings_.stub(), &v1::Findings::Stub::GetRecommendation, get);
  ASSERT_TRUE(read.ok()) << read.status();
  EXPECT_EQ(read->etag(), board->etag());

  auto listed = List();
  ASSERT_TRUE(listed.ok()) << listed.status();
  ASSERT_EQ(listed->recommendations_size(), 2);
  EXPECT_EQ(listed->recommendations(0).name(), board->name());
  EXPECT_EQ(listed->recommendations(1).name(), second->name());

  // A change without the etag, or with a stale one, is ABORTED.
  EXPECT_EQ(Record(Request("board-1", "Fill both vacancies.")).status().code(),
            absl::StatusCode::kAborted);
  auto changed =
      Record(Request("board-1", "Fill both vacancies.", board->etag()));
  ASSERT_TRUE(changed.ok()) << changed.status();
  EXPECT_EQ(changed->revision(), 2);
  EXPECT_EQ(changed->number(), 1);
  const absl::Status stale =
      Record(Request("board-1", "Fill the vacancies soon.", board->etag()))
          .status();
  EXPECT_EQ(stale.code(), absl::StatusCode::kAborted);
  EXPECT_THAT(stale, HasReason(common::kEtagMismatch));

  // Every change is kept, oldest first, page by page.
  v1::ListRecommendationHistoryRequest history;
  history.set_name(board->name());
  history.set_page_size(1);
  std::vector<std::string> texts;
  do {
    auto page = Call(findings_.stub(),
                     &v1::Findings::Stub::ListRecommendationHistory, history);
    ASSERT_TRUE(page.ok()) << page.status();
    for (const auto& r : page->revisions()) {
      texts.push_back(r.recommendation().text());
      EXPECT_EQ(r.inspector_reference(), "ELEAD-01");
    }
    history.set_page_token(page->next_page_token());
  } while (!history.page_token().empty());
  EXPECT_THAT(texts,
              ElementsAre("Fill the vacancies.", "Fill both vacancies."));
}

TEST_F(RecommendationsTest, MalformedOnesAreRefusedFieldByFieldAndNotStored) {
  v1::RecordRecommendationRequest unknown_standard = Request("r1", "Do it.");
  unknown_standard.mutable_recommendation()->set_section_ids(0, "9.9");
  v1::RecordRecommendationRequest no_addressee = Request("r2", "Do it.");
  no_addressee.mutable_recommendation()->clear_addressee();
  v1::RecordRecommendationRequest too_long =
      Request("r3", std::string(1001, 'x'));
  const std::vector<std::pair<v1::RecordRecommendationRequest, std::string>>
      refused = {{unknown_standard, "recommendation.section_ids[0]"},
                 {no_addressee, "recommendation.addressee"},
                 {too_long, "recommendation.text"}};
  for (const auto& [request, field] : refused) {
    const absl::Status status = Record(request).status();
    EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument) << field;
    EXPECT_THAT(testing::ViolatedFields(status), ElementsAre(field));
  }
  EXPECT_EQ(Listed(), 0);
}

TEST_F(RecommendationsTest, AnUnknownInspectionIsNotFound) {
  v1::RecordRecommendationRequest request = Request("r1", "Do it.");
  request.set_inspection("inspections/nowhere-2026");
  EXPECT_EQ(Record(request).status().code(), absl::StatusCode::kNotFound);
  EXPECT_EQ(List("inspections/nowhere-2026").status().code(),
            absl::StatusCode::kNotFound);
  v1::GetRecommendationRequest get;
  get.set_name(absl::StrCat(kInspection, "/recommendations/none"));
  EXPECT_EQ(Call(findings_.stub(), &v1::Findings::Stub::GetRecommendation, get)
                .status()
                .code(),
            absl::StatusCode::kNotFound);
}

TEST_F(RecommendationsTest, OnceVerdictsAreAgreedTheyNoLongerChange) {
  auto board = Record(Request("board-1", "Fill the vacancies."));
  ASSERT_TRUE(board.ok()) << board.status();
  v1::AdvanceInspectionRequest agree;
  agree.set_name(kInspection);
  agree.set_state(v1::INSPECTION_STATE_VERDICTS_AGREED);
  agree.set_reason("verdicts agreed by the inspection team");
  ASSERT_TRUE(
      Call(intake_.stub(), &v1::CaseIntake::Stub::AdvanceInspection, agree)
          .ok());
  ASSERT_TRUE(findings_.server().feed().WaitForCursor(
      intake_.server().store().HeadSequence(), absl::Seconds(10)));

  const absl::Status changed =
      Record(Request("board-1", "Fill both vacancies.", board->etag()))
          .status();
  EXPECT_EQ(changed.code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_THAT(changed, HasReason(common::kWrongState));
  EXPECT_EQ(Record(Request("board-2", "Something new.")).status().code(),
            absl::StatusCode::kFailedPrecondition);
  // The same recommendation again (a rerun) still answers, unchanged.
  auto again = Record(Request("board-1", "Fill the vacancies."));
  ASSERT_TRUE(again.ok()) << again.status();
  EXPECT_EQ(again->revision(), 1);
  EXPECT_EQ(Listed(), 1);

  v1::RenderReportRequest render;
  render.set_inspection(kInspection);
  auto report =
      Call(findings_.stub(), &v1::Findings::Stub::RenderReport, render);
  ASSERT_TRUE(report.ok()) << report.status();
  EXPECT_THAT(report->markdown(),
              HasSubstr("- 1\\. **The management board:** Fill the vacancies. "
                        "(standard 1.2)"));
}

}  // namespace
}  // namespace yjinspect
