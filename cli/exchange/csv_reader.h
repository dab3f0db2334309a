#pragma once

// A small reader for RFC 4180 CSV: comma-separated fields, double-quoted
// fields that may hold commas, doubled quotes ("") and line breaks, CRLF or
// LF line ends. A UTF-8 byte order mark at the start (spreadsheets such as
// Excel write one with "CSV UTF-8") is skipped; nothing else is trimmed.
// Used for the YJB exchange files (docs/yjb-exchange.md) and the judgement
// sheet (docs/judgement-sheet.md).

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace yjinspect::cli::exchange {

// One record and the 1-based line of the file it starts on.
struct CsvRecord {
  int line = 0;
  std::vector<std::string> fields;
};

// Every record of `text`, blank lines skipped. INVALID_ARGUMENT
// "line N: ..." for a quote left open or text after a closing quote; the
// message never quotes the file's content.
absl::StatusOr<std::vector<CsvRecord>> ReadCsv(absl::string_view text);

}  // namespace yjinspect::cli::exchange
