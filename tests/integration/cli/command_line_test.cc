// The `yjinspect` binary as a user and a script meet it: global options
// anywhere on the line, a mistyped command answered with the one meant,
// --version, and with --json every answer and every error one JSON object
// (errors on stderr, carrying the service's details). Real intake service
// on port 0, the real binary as a child process.

#include <fstream>
#include <regex>
#include <string>
#include <vector>

#include "absl/strings/str_join.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "nlohmann/json.hpp"
#include "tests/testing/case_builder.h"
#include "tests/testing/command_run.h"
#include "tests/testing/intake_harness.h"
#include "tests/testing/temp_dir.h"

namespace yjinspect {
namespace {

using testing::CommandResult;
using ::testing::HasSubstr;
using testing::IntakeHarness;

class CommandLineTest : public ::testing::Test {
 protected:
  // yjinspect with `words`, then the connection to the test's intake
  // service: the global options after the command, as users type them.
  CommandResult Yjinspect(std::vector<std::string> words) {
    words.insert(words.begin(), YJINSPECT_CLI);
    words.push_back("--insecure");
    words.push_back("--intake=" + intake_.address());
    return testing::RunCommand(words);
  }

  // The one JSON object `text` holds (a line and its newline).
  static nlohmann::json Json(const std::string& text) {
    nlohmann::json parsed = nlohmann::json::parse(text, nullptr, false);
    EXPECT_FALSE(parsed.is_discarded()) << text;
    return parsed;
  }

