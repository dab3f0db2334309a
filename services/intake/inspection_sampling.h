#pragma once

// An inspection's sample at intake: draw it (or take the named cases) and
// reset it with a reason, each recorded with who, when and why. Fixing it
// when fieldwork starts and the other steps are the lifecycle's
// (inspection_lifecycle.h). Domain logic only; the draw runs inside one
// commit so the caseload cannot change under it. `actor` names the caller
// for the record.

#include <functional>
#include <utility>

#include "absl/status/statusor.h"
#include "common/clock.h"
#include "common/frameworks/framework_registry.h"
#include "services/intake/inspection_records.h"
#include "services/intake/storage/intake_store.h"
#include "yjinspect/v1/intake_service.pb.h"

namespace yjinspect::intake {

class InspectionSampling {
 public:
  using Done = InspectionDone;

  // `random` seeds a draw whose request gives no seed.
  InspectionSampling(IntakeStore& store,
                     const common::FrameworkRegistry& frameworks,
                     common::RandomBits random = common::SystemRandom())
      : store_(store), frameworks_(frameworks), random_(std::move(random)) {}

  // INVALID_ARGUMENT for a malformed request or a named case that does not
  // exist, is of another YOT or is not eligible (each named in a field
  // violation); NOT_FOUND for an unknown inspection; FAILED_PRECONDITION
  // when fieldwork has started or no case is eligible.
  void DrawSample(v1::DrawSampleRequest request, const std::string& actor,
                  Done done);
  // FAILED_PRECONDITION when there is no sample to reset.
  void ResetSample(const v1::ResetSampleRequest& request,
                   const std::string& actor, Done done);
  // Gives records of the current sample a second marker
  // (the records as second_marker_assignment.h chooses them): INVALID_ARGUMENT
  // for a malformed request or a record outside the sample, ALREADY_EXISTS for
  // one already given, FAILED_PRECONDITION outside SAMPLE_DRAWN and FIELDWORK.
  void AssignSecondMarkers(v1::AssignSecondMarkersRequest request,
                           const std::string& actor, Done done);

 private:
  IntakeStore& store_;
  const common::FrameworkRegistry& frameworks_;
  common::RandomBits random_;
};

}  // namespace yjinspect::intake
