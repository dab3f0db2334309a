// cli/status_command.h: `yjinspect status` asks each service's health
// service whether it is serving, prints one line per service and exits 0
// only when all are; with --wait it asks again until they are or the time
// is up. The services are scripted health services on 127.0.0.1:0.

#include "cli/status_command.h"

#include <functional>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

#include "absl/time/clock.h"
#include "cli/client/exit_codes.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "nlohmann/json.hpp"
#include "tests/testing/captured_stream.h"
#include "tests/testing/matchers.h"
#include "tests/testing/scripted_health_service.h"

namespace yjinspect::cli {
namespace {

using testing::CapturedStream;
using testing::ScriptedHealthService;

constexpr char kIntake[] = "yjinspect.v1.CaseIntake";
constexpr char kFindings[] = "yjinspect.v1.Findings";
constexpr auto kServing = grpc::health::v1::HealthCheckResponse::SERVING;
constexpr auto kNotServing = grpc::health::v1::HealthCheckResponse::NOT_SERVING;

class StatusCommandTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_FALSE(intake_.address().empty());
    ASSERT_FALSE(findings_.address().empty());
    global_.intake = intake_.address();
    global_.findings = findings_.address();
  }

  // Runs `yjinspect status <args>`; its output goes to `out_`.
  int Status(const std::string& args) {
    CLI::App app;
    std::function<int()> action;
    AddStatusCommand(app, global_, &action);
    app.parse("status " + args);
    EXPECT_TRUE(action) << "status chose no action";
    if (!action) return -1;
    CapturedStream out(std::cout);
    const int code = action();
    out_ = out.Text();
    return code;
  }

  // `status --with-findings` with intake serving and findings answering
  // `findings`.
  int WithFindingsAnswering(
      grpc::health::v1::HealthCheckResponse::ServingStatus findings) {
    intake_.Script(kIntake, {kServing});
    findings_.Script(kFindings, {findings});
    return Status("--with-findings");
  }

  std::string Line(const ScriptedHealthService& service, const char* name,
                   const std::string& health) {
    return std::string(name) + " at " + service.address() + ": " + health +
           "\n";
  }

  ScriptedHealthService intake_;
  ScriptedHealthService findings_;
  GlobalOptions global_;
  std::string out_;
};

TEST_F(StatusCommandTest, AServingIntakeIsOk) {
  intake_.Script(kIntake, {kServing});
  EXPECT_EQ(Status(""), kExitOk);
  EXPECT_EQ(out_, Line(intake_, kIntake, "SERVING"));
  // Findings is checked only when asked for.
  ASSERT_THAT(intake_.checks(), SizeIs(1));
  EXPECT_EQ(intake_.checks()[0].service, kIntake);
  EXPECT_THAT(findings_.checks(), SizeIs(0));
}

TEST_F(StatusCommandTest, WithFindingsBothMustServe) {
  EXPECT_EQ(WithFindingsAnswering(kNotServing), kExitUnavailable);
  EXPECT_EQ(out_, Line(intake_, kIntake, "SERVING") +
                      Line(findings_, kFindings, "NOT_SERVING"));
  ASSERT_THAT(findings_.checks(), SizeIs(1));
  EXPECT_EQ(findings_.checks()[0].service, kFindings);
}

TEST_F(StatusCommandTest, BothServingIsOk) {
  EXPECT_EQ(WithFindingsAnswering(kServing), kExitOk);
  EXPECT_EQ(out_, Line(intake_, kIntake, "SERVING") +
                      Line(findings_, kFindings, "SERVING"));
}

TEST_F(StatusCommandTest, AServiceThatIsNotThereIsUnreachable) {
  intake_.Stop();
  EXPECT_EQ(Status(""), kExitUnavailable);
  EXPECT_THAT(out_, HasSubstr(std::string(kIntake) + " at " +
                              intake_.address() + ": unreachable ("));
}

TEST_F(StatusCommandTest, WaitAsksAgainUntilServing) {
  intake_.Script(kIntake, {kNotServing, kNotServing, kServing});
  EXPECT_EQ(Status("--wait 10"), kExitOk);
  EXPECT_THAT(intake_.checks(), SizeIs(3));
  // Only the last round is printed.
  EXPECT_EQ(out_, Line(intake_, kIntake, "SERVING"));
}

TEST_F(StatusCommandTest, WaitGivesUpWhenTheTimeIsUp) {
  intake_.Script(kIntake, {kNotServing});
  const absl::Time start = absl::Now();
  EXPECT_EQ(Status("--wait 0.3"), kExitUnavailable);
  EXPECT_GE(absl::Now() - start, absl::Milliseconds(300));
  EXPECT_GE(intake_.checks().size(), 2u);
  EXPECT_EQ(out_, Line(intake_, kIntake, "NOT_SERVING"));
}

TEST_F(StatusCommandTest, WithoutWaitItAsksOnce) {
  intake_.Script(kIntake, {kNotServing, kServing});
  EXPECT_EQ(Status(""), kExitUnavailable);
  EXPECT_THAT(intake_.checks(), SizeIs(1));
}

TEST_F(StatusCommandTest, JsonPrintsOneObjectPerService) {
  global_.json = true;
  EXPECT_EQ(WithFindingsAnswering(kServing), kExitOk);
  std::vector<nlohmann::json> objects;
  std::istringstream lines(out_);
  for (std::string line; std::getline(lines, line);) {
    nlohmann::json parsed = nlohmann::json::parse(line, nullptr, false);
    ASSERT_FALSE(parsed.is_discarded()) << line;
    objects.push_back(parsed);
  }
  EXPECT_EQ(objects,
            (std::vector<nlohmann::json>{{{"service", kIntake},
                                          {"address", intake_.address()},
                                          {"status", "SERVING"}},
                                         {{"service", kFindings},
                                          {"address", findings_.address()},
                                          {"status", "SERVING"}}}));
}

// An address is the user's text and an error gRPC's: both may hold quotes
// and backslashes, which pasted into JSON made it invalid.
TEST_F(StatusCommandTest, JsonEscapesWhatTheUserAndGrpcWrote) {
  global_.json = true;
  global_.intake = "unix:/tmp/no\"such\\socket";
  EXPECT_EQ(Status(""), kExitUnavailable);
  nlohmann::json parsed = nlohmann::json::parse(out_, nullptr, false);
  ASSERT_FALSE(parsed.is_discarded()) << out_;
  EXPECT_EQ(parsed.at("address"), "unix:/tmp/no\"such\\socket");
  EXPECT_THAT(parsed.at("status").get<std::string>(),
              ::testing::StartsWith("unreachable ("));
}

}  // namespace
}  // namespace yjinspect::cli
