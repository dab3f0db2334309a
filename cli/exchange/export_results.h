#pragma once

// The results of an inspection for the YJB and the YOT's management board
// (docs/domain.md, section 7): counts per criterion, section verdicts, the
// overall rating, strengths and improvements, the recommendations (ratings
// frameworks; none for an SQS letter) each with the actions of the
// service's action plan answering it, the inspectors' agreement over their
// second markings (moderation: never in the published report), and the
// report, as one JSON document described by docs/yjb-export.schema.json
// ("format": "yjinspect-results/4").

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "yjinspect/v1/findings_service.grpc.pb.h"

namespace yjinspect::cli::exchange {

inline constexpr char kExportFormat[] = "yjinspect-results/4";

// The export document for `inspection` ("inspections/{id}") from its
// verdicts, recommendations (in report order), the actions of its action
// plan (each listed under the recommendation it names, in the order given)
// and rendered report. Pure; the JSON is pretty-printed.
std::string ExportResultsJson(
    const std::string& inspection, const v1::InspectionVerdicts& verdicts,
    const std::vector<v1::Recommendation>& recommendations,
    const std::vector<v1::Action>& actions, const v1::RenderedReport& report,
    const v1::AgreementSummary& agreement);

// Calls GetVerdicts, ListRecommendations and ListActions (every page),
// RenderReport and GetAgreement, and builds the document.
absl::StatusOr<std::string> ExportResults(v1::Findings::StubInterface& stub,
                                          const std::string& inspection);

}  // namespace yjinspect::cli::exchange
