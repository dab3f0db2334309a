#pragma once

// Inspections: creation (idempotent), lookup and listing. Domain logic only.

#include <functional>
#include <utility>

#include "absl/status/statusor.h"
#include "common/clock.h"
#include "common/frameworks/framework_registry.h"
#include "services/intake/storage/intake_store.h"
#include "yjinspect/v1/intake_service.pb.h"

namespace yjinspect::intake {

class InspectionRegistry {
 public:
  using CreateDone = std::function<void(absl::StatusOr<v1::Inspection>)>;

  // `random` makes the ids of inspections created without one.
  InspectionRegistry(IntakeStore& store,
                     const common::FrameworkRegistry& frameworks,
                     common::RandomBits random = common::SystemRandom())
      : store_(store), frameworks_(frameworks), random_(std::move(random)) {}

  // Validates and stores a new inspection in state ANNOUNCED; the framework
  // id and version must be ones the service knows. The same
  // request_id or an identical inspection under the same id returns the
  // stored one; the same id with different content is ALREADY_EXISTS. With
  // no inspection_id the service makes one. `done` must not block.
  void CreateInspection(v1::CreateInspectionRequest request,
                        const std::string& actor, CreateDone done);

  absl::StatusOr<v1::Inspection> GetInspection(
      const v1::GetInspectionRequest& request) const;
  absl::StatusOr<v1::ListInspectionsResponse> ListInspections(
      const v1::ListInspectionsRequest& request) const;

 private:
  IntakeStore& store_;
  const common::FrameworkRegistry& frameworks_;
  common::RandomBits random_;
};

}  // namespace yjinspect::intake
