#pragma once

// Gathers what the management board's summary of an action plan is
// rendered from: the published inspection, its recommendations and
// actions, its verdicts, and the same YOT's previous inspection with its
// verdicts when one is stored. Rendering is the report folder's
// (report/board_summary.h). Domain logic only: no gRPC types.

#include <utility>

#include "absl/status/statusor.h"
#include "common/clock.h"
#include "common/frameworks/framework_registry.h"
#include "services/findings/storage/findings_store.h"
#include "services/findings/verdict_desk.h"
#include "yjinspect/v1/action_plan.pb.h"
#include "yjinspect/v1/findings_service.pb.h"

namespace yjinspect::findings {

class BoardSummaryDesk {
 public:
  // `clock` gives "today" (UTC) when a request sets no as_of.
  BoardSummaryDesk(const FindingsStore& store,
                   const common::FrameworkRegistry& frameworks,
                   const VerdictDesk& verdicts,
                   common::Clock clock = common::SystemClock())
      : store_(store),
        frameworks_(frameworks),
        verdicts_(verdicts),
        clock_(std::move(clock)) {}

  // INVALID_ARGUMENT: a malformed inspection name or as_of; NOT_FOUND: the
  // inspection not received from intake; FAILED_PRECONDITION: its report
  // not published (WRONG_STATE), no publication date
  // (REPORT_INPUTS_MISSING), or a framework this service does not know
  // (FRAMEWORK_UNKNOWN), of this inspection or of the previous one.
  absl::StatusOr<v1::BoardSummary> Render(
      const v1::RenderBoardSummaryRequest& request) const;

 private:
  const FindingsStore& store_;
  const common::FrameworkRegistry& frameworks_;
  const VerdictDesk& verdicts_;
  common::Clock clock_;
};

}  // namespace yjinspect::findings
