// common/host/flag_environment.h: flags take YJINSPECT_ variables as values,
// and the command line still wins.

#include "common/host/flag_environment.h"

#include <string>
#include <utility>
#include <vector>

#include "absl/flags/flag.h"
#include "absl/flags/parse.h"
#include "absl/flags/reflection.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

ABSL_FLAG(std::string, yj_test_store, "built-in",
          "a string flag to configure from the environment");
ABSL_FLAG(int, yj_test_grace_seconds, 10,
          "an integer flag to configure from the environment");

namespace yjinspect::common {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;

// An environment as `environ` holds it: "NAME=value" strings, null ended.
class Environment {
 public:
  explicit Environment(std::vector<std::string> entries)
      : entries_(std::move(entries)) {
    for (const std::string& entry : entries_) pointers_.push_back(entry.data());
    pointers_.push_back(nullptr);
  }
  const char* const* get() const { return pointers_.data(); }

 private:
  std::vector<std::string> entries_;
  std::vector<const char*> pointers_;
};

class FlagEnvironmentTest : public ::testing::Test {
 private:
  absl::FlagSaver saver_;  // every test starts from the built-in defaults
};

TEST(FlagEnvironmentNameTest, IsPrefixedUpperCaseFlagName) {
  EXPECT_EQ(FlagEnvironmentName("data_dir"), "YJINSPECT_DATA_DIR");
  EXPECT_EQ(FlagEnvironmentName("tls_ca"), "YJINSPECT_TLS_CA");
}

TEST_F(FlagEnvironmentTest, VariableSetsItsFlag) {
  Environment env({"YJINSPECT_YJ_TEST_STORE=/var/lib/yjinspect/intake",
                   "YJINSPECT_YJ_TEST_GRACE_SECONDS=25"});
  auto result = DefaultFlagsFromEnvironment(env.get());
  ASSERT_TRUE(result.ok()) << result.status();
  EXPECT_EQ(absl::GetFlag(FLAGS_yj_test_store), "/var/lib/yjinspect/intake");
  EXPECT_EQ(absl::GetFlag(FLAGS_yj_test_grace_seconds), 25);
  EXPECT_THAT(result->applied, ElementsAre("YJINSPECT_YJ_TEST_STORE",
                                           "YJINSPECT_YJ_TEST_GRACE_SECONDS"));
  EXPECT_THAT(result->unknown, IsEmpty());
}

TEST_F(FlagEnvironmentTest, NoVariableKeepsBuiltInDefault) {
  Environment env({"PATH=/usr/bin", "HOME=/root"});
  auto result = DefaultFlagsFromEnvironment(env.get());
  ASSERT_TRUE(result.ok()) << result.status();
  EXPECT_EQ(absl::GetFlag(FLAGS_yj_test_store), "built-in");
  EXPECT_EQ(absl::GetFlag(FLAGS_yj_test_grace_seconds), 10);
  EXPECT_THAT(result->applied, IsEmpty());
  EXPECT_THAT(result->unknown, IsEmpty());
}

TEST_F(FlagEnvironmentTest, EmptyValueSetsEmptyString) {
  Environment env({"YJINSPECT_YJ_TEST_STORE="});
  ASSERT_TRUE(DefaultFlagsFromEnvironment(env.get()).ok());
  EXPECT_EQ(absl::GetFlag(FLAGS_yj_test_store), "");
}

TEST_F(FlagEnvironmentTest, ValueThatDoesNotParseIsRefusedNamingVariable) {
  Environment env({"YJINSPECT_YJ_TEST_GRACE_SECONDS=ten"});
  auto result = DefaultFlagsFromEnvironment(env.get());
  ASSERT_EQ(result.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(std::string(result.status().message()),
              HasSubstr("YJINSPECT_YJ_TEST_GRACE_SECONDS"));
  EXPECT_THAT(std::string(result.status().message()),
              HasSubstr("--yj_test_grace_seconds"));
  EXPECT_EQ(absl::GetFlag(FLAGS_yj_test_grace_seconds), 10);
}

TEST_F(FlagEnvironmentTest, VariableNamingNoFlagIsReportedUnknown) {
  Environment env(
      {"YJINSPECT_YJ_TEST_STOER=/typo", "YJINSPECT_yj_test_store=/lower-case"});
  auto result = DefaultFlagsFromEnvironment(env.get());
  ASSERT_TRUE(result.ok()) << result.status();
  EXPECT_EQ(absl::GetFlag(FLAGS_yj_test_store), "built-in");
  EXPECT_THAT(result->unknown, ElementsAre("YJINSPECT_YJ_TEST_STOER",
                                           "YJINSPECT_yj_test_store"));
}

TEST_F(FlagEnvironmentTest, AbseilOwnFlagsCannotBeSetFromEnvironment) {
  // YJINSPECT_HELPFULL must not turn a service start into a help page, nor
  // YJINSPECT_FLAGFILE read another configuration.
  Environment env({"YJINSPECT_HELPFULL=true", "YJINSPECT_FLAGFILE=/etc/x"});
  auto result = DefaultFlagsFromEnvironment(env.get());
  ASSERT_TRUE(result.ok()) << result.status();
  EXPECT_THAT(result->applied, IsEmpty());
  EXPECT_THAT(result->unknown,
              ElementsAre("YJINSPECT_HELPFULL", "YJINSPECT_FLAGFILE"));
}

TEST_F(FlagEnvironmentTest, CommandLineWinsOverEnvironment) {
  Environment env({"YJINSPECT_YJ_TEST_STORE=/from/environment",
                   "YJINSPECT_YJ_TEST_GRACE_SECONDS=25"});
  ASSERT_TRUE(DefaultFlagsFromEnvironment(env.get()).ok());
  std::vector<std::string> args = {"flag_environment_test",
                                   "--yj_test_store=/from/command/line"};
  std::vector<char*> argv;
  for (std::string& arg : args) argv.push_back(arg.data());
  absl::ParseCommandLine(static_cast<int>(argv.size()), argv.data());
  EXPECT_EQ(absl::GetFlag(FLAGS_yj_test_store), "/from/command/line");
  // Not on the command line: the environment's value stays.
  EXPECT_EQ(absl::GetFlag(FLAGS_yj_test_grace_seconds), 25);
}

}  // namespace
}  // namespace yjinspect::common
