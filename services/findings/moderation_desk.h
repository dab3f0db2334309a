#pragma once

// Moderation of an inspection's second markings: the disagreements between
// markers and their resolution, the inter-rater agreement, the blind rule
// every read path asks, and agreeing the verdicts once moderation is done.
// Domain logic only: no gRPC types.

#include <functional>
#include <string>

#include "absl/status/statusor.h"
#include "common/audit/audit_chain.h"
#include "common/clock.h"
#include "common/frameworks/framework_registry.h"
#include "common/rpc/caller.h"
#include "services/findings/fieldwork_gate.h"
#include "services/findings/storage/findings_store.h"
#include "yjinspect/v1/findings_service.pb.h"
#include "yjinspect/v1/moderation.pb.h"

namespace yjinspect::findings {

class ModerationDesk {
 public:
  ModerationDesk(FindingsStore& store,
                 const common::FrameworkRegistry& frameworks,
                 FieldworkGate& gate,
                 common::Clock clock = common::SystemClock())
      : store_(store),
        frameworks_(frameworks),
        gate_(gate),
        clock_(std::move(clock)) {}

  // The blind rule: PERMISSION_DENIED (SECOND_MARKING_BLIND) when `caller`
  // is the second marker of a record of inspection `inspection_name` that
  // they have not submitted, and the call would show the first marker's
  // answers: of `findings_name` (`inspections/{i}/caseFindings/{c}`...;
  // empty: of any record, for inspection-wide figures). OK for a malformed
  // or unknown inspection (the call's own checks answer those).
  absl::Status CheckNotBlind(const common::Caller& caller,
                             const std::string& inspection_name,
                             const std::string& findings_name) const;
  // The findings names (`inspections/{i}/caseFindings/{c}`) `caller` may
  // not read now in inspection `inspection_name`.
  absl::StatusOr<std::vector<std::string>> BlindedFindings(
      const common::Caller& caller, const std::string& inspection_name) const;

  absl::StatusOr<v1::ListDisagreementsResponse> ListDisagreements(
      const v1::ListDisagreementsRequest& request) const;
  // INVALID_ARGUMENT for a malformed request or an answer outside the
  // criterion's scale; NOT_FOUND for an unknown inspection;
  // FAILED_PRECONDITION when the two answers do not differ (or the
  // marking is not submitted), or once the verdicts are agreed.
  absl::StatusOr<v1::Disagreement> ResolveDisagreement(
      const v1::ResolveDisagreementRequest& request,
      const common::AuditEvent& audit);
  absl::StatusOr<v1::AgreementSummary> Agreement(
      const v1::GetAgreementRequest& request) const;
  // FAILED_PRECONDITION (MODERATION_OPEN) naming every pending second
  // marking and open disagreement; otherwise intake's answer to agreeing.
  void AgreeVerdicts(const v1::AgreeVerdictsRequest& request,
                     const common::Caller& caller,
                     std::function<void(absl::StatusOr<v1::Inspection>)> done);

 private:
  FindingsStore& store_;
  const common::FrameworkRegistry& frameworks_;
  FieldworkGate& gate_;
  common::Clock clock_;
};

}  // namespace yjinspect::findings
