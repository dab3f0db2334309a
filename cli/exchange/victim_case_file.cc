#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "cli/exchange/exchange_framing.h"
#include "cli/exchange/victim_case_format.h"
#include "nlohmann/json.hpp"

// The file level of the victims' exchange format: JSON Lines and CSV
// framing, the identifying-column refusal. Keys and codes are in
// victim_case_format.cc. The framing is the caseload's
// (caseload_file.cc), without offences, with one list (services_wanted).

namespace yjinspect::cli::exchange {
namespace {

using Json = nlohmann::json;

constexpr char kIdentifyingReason[] =
    "identifies a person (name, date of birth, address or contact "
    "details); remove it: the exchange carries only the YOT's "
    "pseudonymous victim_reference. Nothing was sent";

// services_wanted: an array of codes, joined as the CSV cell would be.
void FlattenServices(int line, const Json& value, ExchangeRow& row,
                     std::vector<RowProblem>& problems) {
  if (!value.is_array()) {
    problems.push_back({line, "services_wanted", "must be an array of codes"});
    return;
  }
  std::vector<std::string> codes;
  for (size_t i = 0; i < value.size(); ++i) {
    if (!value[i].is_string()) {
      problems.push_back(
          {line, absl::StrCat("services_wanted[", i, "]"), "must be a code"});
      return;
    }
    codes.push_back(value[i].get<std::string>());
  }
  if (!codes.empty()) row["services_wanted"] = absl::StrJoin(codes, ";");
}

// Flattens one JSON Lines object into CSV keys.
void FlattenObject(int line, const Json& object, ExchangeRow& row,
                   std::vector<RowProblem>& problems) {
  for (const auto& [key, value] : object.items()) {
    if (!IsVictimCaseKey(key)) {
      problems.push_back({line, key, "unknown key"});
    } else if (value.is_null()) {
      continue;
    } else if (key == "services_wanted") {
      FlattenServices(line, value, row, problems);
    } else if (auto text = ScalarText(value)) {
      if (!text->empty()) row[key] = *text;
    } else {
      problems.push_back({line, key, "must be a single value"});
    }
  }
}

// The first identifying key of `value`, at any depth (a victim's case has
// no nested objects, but a file may carry one: it is refused, not only
// reported as an unknown key), or "".
std::string IdentifyingKey(const Json& value) {
  if (value.is_object()) {
    for (const auto& [key, item] : value.items()) {
      if (IsVictimIdentifyingColumn(key)) return key;
      if (std::string nested = IdentifyingKey(item); !nested.empty()) {
        return nested;
      }
    }
  } else if (value.is_array()) {
    for (const Json& item : value) {
      if (std::string nested = IdentifyingKey(item); !nested.empty()) {
        return nested;
      }
    }
  }
  return "";
}

// A required key whose value could not be flattened (an object, a list
// of non-codes) is left out of the row, so ReadVictimCaseRow reports it
// missing too: problems [before, flattened) already said what is wrong
// with it, and the "is required" after them would only contradict.
void DropRequiredAfterBadValue(size_t before, size_t flattened,
                               std::vector<RowProblem>& problems) {
  std::vector<RowProblem> kept(problems.begin(), problems.begin() + flattened);
  for (size_t i = flattened; i < problems.size(); ++i) {
    const std::string& field = problems[i].field;
    bool said = false;
    for (size_t j = before; j < flattened; ++j) {
      said = said || problems[j].field == field ||
             absl::StartsWith(problems[j].field, field + "[");
    }
    if (!(said && problems[i].reason == "is required")) {
      kept.push_back(std::move(problems[i]));
    }
  }
  problems = std::move(kept);
}

FileFraming VictimCaseFraming() {
  return {kIdentifyingReason, IsVictimIdentifyingColumn, IsVictimCaseKey,
          IdentifyingKey};
}

void ParseJsonLines(absl::string_view text, ParsedVictimCases& out) {
  ReadJsonObjects(
      text, VictimCaseFraming(), out, [&out](int line, const Json& object) {
        ExchangeRow row;
        const size_t before = out.problems.size();
        FlattenObject(line, object, row, out.problems);
        const size_t flattened = out.problems.size();
        VictimCaseRow parsed{line, {}};
        // Every missing or bad key is reported, even after an unknown one.
        if (ReadVictimCaseRow(line, row, out.problems, parsed.request) &&
            out.problems.size() == before) {
          out.rows.push_back(std::move(parsed));
        }
        DropRequiredAfterBadValue(before, flattened, out.problems);
      });
}

void ParseCsv(absl::string_view text, ParsedVictimCases& out) {
  ReadCsvRows(
      text, VictimCaseFraming(), out, [&out](int line, const ExchangeRow& row) {
        VictimCaseRow parsed{line, {}};
        if (ReadVictimCaseRow(line, row, out.problems, parsed.request)) {
          out.rows.push_back(std::move(parsed));
        }
      });
}

}  // namespace

ParsedVictimCases ParseVictimCases(absl::string_view text,
                                   CaseloadFormat format) {
  ParsedVictimCases out;
  if (format == CaseloadFormat::kCsv) {
    ParseCsv(text, out);
  } else {
    ParseJsonLines(text, out);
  }
  if (out.refusal) {
    // A refused file tells nothing but why: not even how much it held.
    std::optional<RowProblem> refusal = std::move(out.refusal);
    out = ParsedVictimCases{};
    out.refusal = std::move(refusal);
  }
  return out;
}

}  // namespace yjinspect::cli::exchange
