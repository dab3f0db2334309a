#include "fuzz/caseload_checks.h"

#include "absl/strings/string_view.h"
#include "cli/exchange/import_caseload.h"
#include "fuzz/fuzz_input.h"
#include "services/intake/case_validation.h"

namespace yjinspect::fuzz {

void CheckCaseloadImport(const uint8_t* data, size_t size,
                         cli::exchange::CaseloadFormat format) {
  const absl::string_view text(reinterpret_cast<const char*>(data), size);
  cli::exchange::ParsedCaseload caseload =
      cli::exchange::ParseCaseload(text, format);
  if (caseload.refusal) {
    Require(caseload.rows.empty() && caseload.problems.empty(),
            "a refused caseload keeps no rows and no problems");
    return;
  }
  cli::exchange::ValidateRows(caseload, format);
  for (const auto& problem : caseload.problems) {
    Require(problem.line >= 1, "a row's problem names its line");
  }
  for (const auto& row : caseload.rows) {
    Require(row.line >= 1, "a row names its line");
    Require(intake::ValidateCreateCaseRequest(row.request).empty(),
            "every row left to send passes intake's validation");
  }
}

}  // namespace yjinspect::fuzz
