#pragma once

// The context figures of a report (docs/domain.md, section 6) as a CSV file in
// the YJB exchange format (docs/yjb-exchange.md, "Context figures"): one row
// per kind (reoffending, looked_after), rates as percentages with one decimal.

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "cli/exchange/caseload_format.h"
#include "yjinspect/v1/findings_service.grpc.pb.h"

namespace yjinspect::cli::exchange {

struct ContextFigures {
  // Only `reoffending` and `looked_after` are set, each when its row is
  // present.
  v1::ReportInputs figures;
  // Every bad cell, by line and column.
  std::vector<RowProblem> problems;
};

ContextFigures ParseContextFigures(absl::string_view text);

// "36.0" -> 360; nullopt unless digits, a point and exactly one decimal.
std::optional<int> ParseRateTenths(absl::string_view text);

// Reads the inspection's report inputs (none yet: empty), replaces the
// figures `figures` carries, keeps every other input, and writes them back
// with the etag read. ABORTED when they changed in between.
absl::StatusOr<v1::ReportInputs> SetContextFigures(
    v1::Findings::StubInterface& stub, const std::string& inspection,
    const v1::ReportInputs& figures);

}  // namespace yjinspect::cli::exchange
