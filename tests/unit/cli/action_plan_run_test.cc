// cli/action_plan_run.h: what a run fills into a spec's action, and the two
// files of the board summary. (Publishing, waiting and recording run over
// real gRPC in tests/integration/action_plan_test.cc and the Eastmoor run.)

#include "cli/action_plan_run.h"

#include "cli/exchange/whole_file.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/testing/temp_dir.h"

namespace yjinspect::cli {
namespace {

TEST(ActionOfRunTest, FillsTheInspectionAndABareRecommendationId) {
  v1::RecordActionRequest given;
  given.set_recommendation("board-1");
  given.set_action_id("recruit");
  const v1::RecordActionRequest filled =
      ActionOfRun(given, "inspections/eastmoor-2026-03");
  EXPECT_EQ(filled.inspection(), "inspections/eastmoor-2026-03");
  EXPECT_EQ(filled.recommendation(),
            "inspections/eastmoor-2026-03/recommendations/board-1");
  EXPECT_EQ(filled.action_id(), "recruit");
}

TEST(ActionOfRunTest, KeepsARecommendationNameAsGiven) {
  v1::RecordActionRequest given;
  given.set_recommendation("inspections/other-2020/recommendations/board-1");
  // Left for the service to refuse, naming the field.
  EXPECT_EQ(ActionOfRun(given, "inspections/eastmoor-2026-03").recommendation(),
            "inspections/other-2020/recommendations/board-1");
}

TEST(WriteBoardSummaryTest, WritesBothFilesIntoAFolderItMakes) {
  testing::TempDir dir;
  v1::BoardSummary summary;
  summary.set_markdown("# Plan\n");
  summary.set_html("<html></html>\n");
  auto paths = WriteBoardSummary(summary, dir.Sub("out/eastmoor"));
  ASSERT_TRUE(paths.ok()) << paths.status();
  EXPECT_EQ(paths->first, dir.Sub("out/eastmoor/board-summary.md"));
  EXPECT_EQ(*exchange::ReadWholeFile(paths->first), "# Plan\n");
  EXPECT_EQ(*exchange::ReadWholeFile(paths->second), "<html></html>\n");
}

}  // namespace
}  // namespace yjinspect::cli
