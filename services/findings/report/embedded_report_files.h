#pragma once

// The repository's report templates and style sheet (reports/*.tmpl,
// reports/*.css), compiled into the binary (see common/embedded_file.h), so
// that rendering a report reads no files.

#include "absl/types/span.h"
#include "common/embedded_file.h"

namespace yjinspect::findings {

// Every embedded template and style sheet, sorted by file name.
absl::Span<const common::EmbeddedFile> EmbeddedReportFiles();

}  // namespace yjinspect::findings
