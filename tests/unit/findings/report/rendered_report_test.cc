// services/findings/report/rendered_report.h: RenderReport's answer carries
// the report in both formats and the verdicts it states, in the edition
// asked for.

#include "services/findings/report/rendered_report.h"

#include "absl/strings/match.h"
#include "google/protobuf/util/message_differencer.h"
#include "gtest/gtest.h"
#include "tests/unit/findings/report/report_fixtures.h"

namespace yjinspect::findings {
namespace {

using ::yjinspect::findings::testing::BoltonSqs;
using ::yjinspect::findings::testing::RatingsInspection;

// A report case is the material the verdict desk would gather.
TEST(RenderReportTest, AnswersTheReportAndTheVerdictsItStates) {
  const ReportMaterial bolton = BoltonSqs();
  absl::StatusOr<v1::RenderedReport> report =
      RenderReport(bolton, v1::REPORT_EDITION_UNSPECIFIED);
  ASSERT_TRUE(report.ok()) << report.status();
  EXPECT_TRUE(absl::StrContains(report->markdown(), "In all cases"));
  EXPECT_TRUE(absl::StrContains(report->html(), "<html"));
  EXPECT_TRUE(google::protobuf::util::MessageDifferencer::Equals(
      report->verdicts(), bolton.verdicts));
}

TEST(RenderReportTest, TheEditionDecidesWhetherThemeScoresAreShown) {
  const ReportMaterial ratings = RatingsInspection();
  absl::StatusOr<v1::RenderedReport> published =
      RenderReport(ratings, v1::REPORT_EDITION_PUBLISHED);
  absl::StatusOr<v1::RenderedReport> board =
      RenderReport(ratings, v1::REPORT_EDITION_MANAGEMENT_BOARD);
  ASSERT_TRUE(published.ok()) << published.status();
  ASSERT_TRUE(board.ok()) << board.status();
  EXPECT_NE(published->markdown(), board->markdown());
  EXPECT_GT(board->markdown().size(), published->markdown().size());
}

TEST(RenderReportTest, RefusesMaterialWithoutItsFramework) {
  ReportMaterial material = BoltonSqs();
  material.framework = nullptr;
  absl::StatusOr<v1::RenderedReport> report =
      RenderReport(std::move(material), v1::REPORT_EDITION_PUBLISHED);
  EXPECT_EQ(report.status().code(), absl::StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace yjinspect::findings
