#pragma once

// The repository's frameworks/*.textproto, compiled into the binary (see
// common/embedded_file.h), so that a binary knows its built-in frameworks
// without data files.

#include "absl/types/span.h"
#include "common/embedded_file.h"

namespace yjinspect::common {

// Every embedded framework file, sorted by file name.
absl::Span<const EmbeddedFile> EmbeddedFrameworkFiles();

}  // namespace yjinspect::common
