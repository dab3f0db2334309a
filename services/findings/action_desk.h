#pragma once

// The action plan a service keeps once its inspection report is published:
// actions answering the report's recommendations, recorded with etags and
// a kept history, read and listed. Domain logic only: no gRPC types.

#include <utility>

#include "absl/status/statusor.h"
#include "absl/time/civil_time.h"
#include "common/audit/audit_chain.h"
#include "common/clock.h"
#include "services/findings/storage/findings_store.h"
#include "yjinspect/v1/findings_service.pb.h"

namespace yjinspect::findings {

class ActionDesk {
 public:
  // `clock` stamps each recording.
  explicit ActionDesk(FindingsStore& store,
                      common::Clock clock = common::SystemClock())
      : store_(store), clock_(std::move(clock)) {}

  // Records one action, or replaces a recorded one. The same content again
  // changes nothing (whatever the etag), so retries and reruns are safe.
  // The caller `audit.caller` is kept as the action's recorded_by.
  // INVALID_ARGUMENT (field violations, nothing stored): a malformed
  // request, a recommendation of another inspection than the request's,
  // or a due date before the report's publication date; NOT_FOUND: the
  // inspection not received from intake, or the recommendation not
  // recorded; FAILED_PRECONDITION: the report not published yet
  // (WRONG_STATE), or published without report inputs
  // (REPORT_INPUTS_MISSING); ABORTED: stale etag, or one missing for a
  // recorded action (or given for one not recorded).
  absl::StatusOr<v1::Action> Record(v1::RecordActionRequest request,
                                    const common::AuditEvent& audit);

  // NOT_FOUND when none is recorded under the name.
  absl::StatusOr<v1::Action> Get(const v1::GetActionRequest& request) const;
  // By recommendation id then action id; NOT_FOUND for an inspection not
  // known here or a recommendation not recorded.
  absl::StatusOr<v1::ListActionsResponse> List(
      const v1::ListActionsRequest& request) const;
  // Oldest first; NOT_FOUND when none is recorded under the name.
  absl::StatusOr<v1::ListActionHistoryResponse> History(
      const v1::ListActionHistoryRequest& request) const;

 private:
  FindingsStore& store_;
  common::Clock clock_;
};

// The report's publication date from its inputs; FAILED_PRECONDITION
// (REPORT_INPUTS_MISSING) when none is set, INTERNAL when it is not a real
// date (SetReportInputs refuses those).
absl::StatusOr<absl::CivilDay> PublicationDay(const FindingsStore& store,
                                              absl::string_view inspection_id,
                                              absl::string_view inspection);

}  // namespace yjinspect::findings
