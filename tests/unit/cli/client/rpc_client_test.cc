// cli/client/rpc_client.h: what every command-line call carries (deadline,
// request id, actor), which credentials its channels use, and how a failed
// call is reported and turned into an exit code. What a call carries is
// read where it arrives: a scripted health service on 127.0.0.1:0.

#include "cli/client/rpc_client.h"

#include <iostream>
#include <memory>
#include <string>
#include <vector>

#include "absl/strings/cord.h"
#include "absl/time/clock.h"
#include "cli/client/exit_codes.h"
#include "common/error_details.h"
#include "common/error_reasons.h"
#include "common/field_violations.h"
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
using testing::SeenCheck;

constexpr char kIntake[] = "yjinspect.v1.CaseIntake";

// The actor and the credentials are the process's: each test starts and
// ends without them.
class RpcClientTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_FALSE(health_.address().empty());
    health_.Script(kIntake, {grpc::health::v1::HealthCheckResponse::SERVING});
  }
  void TearDown() override {
    SetActor("");
    SetChannelCredentials(nullptr);
  }

  // One Check of the intake service through Connect(), in `context`.
  grpc::Status CheckIntake(std::unique_ptr<grpc::ClientContext> context) {
    auto stub = grpc::health::v1::Health::NewStub(Connect(health_.address()));
    grpc::health::v1::HealthCheckRequest request;
    request.set_service(kIntake);
    grpc::health::v1::HealthCheckResponse response;
    return stub->Check(context.get(), request, &response);
  }

  // The values of `key` the only call received carried.
  std::vector<std::string> Sent(const std::string& key) {
    std::vector<SeenCheck> checks = health_.checks();
    EXPECT_THAT(checks, SizeIs(1));
    std::vector<std::string> values;
    if (checks.empty()) return values;
    auto [begin, end] = checks.back().metadata.equal_range(key);
    for (auto it = begin; it != end; ++it) values.push_back(it->second);
    return values;
  }

  ScriptedHealthService health_;
};

TEST_F(RpcClientTest, TheDeadlineIsTheTimeoutFromNow) {
  const absl::Time before = absl::Now();
  std::unique_ptr<grpc::ClientContext> context = Deadline(absl::Seconds(7));
  const absl::Time deadline = absl::FromChrono(context->deadline());
  EXPECT_GE(deadline, before + absl::Seconds(7));
  EXPECT_LE(deadline, absl::Now() + absl::Seconds(7));
}

TEST_F(RpcClientTest, TheDefaultDeadlineIsThirtySeconds) {
  const absl::Time before = absl::Now();
  const absl::Time deadline = absl::FromChrono(Deadline()->deadline());
  EXPECT_GE(deadline, before + absl::Seconds(30));
  EXPECT_LE(deadline, absl::Now() + absl::Seconds(30));
}

TEST_F(RpcClientTest, TheServiceSeesTheDeadline) {
  ASSERT_TRUE(CheckIntake(Deadline(absl::Seconds(7))).ok());
  std::vector<SeenCheck> checks = health_.checks();
  ASSERT_THAT(checks, SizeIs(1));
  EXPECT_GT(checks[0].time_left, absl::Seconds(5));
  // The wire carries a timeout, which the server adds to its own (cached)
  // clock: a little over the seven seconds is still this deadline.
  EXPECT_LE(checks[0].time_left, absl::Seconds(7) + absl::Milliseconds(100));
}

TEST_F(RpcClientTest, EachCallCarriesAFreshRequestId) {
  ASSERT_TRUE(CheckIntake(Deadline()).ok());
  ASSERT_TRUE(CheckIntake(Deadline()).ok());
  std::vector<SeenCheck> checks = health_.checks();
  ASSERT_THAT(checks, SizeIs(2));
  std::vector<std::string> ids;
  for (const SeenCheck& check : checks) {
    ASSERT_EQ(check.metadata.count("x-request-id"), 1u);
    ids.push_back(check.metadata.find("x-request-id")->second);
    EXPECT_THAT(ids.back(), MatchesRegex("[0-9a-f]{32}"));
  }
  EXPECT_NE(ids[0], ids[1]);
}

TEST_F(RpcClientTest, TheActorIsSentOnceSet) {
  SetActor("STAFF-07");
  ASSERT_TRUE(CheckIntake(Deadline()).ok());
  EXPECT_EQ(Sent("x-yjinspect-actor"), std::vector<std::string>{"STAFF-07"});
}

TEST_F(RpcClientTest, NoActorIsSentWhenNoneIsSet) {
  ASSERT_TRUE(CheckIntake(Deadline()).ok());
  EXPECT_THAT(Sent("x-yjinspect-actor"), IsEmpty());
}

