#pragma once

// The YJB exchange format of a caseload (docs/yjb-exchange.md): one case per
// JSON Lines object or CSV row, mapped to v1::CreateCaseRequest. This file
// and its .cc are the only place that knows the exchange's keys and codes.
//
// Privacy: a file that carries a name, date-of-birth or address column or
// key is refused whole; problems name a line and a field, never a value.

#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/string_view.h"
#include "yjinspect/v1/intake_service.pb.h"

namespace yjinspect::cli::exchange {

enum class CaseloadFormat { kJsonLines, kCsv };

// "jsonl" or "csv"; nullopt otherwise.
std::optional<CaseloadFormat> ParseFormatName(absl::string_view name);
// By extension: .jsonl/.ndjson/.json are JSON Lines, .csv is CSV.
std::optional<CaseloadFormat> FormatOfPath(absl::string_view path);

// Why one line (or the whole file) cannot be stored. `field` is an exchange
// key ("gender", "offence_2_code" in CSV, "offences[1].code" in JSON Lines),
// or empty for a problem with the line as a whole; `reason` never quotes the
// file's content.
struct RowProblem {
  int line = 0;
  std::string field;
  std::string reason;
};

// A row that parsed, ready to validate and send.
struct CaseRow {
  int line = 0;
  v1::CreateCaseRequest request;
};

// What reading an exchange file found, whatever its rows are.
struct ParsedFile {
  // Rows that did not parse, in file order (a row may have several
  // problems).
  std::vector<RowProblem> problems;
  // Set when the whole file is refused (identifying column or key,
  // malformed CSV, unknown or repeated CSV column); nothing else is then
  // told of it: no rows, no problems, no lines read.
  std::optional<RowProblem> refusal;
  // Data lines read (the CSV header not counted).
  int lines_read = 0;
};

struct ParsedCaseload : ParsedFile {
  // Rows that parsed, in file order.
  std::vector<CaseRow> rows;
};

// True for a column or key that would identify a child: name, first_name,
// surname, dob, date_of_birth, address, postcode, ..., compared without
// case, spaces, underscores and hyphens.
bool IsIdentifyingColumn(absl::string_view column);

// Parses every line of `text`. Format problems only (keys, codes, numbers,
// dates); ValidateCreateCaseRequest's rules are checked by the importer.
ParsedCaseload ParseCaseload(absl::string_view text, CaseloadFormat format);

// The exchange key for a request field path as ValidateCreateCaseRequest
// names it ("case.child.gender" -> "gender", "case.offences[1].code" ->
// "offence_2_code" in CSV or "offences[1].code" in JSON Lines).
std::string ExchangeField(absl::string_view request_path,
                          CaseloadFormat format);

// The row level, shared by the two files of the format (caseload_file.cc
// frames lines, caseload_format.cc maps keys and codes).

// Offence columns offence_1_* to offence_20_* (and at most 20 offences in
// JSON Lines).
inline constexpr int kMaxOffenceColumns = 20;

// A row as exchange key (CSV spelling: "offence_1_code") -> text; empty
// cells are left out.
using ExchangeRow = std::map<std::string, std::string>;

// A key of the case other than an offence's ("gender", "review_dates").
bool IsCaseKey(absl::string_view key);
// A key of an offence object ("code", "category", "index").
bool IsOffenceKey(absl::string_view key);
// "offence_3_code" -> {3, "code"}; nullopt for any other key.
std::optional<std::pair<int, std::string>> SplitOffenceColumn(
    absl::string_view key);
// Offence `n` (1-based) key `sub` as a problem names it in `format`.
std::string OffenceField(int n, absl::string_view sub, CaseloadFormat format);

// Maps one row to `out`, adding a problem for each bad or missing key;
// true when it added none.
bool ReadCaseRow(int line, const ExchangeRow& row, CaseloadFormat format,
                 std::vector<RowProblem>& problems, v1::CreateCaseRequest& out);

}  // namespace yjinspect::cli::exchange
