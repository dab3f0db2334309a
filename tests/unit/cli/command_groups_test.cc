// Where each command stands in `yjinspect --help`.

#include "cli/command_groups.h"

#include "gtest/gtest.h"

namespace yjinspect::cli {
namespace {

TEST(GroupOfTest, CommandsStandUnderThePartOfAnInspectionTheyServe) {
  EXPECT_EQ(GroupOf("list-cases"), "Cases");
  EXPECT_EQ(GroupOf("draw-sample"), "Inspections");
  EXPECT_EQ(GroupOf("judgement-history"), "Judgements and reports");
  EXPECT_EQ(GroupOf("import-cases"), "YJB exchange");
  EXPECT_EQ(GroupOf("audit"), "Operating the services");
}

TEST(GroupOfTest, ACommandNotYetPlacedStillShows) {
  EXPECT_EQ(GroupOf("frobnicate"), "Other commands");
}

TEST(GroupCommandsTest, SetsTheGroupOfEverySubcommand) {
  CLI::App app{"test"};
  CLI::App* cases = app.add_subcommand("list-cases", "");
  CLI::App* other = app.add_subcommand("frobnicate", "");
  GroupCommands(app);
  EXPECT_EQ(cases->get_group(), "Cases");
  EXPECT_EQ(other->get_group(), "Other commands");
}

}  // namespace
}  // namespace yjinspect::cli
