// The command line's judgement commands as an inspector meets them:
// list-findings and judgement-history against real intake and findings
// services (the findings fixture's sampled caseload), the real binary as a
// child process.

#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "nlohmann/json.hpp"
#include "tests/integration/cli/cli_findings_fixture.h"
#include "tests/testing/command_run.h"

namespace yjinspect {
namespace {

using testing::CommandResult;
using ::testing::HasSubstr;

using FindingsCommandsTest = CliFindingsTest;

TEST_F(FindingsCommandsTest, ListFindingsShowsEachJudgedCase) {
  ASSERT_TRUE(Record(ValidRecording(caseload_.sampled[0])).ok());
  ASSERT_TRUE(Record(ValidRecording(caseload_.sampled[1])).ok());
  CommandResult listed = Yjinspect({"list-findings", inspection(), "--json"});
  ASSERT_EQ(listed.exit_code, 0) << listed.err;
  std::vector<std::string> names;
  for (const auto& line : JsonLines(listed.out)) {
    names.push_back(line["name"].get<std::string>());
  }
  EXPECT_THAT(names, ::testing::UnorderedElementsAre(
                         FindingsName(caseload_.sampled[0]),
                         FindingsName(caseload_.sampled[1])));
  CommandResult text = Yjinspect({"list-findings", inspection()});
  EXPECT_THAT(text.out, HasSubstr(FindingsName(caseload_.sampled[0]) +
                                  "  revision 1 by INSP-01  3 answers\n"));
}

TEST_F(FindingsCommandsTest, JudgementHistoryShowsEveryChangeOldestFirst) {
  const std::string& judged = caseload_.sampled[2];
  auto recorded = RecordTwoRevisions(judged, Answer("1.1", "no"));
  ASSERT_TRUE(recorded.ok()) << recorded.status();

  CommandResult history =
      Yjinspect({"judgement-history", FindingsName(judged), "--json"});
  ASSERT_EQ(history.exit_code, 0) << history.err;
  std::vector<nlohmann::json> revisions = JsonLines(history.out);
  ASSERT_EQ(revisions.size(), 2u);
  EXPECT_EQ(revisions[0]["revision"], "1");  // int64 is a string in JSON
  EXPECT_EQ(revisions[1]["revision"], "2");
  EXPECT_EQ(revisions[1]["inspector_reference"], "INSP-02");
  CommandResult text = Yjinspect({"judgement-history", FindingsName(judged)});
  EXPECT_THAT(text.out, HasSubstr("by INSP-02  1.1=no\n"));

  CommandResult unknown = Yjinspect(
      {"judgement-history", inspection() + "/caseFindings/NOPE-1", "--json"});
  EXPECT_EQ(unknown.exit_code, 3) << unknown.err;
}

}  // namespace
}  // namespace yjinspect
