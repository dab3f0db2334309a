#pragma once

// From recorded findings to verdicts and to what the report is rendered
// from: gathers the current sample's answers, the staff interviews and the
// recorded decisions, and runs the verdict engine. The report itself is
// rendered in the report folder (report/rendered_report.h). Domain logic
// only.

#include <string>

#include "absl/status/statusor.h"
#include "common/audit/audit_chain.h"
#include "common/frameworks/framework_registry.h"
#include "services/findings/report/rendered_report.h"
#include "services/findings/storage/findings_store.h"
#include "yjinspect/v1/findings_service.pb.h"

namespace yjinspect::findings {

class VerdictDesk {
 public:
  VerdictDesk(FindingsStore& store, const common::FrameworkRegistry& frameworks)
      : store_(store), frameworks_(frameworks) {}

  // Stores a panel rating or override (replacing an earlier one for the same
  // target) once the verdict engine accepts it; INVALID_ARGUMENT otherwise.
  // `audit` is recorded with the stored decisions.
  absl::StatusOr<v1::VerdictDecisions> RecordDecision(
      const v1::RecordVerdictDecisionRequest& request,
      const common::AuditEvent& audit);
  // The decisions recorded so far: none (empty lists) before the first.
  // NOT_FOUND for an inspection not known here.
  absl::StatusOr<v1::VerdictDecisions> Decisions(
      const v1::GetVerdictDecisionsRequest& request) const;
  absl::StatusOr<v1::InspectionVerdicts> Verdicts(
      const v1::GetVerdictsRequest& request) const;
  absl::StatusOr<v1::InspectionProgress> Progress(
      const v1::GetInspectionProgressRequest& request) const;
  // What the report of `inspection_name` is rendered from, its
  // recommendations included.
  // FAILED_PRECONDITION until the report inputs are set; and while any
  // sampled case has no judgements, or a criterion the report counts has
  // judged cases without an answer: the report speaks of the whole sample
  // ("in all cases", "we examined 20 cases"), so it is not rendered from
  // part of it. The message says how many are missing.
  absl::StatusOr<ReportMaterial> GatherReport(
      const std::string& inspection_name) const;

 private:
  struct Gathered;
  absl::StatusOr<Gathered> Gather(const std::string& inspection_name) const;
  // The verdicts of the gathered answers with the recorded decisions.
  absl::StatusOr<v1::InspectionVerdicts> Compute(const Gathered& g) const;
  // Sets verdicts.framework_superseded when a later version of the pinned
  // framework supersedes it.
  void MarkSuperseded(const Gathered& g,
                      v1::InspectionVerdicts& verdicts) const;
  static absl::Status CheckEveryCaseJudged(
      const Gathered& g, const v1::InspectionVerdicts& verdicts,
      const v1::ReportInputs& inputs);

  FindingsStore& store_;
  const common::FrameworkRegistry& frameworks_;
};

}  // namespace yjinspect::findings
