#include <string>
#include <utility>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "cli/exchange/caseload_format.h"
#include "cli/exchange/exchange_framing.h"
#include "nlohmann/json.hpp"

// The file level of the exchange format: JSON Lines and CSV framing, the
// identifying-column refusal. Keys and codes are in caseload_format.cc.

namespace yjinspect::cli::exchange {
namespace {

using Json = nlohmann::json;

constexpr char kIdentifyingReason[] =
    "identifies a child (name, date of birth or address); remove it: the "
    "exchange carries only the YOT's pseudonymous child_reference and "
    "age_at_sentence. Nothing was sent";

void FlattenOffences(int line, const Json& offences, ExchangeRow& row,
                     std::vector<RowProblem>& problems) {
  if (!offences.is_array()) {
    problems.push_back({line, "offences", "must be an array of offences"});
    return;
  }
  if (offences.size() > static_cast<size_t>(kMaxOffenceColumns)) {
    problems.push_back(
        {line, "offences",
         absl::StrCat("at most ", kMaxOffenceColumns, " offences")});
    return;
  }
  for (size_t i = 0; i < offences.size(); ++i) {
    const int n = static_cast<int>(i) + 1;
    if (!offences[i].is_object()) {
      problems.push_back(
          {line, absl::StrCat("offences[", i, "]"), "must be an object"});
      continue;
    }
    for (const auto& [sub, value] : offences[i].items()) {
      std::string field = OffenceField(n, sub, CaseloadFormat::kJsonLines);
      if (!IsOffenceKey(sub)) {
        problems.push_back({line, field, "unknown key"});
      } else if (value.is_null()) {
        continue;
      } else if (auto text = ScalarText(value)) {
        if (!text->empty()) row[absl::StrCat("offence_", n, "_", sub)] = *text;
      } else {
        problems.push_back({line, field, "must be a single value"});
      }
    }
  }
}

// Flattens one JSON Lines object into CSV keys.
void FlattenObject(int line, const Json& object, ExchangeRow& row,
                   std::vector<RowProblem>& problems) {
  for (const auto& [key, value] : object.items()) {
    if (key == "offences") {
      FlattenOffences(line, value, row, problems);
    } else if (key == "review_dates") {
      if (!value.is_array()) {
        problems.push_back({line, key, "must be an array of dates"});
        continue;
      }
      std::vector<std::string> dates;
      for (size_t i = 0; i < value.size(); ++i) {
        // A non-string entry becomes a bad date in ReadCase.
        dates.push_back(value[i].is_string() ? value[i].get<std::string>()
                                             : "?");
      }
      if (!dates.empty()) row[key] = absl::StrJoin(dates, ";");
    } else if (!IsCaseKey(key)) {
      problems.push_back({line, key, "unknown key"});
    } else if (value.is_null()) {
      continue;
    } else if (auto text = ScalarText(value)) {
      if (!text->empty()) row[key] = *text;
    } else {
      problems.push_back({line, key, "must be a single value"});
    }
  }
}

// The first identifying key of `object` or of its offences, or "".
std::string IdentifyingKey(const Json& object) {
  for (const auto& [key, value] : object.items()) {
    if (IsIdentifyingColumn(key)) return key;
    if (key == "offences" && value.is_array()) {
      for (const Json& offence : value) {
        if (!offence.is_object()) continue;
        for (const auto& item : offence.items()) {
          if (IsIdentifyingColumn(item.key())) return item.key();
        }
      }
    }
  }
  return "";
}

FileFraming CaseloadFraming() {
  return {kIdentifyingReason, IsIdentifyingColumn,
          [](const std::string& key) {
            return IsCaseKey(key) || SplitOffenceColumn(key).has_value();
          },
          IdentifyingKey};
}

void ParseJsonLines(absl::string_view text, ParsedCaseload& out) {
  ReadJsonObjects(text, CaseloadFraming(), out,
                  [&out](int line, const Json& object) {
                    ExchangeRow row;
                    const size_t before = out.problems.size();
                    FlattenObject(line, object, row, out.problems);
                    CaseRow parsed{line, {}};
                    if (ReadCaseRow(line, row, CaseloadFormat::kJsonLines,
                                    out.problems, parsed.request) &&
                        out.problems.size() == before) {
                      out.rows.push_back(std::move(parsed));
                    }
                  });
}

void ParseCsv(absl::string_view text, ParsedCaseload& out) {
  ReadCsvRows(text, CaseloadFraming(), out,
              [&out](int line, const ExchangeRow& row) {
                CaseRow parsed{line, {}};
                if (ReadCaseRow(line, row, CaseloadFormat::kCsv, out.problems,
                                parsed.request)) {
                  out.rows.push_back(std::move(parsed));
                }
              });
}

}  // namespace

ParsedCaseload ParseCaseload(absl::string_view text, CaseloadFormat format) {
  ParsedCaseload out;
  if (format == CaseloadFormat::kCsv) {
    ParseCsv(text, out);
  } else {
    ParseJsonLines(text, out);
  }
  if (out.refusal) {
    // A refused file tells nothing but why: not even how much it held.
    std::optional<RowProblem> refusal = std::move(out.refusal);
    out = ParsedCaseload{};
    out.refusal = std::move(refusal);
  }
  return out;
}

}  // namespace yjinspect::cli::exchange
