#pragma once

// A small writer of RFC 4180 CSV, the counterpart of csv_reader.h: a field
// holding a comma, a double quote or a line break is quoted, its quotes
// doubled; every other field is written as it is; records end with CRLF,
// as the RFC and spreadsheets expect. Every cell of a file yjinspect
// writes goes through here, so no cell can split a record or a row.

#include <string>
#include <vector>

#include "absl/strings/string_view.h"

namespace yjinspect::cli::exchange {

// `field` as one CSV field: quoted when it must be, else unchanged.
std::string CsvField(absl::string_view field);

// Appends `fields` as one record, CRLF-terminated, to `out`.
void AppendCsvRecord(const std::vector<std::string>& fields, std::string* out);

}  // namespace yjinspect::cli::exchange
