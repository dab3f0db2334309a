#pragma once

// Sampling an inspection: draw (or take the named) sample, reset it with a
// reason, and fix it when fieldwork starts. Domain logic only; the draw runs
// inside one commit so the caseload cannot change under it.

#include <functional>

#include "absl/status/statusor.h"
#include "common/frameworks/framework_registry.h"
#include "services/intake/storage/intake_store.h"
#include "yjinspect/v1/intake_service.pb.h"

namespace yjinspect::intake {

class InspectionSampling {
 public:
  using Done = std::function<void(absl::StatusOr<v1::Inspection>)>;

  InspectionSampling(IntakeStore& store,
                     const common::FrameworkRegistry& frameworks)
      : store_(store), frameworks_(frameworks) {}

  // INVALID_ARGUMENT for a malformed request or a named case that does not
  // exist, is of another YOT or is not eligible (each named in a field
  // violation); NOT_FOUND for an unknown inspection; FAILED_PRECONDITION
  // when fieldwork has started or no case is eligible.
  void DrawSample(v1::DrawSampleRequest request, Done done);
  // FAILED_PRECONDITION when there is no sample to reset.
  void ResetSample(v1::ResetSampleRequest request, Done done);
  // FAILED_PRECONDITION without a sample or when the revision is stale.
  void StartFieldwork(v1::StartFieldworkRequest request, Done done);

 private:
  void CommitChange(
      std::function<absl::Status(StoreTransaction&, v1::Inspection&)> change,
      const std::string& inspection_name, Done done);

  IntakeStore& store_;
  const common::FrameworkRegistry& frameworks_;
};

}  // namespace yjinspect::intake
