// The logs of the Bolton run (examples/bolton-sqs-2014.run.textproto through
// both services, as `yjinspect run` does) hold no case content: not one of
// the fixture's free-text values (offence descriptions, evidence notes,
// interview answers, report wording, child and case manager references ...)
// appears in them. The same logs show each call's method and request id,
// and the request ids that cross from one service to the other: the
// sample's changes applied at findings under the DrawSample call's id, and
// intake's StartFieldwork under the id of the findings call that caused it.

#include <set>
#include <string>
#include <vector>

#include "cli/inspection_run.h"
#include "gtest/gtest.h"
#include "nlohmann/json.hpp"
#include "tests/testing/captured_log.h"
#include "tests/testing/findings_harness.h"
#include "tests/testing/intake_harness.h"
#include "tests/testing/recorded_run.h"

#ifndef YJ_SOURCE_DIR
#error \
    "YJ_SOURCE_DIR must name the source tree (set in tests/observability.cmake)"
#endif

namespace yjinspect {
namespace {

constexpr char kSpecPath[] =
    YJ_SOURCE_DIR "/examples/bolton-sqs-2014.run.textproto";

// Fields that hold names and codes the logs may show (resource names and
// the ids inside them, framework and criterion ids, answers such as "yes"),
// not free text about a child.
const std::set<std::string>& IdentifierFields() {
  static const auto* fields = new std::set<std::string>{
      "name", "parent", "inspection", "inspection_id", "case", "case_id", "yot",
      "id", "named_cases", "cases", "criterion_id",
      // Criterion ids such as "1.11": a logged duration can hold them.
      "criterion_ids", "framework_id", "framework_version", "version",
      "interview_id", "request_id", "etag", "answer", "scale", "code"};
  return *fields;
}

// Every string value under `message` outside IdentifierFields(), at least
// `min_length` characters long (shorter ones match by chance).
void CollectFreeText(const google::protobuf::Message& message,
                     size_t min_length, std::set<std::string>* out) {
  const auto* reflection = message.GetReflection();
  std::vector<const google::protobuf::FieldDescriptor*> fields;
  reflection->ListFields(message, &fields);
  for (const auto* field : fields) {
    using google::protobuf::FieldDescriptor;
    if (field->cpp_type() == FieldDescriptor::CPPTYPE_MESSAGE) {
      if (field->is_repeated()) {
        for (int i = 0; i < reflection->FieldSize(message, field); ++i) {
          CollectFreeText(reflection->GetRepeatedMessage(message, field, i),
                          min_length, out);
        }
      } else {
        CollectFreeText(reflection->GetMessage(message, field), min_length,
                        out);
      }
      continue;
    }
    if (field->cpp_type() != FieldDescriptor::CPPTYPE_STRING ||
        IdentifierFields().count(field->name()) > 0) {
      continue;
    }
    std::vector<std::string> values;
    if (field->is_repeated()) {
      for (int i = 0; i < reflection->FieldSize(message, field); ++i) {
        values.push_back(reflection->GetRepeatedString(message, field, i));
      }
    } else {
      values.push_back(reflection->GetString(message, field));
    }
    for (std::string& value : values) {
      if (value.size() >= min_length) out->insert(std::move(value));
    }
  }
}

// The Bolton run with every log line of both services captured at debug
// level (successful calls included).
struct LoggedBoltonRun : testing::RecordedRun {
  testing::CapturedLog log{spdlog::level::debug};

  LoggedBoltonRun() {
    Read(kSpecPath);
    testing::IntakeHarness intake(/*sync=*/false);
    testing::FindingsHarness findings(intake.address(), /*sync=*/false);
    outcome = RunAgainst(intake, findings);
    // The harnesses stop here, so their last lines are in the log too.
  }
};

class LogPrivacyTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { run_ = new LoggedBoltonRun(); }
  static void TearDownTestSuite() {
    delete run_;
    run_ = nullptr;
  }

  void SetUp() override { ASSERT_TRUE(run_->Succeeded()); }

