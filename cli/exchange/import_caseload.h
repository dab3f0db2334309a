#pragma once

// Imports a caseload file in the YJB exchange format (docs/yjb-exchange.md)
// into the intake service: every line is checked here first (format, then
// ValidateCreateCaseRequest), the good ones are sent with BatchCreateCases
// in chunks (the service stores each case whole or not at all), and every
// line that was not stored is reported by line and field, never by value.
// A file with an identifying column or key is refused before anything is
// sent.

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "cli/exchange/caseload_format.h"
#include "yjinspect/v1/intake_service.grpc.pb.h"

namespace yjinspect::cli::exchange {

struct ImportOptions {
  // Cases per BatchCreateCasesRequest (the service takes up to 1000).
  int chunk_size = 500;
  // For the whole stream.
  absl::Duration deadline = absl::Minutes(10);
  // Hears (rows sent so far, rows to send) after each chunk is written.
  std::function<void(int, int)> progress;
};

struct ImportReport {
  // Data lines read (the CSV header not counted).
  int lines_read = 0;
  // Rows sent to the service.
  int sent = 0;
  // Of those, newly stored, and already stored with the same content.
  int created = 0;
  int unchanged = 0;
  // Every line not stored, in line order: local problems and the service's
  // refusals (ALREADY_EXISTS for a reference stored with other content).
  std::vector<RowProblem> problems;
  // Set when the whole file was refused: nothing was sent.
  std::optional<RowProblem> refusal;

  // Lines with at least one problem.
  int RefusedLines() const;
};

// Moves the rows of `caseload` that ValidateCreateCaseRequest refuses into
// its problems (fields named as the exchange names them).
void ValidateRows(ParsedCaseload& caseload, CaseloadFormat format);

// Parses, validates and sends `text`. A non-OK status only when the
// service could not be reached or the stream failed (rows of chunks
// already acknowledged may be stored: importing again is idempotent).
absl::StatusOr<ImportReport> ImportCaseloadText(
    absl::string_view text, CaseloadFormat format,
    v1::CaseIntake::StubInterface& stub, const ImportOptions& options);

// The same for a file; NOT_FOUND when it cannot be read.
absl::StatusOr<ImportReport> ImportCaseloadFile(
    const std::string& path, CaseloadFormat format,
    v1::CaseIntake::StubInterface& stub, const ImportOptions& options);

// The report as one JSON object (docs/yjb-exchange.md, "Import report").
std::string ImportReportJson(const ImportReport& report);


}  // namespace yjinspect::cli::exchange
