#include "cli/exchange/exchange_framing.h"

#include <utility>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "cli/exchange/csv_reader.h"

namespace yjinspect::cli::exchange {

void ReadCsvRows(
    absl::string_view text, const FileFraming& framing, ParsedFile& out,
    const std::function<void(int line, const ExchangeRow& row)>& take_row) {
  auto records = ReadCsv(text);
  if (!records.ok()) {
    out.refusal = RowProblem{0, "", std::string(records.status().message())};
    return;
  }
  if (records->empty()) return;
  const CsvRecord& header = records->front();
  std::vector<std::string> keys;
  for (const std::string& column : header.fields) {
    std::string key = absl::AsciiStrToLower(absl::StripAsciiWhitespace(column));
    if (framing.identifying_column(column)) {
      out.refusal = RowProblem{header.line, column,
                               std::string(framing.identifying_reason)};
      return;
    }
    if (!framing.known_column(key)) {
      out.refusal = RowProblem{header.line, column,
                               "unknown column; see docs/yjb-exchange.md"};
      return;
    }
    for (const std::string& seen : keys) {
      if (seen == key) {
        out.refusal = RowProblem{header.line, column, "column repeated"};
        return;
      }
    }
    keys.push_back(std::move(key));
  }
  for (size_t r = 1; r < records->size(); ++r) {
    const CsvRecord& record = (*records)[r];
    ++out.lines_read;
    if (record.fields.size() != keys.size()) {
      out.problems.push_back(
          {record.line, "",
           absl::StrCat("has ", record.fields.size(),
                        " fields; the header has ", keys.size())});
      continue;
    }
    ExchangeRow row;
    for (size_t i = 0; i < keys.size(); ++i) {
      if (!record.fields[i].empty()) row[keys[i]] = record.fields[i];
    }
    take_row(record.line, row);
  }
}

void ReadJsonObjects(
    absl::string_view text, const FileFraming& framing, ParsedFile& out,
    const std::function<void(int line, const nlohmann::json& object)>&
        take_object) {
  std::vector<absl::string_view> lines = absl::StrSplit(text, '\n');
  for (size_t i = 0; i < lines.size(); ++i) {
    const int line = static_cast<int>(i) + 1;
    absl::string_view content = absl::StripAsciiWhitespace(lines[i]);
    if (content.empty()) continue;
    ++out.lines_read;
    nlohmann::json object =
        nlohmann::json::parse(content.begin(), content.end(), nullptr, false);
    if (object.is_discarded() || !object.is_object()) {
      out.problems.push_back({line, "", "is not a JSON object"});
      continue;
    }
    std::string identifying = framing.identifying_key(object);
    if (!identifying.empty()) {
      out.refusal = RowProblem{line, std::move(identifying),
                               std::string(framing.identifying_reason)};
      return;
    }
    take_object(line, object);
  }
}

std::optional<std::string> ScalarText(const nlohmann::json& value) {
  if (value.is_string()) return value.get<std::string>();
  if (value.is_boolean()) return value.get<bool>() ? "true" : "false";
  if (value.is_number()) return value.dump();
  return std::nullopt;
}

}  // namespace yjinspect::cli::exchange
