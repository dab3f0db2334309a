#pragma once

// The action plan stage of a run (`yjinspect run` with a spec's
// action_plan): publish the report, wait until the findings service holds
// the publication, record the plan's actions, render the management board's
// summary. Each step is idempotent (the state is read before advancing, each
// action is read before it is recorded), so a rerun changes nothing.

#include <string>
#include <utility>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "yjinspect/config/v1/run_spec.pb.h"
#include "yjinspect/v1/findings_service.grpc.pb.h"
#include "yjinspect/v1/intake_service.grpc.pb.h"

namespace yjinspect::cli {

// Agrees inspection `name`'s verdicts through the findings service
// (Findings.AgreeVerdicts, which refuses while moderation is open), then
// publishes the report (AdvanceInspection to REPORT_PUBLISHED), each only
// when it is not there yet. Errors as those calls', named.
absl::Status PublishReport(v1::CaseIntake::StubInterface& intake,
                           v1::Findings::StubInterface& findings,
                           const std::string& name);

// Waits until the findings service holds inspection `name` as
// REPORT_PUBLISHED (it learns it from intake's stream); DEADLINE_EXCEEDED
// after `wait`, saying the state it last saw.
absl::Status AwaitPublication(v1::Findings::StubInterface& findings,
                              const std::string& name, absl::Duration wait);

// `request` as a run records it for inspection `name`: the inspection set,
// and a bare recommendation id made a recommendation name of it.
v1::RecordActionRequest ActionOfRun(v1::RecordActionRequest request,
                                    const std::string& name);

// Records one action as a run does: reads it first and, when it is
// recorded, sends its etag (replacing any in `request`), so that the same
// action again changes nothing and a different one replaces it. Errors
// name the action.
absl::StatusOr<v1::Action> RecordActionAsRead(
    v1::Findings::StubInterface& findings, v1::RecordActionRequest request);

// Writes board-summary.md and board-summary.html to `folder` (created when
// missing); returns the two paths.
absl::StatusOr<std::pair<std::string, std::string>> WriteBoardSummary(
    const v1::BoardSummary& summary, const std::string& folder);

}  // namespace yjinspect::cli
