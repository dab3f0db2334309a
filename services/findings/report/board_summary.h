#pragma once

// The management board's summary of an inspection's action plan: per
// recommendation its actions and where they stand, overdue actions first,
// and the inspection's ratings beside those of the service's previous
// inspection. Built from the report's format-neutral blocks, written as
// Markdown and as the report's HTML page, so it prints as the report does.
// Ratings are words, never colour alone. Pure code: "today" is an input.

#include <optional>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/civil_time.h"
#include "services/findings/report/report_document.h"
#include "yjinspect/v1/action_plan.pb.h"
#include "yjinspect/v1/framework.pb.h"
#include "yjinspect/v1/inspection.pb.h"
#include "yjinspect/v1/recommendation.pb.h"
#include "yjinspect/v1/verdicts.pb.h"

namespace yjinspect::findings {

// One inspection with the verdicts that stand for it. `framework` is not
// owned and must outlive the call.
struct RatedInspection {
  const v1::Framework* framework = nullptr;
  v1::Inspection inspection;
  v1::InspectionVerdicts verdicts;
};

struct BoardSummaryMaterial {
  RatedInspection current;
  // The same YOT's latest earlier inspection with its report published,
  // when one is stored.
  std::optional<RatedInspection> previous;
  // The report's publication date.
  absl::CivilDay published;
  // The day overdue is judged on.
  absl::CivilDay as_of;
  // The report's recommendations, in any order (listed by number).
  std::vector<v1::Recommendation> recommendations;
  // Every action of the plan, in any order; each names its recommendation.
  std::vector<v1::Action> actions;
};

// The summary's blocks. Actions whose recommendation is not among
// `recommendations` are not shown (the store never holds such).
std::vector<Block> BoardSummaryBlocks(const BoardSummaryMaterial& material);

// The summary as Markdown and HTML with its counts. INVALID_ARGUMENT for a
// null framework; INTERNAL when a built-in report file is broken.
absl::StatusOr<v1::BoardSummary> RenderBoardSummary(
    const BoardSummaryMaterial& material);

// From the inspections stored, the one `current`'s ratings are shown
// beside: the same YOT, fieldwork starting before `current`'s, report
// published (agreed but unpublished verdicts are not the service's to
// read); the latest such. nullopt when none.
std::optional<v1::Inspection> PreviousInspection(
    const v1::Inspection& current, const std::vector<v1::Inspection>& stored);

// Whether `action` is overdue on `today`: due before it, and neither done
// nor dropped. False for an action without a real due date.
bool IsOverdue(const v1::Action& action, absl::CivilDay today);

}  // namespace yjinspect::findings
