#pragma once

// Inspectors' judgements on sampled cases: recording (validated against the
// inspection's framework, with etags and a kept history), reading and
// listing. Domain logic only: no gRPC types.

#include <functional>
#include <utility>

#include "absl/status/statusor.h"
#include "common/audit/audit_chain.h"
#include "common/clock.h"
#include "common/frameworks/framework_registry.h"
#include "services/findings/fieldwork_gate.h"
#include "services/findings/storage/findings_store.h"
#include "yjinspect/v1/findings_service.pb.h"

namespace yjinspect::findings {

class CaseJudgements {
 public:
  using Done = std::function<void(absl::StatusOr<v1::CaseFindings>)>;

  // `clock` stamps each recording.
  CaseJudgements(FindingsStore& store,
                 const common::FrameworkRegistry& frameworks,
                 FieldworkGate& gate,
                 common::Clock clock = common::SystemClock())
      : store_(store),
        frameworks_(frameworks),
        gate_(gate),
        clock_(std::move(clock)) {}

  // INVALID_ARGUMENT: malformed request, unknown criterion, answer outside
  // the criterion's scale, criterion not for this case (each named);
  // NOT_FOUND: inspection not received from intake; FAILED_PRECONDITION:
  // case not in the sample, case not received yet, inspection past
  // fieldwork; ABORTED: stale or missing etag. `done` must not block.
  // `audit` is recorded with the stored findings (findings_store.h).
  void Record(v1::RecordJudgementsRequest request,
              const common::AuditEvent& audit, const Done& done);

  // Records one staff interview's answers to the framework's interview
  // criteria (operational management); etags and history as for cases, and
  // like a case's first judgement the first interview starts fieldwork.
  void RecordInterview(v1::RecordInterviewRequest request, const Done& done);

  absl::StatusOr<v1::CaseFindings> Get(
      const v1::GetCaseFindingsRequest& request) const;
  // The sampled record a findings name (with "/record") is about, as this
  // store holds it: INVALID_ARGUMENT for a malformed name, NOT_FOUND for an
  // unknown inspection, a record outside its sample, or one not received.
  absl::StatusOr<v1::SampledRecord> GetRecord(
      const v1::GetSampledRecordRequest& request) const;
  absl::StatusOr<v1::ListCaseFindingsResponse> List(
      const v1::ListCaseFindingsRequest& request) const;
  absl::StatusOr<v1::ListJudgementHistoryResponse> History(
      const v1::ListJudgementHistoryRequest& request) const;

  // A recording's inspection and framework, once it passed every check
  // that does not depend on the inspection's state.
  struct Admitted {
    v1::Inspection inspection;
    const v1::Framework* framework;
  };
  // The checks of a RecordJudgements request, in order: its fields, the
  // inspection known here with a known framework, the case in its sample
  // and arrived here, the answers against the framework. A second marking
  // (second_marking_desk.h) passes the same checks.
  absl::StatusOr<Admitted> Admit(
      const v1::RecordJudgementsRequest& request) const;

 private:
  // OK when Store would accept `request` now (the etag rules); the error
  // it would give otherwise. Read before fieldwork is started for it.
  absl::Status CheckRecordable(const v1::RecordJudgementsRequest& request,
                               const v1::Framework& framework,
                               int32_t sample_revision) const;
  // The last step of RecordInterview, once the sample is fixed.
  absl::StatusOr<v1::CaseFindings> StoreInterview(
      const v1::RecordInterviewRequest& request, const v1::Framework& framework,
      int32_t sample_revision);
  // The last step of Record, once the sample is fixed.
  absl::StatusOr<v1::CaseFindings> Store(
      const v1::RecordJudgementsRequest& request,
      const v1::Framework& framework, int32_t sample_revision,
      const common::AuditEvent& audit);

  FindingsStore& store_;
  const common::FrameworkRegistry& frameworks_;
  FieldworkGate& gate_;
  common::Clock clock_;
};

}  // namespace yjinspect::findings
