#include "services/findings/verdicts/decisions.h"

#include <string>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"
#include "common/status_macros.h"

namespace yjinspect::findings {
namespace {

constexpr absl::string_view kOverallTarget = "overall";
constexpr absl::string_view kStrengthPrefix = "strength:";
constexpr absl::string_view kImprovementPrefix = "improvement:";

absl::Status OverrideError(size_t i, const v1::VerdictOverride& o,
                           absl::string_view what) {
  return absl::InvalidArgumentError(
      absl::StrCat("override ", i, " (target \"", o.target(), "\"): ", what));
}

// Stores `o` in `slot` unless another override already did.
absl::Status Place(size_t i, const v1::VerdictOverride& o,
                   const v1::VerdictOverride*& slot) {
  if (slot != nullptr) return OverrideError(i, o, "target repeated");
  slot = &o;
  return absl::OkStatus();
}

absl::Status RecordFindingOverride(
    const FrameworkIndex& index, size_t i, const v1::VerdictOverride& o,
    absl::string_view criterion_id,
    std::vector<const v1::VerdictOverride*>& by) {
  const int32_t c = index.FindCriterion(criterion_id);
  if (c < 0) return OverrideError(i, o, "unknown criterion");
  if (!index.criteria()[c].criterion->scored()) {
    return OverrideError(i, o, "the criterion is not scored");
  }
  if (o.value() != kConfirmFinding && o.value() != kRejectFinding) {
    return OverrideError(i, o, "value must be \"confirm\" or \"reject\"");
  }
  return Place(i, o, by[c]);
}

absl::Status RecordOverride(const FrameworkIndex& index, size_t i,
                            const v1::VerdictOverride& o,
                            RecordedDecisions& out) {
  if (o.reason().empty()) return OverrideError(i, o, "a reason is required");
  absl::string_view target = o.target();
  if (target == kOverallTarget) {
    if (index.FindOverallBand(o.value()) == nullptr) {
      return OverrideError(
          i, o, absl::StrCat("\"", o.value(), "\" is not an overall rating"));
    }
    return Place(i, o, out.overall_override);
  }
  if (absl::ConsumePrefix(&target, kStrengthPrefix)) {
    return RecordFindingOverride(index, i, o, target, out.strength_overrides);
  }
  if (absl::ConsumePrefix(&target, kImprovementPrefix)) {
    return RecordFindingOverride(index, i, o, target,
                                 out.improvement_overrides);
  }
  const int32_t s = index.FindSection(target);
  if (s < 0) return OverrideError(i, o, "unknown target");
  if (index.FindStandardBand(o.value()) == nullptr) {
    return OverrideError(i, o,
                         absl::StrCat("\"", o.value(), "\" is not a rating"));
  }
  return Place(i, o, out.section_overrides[s]);
}

absl::Status RecordPanelRating(const FrameworkIndex& index, size_t i,
                               const v1::PanelRating& p,
                               RecordedDecisions& out) {
  const auto error = [&](absl::string_view what) {
    return absl::InvalidArgumentError(absl::StrCat(
        "panel rating ", i, " (section \"", p.section_id(), "\"): ", what));
  };
  const int32_t s = index.FindSection(p.section_id());
  if (s < 0) return error("unknown section");
  if (index.sections()[s].section->scoring() !=
      v1::SCORING_METHOD_PANEL_RATING) {
    return error("the section is not rated by the panel; use an override");
  }
  if (p.reason().empty()) return error("a reason is required");
  if (index.FindStandardBand(p.rating()) == nullptr) {
    return error(absl::StrCat("\"", p.rating(), "\" is not a rating"));
  }
  if (out.panel_ratings[s] != nullptr) return error("section repeated");
  out.panel_ratings[s] = &p;
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<RecordedDecisions> RecordDecisions(
    const FrameworkIndex& index,
    const std::vector<v1::PanelRating>& panel_ratings,
    const std::vector<v1::VerdictOverride>& overrides) {
  RecordedDecisions out;
  // assign(), not resize(): GCC 12 flags the latter's value-initialisation
  // of pointers as a potential null dereference.
  out.panel_ratings.assign(index.sections().size(), nullptr);
  out.section_overrides.assign(index.sections().size(), nullptr);
  out.strength_overrides.assign(index.criteria().size(), nullptr);
  out.improvement_overrides.assign(index.criteria().size(), nullptr);
  for (size_t i = 0; i < panel_ratings.size(); ++i) {
    RETURN_IF_ERROR(RecordPanelRating(index, i, panel_ratings[i], out));
  }
  for (size_t i = 0; i < overrides.size(); ++i) {
    RETURN_IF_ERROR(RecordOverride(index, i, overrides[i], out));
  }
  return out;
}

}  // namespace yjinspect::findings
