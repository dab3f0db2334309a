#pragma once

// Drives one inspection from intake to report from an InspectionRunSpec:
// create the inspection, import the caseload (and the victims' cases, after
// the children's cases they relate to), draw the sample, wait for the
// findings service to hold the sampled cases, record judgements and staff
// interviews, set the report inputs and decisions, record the
// recommendations, compute the verdicts and render the report. Every step is
// idempotent (request ids, identical content, etags read back before changes),
// so a run stopped at any point and started again carries on and duplicates
// nothing.

#include <functional>
#include <optional>
#include <string>
#include <utility>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "google/protobuf/message.h"
#include "yjinspect/config/v1/run_spec.pb.h"
#include "yjinspect/v1/findings_service.grpc.pb.h"
#include "yjinspect/v1/findings_service.pb.h"

namespace yjinspect::cli {

// Called before each step of a run with the step's number (1, 2, ... in the
// order below) and its name. Returning an error stops the run there, before
// the step does anything; RunInspection returns that error. Lets a test
// watch a run and stop it at any point, as a kill would.
//
// The steps of RunInspection, in order:
//   "create inspection"
//   "import caseload"                 caseload_file, cases, then
//                                     victim_cases_file, victim_cases
//   "draw sample"                     (skipped inside when already drawn)
//   "await sample"
//   "record judgements <case>"        one per spec.judgements, in order
//   "record interview <interview_id>" one per spec.interviews, in order
//   "set report inputs"               only when spec.report_inputs is set
//   "record decision <n>"             one per spec.decisions, n from 1
//   "record recommendation <id>"      one per spec.recommendations, in order
//   "render report"
// and, when spec.action_plan is set (action_plan_run.h),
//   "publish report"
//   "await publication"
//   "record action <recommendation>/<action_id>"  one per action, in order
//   "render board summary"
// then
//   "read inspection"
// so a spec with J judgements, I interviews, report inputs, D decisions and
// R recommendations has 4 + J + I + 1 + D + R + 2 steps, and an action plan
// of A actions adds 3 + A.
using StepHook = std::function<absl::Status(int step, absl::string_view name)>;

struct RunTargets {
  std::string intake;
  std::string findings;
  // How long to wait for the findings service to receive the sample.
  absl::Duration sample_wait = absl::Minutes(2);
  // Optional; see StepHook.
  StepHook before_step = nullptr;
};

struct RunOutcome {
  v1::Inspection inspection;
  v1::RenderedReport report;
  // Set when the spec carries an action plan.
  std::optional<v1::BoardSummary> board_summary;
};

// Reads `message` in text format from `path`; NOT_FOUND when unreadable,
// INVALID_ARGUMENT "<file>:<line>:<col>: ..." when malformed.
absl::Status ReadTextFormat(const std::string& path,
                            google::protobuf::Message* message);

// Reads a spec in text format; INVALID_ARGUMENT "<file>:<line>:<col>: ..."
// for a malformed one.
absl::StatusOr<config::v1::InspectionRunSpec> ReadRunSpec(
    const std::string& path);

// Runs the spec; `progress` hears one line per step.
absl::StatusOr<RunOutcome> RunInspection(
    const config::v1::InspectionRunSpec& spec, const RunTargets& targets,
    const std::function<void(const std::string&)>& progress);

// What RecordCaseJudgements did.
struct RecordedCase {
  // The case's findings after the call.
  v1::CaseFindings findings;
  // False when the case already had these answers (nothing was recorded).
  bool changed = false;
};

// Records one case's judgements as a run does: reads the case's current
// findings first and, when there are some, sends their etag (replacing any
// in `request`), so that recording the same answers again changes nothing
// and different answers update rather than conflict. Errors name the case.
absl::StatusOr<RecordedCase> RecordCaseJudgements(
    v1::Findings::Stub& findings, v1::RecordJudgementsRequest request);

// Records one recommendation as a run does: reads it first and, when it is
// recorded, sends its etag (replacing any in `request`), so that the same
// recommendation again changes nothing and a different one replaces it.
// Errors name the recommendation.
absl::StatusOr<v1::Recommendation> RecordRecommendationAsRead(
    v1::Findings::StubInterface& findings,
    v1::RecordRecommendationRequest request);

// Writes `<stem>.md` and `<stem>.html` to `folder` (created when
// missing); returns the two paths.
absl::StatusOr<std::pair<std::string, std::string>> WriteMarkdownAndHtml(
    const std::string& folder, const std::string& stem,
    const std::string& markdown, const std::string& html);

// Writes report.md and report.html to `folder` (created when missing);
// returns the two paths.
absl::StatusOr<std::pair<std::string, std::string>> WriteReport(
    const v1::RenderedReport& report, const std::string& folder);

}  // namespace yjinspect::cli