  IntakeHarness intake_{/*sync=*/false};
  testing::TempDir dir_;
};

TEST_F(CommandLineTest, GlobalOptionsWorkAfterTheCommand) {
  CommandResult summary =
      Yjinspect({"caseload-summary", "--yot=northmoor", "--json"});
  ASSERT_EQ(summary.exit_code, 0) << summary.err;
  EXPECT_EQ(Json(summary.out), (nlohmann::json{{"cases", 0}}));
  // The README's own example: a nested command, its option, then --json.
  CommandResult audit =
      Yjinspect({"audit", "list", "--service=intake",
                 "--resource=yots/northmoor/cases/NM-0001", "--json"});
  EXPECT_EQ(audit.exit_code, 0) << audit.err;
  EXPECT_THAT(audit.err, ::testing::Not(HasSubstr("not expected")));
}

// Endpoints and security from a settings file, named by --config or by
// YJINSPECT_CONFIG, instead of repeated on every command.
TEST_F(CommandLineTest, ASettingsFileHoldsTheGlobalOptions) {
  testing::TempDir dir;
  const std::string path = dir.Sub("config.toml");
  std::ofstream(path) << "intake = \"" << intake_.address()
                      << "\"\ninsecure = true\n";
  CommandResult named =
      testing::RunCommand({YJINSPECT_CLI, "--config=" + path,
                           "caseload-summary", "--yot=northmoor", "--json"});
  EXPECT_EQ(named.exit_code, 0) << named.err;
  EXPECT_EQ(Json(named.out), (nlohmann::json{{"cases", 0}}));
  CommandResult from_environment = testing::RunCommand(
      {YJINSPECT_CLI, "caseload-summary", "--yot=northmoor", "--json"},
      {"YJINSPECT_CONFIG=" + path});
  EXPECT_EQ(from_environment.exit_code, 0) << from_environment.err;

  // A misspelt key is an error, not a setting silently ignored.
  std::ofstream(path) << "intak = \"" << intake_.address() << "\"\n";
  CommandResult misspelt =
      testing::RunCommand({YJINSPECT_CLI, "--config=" + path,
                           "caseload-summary", "--yot=northmoor"});
  EXPECT_EQ(misspelt.exit_code, 2);
  EXPECT_THAT(misspelt.err, HasSubstr("intak"));
  // So is a YJINSPECT_CONFIG naming no file.
  CommandResult missing = testing::RunCommand(
      {YJINSPECT_CLI, "caseload-summary", "--yot=northmoor", "--json"},
      {"YJINSPECT_CONFIG=" + dir.Sub("none.toml")});
  EXPECT_EQ(missing.exit_code, 2);
  EXPECT_THAT(Json(missing.err)["error"]["message"].get<std::string>(),
              HasSubstr("none.toml, which cannot be read"));
}

TEST_F(CommandLineTest, AMistypedCommandIsAnsweredWithTheOneMeant) {
  CommandResult typo = Yjinspect({"list-case", "--yot=northmoor"});
  EXPECT_EQ(typo.exit_code, 2);
  EXPECT_THAT(typo.err, HasSubstr("unknown command 'list-case'; did you mean "
                                  "list-cases?"));
  CommandResult nested = Yjinspect({"audit", "lsit"});
  EXPECT_EQ(nested.exit_code, 2);
  EXPECT_THAT(nested.err, HasSubstr("unknown command 'lsit' of 'audit'; did "
                                    "you mean list?"));
  CommandResult far = Yjinspect({"frobnicate"});
  EXPECT_EQ(far.exit_code, 2);
  EXPECT_THAT(far.err, HasSubstr("the commands are: "));
  EXPECT_THAT(far.err, HasSubstr("list-cases"));
}

TEST_F(CommandLineTest, VersionPrintsTheRelease) {
  CommandResult version = testing::RunCommand({YJINSPECT_CLI, "--version"});
  EXPECT_EQ(version.exit_code, 0);
  // As the services say theirs.
  EXPECT_EQ(version.out, std::string("yjinspect ") + YJ_VERSION + "\n");
}

// Every command stands under a heading: one left in "Other commands" was
// added without a place in cli/command_groups.cc.
TEST_F(CommandLineTest, HelpGroupsEveryCommandByThePartItServes) {
  CommandResult help = testing::RunCommand({YJINSPECT_CLI, "--help"});
  EXPECT_EQ(help.exit_code, 0);
  for (const char* heading :
       {"Cases:", "Inspections:", "Judgements and reports:", "YJB exchange:",
        "Operating the services:"}) {
    EXPECT_THAT(help.out, HasSubstr(std::string("\n") + heading + "\n"));
  }
  EXPECT_THAT(help.out, ::testing::Not(HasSubstr("Other commands")));
}

// Each command's --help ends with a command line to copy; the commands are
// read from `yjinspect --help`, so a new one without an example fails here.
TEST_F(CommandLineTest, EveryCommandsHelpShowsAnExample) {
  CommandResult help = testing::RunCommand({YJINSPECT_CLI, "--help"});
  ASSERT_EQ(help.exit_code, 0);
  std::vector<std::vector<std::string>> commands = {{"audit", "list"},
                                                    {"audit", "verify"}};
  const std::regex listed("\n  ([a-z][a-z-]+) ");
  for (std::sregex_iterator it(help.out.begin(), help.out.end(), listed), end;
       it != end; ++it) {
    commands.push_back({(*it)[1]});
  }
  ASSERT_GE(commands.size(), 25u) << help.out;
  for (const std::vector<std::string>& command : commands) {
    std::vector<std::string> words = {YJINSPECT_CLI};
    words.insert(words.end(), command.begin(), command.end());
    words.push_back("--help");
    CommandResult own = testing::RunCommand(words);
    EXPECT_EQ(own.exit_code, 0);
    EXPECT_THAT(own.out, HasSubstr("Example:\n  yjinspect " +
                                   absl::StrJoin(command, " ") + " "))
        << absl::StrJoin(command, " ");
  }
}

TEST_F(CommandLineTest, WithJsonAUsageErrorIsAJsonObjectOnStderr) {
  CommandResult typo = Yjinspect({"list-case", "--json"});
  EXPECT_EQ(typo.exit_code, 2);
  EXPECT_TRUE(typo.out.empty());
  nlohmann::json error = Json(typo.err)["error"];
  EXPECT_EQ(error["exit_code"], 2);
  EXPECT_EQ(error["status"], "USAGE");
  EXPECT_THAT(error["message"].get<std::string>(),
              HasSubstr("did you mean list-cases?"));
}

// Usage errors found after parsing (a bad date, no certificate) are JSON
// too: --json is known by then.
TEST_F(CommandLineTest, WithJsonALaterUsageErrorIsJsonToo) {
  CommandResult date =
      Yjinspect({"create-inspection", "--id=nm-2014", "--yot=northmoor",
                 "--announced=2014-13-45", "--fieldwork-start=2015-01-12",
                 "--fieldwork-end=2015-01-14", "--json"});
  EXPECT_EQ(date.exit_code, 2);
  nlohmann::json bad_date = Json(date.err)["error"];
  EXPECT_EQ(bad_date["status"], "USAGE");
  EXPECT_EQ(bad_date["message"], "dates must be YYYY-MM-DD, got '2014-13-45'");

  CommandResult no_certificate =
      testing::RunCommand({YJINSPECT_CLI, "show-inspection", "nm-2014",
                           "--json", "--intake=" + intake_.address()});
  EXPECT_EQ(no_certificate.exit_code, 2);
  nlohmann::json missing = Json(no_certificate.err)["error"];
  EXPECT_EQ(missing["status"], "USAGE");
  EXPECT_THAT(missing["message"].get<std::string>(), HasSubstr("--insecure"));
}

TEST_F(CommandLineTest, WithJsonARefusalCarriesCodeStatusAndDetails) {
  CommandResult missing =
      Yjinspect({"show-inspection", "no-such-inspection", "--json"});
  EXPECT_EQ(missing.exit_code, 3);
  EXPECT_TRUE(missing.out.empty());
  nlohmann::json not_found = Json(missing.err)["error"];
  EXPECT_EQ(not_found["code"], 5);
  EXPECT_EQ(not_found["status"], "NOT_FOUND");
  EXPECT_EQ(not_found["exit_code"], 3);
  EXPECT_THAT(not_found["message"].get<std::string>(),
              HasSubstr("no-such-inspection"));
  EXPECT_EQ(not_found["details"], nlohmann::json::array());

  // An invalid name: the service's field violations come through as the
  // google.rpc.BadRequest detail, in protobuf's JSON mapping.
  CommandResult invalid =
      Yjinspect({"show-inspection", "Not A Name!", "--json"});
  EXPECT_EQ(invalid.exit_code, 3);
  nlohmann::json bad = Json(invalid.err)["error"];
  EXPECT_EQ(bad["status"], "INVALID_ARGUMENT");
  ASSERT_EQ(bad["details"].size(), 1u) << invalid.err;
  EXPECT_EQ(bad["details"][0]["@type"],
            "type.googleapis.com/google.rpc.BadRequest");
  ASSERT_FALSE(bad["details"][0]["field_violations"].empty());
  EXPECT_EQ(bad["details"][0]["field_violations"][0]["field"], "name");
}

TEST_F(CommandLineTest, WithoutJsonARefusalIsReadableText) {
  CommandResult missing = Yjinspect({"show-inspection", "no-such-inspection"});
  EXPECT_EQ(missing.exit_code, 3);
  EXPECT_THAT(missing.err, HasSubstr("error: NOT_FOUND: "));
  EXPECT_TRUE(
      nlohmann::json::parse(missing.err, nullptr, false).is_discarded());
}

// The commands on single records: show, update and erase a case, list
// inspections, reset a sample.
TEST_F(CommandLineTest, ACaseIsShownUpdatedThenErased) {
  v1::Case stored;
  ASSERT_TRUE(
      intake_.stub()
          .CreateCase(IntakeHarness::Context().get(),
                      testing::ValidCreateCaseRequest("northmoor", "NM-0001"),
                      &stored)
          .ok());
  const std::string name = "yots/northmoor/cases/NM-0001";
  CommandResult shown = Yjinspect({"show-case", name, "--json"});
  ASSERT_EQ(shown.exit_code, 0) << shown.err;
  EXPECT_EQ(Json(shown.out)["name"], name);
  EXPECT_EQ(Json(shown.out)["etag"], stored.etag());
  CommandResult text = Yjinspect({"show-case", name});
  EXPECT_THAT(text.out, HasSubstr("name: \"" + name + "\""));

  v1::Case corrected = stored;
  corrected.set_yot_display_name("Northmoor YJS (renamed)");
  const std::string file = dir_.path() + "/NM-0001.textproto";
  {
    std::ofstream out(file);
    out << corrected.DebugString();
  }
  CommandResult updated = Yjinspect({"update-case", name, "--file=" + file,
                                     "--etag=" + stored.etag(), "--json"});
  ASSERT_EQ(updated.exit_code, 0) << updated.err;
  EXPECT_EQ(Json(updated.out)["yot_display_name"], "Northmoor YJS (renamed)");
  EXPECT_NE(Json(updated.out)["etag"], stored.etag());
  // The etag read before the update is stale now.
  CommandResult stale = Yjinspect({"update-case", name, "--file=" + file,
                                   "--etag=" + stored.etag(), "--json"});
  EXPECT_EQ(stale.exit_code, 3);
  EXPECT_EQ(Json(stale.err)["error"]["status"], "ABORTED");

  CommandResult erased = Yjinspect(
      {"erase-case", name, "--reason=retention period ended", "--json"});
  ASSERT_EQ(erased.exit_code, 0) << erased.err;
  EXPECT_EQ(Json(erased.out),
            (nlohmann::json{{"name", name}, {"erased", true}}));
  CommandResult gone = Yjinspect({"show-case", name, "--json"});
  EXPECT_EQ(gone.exit_code, 3);
  EXPECT_EQ(Json(gone.err)["error"]["status"], "NOT_FOUND");
}

TEST_F(CommandLineTest, InspectionsAreListedAndASampleIsReset) {
  v1::CreateCaseRequest eligible =
      testing::ValidCreateCaseRequest("northmoor", "NM-0001");
  *eligible.mutable_case_()->mutable_disposal()->mutable_start_date() =
      testing::MakeDate(2014, 10, 1);
  *eligible.mutable_case_()->mutable_disposal()->mutable_end_date() =
      testing::MakeDate(2015, 6, 1);
  eligible.mutable_case_()->clear_pre_sentence_report_date();
  v1::Case stored;
  ASSERT_TRUE(intake_.stub()
                  .CreateCase(IntakeHarness::Context().get(), eligible, &stored)
                  .ok());
  v1::Inspection inspection;
  ASSERT_TRUE(intake_.stub()
                  .CreateInspection(IntakeHarness::Context().get(),
                                    testing::ValidCreateInspectionRequest(
                                        "nm-2014", "northmoor"),
                                    &inspection)
                  .ok());

  CommandResult listed = Yjinspect({"list-inspections", "--yot=northmoor"});
  ASSERT_EQ(listed.exit_code, 0) << listed.err;
  EXPECT_THAT(listed.out, HasSubstr("inspections/nm-2014  yots/northmoor"));
  CommandResult elsewhere =
      Yjinspect({"list-inspections", "--yot=elsewhere", "--json"});
  ASSERT_EQ(elsewhere.exit_code, 0) << elsewhere.err;
  EXPECT_EQ(elsewhere.out, "");

  v1::DrawSampleRequest draw;
  draw.set_name("inspections/nm-2014");
  draw.set_seed(7);
  ASSERT_TRUE(intake_.stub()
                  .DrawSample(IntakeHarness::Context().get(), draw, &inspection)
                  .ok());
  CommandResult too_short =
      Yjinspect({"reset-sample", "nm-2014", "--reason=why", "--json"});
  EXPECT_EQ(too_short.exit_code, 3);
  EXPECT_EQ(
      Json(
          too_short.err)["error"]["details"][0]["field_violations"][0]["field"],
      "reason");
  CommandResult reset = Yjinspect(
      {"reset-sample", "nm-2014",
       "--reason=a sampled case was found to be ineligible", "--json"});
  ASSERT_EQ(reset.exit_code, 0) << reset.err;
  nlohmann::json after = Json(reset.out);
  EXPECT_EQ(after["state"], "INSPECTION_STATE_CASELOAD_RECEIVED");
  EXPECT_EQ(after["sample_resets"][0]["reason"],
            "a sampled case was found to be ineligible");
}

// The frameworks from the Frameworks service: intake serves it as findings
// does, so the test's intake stands in for findings here.
TEST_F(CommandLineTest, FrameworksAreListedAndShown) {
  const std::string findings = "--findings=" + intake_.address();
  CommandResult listed =
      Yjinspect({"list-frameworks", "--framework=sqs-2014", findings});
  ASSERT_EQ(listed.exit_code, 0) << listed.err;
  EXPECT_EQ(listed.out,
            "frameworks/sqs-2014/versions/1  Short Quality Screening of youth "
            "offending work (2014)  (superseded by version 2)\n"
            "frameworks/sqs-2014/versions/2  Short Quality Screening of youth "
            "offending work (2014)  (newest)\n");

  // An id alone is its newest version.
  CommandResult shown = Yjinspect({"show-framework", "sqs-2014", findings});
  ASSERT_EQ(shown.exit_code, 0) << shown.err;
  EXPECT_THAT(shown.out,
              ::testing::StartsWith("frameworks/sqs-2014/versions/2  "));
  CommandResult json = Yjinspect({"show-framework", "sqs-2014",
                                  "--framework-version=1", "--json", findings});
  ASSERT_EQ(json.exit_code, 0) << json.err;
  EXPECT_EQ(Json(json.out)["framework"]["version"], "1");
  EXPECT_EQ(Json(json.out)["superseded"]["by_version"], "2");
  EXPECT_FALSE(Json(json.out)["framework"]["sections"].empty());

  CommandResult unknown =
      Yjinspect({"show-framework", "no-such-framework", "--json", findings});
  EXPECT_EQ(unknown.exit_code, 3);
  EXPECT_EQ(Json(unknown.err)["error"]["status"], "NOT_FOUND");
}

}  // namespace
}  // namespace yjinspect
