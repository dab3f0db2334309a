#pragma once

// The inspection report: the letter of a Short Quality Screening (in the
// shape of the published SQS letters, reference/bolton-sqs-2014.md) or, for
// a ratings framework, the report with its ratings table, rendered as
// Markdown and as a self-contained printable HTML page.
//
// Pure code: no I/O, no clock. The fixed wording and shape come from the
// report templates (reports/*.md.tmpl, reports/report.html.tmpl,
// reports/report.css), compiled into the library at build time; the
// findings are generated from the verdicts (finding_sentences.h,
// report_sections.h) and the figures from the report inputs
// (report_wording.h). Every piece of text is escaped for its format: the
// inputs are user text. Thread-safe.

#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "yjinspect/v1/framework.pb.h"
#include "yjinspect/v1/inspection.pb.h"
#include "yjinspect/v1/recommendation.pb.h"
#include "yjinspect/v1/report.pb.h"
#include "yjinspect/v1/verdicts.pb.h"

namespace yjinspect::findings {

// What a report is rendered from. The pointers are not owned and must stay
// valid during the call.
struct ReportSubject {
  // The framework the inspection is pinned to.
  const v1::Framework* framework = nullptr;
  const v1::Inspection* inspection = nullptr;
  // ComputeVerdicts' result for the inspection, decisions applied.
  const v1::InspectionVerdicts* verdicts = nullptr;
  const v1::ReportInputs* inputs = nullptr;
  // Children's cases in the sample ("We examined 20 cases ..."). At least 1.
  int64_t cases_examined = 0;
  // Victims' cases in the sample, judged on the work with victims; 0 for
  // none (and always 0 under a framework without a victims' pool).
  int64_t victim_cases_examined = 0;
  // Staff interviewed for operational management; 0 for none.
  int64_t staff_interviewed = 0;
  // The targets of the recorded overrides ("strength:om.2"), in the order
  // the lead inspector recorded them: the standing key strengths and areas
  // requiring improvement are listed in that order, those without a
  // recorded decision after them in framework order.
  std::vector<std::string> decision_order;
  // The report's recommendations, in any order (they are listed by
  // number). Only a ratings report lists them: an SQS letter has none.
  std::vector<v1::Recommendation> recommendations;
  // The management board's edition adds each theme's score, marked as not
  // part of the published report; the published edition has none.
  bool management_board_edition = false;
};

struct RenderedText {
  std::string markdown;
  // A complete HTML document, styles inline, no scripts or external
  // resources.
  std::string html;
};

// Renders the report: the SQS letter template for frameworks without rated
// standards, the ratings template for frameworks with sections rated by key
// question or by the panel. Counted sentences are stated only for the
// criteria inputs.counted_criteria names (all when unset). A framework
// version that a later one superseded (verdicts.framework_superseded) is
// said to be so, with the reason, in the report's closing notes.
//
// INVALID_ARGUMENT, naming what is wrong, when something required is
// missing or inconsistent: a null pointer; no or an impossible publication
// date, or one before the end of fieldwork; no or impossible fieldwork dates;
// no addressee or sender; reoffending or looked-after figures without the
// area they belong to (inputs.area); no YOT name (yot_display_name, else the id
// of `yot`); an inspection or verdicts computed by another framework (id or
// version); cases_examined < 1 or staff_interviewed < 0; reoffending figures
// without the YOT's rate, looked-after figures without the national rate,
// or a rate outside 0.0%-100.0%; verdicts lacking a section or criterion of
// the framework. INTERNAL when a built-in template is broken.
absl::StatusOr<RenderedText> RenderInspectionReport(
    const ReportSubject& subject);

}  // namespace yjinspect::findings
