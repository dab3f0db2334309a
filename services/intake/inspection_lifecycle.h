#pragma once

// The inspection lifecycle: its rules, pure (which state may follow which,
// and the record every step leaves on the inspection: who, when, why), and
// the steps at intake that have no call of their own in sampling
// (InspectionLifecycle: StartFieldwork, Advance), each one commit.
//
//   announced -> caseload received -> sample drawn -> fieldwork ->
//   verdicts agreed -> report published
//
// A sample may be redrawn (sample drawn -> sample drawn) until fieldwork;
// a reset goes back to caseload received.

#include <string>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "services/intake/inspection_records.h"
#include "services/intake/storage/intake_store.h"
#include "yjinspect/v1/inspection.pb.h"
#include "yjinspect/v1/intake_service.pb.h"

namespace yjinspect::intake {

// Moves `inspection` to `to`, appending the transition; FAILED_PRECONDITION
// naming the current state and what `to` needs when it does not follow.
absl::Status MoveTo(v1::Inspection& inspection, v1::InspectionState to,
                    absl::string_view actor, absl::string_view reason,
                    absl::Time now);

// The steps of a stored inspection other than the sample's own (drawing and
// resetting it: inspection_sampling.h). `actor` names the caller for the
// record. Domain logic only.
class InspectionLifecycle {
 public:
  explicit InspectionLifecycle(IntakeStore& store) : store_(store) {}

  // Fixes the sample: SAMPLE_DRAWN -> FIELDWORK (the same again changes
  // nothing). FAILED_PRECONDITION without a sample, when the revision is
  // stale, or after fieldwork.
  void StartFieldwork(const v1::StartFieldworkRequest& request,
                      const std::string& actor, InspectionDone done);
  // CASELOAD_RECEIVED, VERDICTS_AGREED or REPORT_PUBLISHED, in order;
  // FAILED_PRECONDITION naming the state and what is needed otherwise.
  void Advance(const v1::AdvanceInspectionRequest& request,
               const std::string& actor, InspectionDone done);

 private:
  IntakeStore& store_;
};

}  // namespace yjinspect::intake
