#pragma once

// An inspection's steps at intake: draw (or take the named) sample, reset it
// with a reason, fix it when fieldwork starts, and the other lifecycle steps
// (inspection_lifecycle.h), each recorded with who, when and why. Domain
// logic only; the draw runs inside one commit so the caseload cannot change
// under it. `actor` names the caller for the record.

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
  void DrawSample(v1::DrawSampleRequest request, const std::string& actor,
                  Done done);
  // FAILED_PRECONDITION when there is no sample to reset.
  void ResetSample(const v1::ResetSampleRequest& request,
                   const std::string& actor, Done done);
  // FAILED_PRECONDITION without a sample or when the revision is stale.
  void StartFieldwork(const v1::StartFieldworkRequest& request,
                      const std::string& actor, Done done);
  // CASELOAD_RECEIVED, VERDICTS_AGREED or REPORT_PUBLISHED, in order;
  // FAILED_PRECONDITION naming the state and what is needed otherwise.
  void Advance(const v1::AdvanceInspectionRequest& request,
               const std::string& actor, Done done);

 private:
  void CommitChange(
      std::function<absl::Status(StoreTransaction&, v1::Inspection&)> change,
      const std::string& inspection_name, Done done);

  IntakeStore& store_;
  const common::FrameworkRegistry& frameworks_;
};

}  // namespace yjinspect::intake
