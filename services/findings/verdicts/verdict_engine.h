#pragma once

// The verdict engine: from the inspectors' answers, the ratings panel's
// ratings and the recorded overrides to counts, section verdicts, the overall
// rating and proposed key strengths and areas requiring improvement. Pure
// computation: no I/O, no clock, no randomness; the same input always gives
// the same output. Thread-safe (no shared state).

#include <vector>

#include "absl/status/statusor.h"
#include "yjinspect/v1/framework.pb.h"
#include "yjinspect/v1/verdicts.pb.h"

namespace yjinspect::findings {

// Computes the verdicts of one inspection judged by `framework`.
//
// Counting: an answer counts by its value's meaning (positive, negative, not
// applicable) for its criterion, only when the criterion's section covers the
// record: same evidence source (cases or staff interviews) and, for cases,
// the case's pool among the section's pools (CaseAnswers.pool_id,
// Section.pools) or, for a section with a scope instead, a disposal in it
// (court or out-of-court). Other answers are reported as out of scope and
// count nowhere.
//
// Section verdicts by scoring method:
//  - SHARE_OF_POSITIVE: positive over applicable (positive + negative)
//    answers of the section's scored criteria; rated by the standard bands
//    when the framework has any.
//  - LOWEST_KEY_QUESTION: the share of each key question (not applicable
//    answers excluded); the section is rated from the lowest, by the first
//    standard band whose min_share it reaches (exact fractions).
//  - PANEL_RATING: the panel's rating; without one, awaiting the panel. A
//    panel section that names pools is not rated when no case of those
//    pools is among the records (resettlement without resettlement cases);
//    its cases_in_scope counts them.
//  - NONE: counts only.
// A section with no applicable answer has no rating (insufficient
// evidence). A section override replaces the computed rating; points are the
// final rating's band points.
//
// Overall: the points of counted sections with a final rating; rated by the
// overall bands only when every counted section has one (otherwise the
// missing sections are listed). An "overall" override replaces the rating.
//
// Findings: a scored criterion with strength (improvement) wording and at
// least max(1, min_applicable) applicable answers proposes a key strength
// when its share reaches
// strength_at_least, and an area requiring improvement when its share is
// below improvement_below. "strength:<id>" / "improvement:<id>" overrides
// confirm or reject a proposal, or add one.
//
// Errors, all INVALID_ARGUMENT with the offending element named: a framework
// the engine cannot rate by (see FrameworkIndex::Build), a record without an
// evidence source, an answer naming an unknown criterion or value, a panel
// rating or override that is malformed or has no reason (see
// RecordDecisions), a score the overall bands do not cover.
absl::StatusOr<v1::InspectionVerdicts> ComputeVerdicts(
    const v1::Framework& framework, const std::vector<v1::CaseAnswers>& cases,
    const std::vector<v1::PanelRating>& panel_ratings,
    const std::vector<v1::VerdictOverride>& overrides);

}  // namespace yjinspect::findings