TEST_F(RpcClientTest, ChannelsArePlaintextUntilCredentialsAreSet) {
  EXPECT_TRUE(CheckIntake(Deadline(absl::Seconds(5))).ok());
  // TLS to a plaintext server: the handshake fails, nothing arrives.
  SetChannelCredentials(grpc::SslCredentials(grpc::SslCredentialsOptions()));
  grpc::Status status = CheckIntake(Deadline(absl::Seconds(5)));
  EXPECT_EQ(status.error_code(), grpc::StatusCode::UNAVAILABLE);
  EXPECT_THAT(health_.checks(), SizeIs(1));
  // Cleared: plaintext again.
  SetChannelCredentials(nullptr);
  EXPECT_TRUE(CheckIntake(Deadline(absl::Seconds(5))).ok());
}

// --- failures ---------------------------------------------------------------

TEST(ReportFailureTest, PrintsTheCodeAndMessage) {
  CapturedStream err(std::cerr);
  ReportFailure(absl::NotFoundError("inspections/northmoor-2014 not found"));
  EXPECT_EQ(err.Text(),
            "error: NOT_FOUND: inspections/northmoor-2014 not found\n");
}

TEST(ReportFailureTest, PrintsEachFieldViolationOnALineOfItsOwn) {
  common::FieldViolations violations;
  violations.Add("inspection.yot", "is required");
  violations.Add("inspection.fieldwork_end_date",
                 "is not a calendar date; give year (1900-2199), month and "
                 "day of a real date");
  CapturedStream err(std::cerr);
  EXPECT_EQ(ReportFailure(violations.ToStatus("CreateInspection request")),
            kExitRefused);
  const std::string date_format =
      "is not a calendar date; give year (1900-2199), month and day of a "
      "real date";
  EXPECT_EQ(err.Text(),
            "error: INVALID_ARGUMENT: invalid CreateInspection request: "
            "inspection.yot: is required; inspection.fieldwork_end_date: " +
                date_format +
                "\n"
                "  inspection.yot: is required\n"
                "  inspection.fieldwork_end_date: " +
                date_format + "\n");
}

// With --json: one object a program can act on, the service's details
// included, and the same exit code.
class JsonFailureTest : public ::testing::Test {
 protected:
  void SetUp() override { SetJsonErrors(true); }
  void TearDown() override { SetJsonErrors(false); }
};

TEST_F(JsonFailureTest, IsOneObjectWithCodeStatusMessageAndDetails) {
  common::FieldViolations violations;
  violations.Add("inspection.yot", "is required");
  CapturedStream err(std::cerr);
  EXPECT_EQ(ReportFailure(violations.ToStatus("CreateInspection request")),
            kExitRefused);
  const nlohmann::json parsed = nlohmann::json::parse(err.Text());
  const nlohmann::json& error = parsed.at("error");
  EXPECT_EQ(error.at("code"), 3);
  EXPECT_EQ(error.at("status"), "INVALID_ARGUMENT");
  EXPECT_EQ(error.at("exit_code"), kExitRefused);
  EXPECT_EQ(error.at("message"),
            "invalid CreateInspection request: inspection.yot: is required");
  ASSERT_EQ(error.at("details").size(), 1u);
  EXPECT_EQ(error.at("details")[0].at("@type"),
            "type.googleapis.com/google.rpc.BadRequest");
  EXPECT_EQ(error.at("details")[0].at("field_violations"),
            (nlohmann::json::array({{{"field", "inspection.yot"},
                                     {"description", "is required"}}})));
}

// The reason and the violated condition a program acts on, in protobuf's
// JSON mapping (docs/errors.md shows this shape).
TEST_F(JsonFailureTest, ARefusalCarriesItsReasonAndCondition) {
  const absl::Status refused = common::FailedPrecondition(
      common::kNoSample, {common::kSampleViolation, "inspections/nm-2014"},
      "no sample", {{"state", "INSPECTION_STATE_ANNOUNCED"}});
  const nlohmann::json error =
      nlohmann::json::parse(FailureJson(refused)).at("error");
  EXPECT_EQ(error.at("status"), "FAILED_PRECONDITION");
  ASSERT_EQ(error.at("details").size(), 2u);
  nlohmann::json info;
  nlohmann::json precondition;
  for (const nlohmann::json& detail : error.at("details")) {
    (detail.at("@type") == "type.googleapis.com/google.rpc.ErrorInfo"
         ? info
         : precondition) = detail;
  }
  EXPECT_EQ(info.at("reason"), "NO_SAMPLE");
  EXPECT_EQ(info.at("domain"), "yjinspect");
  EXPECT_EQ(info.at("metadata"),
            (nlohmann::json{{"state", "INSPECTION_STATE_ANNOUNCED"}}));
  EXPECT_EQ(precondition.at("@type"),
            "type.googleapis.com/google.rpc.PreconditionFailure");
  EXPECT_EQ(precondition.at("violations"),
            (nlohmann::json::array({{{"type", "SAMPLE"},
                                     {"subject", "inspections/nm-2014"},
                                     {"description", "no sample"}}})));
}

