#pragma once

// Whole files the command line reads (caseloads, judgement files and
// sheets, run specs) and writes (sheets, exports, reports), with the
// operating system's reason in the status: "No such file or directory" is
// NOT_FOUND, "Permission denied" PERMISSION_DENIED, a full disk
// RESOURCE_EXHAUSTED, so the exit code and the message say what to fix.

#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"

namespace yjinspect::cli::exchange {

// The bytes of `path`.
absl::StatusOr<std::string> ReadWholeFile(const std::string& path);

// Replaces `path` with `text`; OK only once every byte is written and the
// file closed.
absl::Status WriteWholeFile(const std::string& path, const std::string& text);

}  // namespace yjinspect::cli::exchange
