#include "services/findings/report/rendered_report.h"

#include <utility>

#include "common/status_macros.h"
#include "services/findings/report/report_renderer.h"

namespace yjinspect::findings {

absl::StatusOr<v1::RenderedReport> RenderReport(ReportMaterial material,
                                                v1::ReportEdition edition) {
  ReportSubject subject;
  subject.framework = material.framework;
  subject.inspection = &material.inspection;
  subject.verdicts = &material.verdicts;
  subject.inputs = &material.inputs;
  subject.cases_examined = material.cases_examined;
  subject.victim_cases_examined = material.victim_cases_examined;
  subject.staff_interviewed = material.staff_interviewed;
  subject.decision_order = std::move(material.decision_order);
  subject.recommendations = std::move(material.recommendations);
  subject.management_board_edition =
      edition == v1::REPORT_EDITION_MANAGEMENT_BOARD;
  ASSIGN_OR_RETURN(RenderedText text, RenderInspectionReport(subject));
  v1::RenderedReport report;
  report.set_markdown(std::move(text.markdown));
  report.set_html(std::move(text.html));
  *report.mutable_verdicts() = std::move(material.verdicts);
  return report;
}

}  // namespace yjinspect::findings