TEST_F(JsonFailureTest, WithoutDetailsStillHasEveryKeyAndEscapesText) {
  CapturedStream err(std::cerr);
  EXPECT_EQ(ReportFailure(absl::UnavailableError("connect to \"x\":\n1")),
            kExitUnavailable);
  const nlohmann::json error = nlohmann::json::parse(err.Text()).at("error");
  EXPECT_EQ(error.at("code"), 14);
  EXPECT_EQ(error.at("status"), "UNAVAILABLE");
  EXPECT_EQ(error.at("exit_code"), kExitUnavailable);
  EXPECT_EQ(error.at("message"), "connect to \"x\":\n1");
  EXPECT_EQ(error.at("details"), nlohmann::json::array());
}

TEST_F(JsonFailureTest, AUsageFailureIsShapedLikeAServiceError) {
  CapturedStream err(std::cerr);
  EXPECT_EQ(ReportUsageFailure("dates must be YYYY-MM-DD, got '2014-13-\"1'"),
            kExitUsage);
  const nlohmann::json error = nlohmann::json::parse(err.Text()).at("error");
  EXPECT_EQ(error.at("exit_code"), kExitUsage);
  EXPECT_EQ(error.at("status"), "USAGE");
  // Quotes survive: the text is escaped, not pasted.
  EXPECT_EQ(error.at("message"), "dates must be YYYY-MM-DD, got '2014-13-\"1'");
  EXPECT_EQ(error.at("details"), nlohmann::json::array());
  EXPECT_FALSE(error.contains("code"));
}

TEST(ReportUsageFailureTest, AsTextIsOneErrorLine) {
  CapturedStream err(std::cerr);
  EXPECT_EQ(ReportUsageFailure("--as-of must be a date YYYY-MM-DD"),
            kExitUsage);
  EXPECT_EQ(err.Text(), "error: --as-of must be a date YYYY-MM-DD\n");
}

TEST_F(JsonFailureTest, ADetailOfAnUnknownTypeKeepsCodeAndMessage) {
  absl::Status status = absl::AbortedError("etag mismatch");
  status.SetPayload("type.googleapis.com/no.such.Type", absl::Cord("x"));
  const nlohmann::json error =
      nlohmann::json::parse(FailureJson(status)).at("error");
  EXPECT_EQ(error.at("status"), "ABORTED");
  EXPECT_EQ(error.at("message"), "etag mismatch");
  EXPECT_EQ(error.at("details"), nlohmann::json::array());
}

struct Outcome {
  absl::StatusCode code;
  int exit_code;
};

class ExitCodeTest : public ::testing::TestWithParam<Outcome> {};

TEST_P(ExitCodeTest, SaysWhetherRetryingMayHelp) {
  CapturedStream err(std::cerr);
  EXPECT_EQ(ReportFailure(absl::Status(GetParam().code, "synthetic failure")),
            GetParam().exit_code)
      << absl::StatusCodeToString(GetParam().code);
}

INSTANTIATE_TEST_SUITE_P(
    Codes, ExitCodeTest,
    ::testing::Values(
        // The service refused the request: the same request fails again.
        Outcome{absl::StatusCode::kInvalidArgument, kExitRefused},
        Outcome{absl::StatusCode::kNotFound, kExitRefused},
        Outcome{absl::StatusCode::kAlreadyExists, kExitRefused},
        Outcome{absl::StatusCode::kFailedPrecondition, kExitRefused},
        Outcome{absl::StatusCode::kOutOfRange, kExitRefused},
        Outcome{absl::StatusCode::kPermissionDenied, kExitRefused},
        Outcome{absl::StatusCode::kUnauthenticated, kExitRefused},
        Outcome{absl::StatusCode::kAborted, kExitRefused},
        // Unreachable or failed: retrying may help.
        Outcome{absl::StatusCode::kUnavailable, kExitUnavailable},
        Outcome{absl::StatusCode::kDeadlineExceeded, kExitUnavailable},
        Outcome{absl::StatusCode::kCancelled, kExitUnavailable},
        Outcome{absl::StatusCode::kResourceExhausted, kExitUnavailable},
        Outcome{absl::StatusCode::kInternal, kExitUnavailable},
        Outcome{absl::StatusCode::kDataLoss, kExitUnavailable},
        Outcome{absl::StatusCode::kUnknown, kExitUnavailable}));

}  // namespace
}  // namespace yjinspect::cli
