#pragma once

// Imports a victims' cases file in the YJB exchange format
// (docs/yjb-exchange.md, "Victims' cases") into the intake service, as
// import_caseload.h imports a caseload: every line is checked here first
// (format, then ValidateCreateVictimCaseRequest), the good ones are sent
// with BatchCreateVictimCases in chunks of one YOT each (the service stores
// each victim's case whole or not at all), and every line that was not
// stored is reported by line and field, never by value. A file with an
// identifying column or key is refused before anything is sent. The
// children's cases the victims' cases relate to must be stored first.

#include <string>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "cli/exchange/import_caseload.h"
#include "cli/exchange/victim_case_format.h"
#include "google/rpc/status.pb.h"
#include "yjinspect/v1/intake_service.grpc.pb.h"

namespace yjinspect::cli::exchange {

// What the service did with a list of victims' cases.
struct StoredVictimCases {
  // Requests sent.
  int sent = 0;
  // Of those, newly stored, and already stored with the same content.
  int created = 0;
  int unchanged = 0;
  // The requests refused, by their position in the list, and why.
  std::vector<std::pair<int, google::rpc::Status>> refused;
};

// Sends `requests` with BatchCreateVictimCases: grouped by parent (a batch
// holds one YOT's), in file order within each YOT, at most
// `options.chunk_size` per call, all within `options.deadline`. A non-OK
// status when the service could not be reached or refused a whole batch
// (a malformed parent); the batches already answered are stored, and
// sending again is idempotent.
absl::StatusOr<StoredVictimCases> SendVictimCases(
    const std::vector<v1::CreateVictimCaseRequest>& requests,
    v1::CaseIntake::StubInterface& stub, const ImportOptions& options);

// Moves the rows of `parsed` that ValidateCreateVictimCaseRequest refuses
// into its problems (fields named as the exchange names them).
void ValidateVictimRows(ParsedVictimCases& parsed);

// Parses, validates and sends `text`. A non-OK status only when the
// service could not be reached or a call failed (rows of calls already
// answered may be stored: importing again is idempotent). The report reads
// as a caseload's (ImportReportJson prints it): a victim's case whose
// child's case is not stored is a problem of its line, field
// case_reference.
absl::StatusOr<ImportReport> ImportVictimCasesText(
    absl::string_view text, CaseloadFormat format,
    v1::CaseIntake::StubInterface& stub, const ImportOptions& options);

// The same for a file; NOT_FOUND when it cannot be read.
absl::StatusOr<ImportReport> ImportVictimCasesFile(
    const std::string& path, CaseloadFormat format,
    v1::CaseIntake::StubInterface& stub, const ImportOptions& options);

}  // namespace yjinspect::cli::exchange
