#pragma once

// The YJB exchange format of victims' cases (docs/yjb-exchange.md, section
// "Victims' cases"): one victim's case per JSON Lines object or CSV row,
// mapped to v1::CreateVictimCaseRequest. This file and its .cc are the only
// place that knows the victims' keys and codes; victim_case_file.cc frames
// the lines. Keys, codes and problems follow the caseload's format
// (caseload_format.h): the same RowProblem, the same CaseloadFormat.
//
// Privacy: a victim is even less the inspection's business than a child.
// A file is refused whole when a column or key would identify anyone: every
// name the caseload refuses (IsIdentifyingColumn), and anything naming a
// name, a phone, an e-mail or contact details. Problems name a line and a
// field, never a value.

#include <optional>
#include <string>
#include <vector>

#include "absl/strings/string_view.h"
#include "cli/exchange/caseload_format.h"
#include "yjinspect/v1/intake_service.pb.h"

namespace yjinspect::cli::exchange {

// A row that parsed, ready to validate and send.
struct VictimCaseRow {
  int line = 0;
  v1::CreateVictimCaseRequest request;
};

struct ParsedVictimCases : ParsedFile {
  // Rows that parsed, in file order.
  std::vector<VictimCaseRow> rows;
};

// True for a column or key that IsIdentifyingColumn refuses, or whose name
// (without case, spaces, "_", "-" and ".") contains "name", "phone",
// "mobile", "email" or "contact" ("victim_name", "contact_details",
// "mobile_number"), unless it is a key of the exchange itself
// (first_contact_date; the caseload's yot_name is then an unknown column).
bool IsVictimIdentifyingColumn(absl::string_view column);

// A key of a victim's case ("victim_kind", "services_wanted").
bool IsVictimCaseKey(absl::string_view key);

// Parses every line of `text`. Format problems only (keys, codes, dates);
// ValidateCreateVictimCaseRequest's rules are checked by the importer.
ParsedVictimCases ParseVictimCases(absl::string_view text,
                                   CaseloadFormat format);

// Maps one row (exchange key -> text, empty cells left out;
// services_wanted as codes separated by ";") to `out`, adding a problem for
// each bad or missing key; true when it added none.
bool ReadVictimCaseRow(int line, const ExchangeRow& row,
                       std::vector<RowProblem>& problems,
                       v1::CreateVictimCaseRequest& out);

// The exchange key for a request field path as
// ValidateCreateVictimCaseRequest names it ("victim_case.safety_planning"
// -> "safety_planning", "victim_case_id" -> "victim_case_reference",
// "victim_case.services_wanted[1]" -> "services_wanted[1]"); the same in
// both formats.
std::string VictimExchangeField(absl::string_view request_path);

}  // namespace yjinspect::cli::exchange
