#pragma once

// RenderReport's answer, from what the findings service gathered for one
// inspection: the report in both formats, with the verdicts it states. The
// RPC enters rendering here; gathering (the store, the framework registry,
// whether every sampled case is judged) is the verdict desk's
// (services/findings/verdict_desk.h). Pure code, like the renderer.

#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "yjinspect/v1/findings_service.pb.h"
#include "yjinspect/v1/framework.pb.h"
#include "yjinspect/v1/inspection.pb.h"
#include "yjinspect/v1/recommendation.pb.h"
#include "yjinspect/v1/report.pb.h"
#include "yjinspect/v1/verdicts.pb.h"

namespace yjinspect::findings {

// Everything one inspection's report is rendered from, owned but for the
// framework (the registry's, which outlives the call). Fields as in
// ReportSubject (report_renderer.h).
struct ReportMaterial {
  const v1::Framework* framework = nullptr;
  v1::Inspection inspection;
  v1::InspectionVerdicts verdicts;
  v1::ReportInputs inputs;
  int64_t cases_examined = 0;
  int64_t victim_cases_examined = 0;
  int64_t staff_interviewed = 0;
  std::vector<std::string> decision_order;
  std::vector<v1::Recommendation> recommendations;
};

// Renders `edition` (unspecified: the published one) and returns it with
// the verdicts. Errors as RenderInspectionReport's.
absl::StatusOr<v1::RenderedReport> RenderReport(ReportMaterial material,
                                                v1::ReportEdition edition);

}  // namespace yjinspect::findings
