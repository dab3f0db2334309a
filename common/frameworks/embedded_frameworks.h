#pragma once

// The repository's frameworks/*.textproto, compiled into the binary at build
// time (see cmake/embed_files.cmake), so that a binary needs no data files to
// know its built-in frameworks.

#include "absl/strings/string_view.h"
#include "absl/types/span.h"

namespace yjinspect::common {

struct EmbeddedFrameworkFile {
  // Path relative to the repository root: "frameworks/sqs-2014.textproto".
  absl::string_view file_name;
  // The file's bytes, as they were at build time.
  absl::string_view text;
};

// Every embedded file, sorted by file name. Static storage: the views stay
// valid for the life of the program.
absl::Span<const EmbeddedFrameworkFile> EmbeddedFrameworkFiles();

}  // namespace yjinspect::common
