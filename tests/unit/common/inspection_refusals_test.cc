// common/inspection_refusals.h: the refusals about an inspection that both
// services give carry the same reason, condition and metadata.

#include "common/inspection_refusals.h"

#include "common/error_reasons.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace yjinspect::common {
namespace {

using ::testing::ElementsAre;
using ::testing::Pair;

v1::Inspection InFieldwork() {
  v1::Inspection inspection;
  inspection.set_name("inspections/northmoor-2026");
  inspection.set_state(v1::INSPECTION_STATE_FIELDWORK);
  inspection.set_framework_id("sqs-2014");
  inspection.set_framework_version("99");
  return inspection;
}

TEST(InspectionRefusalsTest, WrongStateNamesTheInspectionAndItsState) {
  absl::Status status = WrongState(InFieldwork(), "not now",
                                   {{"requested_state", "INSPECTION_STATE_X"}});
  EXPECT_EQ(status.code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_EQ(status.message(), "not now");
  auto info = ErrorInfoOf(status);
  ASSERT_TRUE(info.has_value());
  EXPECT_EQ(info->reason, kWrongState);
  EXPECT_THAT(info->metadata,
              ElementsAre(Pair("requested_state", "INSPECTION_STATE_X"),
                          Pair("state", "INSPECTION_STATE_FIELDWORK")));
  auto violations = PreconditionViolationsOf(status);
  ASSERT_EQ(violations.size(), 1u);
  EXPECT_EQ(violations[0].type, kStateViolation);
  EXPECT_EQ(violations[0].subject, "inspections/northmoor-2026");
  EXPECT_EQ(violations[0].description, "not now");
}

TEST(InspectionRefusalsTest, AnotherReasonKeepsItsOwnConditionType) {
  absl::Status status = InspectionPrecondition(kSampleFixed, kSampleViolation,
                                               InFieldwork(), "fixed");
  EXPECT_EQ(ErrorInfoOf(status)->reason, kSampleFixed);
  EXPECT_THAT(ErrorInfoOf(status)->metadata,
              ElementsAre(Pair("state", "INSPECTION_STATE_FIELDWORK")));
  EXPECT_EQ(PreconditionViolationsOf(status).at(0).type, kSampleViolation);
}

TEST(InspectionRefusalsTest, FrameworkUnknownSaysWhichVersionIsMissing) {
  absl::Status status = FrameworkUnknown(InFieldwork());
  EXPECT_EQ(status.code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_EQ(status.message(),
            "inspection inspections/northmoor-2026 is pinned to framework "
            "sqs-2014 version 99, which this service does not know");
  auto info = ErrorInfoOf(status);
  ASSERT_TRUE(info.has_value());
  EXPECT_EQ(info->reason, kFrameworkUnknown);
  EXPECT_EQ(info->metadata.at("framework_id"), "sqs-2014");
  EXPECT_EQ(info->metadata.at("framework_version"), "99");
  EXPECT_EQ(PreconditionViolationsOf(status).at(0).type, kFrameworkViolation);

  absl::Status terse = FrameworkUnknown(InFieldwork(), "unknown framework");
  EXPECT_EQ(terse.message(), "unknown framework");
  EXPECT_EQ(ErrorInfoOf(terse)->metadata, info->metadata);
}

}  // namespace
}  // namespace yjinspect::common
