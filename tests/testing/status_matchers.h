#pragma once

// A gMock matcher for an absl::Status: its code and what its message says,
// in one expectation (tests used to check the two in a pair of lines).

#include "absl/status/status.h"
#include "gmock/gmock.h"

namespace yjinspect::testing {

// EXPECT_THAT(answer.status(), StatusIs(kNotFound, HasSubstr("NM-9")));
template <typename MessageMatcher>
auto StatusIs(absl::StatusCode code, MessageMatcher message) {
  return ::testing::AllOf(
      ::testing::Property("code", &absl::Status::code, code),
      ::testing::Property("message", &absl::Status::message, message));
}

}  // namespace yjinspect::testing
