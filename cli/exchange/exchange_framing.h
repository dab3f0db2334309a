#pragma once

// The file level the exchange formats share (caseload_file.cc,
// victim_case_file.cc): CSV header checks and rows, JSON Lines objects, and
// the refusal of a whole file that carries an identifying column or key.
// What a row means is each format's own.

#include <functional>
#include <optional>
#include <string>

#include "absl/strings/string_view.h"
#include "cli/exchange/caseload_format.h"
#include "nlohmann/json.hpp"

namespace yjinspect::cli::exchange {

// What the framing needs to know of one format.
struct FileFraming {
  // The refusal's reason for a file with an identifying column or key.
  absl::string_view identifying_reason;
  // True for a CSV column (as written) that identifies a person.
  std::function<bool(absl::string_view column)> identifying_column;
  // True for a CSV column (lower-cased, trimmed) the format knows.
  std::function<bool(const std::string& key)> known_column;
  // The first identifying key of a JSON Lines object, looked for as deep as
  // the format looks, or "".
  std::function<std::string(const nlohmann::json& object)> identifying_key;
};

// A CSV file: the header is refused whole for an identifying, unknown or
// repeated column, or for malformed quoting (`out.refusal`); each data row
// is counted, reported when its width is not the header's, and otherwise
// handed to `take_row` with its non-empty cells by column key.
void ReadCsvRows(
    absl::string_view text, const FileFraming& framing, ParsedFile& out,
    const std::function<void(int line, const ExchangeRow& row)>& take_row);

// A JSON Lines file: each non-blank line is counted and must be one JSON
// object (else a problem of the line); an identifying key refuses the file
// there (`out.refusal`); each object is handed to `take_object`.
void ReadJsonObjects(
    absl::string_view text, const FileFraming& framing, ParsedFile& out,
    const std::function<void(int line, const nlohmann::json& object)>&
        take_object);

// A JSON scalar as exchange text; nullopt for an array or object.
std::optional<std::string> ScalarText(const nlohmann::json& value);

}  // namespace yjinspect::cli::exchange
