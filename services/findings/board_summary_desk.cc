#include "services/findings/board_summary_desk.h"

#include <limits>
#include <optional>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/time/time.h"
#include "common/dates.h"
#include "common/field_checks.h"
#include "common/inspection_refusals.h"
#include "common/status_macros.h"
#include "services/findings/action_desk.h"
#include "services/findings/report/board_summary.h"

namespace yjinspect::findings {
namespace {

constexpr size_t kEvery = std::numeric_limits<size_t>::max();

// `inspection` with the verdicts that stand for it.
absl::StatusOr<RatedInspection> Rated(const common::FrameworkRegistry& registry,
                                      const VerdictDesk& verdicts,
                                      const v1::Inspection& inspection) {
  RatedInspection rated;
  rated.framework =
      registry.Find(inspection.framework_id(), inspection.framework_version());
  if (rated.framework == nullptr) return common::FrameworkUnknown(inspection);
  rated.inspection = inspection;
  v1::GetVerdictsRequest request;
  request.set_inspection(inspection.name());
  ASSIGN_OR_RETURN(rated.verdicts, verdicts.Verdicts(request));
  return rated;
}

}  // namespace

absl::StatusOr<v1::BoardSummary> BoardSummaryDesk::Render(
    const v1::RenderBoardSummaryRequest& request) const {
  common::FieldViolations v;
  auto inspection_id =
      common::CheckInspectionName(v, "inspection", request.inspection());
  std::optional<absl::CivilDay> as_of;
  if (request.has_as_of()) {
    as_of = common::CheckDate(v, "as_of", &request.as_of());
  }
  RETURN_IF_ERROR(v.ToStatus("RenderBoardSummary request"));
  ASSIGN_OR_RETURN(
      const v1::Inspection inspection,
      KnownInspection(store_, *inspection_id, request.inspection()));
  if (inspection.state() != v1::INSPECTION_STATE_REPORT_PUBLISHED) {
    return common::WrongState(
        inspection,
        absl::StrCat("inspection ", inspection.name(), " is ",
                     v1::InspectionState_Name(inspection.state()),
                     ": the board summary follows the action plan, which "
                     "answers the published report"));
  }
  BoardSummaryMaterial material;
  ASSIGN_OR_RETURN(material.published,
                   PublicationDay(store_, *inspection_id, inspection.name()));
  material.as_of =
      as_of ? *as_of : absl::ToCivilDay(clock_(), absl::UTCTimeZone());
  ASSIGN_OR_RETURN(material.current, Rated(frameworks_, verdicts_, inspection));
  ASSIGN_OR_RETURN(auto recommendations,
                   store_.ScanRecommendations(*inspection_id));
  for (auto& entry : recommendations) {
    material.recommendations.push_back(std::move(entry.value));
  }
  ASSIGN_OR_RETURN(auto actions,
                   store_.ScanActions(*inspection_id, "", "", kEvery));
  for (auto& entry : actions)
    material.actions.push_back(std::move(entry.value));
  ASSIGN_OR_RETURN(auto stored, store_.ScanInspections());
  std::vector<v1::Inspection> inspections;
  for (auto& entry : stored) inspections.push_back(std::move(entry.value));
  if (auto previous = PreviousInspection(inspection, inspections)) {
    ASSIGN_OR_RETURN(material.previous,
                     Rated(frameworks_, verdicts_, *previous));
  }
  return RenderBoardSummary(material);
}

}  // namespace yjinspect::findings