  // The call lines (those with a method) of one service.
  static std::vector<nlohmann::json> CallLines(const std::string& service) {
    std::vector<nlohmann::json> out;
    for (const nlohmann::json& line : run_->log.Lines()) {
      if (line.value("service", "") == service && line.contains("method")) {
        out.push_back(line);
      }
    }
    return out;
  }

  static std::set<std::string> RequestIdsOf(const std::string& service,
                                            const std::string& method) {
    std::set<std::string> ids;
    for (const nlohmann::json& line : CallLines(service)) {
      if (line.value("method", "") == method) {
        ids.insert(line.value("request_id", ""));
      }
    }
    return ids;
  }

  static LoggedBoltonRun* run_;
};

LoggedBoltonRun* LogPrivacyTest::run_ = nullptr;

TEST_F(LogPrivacyTest, NoFreeTextOfTheFixtureIsLogged) {
  std::set<std::string> free_text;
  CollectFreeText(*run_->spec, 4, &free_text);
  // The fixture's kinds of free text are all in the search.
  ASSERT_GE(free_text.size(), 50u);
  RecordProperty("free_text_values", static_cast<int>(free_text.size()));
  const std::string log = run_->log.Text();
  ASSERT_GT(log.size(), 10000u);
  for (const std::string& value : free_text) {
    // As written, and as JSON escapes it inside a log line.
    const std::string escaped = nlohmann::json(value).dump();
    EXPECT_EQ(log.find(value), std::string::npos)
        << "the log holds fixture text: " << value;
    EXPECT_EQ(log.find(escaped.substr(1, escaped.size() - 2)),
              std::string::npos)
        << "the log holds fixture text: " << value;
  }
}

TEST_F(LogPrivacyTest, EveryCallLineHasMethodCodeAndRequestId) {
  const auto intake = CallLines("intake");
  const auto findings = CallLines("findings");
  ASSERT_GE(intake.size(), 5u);
  ASSERT_GE(findings.size(), 20u);
  for (const auto* lines : {&intake, &findings}) {
    for (const nlohmann::json& line : *lines) {
      EXPECT_FALSE(line.value("request_id", "").empty()) << line.dump();
      EXPECT_TRUE(line.contains("time")) << line.dump();
      EXPECT_TRUE(line.contains("level")) << line.dump();
    }
  }
  EXPECT_FALSE(RequestIdsOf("intake", "BatchCreateCases").empty());
  EXPECT_FALSE(RequestIdsOf("findings", "RecordJudgements").empty());
  EXPECT_FALSE(RequestIdsOf("findings", "RenderReport").empty());
}

TEST_F(LogPrivacyTest, SampledCasesReachFindingsUnderTheDrawsRequestId) {
  const std::set<std::string> draws = RequestIdsOf("intake", "DrawSample");
  ASSERT_FALSE(draws.empty());
  int applied_under_draw = 0;
  for (const nlohmann::json& line : CallLines("findings")) {
    if (line.value("message", "") == "applied change" &&
        line.value("kind", "") == "case_sampled") {
      EXPECT_EQ(draws.count(line.value("request_id", "")), 1u) << line.dump();
      ++applied_under_draw;
    }
  }
  // The spec names its sample: each named case arrives once.
  ASSERT_GT(run_->spec->named_cases_size(), 0);
  EXPECT_EQ(applied_under_draw, run_->spec->named_cases_size());
}

TEST_F(LogPrivacyTest, FieldworkStartsAtIntakeUnderTheFindingsCallsId) {
  const std::set<std::string> starts = RequestIdsOf("intake", "StartFieldwork");
  const std::set<std::string> recordings =
      RequestIdsOf("findings", "RecordJudgements");
  ASSERT_FALSE(starts.empty());
  for (const std::string& id : starts) {
    EXPECT_EQ(recordings.count(id), 1u)
        << "StartFieldwork under " << id << " matches no RecordJudgements";
  }
}

}  // namespace
}  // namespace yjinspect
