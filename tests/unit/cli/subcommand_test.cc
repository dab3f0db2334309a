// cli/subcommand.h: a command added through Subcommands leaves its run, with
// the options as parsed and the global options as main holds them, for main
// to call after parsing; and the arguments several commands share.

#include "cli/subcommand.h"

#include <functional>
#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace yjinspect::cli {
namespace {

using ::testing::HasSubstr;

struct Greeting {
  std::string name;
  int times = 1;
};

// What the last run saw, so that a test can tell which run was called and
// with what.
std::vector<std::string> runs;

int Greet(const GlobalOptions& global, const Greeting& greeting) {
  runs.push_back("greet " + greeting.name + " x" +
                 std::to_string(greeting.times) + " at " + global.intake);
  return 7;
}

int Wave(const GlobalOptions& global) {
  runs.push_back(std::string("wave") + (global.json ? " json" : ""));
  return 8;
}

class SubcommandsTest : public ::testing::Test {
 protected:
  void SetUp() override { runs.clear(); }

  // Adds greet (with a positional name and --times) and wave to app_.
  void AddGreetAndWave(Subcommands commands) {
    auto [greet, greeting] = commands.Add("greet", "Say hello.", Greet);
    greet->add_option("name", greeting->name, "who")->required();
    greet->add_option("--times", greeting->times, "how often")
        ->capture_default_str();
    commands.Add("wave", "Wave.", Wave);
  }

  // Parses `args` with greet and wave added to app_.
  void Parse(const std::string& args) {
    AddGreetAndWave(Subcommands(app_, global_, &action_));
    app_.parse(args);
  }

  CLI::App app_{"test"};
  GlobalOptions global_;
  std::function<int()> action_;
};

TEST_F(SubcommandsTest, TheChosenCommandRunsOnlyWhenMainCallsIt) {
  Parse("greet ada --times 3");
  EXPECT_TRUE(runs.empty()) << "parsing must not run the command";
  ASSERT_TRUE(action_);
  // The global options as they are when main runs the action.
  global_.intake = "intake:1";
  EXPECT_EQ(action_(), 7);
  EXPECT_THAT(runs, ::testing::ElementsAre("greet ada x3 at intake:1"));
}

TEST_F(SubcommandsTest, OptionsKeepTheirDefaultsWhenNotGiven) {
  Parse("greet bo");
  ASSERT_TRUE(action_);
  action_();
  EXPECT_THAT(runs, ::testing::ElementsAre("greet bo x1 at 127.0.0.1:50051"));
  EXPECT_THAT(app_.get_subcommand("greet")->help(), HasSubstr("how often"));
}

TEST_F(SubcommandsTest, ACommandWithoutOptionsRunsWithTheGlobalOnes) {
  Parse("wave");
  ASSERT_TRUE(action_);
  global_.json = true;
  EXPECT_EQ(action_(), 8);
  EXPECT_THAT(runs, ::testing::ElementsAre("wave json"));
}

TEST_F(SubcommandsTest, NoActionUntilACommandIsChosen) {
  Parse("");
  EXPECT_FALSE(action_);
}

TEST_F(SubcommandsTest, TheDescriptionIsTheCommandsHelp) {
  AddGreetAndWave(Subcommands(app_, global_, &action_));
  EXPECT_EQ(app_.get_subcommand("greet")->get_description(), "Say hello.");
  EXPECT_EQ(app_.get_subcommand("wave")->get_description(), "Wave.");
}

TEST_F(SubcommandsTest, AGroupIsChosenThroughOneOfItsCommands) {
  Subcommands group = Subcommands(app_, global_, &action_)
                          .AddGroup("hands", "Things hands do.");
  AddGreetAndWave(group);
  app_.parse("hands wave");
  ASSERT_TRUE(action_);
  EXPECT_EQ(action_(), 8);
  EXPECT_EQ(app_.get_subcommand("hands")->get_description(),
            "Things hands do.");
}

TEST_F(SubcommandsTest, AGroupAloneIsAUsageError) {
  AddGreetAndWave(Subcommands(app_, global_, &action_)
                      .AddGroup("hands", "Things hands do."));
  EXPECT_THROW(app_.parse("hands"), CLI::RequiredError);
  EXPECT_FALSE(action_);
}

TEST(AddInspectionArgumentTest, IsRequiredAndSaysWhichFormsItTakes) {
  CLI::App app{"test"};
  std::string inspection;
  AddInspectionArgument(app, "inspection", &inspection);
  EXPECT_THROW(app.parse(""), CLI::RequiredError);
  app.parse("nm-2014");
  EXPECT_EQ(inspection, "nm-2014");
  EXPECT_THAT(app.help(), HasSubstr("inspections/{id} or {id}"));
}

TEST(AddInspectionArgumentTest, TakesItsOwnHelpAndOptionName) {
  CLI::App app{"test"};
  std::string inspection;
  AddInspectionArgument(app, "--inspection", &inspection,
                        "inspection id or name");
  app.parse("--inspection inspections/nm-2014");
  EXPECT_EQ(inspection, "inspections/nm-2014");
  EXPECT_THAT(app.help(), HasSubstr("inspection id or name"));
}

TEST(AddFileForInspectionTest, BothTheFileAndTheInspectionAreRequired) {
  CLI::App app{"test"};
  FileForInspection options;
  AddFileForInspection(app, &options, "the judgements file");
  EXPECT_THROW(app.parse("judgements.textproto"), CLI::RequiredError);
  EXPECT_THROW(app.parse("--inspection nm-2014"), CLI::RequiredError);
  app.parse("judgements.textproto --inspection nm-2014");
  EXPECT_EQ(options.file, "judgements.textproto");
  EXPECT_EQ(options.inspection, "nm-2014");
  EXPECT_THAT(app.help(), HasSubstr("the judgements file"));
  EXPECT_THAT(app.help(), HasSubstr("inspections/{id} or {id}"));
}

}  // namespace
}  // namespace yjinspect::cli
