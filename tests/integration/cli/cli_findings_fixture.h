#pragma once

// The fixture of the tests that run the real yjinspect binary, as a child
// process, against the findings fixture's intake and findings servers
// (a sampled caseload, findings caught up).

#include <sstream>
#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "nlohmann/json.hpp"
#include "tests/integration/findings_fixture.h"
#include "tests/testing/command_run.h"

namespace yjinspect {

class CliFindingsTest : public FindingsTest {
 protected:
  // yjinspect `words` --insecure, pointed at this test's servers.
  testing::CommandResult Yjinspect(std::vector<std::string> words) {
    words.insert(words.begin(), YJINSPECT_CLI);
    words.push_back("--insecure");
    words.push_back("--intake=" + intake_.address());
    words.push_back("--findings=" + findings_.address());
    return testing::RunCommand(words);
  }

  // Each line of `text` as JSON.
  static std::vector<nlohmann::json> JsonLines(const std::string& text) {
    std::vector<nlohmann::json> lines;
    std::istringstream in(text);
    for (std::string line; std::getline(in, line);) {
      lines.push_back(nlohmann::json::parse(line, nullptr, false));
      EXPECT_FALSE(lines.back().is_discarded()) << line;
    }
    return lines;
  }
};

}  // namespace yjinspect
