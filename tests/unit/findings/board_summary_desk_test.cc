// services/findings/board_summary_desk.h through the in-memory findings
// store, without gRPC: only for a published report; "today" from the
// request or the injected clock; what it gathers reaches the summary.

#include "services/findings/board_summary_desk.h"

#include <string>

#include "absl/time/time.h"
#include "common/error_reasons.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/testing/built_in_frameworks.h"
#include "tests/testing/in_memory_findings_store.h"
#include "tests/testing/northmoor_inspection.h"
#include "tests/testing/status_matchers.h"

namespace yjinspect::findings {
namespace {

using ::testing::HasSubstr;
using ::yjinspect::testing::HasReason;

v1::Inspection Rated(v1::InspectionState state) {
  v1::Inspection inspection = testing::NorthmoorInspection(state);
  inspection.set_framework_id("hmip-youth-2021");
  inspection.set_framework_version("1");
  inspection.mutable_fieldwork_start_date()->set_year(2026);
  inspection.mutable_fieldwork_start_date()->set_month(3);
  inspection.mutable_fieldwork_start_date()->set_day(2);
  return inspection;
}

class BoardSummaryDeskTest : public ::testing::Test {
 protected:
  void SetUp() override {
    v1::ReportInputs inputs;
    inputs.mutable_publication_date()->set_year(2026);
    inputs.mutable_publication_date()->set_month(6);
    inputs.mutable_publication_date()->set_day(15);
    store_.ReplaceReportInputs(inputs);
  }
  v1::RenderBoardSummaryRequest Request() {
    v1::RenderBoardSummaryRequest request;
    request.set_inspection(testing::kNorthmoorInspection);
    return request;
  }

  // 2026-10-01 12:00 UTC.
  absl::Time now_ = absl::FromCivil(absl::CivilSecond(2026, 10, 1, 12, 0, 0),
                                    absl::UTCTimeZone());
  testing::InMemoryFindingsStore store_{
      Rated(v1::INSPECTION_STATE_REPORT_PUBLISHED), {}};
  VerdictDesk verdicts_{store_, testing::BuiltInFrameworks()};
  BoardSummaryDesk desk_{store_, testing::BuiltInFrameworks(), verdicts_,
                         [this] { return now_; }};
};

TEST_F(BoardSummaryDeskTest, RefusedBeforeThePublication) {
  store_.ReplaceInspection(Rated(v1::INSPECTION_STATE_VERDICTS_AGREED));
  auto refused = desk_.Render(Request());
  EXPECT_EQ(refused.status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_THAT(refused.status(), HasReason(common::kWrongState));
}

TEST_F(BoardSummaryDeskTest, TodayIsTheClocksUnlessTheRequestSetsIt) {
  auto today = desk_.Render(Request());
  ASSERT_TRUE(today.ok()) << today.status();
  EXPECT_EQ(today->as_of().day(), 1);
  EXPECT_EQ(today->as_of().month(), 10);
  v1::RenderBoardSummaryRequest request = Request();
  request.mutable_as_of()->set_year(2026);
  request.mutable_as_of()->set_month(7);
  request.mutable_as_of()->set_day(4);
  auto then = desk_.Render(request);
  ASSERT_TRUE(then.ok()) << then.status();
  EXPECT_THAT(then->markdown(), HasSubstr("As of 4th July 2026"));
  EXPECT_THAT(then->markdown(), HasSubstr("report published 15th June 2026"));
  EXPECT_THAT(then->markdown(), HasSubstr("| Overall | "));
}

TEST_F(BoardSummaryDeskTest, AnImpossibleAsOfIsInvalid) {
  v1::RenderBoardSummaryRequest request = Request();
  request.mutable_as_of()->set_year(2026);
  request.mutable_as_of()->set_month(2);
  request.mutable_as_of()->set_day(30);
  EXPECT_EQ(desk_.Render(request).status().code(),
            absl::StatusCode::kInvalidArgument);
}

TEST_F(BoardSummaryDeskTest, AnUnknownInspectionIsNotFound) {
  v1::RenderBoardSummaryRequest request = Request();
  request.set_inspection("inspections/nowhere-2026");
  EXPECT_EQ(desk_.Render(request).status().code(), absl::StatusCode::kNotFound);
}

}  // namespace
}  // namespace yjinspect::findings
