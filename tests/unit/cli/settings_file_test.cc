// Which settings file the command line reads, and how CLI11 reads it: keys
// are the global options' long names, the command line wins, and a key
// that names no option is an error.

#include "cli/settings_file.h"

#include <algorithm>
#include <fstream>
#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/testing/temp_dir.h"

namespace yjinspect::cli {
namespace {

using ::testing::HasSubstr;

TEST(DefaultSettingsFileTest, YjinspectConfigFirstThenXdgThenHome) {
  SettingsFile named = DefaultSettingsFile("/etc/yj.toml", "/x", "/home/a");
  EXPECT_EQ(named.path, "/etc/yj.toml");
  EXPECT_TRUE(named.from_environment);
  SettingsFile xdg = DefaultSettingsFile(nullptr, "/x", "/home/a");
  EXPECT_EQ(xdg.path, "/x/yjinspect/config.toml");
  EXPECT_FALSE(xdg.from_environment);
  EXPECT_EQ(DefaultSettingsFile("", "", "/home/a").path,
            "/home/a/.config/yjinspect/config.toml");
  EXPECT_EQ(DefaultSettingsFile(nullptr, nullptr, nullptr).path, "");
}

TEST(CheckSettingsFileTest, OnlyAFileNamedByTheEnvironmentMustExist) {
  testing::TempDir dir;
  EXPECT_TRUE(CheckSettingsFile({dir.Sub("absent.toml"), false}).ok());
  absl::Status missing = CheckSettingsFile({dir.Sub("absent.toml"), true});
  EXPECT_EQ(missing.code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_THAT(missing.message(),
              HasSubstr("absent.toml, which cannot be read"));
  std::ofstream(dir.Sub("present.toml")) << "\n";
  EXPECT_TRUE(CheckSettingsFile({dir.Sub("present.toml"), true}).ok());
}

// An app with two global options like yjinspect's, reading `settings`.
class SettingsFileTest : public ::testing::Test {
 protected:
  SettingsFileTest() : path_(dir_.Sub("config.toml")) {
    AddSettingsFile(app_, {path_, false});
    app_.add_option("--intake", intake_);
    app_.add_option("--cert,--tls_cert", cert_);
    app_.add_subcommand("status", "");
  }

  void Write(const std::string& text) { std::ofstream(path_) << text; }

  void Parse(std::vector<std::string> words) {
    std::reverse(words.begin(), words.end());  // CLI11 takes them reversed
    app_.parse(words);
  }

  testing::TempDir dir_;
  std::string path_;
  CLI::App app_{"test"};
  std::string intake_ = "127.0.0.1:50051";
  std::string cert_;
};

TEST_F(SettingsFileTest, TheDefaultFileSetsOptionsByAnyOfTheirLongNames) {
  Write("intake = \"intake.example.org:50051\"\ntls_cert = \"/certs/a.pem\"\n");
  Parse({"status"});
  EXPECT_EQ(intake_, "intake.example.org:50051");
  EXPECT_EQ(cert_, "/certs/a.pem");
}

TEST_F(SettingsFileTest, TheCommandLineWinsOverTheFile) {
  Write("intake = \"intake.example.org:50051\"\n");
  Parse({"--intake=127.0.0.1:6000", "status"});
  EXPECT_EQ(intake_, "127.0.0.1:6000");
}

TEST_F(SettingsFileTest, AMissingDefaultFileChangesNothing) {
  Parse({"status"});
  EXPECT_EQ(intake_, "127.0.0.1:50051");
}

TEST_F(SettingsFileTest, AKeyNamingNoOptionIsAnError) {
  Write("intak = \"intake.example.org:50051\"\n");
  EXPECT_THROW(Parse({"status"}), CLI::ParseError);
}

TEST_F(SettingsFileTest, AFileNamedOnTheCommandLineMustExist) {
  EXPECT_THROW(Parse({"--config=" + dir_.Sub("absent.toml"), "status"}),
               CLI::ParseError);
}

}  // namespace
}  // namespace yjinspect::cli
