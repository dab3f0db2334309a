#include "cli/exchange/csv_reader.h"

#include <utility>

#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"

namespace yjinspect::cli::exchange {

absl::StatusOr<std::vector<CsvRecord>> ReadCsv(absl::string_view text) {
  absl::ConsumePrefix(&text, "\xEF\xBB\xBF");  // UTF-8 byte order mark
  std::vector<CsvRecord> records;
  CsvRecord record;
  std::string field;
  int line = 1;
  bool in_quotes = false;
  bool after_quote = false;  // a quoted field just closed
  bool record_empty = true;  // nothing read yet on this record
  record.line = 1;

  auto end_field = [&] {
    record.fields.push_back(std::move(field));
    field.clear();
    after_quote = false;
  };
  auto end_record = [&] {
    if (!record_empty) {
      end_field();
      records.push_back(std::move(record));
    }
    record = CsvRecord{};
    record.line = line;
    record_empty = true;
    after_quote = false;
  };

  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (in_quotes) {
      if (c == '"') {
        if (i + 1 < text.size() && text[i + 1] == '"') {
          field += '"';
          ++i;
        } else {
          in_quotes = false;
          after_quote = true;
        }
      } else {
        if (c == '\n') ++line;
        field += c;
      }
      continue;
    }
    if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') continue;
    if (c == '\n' || c == '\r') {
      ++line;
      end_record();
      continue;
    }
    record_empty = false;
    if (c == ',') {
      end_field();
    } else if (after_quote) {
      return absl::InvalidArgumentError(
          absl::StrCat("line ", line,
                       ": text after a closing quote; quote the whole field"));
    } else if (c == '"' && field.empty()) {
      in_quotes = true;
    } else {
      field += c;
    }
  }
  if (in_quotes) {
    return absl::InvalidArgumentError(
        absl::StrCat("line ", record.line, ": a quoted field is not closed"));
  }
  end_record();
  return records;
}

}  // namespace yjinspect::cli::exchange
