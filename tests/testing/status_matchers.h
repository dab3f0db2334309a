#pragma once

// gMock matchers for an absl::Status: its code and what its message says,
// in one expectation (tests used to check the two in a pair of lines), and
// the reason of its google.rpc.ErrorInfo (common/error_details.h).

#include <string>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "common/error_details.h"
#include "common/field_violations.h"
#include "gmock/gmock.h"

namespace yjinspect::testing {

// The fields a refusal's google.rpc.BadRequest names, in order:
// EXPECT_THAT(ViolatedFields(refused.status()), ElementsAre("action.status")).
inline std::vector<std::string> ViolatedFields(const absl::Status& status) {
  std::vector<std::string> fields;
  for (const auto& v : common::ViolationsOf(status)) fields.push_back(v.field);
  return fields;
}

// The fields of violations not yet made a status.
inline std::vector<std::string> ViolatedFields(
    const common::FieldViolations& violations) {
  std::vector<std::string> fields;
  for (const auto& v : violations.violations()) fields.push_back(v.field);
  return fields;
}

// EXPECT_THAT(answer.status(), StatusIs(kNotFound, HasSubstr("NM-9")));
template <typename MessageMatcher>
auto StatusIs(absl::StatusCode code, MessageMatcher message) {
  return ::testing::AllOf(
      ::testing::Property("code", &absl::Status::code, code),
      ::testing::Property("message", &absl::Status::message, message));
}

// EXPECT_THAT(refused.status(), HasReason(common::kEtagMismatch)): the
// status carries an ErrorInfo of domain "yjinspect" and that reason.
inline auto HasReason(absl::string_view reason) {
  return ::testing::ResultOf(
      [](const absl::Status& status) {
        auto info = common::ErrorInfoOf(status);
        if (!info) return std::string("(no ErrorInfo)");
        if (info->domain != common::kErrorDomain) {
          return std::string("(domain ") + info->domain + ")";
        }
        return info->reason;
      },
      ::testing::Eq(std::string(reason)));
}

// EXPECT_THAT(refused.status(), ViolatesPrecondition("SAMPLE", name)): the
// status's google.rpc.PreconditionFailure names exactly one violation, of
// that type and subject.
inline auto ViolatesPrecondition(absl::string_view type,
                                 absl::string_view subject) {
  return ::testing::ResultOf(
      [](const absl::Status& status) {
        std::vector<std::pair<std::string, std::string>> violations;
        for (const auto& v : common::PreconditionViolationsOf(status)) {
          violations.emplace_back(v.type, v.subject);
        }
        return violations;
      },
      ::testing::ElementsAre(
          ::testing::Pair(std::string(type), std::string(subject))));
}

}  // namespace yjinspect::testing
