#pragma once

// The repository's report templates and style sheet (reports/*.tmpl,
// reports/*.css), compiled into the binary at build time (see
// cmake/embed_files.cmake), so that rendering a report reads no files.

#include <optional>

#include "absl/strings/string_view.h"
#include "absl/types/span.h"

namespace yjinspect::findings {

struct EmbeddedReportFile {
  // Path relative to the repository root: "reports/sqs-letter.md.tmpl".
  absl::string_view file_name;
  // The file's bytes, as they were at build time.
  absl::string_view text;
};

// Every embedded file, sorted by file name. Static storage: the views stay
// valid for the life of the program.
absl::Span<const EmbeddedReportFile> EmbeddedReportFiles();

}  // namespace yjinspect::findings
