#include "cli/exchange/csv_writer.h"

#include "absl/strings/match.h"
#include "absl/strings/str_replace.h"

namespace yjinspect::cli::exchange {

std::string CsvField(absl::string_view field) {
  // A leading or trailing space needs no quotes by the RFC; readers that
  // trim would still lose it, so it is quoted too.
  const bool quote =
      field.find_first_of(",\"\r\n") != absl::string_view::npos ||
      absl::StartsWith(field, " ") || absl::EndsWith(field, " ");
  if (!quote) return std::string(field);
  return "\"" + absl::StrReplaceAll(field, {{"\"", "\"\""}}) + "\"";
}

void AppendCsvRecord(const std::vector<std::string>& fields, std::string* out) {
  // One empty field alone would be a blank line, which readers skip.
  if (fields.size() == 1 && fields[0].empty()) {
    out->append("\"\"\r\n");
    return;
  }
  for (size_t i = 0; i < fields.size(); ++i) {
    if (i > 0) out->push_back(',');
    out->append(CsvField(fields[i]));
  }
  out->append("\r\n");
}

}  // namespace yjinspect::cli::exchange
