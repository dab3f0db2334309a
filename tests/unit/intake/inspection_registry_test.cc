// services/intake/inspection_registry.h, through a real intake store in a
// temp folder, without gRPC: an inspection created without an id gets one
// from the injected random source, and one without a framework version is
// pinned to the newest; a taken id or request_id is refused with its reason.

#include "services/intake/inspection_registry.h"

#include <future>
#include <memory>
#include <string>

#include "common/error_details.h"
#include "common/error_reasons.h"
#include "common/frameworks/framework_registry.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "services/intake/storage/intake_store.h"
#include "tests/testing/case_builder.h"
#include "tests/testing/status_matchers.h"
#include "tests/testing/temp_dir.h"

namespace yjinspect::intake {
namespace {

class InspectionRegistryTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto store = IntakeStore::Open({dir_.Sub("store"), false, {}, {}});
    ASSERT_TRUE(store.ok()) << store.status();
    store_ = std::move(*store);
    auto frameworks = common::FrameworkRegistry::LoadBuiltIn();
    ASSERT_TRUE(frameworks.ok()) << frameworks.status();
    frameworks_ =
        std::make_unique<common::FrameworkRegistry>(std::move(*frameworks));
  }

  absl::StatusOr<v1::Inspection> Create(InspectionRegistry& registry,
                                        v1::CreateInspectionRequest request) {
    std::promise<absl::StatusOr<v1::Inspection>> answered;
    registry.CreateInspection(std::move(request), "lead-1",
                              [&](absl::StatusOr<v1::Inspection> result) {
                                answered.set_value(std::move(result));
                              });
    return answered.get_future().get();
  }

  testing::TempDir dir_;
  std::unique_ptr<IntakeStore> store_;
  std::unique_ptr<common::FrameworkRegistry> frameworks_;
};

TEST_F(InspectionRegistryTest, AnIdIsMadeFromTheInjectedRandomBits) {
  InspectionRegistry registry(*store_, *frameworks_,
                              [] { return uint64_t{0xabcdef123456789a}; });
  v1::CreateInspectionRequest request =
      testing::ValidCreateInspectionRequest("", "northmoor");
  auto created = Create(registry, request);
  ASSERT_TRUE(created.ok()) << created.status();
  // The low 48 bits, as 12 hex digits.
  EXPECT_EQ(created->name(), "inspections/insp-ef123456789a");
}

TEST_F(InspectionRegistryTest, WithoutAVersionTheNewestIsPinned) {
  InspectionRegistry registry(*store_, *frameworks_);
  v1::CreateInspectionRequest request =
      testing::ValidCreateInspectionRequest("northmoor-2015", "northmoor");
  request.mutable_inspection()->set_framework_id("hmip-youth-2018");
  request.mutable_inspection()->clear_framework_version();
  auto created = Create(registry, request);
  ASSERT_TRUE(created.ok()) << created.status();
  EXPECT_EQ(created->framework_version(),
            frameworks_->Newest("hmip-youth-2018")->version());
  EXPECT_EQ(created->framework_version(),
            "3");  // version 3 draws each kind of case as its own pool
}

TEST_F(InspectionRegistryTest, ATakenIdOrRequestIdIsRefusedWithItsReason) {
  InspectionRegistry registry(*store_, *frameworks_);
  v1::CreateInspectionRequest first =
      testing::ValidCreateInspectionRequest("northmoor-2015", "northmoor");
  first.set_request_id("req-1");
  ASSERT_TRUE(Create(registry, first).ok());

  v1::CreateInspectionRequest other_content = first;
  other_content.clear_request_id();
  other_content.mutable_inspection()->set_yot_display_name("Another name");
  const absl::Status taken = Create(registry, other_content).status();
  EXPECT_EQ(taken.code(), absl::StatusCode::kAlreadyExists);
  EXPECT_THAT(taken,
              testing::HasReason(common::kInspectionExistsWithOtherContent));
  EXPECT_EQ(common::ErrorInfoOf(taken)->metadata.at("resource"),
            "inspections/northmoor-2015");

  v1::CreateInspectionRequest other_request =
      testing::ValidCreateInspectionRequest("northmoor-2016", "northmoor");
  other_request.set_request_id("req-1");
  const absl::Status reused = Create(registry, other_request).status();
  EXPECT_EQ(reused.code(), absl::StatusCode::kAlreadyExists);
  EXPECT_THAT(reused, testing::HasReason(common::kRequestIdReused));
}

}  // namespace
}  // namespace yjinspect::intake
