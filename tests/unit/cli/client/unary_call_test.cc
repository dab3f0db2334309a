// cli/client/unary_call.h: one call to a service at an address, with its own
// deadline, answering the response or the failure as a Status. The service
// is a scripted health service on 127.0.0.1:0.

#include "cli/client/unary_call.h"

#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/testing/scripted_health_service.h"

namespace yjinspect::cli {
namespace {

using grpc::health::v1::Health;
using grpc::health::v1::HealthCheckRequest;
using grpc::health::v1::HealthCheckResponse;
using ::testing::SizeIs;

// The health check of `service`.
HealthCheckRequest CheckOf(const std::string& service) {
  HealthCheckRequest request;
  request.set_service(service);
  return request;
}

class CallServiceTest : public ::testing::Test {
 protected:
  void SetUp() override { ASSERT_FALSE(health_.address().empty()); }

  static constexpr char kIntake[] = "yjinspect.v1.CaseIntake";
  testing::ScriptedHealthService health_;
};

TEST_F(CallServiceTest, AnswersTheResponse) {
  health_.Script(kIntake, {HealthCheckResponse::NOT_SERVING});
  absl::StatusOr<HealthCheckResponse> answer =
      CallService(health_.address(), &Health::Stub::Check, CheckOf(kIntake));
  ASSERT_TRUE(answer.ok()) << answer.status();
  EXPECT_EQ(answer->status(), HealthCheckResponse::NOT_SERVING);
  std::vector<testing::SeenCheck> checks = health_.checks();
  ASSERT_THAT(checks, SizeIs(1));
  EXPECT_EQ(checks[0].service, kIntake);
  // A call's own context: the request id Deadline() adds.
  EXPECT_EQ(checks[0].metadata.count("x-request-id"), 1u);
}

TEST_F(CallServiceTest, AnswersTheServicesRefusalAsAStatus) {
  // An unscripted service is NOT_FOUND.
  absl::StatusOr<HealthCheckResponse> answer = CallService(
      health_.address(), &Health::Stub::Check, CheckOf("no.such.Service"));
  EXPECT_EQ(answer.status().code(), absl::StatusCode::kNotFound);
}

TEST_F(CallServiceTest, AnswersAnUnreachableServiceAsUnavailable) {
  health_.Stop();
  absl::StatusOr<HealthCheckResponse> answer =
      CallService(health_.address(), &Health::Stub::Check, CheckOf(kIntake),
                  absl::Seconds(2));
  EXPECT_EQ(answer.status().code(), absl::StatusCode::kUnavailable);
}

TEST_F(CallServiceTest, TheDeadlineIsThirtySecondsUnlessGiven) {
  health_.Script(kIntake, {HealthCheckResponse::SERVING});
  ASSERT_TRUE(
      CallService(health_.address(), &Health::Stub::Check, CheckOf(kIntake))
          .ok());
  ASSERT_TRUE(CallService(health_.address(), &Health::Stub::Check,
                          CheckOf(kIntake), absl::Seconds(7))
                  .ok());
  std::vector<testing::SeenCheck> checks = health_.checks();
  ASSERT_THAT(checks, SizeIs(2));
  EXPECT_GT(checks[0].time_left, absl::Seconds(28));
  EXPECT_LE(checks[0].time_left, absl::Seconds(30) + absl::Milliseconds(100));
  EXPECT_GT(checks[1].time_left, absl::Seconds(5));
  EXPECT_LE(checks[1].time_left, absl::Seconds(7) + absl::Milliseconds(100));
}

}  // namespace
}  // namespace yjinspect::cli
