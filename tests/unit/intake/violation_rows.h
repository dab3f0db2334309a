#pragma once

// Rows of the table-driven validation tests (case_validation_test,
// inspection_validation_test): a named change to a valid request, and the
// fields its violations must name exactly. gtest names and prints each row
// by its name.

#include <functional>
#include <ostream>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "common/field_violations.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/testing/status_matchers.h"
#include "tests/unit/intake/field_setter.h"

namespace yjinspect::testing {

// ViolatedFields (the fields violations name) is in
// tests/testing/status_matchers.h.

// Matches a violation of `field` whose description matches `description`.
template <typename DescriptionMatcher>
auto ViolationOf(const std::string& field, DescriptionMatcher description) {
  return ::testing::AllOf(
      ::testing::Field("field", &common::FieldViolation::field, field),
      ::testing::Field("description", &common::FieldViolation::description,
                       description));
}

// A row that changes one field by its path (Bad, Missing): fits a
// ViolationRow of any request.
struct FieldRow {
  std::string name;
  MessageMutation mutate;
  std::vector<std::string> fields;
};

// A row whose one change is a violation of the changed field itself.
template <typename Value>
FieldRow Bad(std::string name, const std::string& path, Value value) {
  return FieldRow{std::move(name), Set(path, std::move(value)), {path}};
}
inline FieldRow Missing(std::string name, const std::string& path) {
  return FieldRow{std::move(name), Clear(path), {path}};
}

// A change that makes `Request` invalid, and exactly the fields its
// violations name.
template <typename Request>
struct ViolationRow {
  ViolationRow(std::string row_name, std::function<void(Request&)> change,
               std::vector<std::string> violated)
      : name(std::move(row_name)),
        mutate(std::move(change)),
        fields(std::move(violated)) {}
  // NOLINTNEXTLINE(google-explicit-constructor): tables mix both kinds.
  ViolationRow(FieldRow row)
      : name(std::move(row.name)),
        mutate(std::move(row.mutate)),
        fields(std::move(row.fields)) {}

  std::string name;
  std::function<void(Request&)> mutate;
  std::vector<std::string> fields;
};

// The check of a validator's table: `row`'s change to the valid `request`
// gives violations naming exactly the row's fields (in any order), and they
// make an INVALID_ARGUMENT status for `subject`.
template <typename Request, typename Validate>
void ExpectRowViolations(const ViolationRow<Request>& row, Request request,
                         Validate validate, const std::string& subject) {
  row.mutate(request);
  common::FieldViolations v = validate(request);
  EXPECT_THAT(ViolatedFields(v),
              ::testing::UnorderedElementsAreArray(row.fields));
  EXPECT_EQ(v.ToStatus(subject).code(), absl::StatusCode::kInvalidArgument);
}

// A change that keeps `Request` valid.
template <typename Request>
struct ValidRow {
  std::string name;
  std::function<void(Request&)> mutate;
};

template <typename Request>
void PrintTo(const ViolationRow<Request>& row, std::ostream* os) {
  *os << row.name;
}
template <typename Request>
void PrintTo(const ValidRow<Request>& row, std::ostream* os) {
  *os << row.name;
}

// For INSTANTIATE_TEST_SUITE_P: each row's test is named by the row.
struct RowName {
  template <typename Row>
  std::string operator()(const ::testing::TestParamInfo<Row>& info) const {
    return info.param.name;
  }
};

}  // namespace yjinspect::testing
