#pragma once

// The fixture of the tests that start from an intake server in this
// process holding a caseload with an inspection and its drawn sample; and
// the changes at intake those tests make, each with a deadline.

#include <string>

#include "absl/status/statusor.h"
#include "gtest/gtest.h"
#include "tests/testing/intake_harness.h"
#include "tests/testing/sampled_caseload.h"
#include "tests/testing/unary_call.h"

namespace yjinspect {

class SampledIntakeTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto loaded = testing::LoadSampledCaseload(intake_.stub());
    ASSERT_TRUE(loaded.ok()) << loaded.status();
    caseload_ = *loaded;
    ASSERT_GE(caseload_.sampled.size(), 14u);
  }

  // Changes the case's manager reference to `manager`: new content.
  absl::StatusOr<v1::Case> UpdateAtIntake(const std::string& case_name,
                                          const std::string& manager) {
    v1::GetCaseRequest get;
    get.set_name(case_name);
    auto current =
        testing::Call(intake_.stub(), &v1::CaseIntake::Stub::GetCase, get);
    if (!current.ok()) return current.status();
    v1::UpdateCaseRequest update;
    *update.mutable_case_() = *current;
    update.mutable_case_()->set_case_manager_reference(manager);
    return testing::Call(intake_.stub(), &v1::CaseIntake::Stub::UpdateCase,
                         update);
  }

  absl::Status DeleteAtIntake(const std::string& case_name) {
    v1::DeleteCaseRequest request;
    request.set_name(case_name);
    request.set_reason("retention period ended");
    return testing::Call(intake_.stub(), &v1::CaseIntake::Stub::DeleteCase,
                         request)
        .status();
  }

  testing::IntakeHarness intake_{/*sync=*/false};
  testing::SampledCaseload caseload_;
};

}  // namespace yjinspect
