#pragma once

// A data file of the repository (a framework, a report template) compiled
// into the binary at build time by cmake/embed_files.cmake, so that a
// binary needs no data folder. Each embedding library declares one accessor
// returning its files as a span of these.

#include "absl/strings/string_view.h"

namespace yjinspect::common {

struct EmbeddedFile {
  // Path relative to the repository root: "frameworks/sqs-2014.textproto".
  absl::string_view file_name;
  // The file's bytes, as they were at build time. Static storage: valid for
  // the life of the program.
  absl::string_view text;
};

}  // namespace yjinspect::common
