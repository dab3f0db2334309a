#pragma once

// Drives one inspection from intake to report from an InspectionRunSpec:
// create the inspection, import the caseload, draw the sample, wait for the
// findings service to hold the sampled cases, record judgements and staff
// interviews, set the report inputs and decisions, compute the verdicts and
// render the report. Every step is idempotent (request ids, identical
// content, etags read back before changes), so a run stopped at any point
// and started again carries on and duplicates nothing.

#include <functional>
#include <string>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "yjinspect/v1/findings_service.pb.h"
#include "yjinspect/v1/run_spec.pb.h"

namespace yjinspect::cli {

struct RunTargets {
  std::string intake;
  std::string findings;
  // How long to wait for the findings service to receive the sample.
  absl::Duration sample_wait = absl::Minutes(2);
};

struct RunOutcome {
  v1::Inspection inspection;
  v1::RenderedReport report;
};

// Reads a spec in text format; INVALID_ARGUMENT "<file>:<line>:<col>: ..."
// for a malformed one.
absl::StatusOr<v1::InspectionRunSpec> ReadRunSpec(const std::string& path);

// Runs the spec; `progress` hears one line per step.
absl::StatusOr<RunOutcome> RunInspection(
    const v1::InspectionRunSpec& spec, const RunTargets& targets,
    const std::function<void(const std::string&)>& progress);

// Writes report.md and report.html to `folder` (created when missing);
// returns the two paths.
absl::StatusOr<std::pair<std::string, std::string>> WriteReport(
    const v1::RenderedReport& report, const std::string& folder);

}  // namespace yjinspect::cli
