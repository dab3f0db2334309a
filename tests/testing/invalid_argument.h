#pragma once

// Bad input is refused with INVALID_ARGUMENT and a message that says what
// is wrong; the tests of bad input check both the same way.

#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/match.h"
#include "gtest/gtest.h"

namespace yjinspect::testing {

// `status` is INVALID_ARGUMENT, and every one of `parts` is in its message.
inline void ExpectInvalidArgumentNaming(const absl::Status& status,
                                        const std::vector<std::string>& parts) {
  EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument) << status;
  for (const std::string& part : parts) {
    EXPECT_TRUE(absl::StrContains(status.message(), part))
        << "\"" << part << "\" not in: " << status.message();
  }
}

}  // namespace yjinspect::testing
