#pragma once

// The generated parts of a rated report (a ratings framework's report, in
// the shape the inspectorate has published since 2018): the ratings table
// that opens it, and the findings standard by standard, each with its
// rating, the key-question shares the rating rests on (a chart), its key
// strengths and areas for improvement, and what the inspectors counted and
// wrote. Pure functions over the framework, the verdicts and the
// commentary.

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "services/findings/report/report_document.h"
#include "services/findings/report/report_sections.h"
#include "yjinspect/v1/framework.pb.h"
#include "yjinspect/v1/verdicts.pb.h"

namespace yjinspect::findings {

// The ratings table: caption "Ratings of <yot>", columns Standard and
// Rating, a group row per domain, a row per section rated by key question
// or by the panel, headed by the standard's name, its rating in words (a
// kRating run) and "(not counted in the overall score)" where it is not,
// then the overall rating row: "Good (score 11 of 21)" or why there is
// none yet. No block when no section is rated.
std::vector<Block> RatedReportRatingsTable(
    const v1::Framework& framework, const v1::InspectionVerdicts& verdicts,
    absl::string_view yot);

// A standard's rating cell: its rating in words (a kRating run where there
// is one; else why not), "(overridden from X)" where the lead inspector
// changed it, "(set by the lead inspector; the evidence gave no rating)"
// where the override stands in for no rating, "(not counted in the
// overall score)" where so.
Inline RatingCell(const v1::SectionVerdict& verdict);

// The overall rating cell: "Good (score 11 of 21)", "; overridden from X"
// where changed, "so far, N standards not yet rated; set by the lead
// inspector" where it was set before every counted standard was rated;
// without a rating, why not.
Inline OverallCell(const v1::Framework& framework,
                   const v1::OverallRating& overall);

// What the standards need besides the framework and the verdicts.
struct StandardsMaterial {
  // CommentaryBySection's output: placed under each standard.
  std::vector<SectionCommentary> commentary;
  // Overrides' targets in recorded order (ReportSubject.decision_order).
  std::vector<std::string> decision_order;
};

// For each section in framework order, under a level-2 heading per domain
// ("Domain 2: Work with children"; none where the domain is the standard's
// own name), a heading with the standard's name, then:
//  - "Rating: Good." with "Not counted in the overall score." where it is
//    not, and the lead inspector's override (from which rating, or that
//    the evidence gave none, and why) where the rating was overridden;
//  - for a standard rated by key question: which key question the rating
//    is taken from (every one of them where shares are equal lowest) and
//    the framework's bands, then a kKeyQuestionChart of
//    every key question the standard asks, against the bands' lower edges;
//  - for a panel's rating: the panel's reasons;
//  - "Strengths" and "Areas for improvement": the standing key strengths
//    and areas requiring improvement of the standard's criteria (recorded
//    decisions first, in their order);
//  - "What we found": the section's commentary.
// A section with none of these is left out. INVALID_ARGUMENT when the
// verdicts lack a section of the framework.
absl::StatusOr<std::vector<Block>> StandardBlocks(
    const v1::Framework& framework, const v1::InspectionVerdicts& verdicts,
    StandardsMaterial material);

// "80%", "62.5%": a band's least share as a percentage where it is a
// whole tenth of one; else the exact fraction ("2/3"), never rounded.
std::string BandEdge(const v1::Fraction& share);

}  // namespace yjinspect::findings
