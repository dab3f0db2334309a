// What the command line says when it is used wrongly: the command a typo
// most likely meant, and usage errors as JSON.

#include "cli/usage.h"

#include <algorithm>
#include <optional>
#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "nlohmann/json.hpp"

namespace yjinspect::cli {
namespace {

using ::testing::Optional;

const std::vector<std::string> kCommands = {"list-cases",
                                            "caseload-summary",
                                            "create-inspection",
                                            "show-inspection",
                                            "draw-sample",
                                            "advance",
                                            "status",
                                            "audit"};

TEST(LikelyMeantTest, ALetterMissingAddedOrChangedIsOneStep) {
  EXPECT_THAT(LikelyMeant("list-case", kCommands),
              Optional(std::string("list-cases")));
  EXPECT_THAT(LikelyMeant("statuss", kCommands),
              Optional(std::string("status")));
  EXPECT_THAT(LikelyMeant("draw-sampel", kCommands),
              Optional(std::string("draw-sample")));
  EXPECT_THAT(LikelyMeant("advanse", kCommands),
              Optional(std::string("advance")));
}

TEST(LikelyMeantTest, AWordCutShortIsItsCommand) {
  EXPECT_THAT(LikelyMeant("caseload", kCommands),
              Optional(std::string("caseload-summary")));
}

TEST(LikelyMeantTest, NothingWhenNoCommandIsClose) {
  EXPECT_EQ(LikelyMeant("frobnicate", kCommands), std::nullopt);
  EXPECT_EQ(LikelyMeant("", kCommands), std::nullopt);
  // Two letters are too few to guess from.
  EXPECT_EQ(LikelyMeant("au", {"audit", "advance"}), std::nullopt);
}

TEST(LikelyMeantTest, NothingWhenTwoAreEquallyNear) {
  EXPECT_EQ(LikelyMeant("list-c", {"list-a", "list-b"}), std::nullopt);
  // One nearer than the other is named.
  EXPECT_THAT(LikelyMeant("list-c", {"list-ab", "list-c1"}),
              Optional(std::string("list-c1")));
}

// Parses `words` with a small command tree like yjinspect's.
class UnknownCommandTest : public ::testing::Test {
 protected:
  UnknownCommandTest() {
    app_.require_subcommand(1);
    app_.add_subcommand("list-cases", "");
    app_.add_subcommand("status", "");
    CLI::App* audit = app_.add_subcommand("audit", "");
    audit->require_subcommand(1);
    audit->add_subcommand("list", "");
    audit->add_subcommand("verify", "");
  }

  std::optional<std::string> Parse(std::vector<std::string> words) {
    std::reverse(words.begin(), words.end());  // CLI11 takes them reversed
    try {
      app_.parse(words);
    } catch (const CLI::ParseError&) {
      return UnknownCommandMessage(app_);
    }
    return "parsed";
  }

  CLI::App app_{"test"};
};

TEST_F(UnknownCommandTest, NamesTheTypoAndTheCommandMeant) {
  EXPECT_THAT(Parse({"list-case"}),
              Optional(std::string(
                  "unknown command 'list-case'; did you mean list-cases?")));
}

TEST_F(UnknownCommandTest, ATypoInASubcommandNamesItsParent) {
  EXPECT_THAT(Parse({"audit", "verfy"}),
              Optional(std::string("unknown command 'verfy' of 'audit'; did "
                                   "you mean verify?")));
}

TEST_F(UnknownCommandTest, ListsTheCommandsWhenNoneIsClose) {
  EXPECT_THAT(Parse({"frobnicate"}),
              Optional(std::string("unknown command 'frobnicate'; the "
                                   "commands are: list-cases, status, "
                                   "audit")));
}

TEST_F(UnknownCommandTest, NothingWhenNoCommandWasGivenAtAll) {
  EXPECT_EQ(Parse({}), std::nullopt);
}

}  // namespace
}  // namespace yjinspect::cli
