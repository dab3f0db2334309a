// Request ids at the intake edge: the caller's `x-request-id` is kept, a
// missing or malformed one replaced by a new id, the id sent back in the
// response metadata and written on the change the call commits (the change
// the findings service receives and logs under it).

#include <string>

#include "absl/time/clock.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/testing/case_builder.h"
#include "tests/testing/intake_harness.h"

namespace yjinspect {
namespace {

using ::testing::MatchesRegex;

class RequestIdTest : public ::testing::Test {
 protected:
  // Creates a case with `sent` as its request id (none when empty); returns
  // the id the server answered with.
  std::string CreateWith(const std::string& case_id, const std::string& sent) {
    grpc::ClientContext context;
    context.set_deadline(absl::ToChronoTime(absl::Now() + absl::Seconds(10)));
    if (!sent.empty()) context.AddMetadata("x-request-id", sent);
    v1::Case response;
    grpc::Status status = intake_.stub().CreateCase(
        &context, testing::ValidCreateCaseRequest("northmoor", case_id),
        &response);
    EXPECT_TRUE(status.ok()) << status.error_message();
    const auto& metadata = context.GetServerInitialMetadata();
    auto it = metadata.find("x-request-id");
    if (it == metadata.end()) return "";
    return std::string(it->second.data(), it->second.size());
  }

  // The request id on the last change of intake's log.
  std::string LastChangeRequestId() {
    auto changes = intake_.server().store().ReadChanges(0, 10000);
    EXPECT_TRUE(changes.ok()) << changes.status();
    if (!changes.ok() || changes->empty()) return "<none>";
    return changes->back().request_id();
  }

  testing::IntakeHarness intake_{/*sync=*/false};
};

TEST_F(RequestIdTest, CallersIdIsEchoedAndRecordedOnTheChange) {
  EXPECT_EQ(CreateWith("RQ-1", "run-7.step_3"), "run-7.step_3");
  EXPECT_EQ(LastChangeRequestId(), "run-7.step_3");
}

TEST_F(RequestIdTest, MissingIdIsMadeUpAndRecorded) {
  const std::string answered = CreateWith("RQ-2", "");
  EXPECT_THAT(answered, MatchesRegex("[0-9a-f]{32}"));
  EXPECT_EQ(LastChangeRequestId(), answered);
}

TEST_F(RequestIdTest, MalformedIdIsReplaced) {
  const std::string answered = CreateWith("RQ-3", "not/a token");
  EXPECT_THAT(answered, MatchesRegex("[0-9a-f]{32}"));
  EXPECT_EQ(LastChangeRequestId(), answered);
}

// A refusal tells the request id in the trailing metadata and sends no
// headers, so that a client's retry policy may retry it (gRPC retries only
// an attempt without response headers).
TEST_F(RequestIdTest, ARefusalTellsTheIdInTheTrailers) {
  grpc::ClientContext context;
  context.set_deadline(absl::ToChronoTime(absl::Now() + absl::Seconds(10)));
  context.AddMetadata("x-request-id", "refused-1");
  v1::GetCaseRequest request;
  request.set_name("yots/northmoor/cases/NO-SUCH-CASE");
  v1::Case response;
  grpc::Status status = intake_.stub().GetCase(&context, request, &response);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::NOT_FOUND);
  EXPECT_EQ(context.GetServerInitialMetadata().count("x-request-id"), 0u);
  const auto& trailers = context.GetServerTrailingMetadata();
  auto it = trailers.find("x-request-id");
  ASSERT_NE(it, trailers.end());
  EXPECT_EQ(std::string(it->second.data(), it->second.size()), "refused-1");
}

}  // namespace
}  // namespace yjinspect
