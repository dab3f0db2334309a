#pragma once

// Table-driven tests name each row's test after the row's `name` field, so
// that a failure names the case in the table rather than its index.

#include <string>

#include "gtest/gtest.h"

namespace yjinspect::testing {

// For INSTANTIATE_TEST_SUITE_P: NameOfRow<DateRow>.
template <typename Row>
std::string NameOfRow(const ::testing::TestParamInfo<Row>& info) {
  return info.param.name;
}

}  // namespace yjinspect::testing
