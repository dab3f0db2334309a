// Where each command stands in `yjinspect --help`, and its example.

#include "cli/command_groups.h"

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace yjinspect::cli {
namespace {

TEST(GroupOfTest, CommandsStandUnderThePartOfAnInspectionTheyServe) {
  EXPECT_EQ(GroupOf("list-cases"), "Cases");
  EXPECT_EQ(GroupOf("draw-sample"), "Inspections");
  EXPECT_EQ(GroupOf("judgement-history"), "Judgements and reports");
  EXPECT_EQ(GroupOf("import-cases"), "YJB exchange");
  EXPECT_EQ(GroupOf("import-victim-cases"), "YJB exchange");
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

TEST(ExampleOfTest, AnExampleIsACommandLineOfThatCommand) {
  EXPECT_THAT(ExampleOf("draw-sample"),
              ::testing::StartsWith("yjinspect draw-sample "));
  EXPECT_THAT(ExampleOf("audit list"),
              ::testing::StartsWith("yjinspect audit list "));
  EXPECT_EQ(ExampleOf("frobnicate"), "");
}

TEST(GroupCommandsTest, PutsEachExampleUnderItsCommandsOwnHelp) {
  CLI::App app{"test"};
  CLI::App* draw = app.add_subcommand("draw-sample", "");
  CLI::App* audit = app.add_subcommand("audit", "");
  CLI::App* list = audit->add_subcommand("list", "");
  CLI::App* other = app.add_subcommand("frobnicate", "");
  GroupCommands(app);
  EXPECT_EQ(draw->get_footer(), "Example:\n  " + ExampleOf("draw-sample"));
  EXPECT_EQ(list->get_footer(), "Example:\n  " + ExampleOf("audit list"));
  EXPECT_EQ(other->get_footer(), "");
  // Not in the list of every command: that stays one line each.
  EXPECT_THAT(app.help(), ::testing::Not(::testing::HasSubstr("Example")));
}

}  // namespace
}  // namespace yjinspect::cli
