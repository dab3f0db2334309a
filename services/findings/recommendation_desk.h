#pragma once

// The recommendations of an inspection's report (ratings frameworks only):
// recording them with etags and a kept history, reading and listing them in
// report order. Domain logic only: no gRPC types.

#include <utility>

#include "absl/status/statusor.h"
#include "common/audit/audit_chain.h"
#include "common/clock.h"
#include "common/frameworks/framework_registry.h"
#include "services/findings/storage/findings_store.h"
#include "yjinspect/v1/findings_service.pb.h"

namespace yjinspect::findings {

class RecommendationDesk {
 public:
  // `clock` stamps each recording.
  RecommendationDesk(FindingsStore& store,
                     const common::FrameworkRegistry& frameworks,
                     common::Clock clock = common::SystemClock())
      : store_(store), frameworks_(frameworks), clock_(std::move(clock)) {}

  // Records one recommendation: a new id is numbered after the others; a
  // known one is replaced, keeping its number. The same content again
  // changes nothing (whatever the etag and the state), so retries and
  // reruns are safe.
  // INVALID_ARGUMENT: malformed request, or a section id the inspection's
  // framework does not have (each named as a field violation); NOT_FOUND:
  // inspection not received from intake; FAILED_PRECONDITION: framework
  // unknown here (FRAMEWORK_UNKNOWN) or rating no standards
  // (FRAMEWORK_WITHOUT_RECOMMENDATIONS), or the verdicts already agreed
  // (WRONG_STATE); ABORTED: stale etag, or one missing for a recorded
  // recommendation (or given for one not recorded). `audit` is recorded
  // with the stored recommendation (findings_store.h).
  absl::StatusOr<v1::Recommendation> Record(
      v1::RecordRecommendationRequest request, const common::AuditEvent& audit);

  // NOT_FOUND when none is recorded under the name.
  absl::StatusOr<v1::Recommendation> Get(
      const v1::GetRecommendationRequest& request) const;
  // In report order (by number); NOT_FOUND for an inspection not known
  // here.
  absl::StatusOr<v1::ListRecommendationsResponse> List(
      const v1::ListRecommendationsRequest& request) const;
  // Oldest first; NOT_FOUND when none is recorded under the name.
  absl::StatusOr<v1::ListRecommendationHistoryResponse> History(
      const v1::ListRecommendationHistoryRequest& request) const;

 private:
  FindingsStore& store_;
  const common::FrameworkRegistry& frameworks_;
  common::Clock clock_;
};

}  // namespace yjinspect::findings
