#pragma once

// The page every rendered document of the findings service is set in: the
// built-in report files (reports/report.html.tmpl with reports/report.css
// inline) around the blocks written as HTML. Shared by the inspection
// report and the management board's summary, so both print alike. Pure.

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "services/findings/report/report_document.h"

namespace yjinspect::findings {

// The text of the built-in report file `name` ("reports/report.css");
// INTERNAL when there is none.
absl::StatusOr<absl::string_view> BuiltInReportFile(absl::string_view name);

// A complete HTML document of `blocks`, titled by the first heading of
// level 1 or 2 (else `fallback_title`). INTERNAL when a built-in file is
// missing or broken.
absl::StatusOr<std::string> HtmlReportPage(const std::vector<Block>& blocks,
                                           absl::string_view fallback_title);

}  // namespace yjinspect::findings
