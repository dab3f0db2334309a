// The JSON log lines: one object per line with time, level, service and
// message; call fields as members; text escaped whatever it holds; the
// thread's request id on every line logged while it is current.

#include "common/telemetry/logging.h"

#include <string>

#include "common/request_id.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/testing/captured_log.h"

namespace yjinspect::common {
namespace {

using ::testing::HasSubstr;
using ::testing::MatchesRegex;
using ::testing::SizeIs;

TEST(JsonLogTest, PlainLineHasTimeLevelServiceAndMessage) {
  testing::CapturedLog log;
  spdlog::info("serving on {}", "127.0.0.1:1");
  auto lines = log.Lines();
  ASSERT_THAT(lines, SizeIs(1));
  EXPECT_EQ(lines[0]["level"], "info");
  EXPECT_EQ(lines[0]["service"], "test");
  EXPECT_EQ(lines[0]["message"], "serving on 127.0.0.1:1");
  EXPECT_THAT(lines[0]["time"].get<std::string>(),
              MatchesRegex("[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{"
                           "2}\\.[0-9]{6}Z"));
  EXPECT_FALSE(lines[0].contains("request_id"));
}

TEST(JsonLogTest, EventFieldsBecomeMembersInOrder) {
  testing::CapturedLog log;
  LogEvent(spdlog::level::info, "GetCase NOT_FOUND",
           LogFields()
               .Add("service", "intake")
               .Add("method", "GetCase")
               .Add("code", "NOT_FOUND")
               .Add("duration_ms", 1.5)
               .Add("sequence", uint64_t{7}));
  const std::string text = log.Text();
  EXPECT_THAT(text, HasSubstr("\"service\":\"intake\",\"message\":\"GetCase "
                              "NOT_FOUND\",\"method\":\"GetCase\""));
  auto lines = log.Lines();
  ASSERT_THAT(lines, SizeIs(1));
  EXPECT_EQ(lines[0]["duration_ms"], 1.5);
  EXPECT_EQ(lines[0]["sequence"], 7);
}

TEST(JsonLogTest, QuotesNewlinesAndBadUtf8StayInsideOneLine) {
  testing::CapturedLog log;
  spdlog::warn("a \"quoted\"\nsecond line \xff end");
  const std::string text = log.Text();
  EXPECT_EQ(text.find('\n'), text.size() - 1) << text;
  auto lines = log.Lines();
  ASSERT_THAT(lines, SizeIs(1));
  EXPECT_THAT(lines[0]["message"].get<std::string>(),
              HasSubstr("\"quoted\"\nsecond line"));
}

TEST(JsonLogTest, LinesCarryTheCurrentRequestId) {
  testing::CapturedLog log;
  {
    RequestIdScope scope("req-42");
    spdlog::info("inside");
    EXPECT_EQ(CurrentRequestId(), "req-42");
  }
  spdlog::info("outside");
  auto lines = log.Lines();
  ASSERT_THAT(lines, SizeIs(2));
  EXPECT_EQ(lines[0]["request_id"], "req-42");
  EXPECT_FALSE(lines[1].contains("request_id"));
}

TEST(JsonLogTest, LevelFiltersEvents) {
  testing::CapturedLog log(spdlog::level::info);
  LogEvent(spdlog::level::debug, "GetCase OK", LogFields());
  EXPECT_EQ(log.Text(), "");
}

TEST(RequestIdTest, NewIdsAreHexAndDistinct) {
  const std::string a = NewRequestId();
  const std::string b = NewRequestId();
  EXPECT_THAT(a, MatchesRegex("[0-9a-f]{32}"));
  EXPECT_NE(a, b);
}

TEST(RequestIdTest, ScopesNest) {
  RequestIdScope outer("outer");
  {
    RequestIdScope inner("inner");
    EXPECT_EQ(CurrentRequestId(), "inner");
  }
  EXPECT_EQ(CurrentRequestId(), "outer");
}

}  // namespace
}  // namespace yjinspect::common
