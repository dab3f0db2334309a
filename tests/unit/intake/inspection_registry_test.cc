// services/intake/inspection_registry.h, through a real intake store in a
// temp folder, without gRPC: an inspection created without an id gets one
// from the injected random source, and one without a framework version is
// pinned to the newest.

#include "services/intake/inspection_registry.h"

#include <future>
#include <memory>
#include <string>

#include "common/frameworks/framework_registry.h"
#include "gtest/gtest.h"
#include "services/intake/storage/intake_store.h"
#include "tests/testing/case_builder.h"
#include "tests/testing/temp_dir.h"

namespace yjinspect::intake {
namespace {

class InspectionRegistryTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto store = IntakeStore::Open({dir_.Sub("store"), false});
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
  EXPECT_EQ(created->framework_version(), "2");
}

}  // namespace
}  // namespace yjinspect::intake
