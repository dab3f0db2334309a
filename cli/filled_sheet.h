#pragma once

// A judgement sheet (judgement_sheet.h) as an inspector hands it back:
// each row checked against the framework and the sample before anything is
// recorded, and the answers a row changes in a case's current findings.
//
// What a cell means: an answer cell holds one of the criterion's answer ids
// (spaces around it ignored); an empty answer cell records nothing and does
// not erase an answer already recorded (RecordJudgements leaves criteria it
// is not sent alone). With a "<id> notes" column, its cell is the evidence
// note of the answer beside it (empty: no note); without one, a recorded
// note is kept as it is, even when the answer changes.

#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "yjinspect/v1/findings_service.pb.h"
#include "yjinspect/v1/framework.pb.h"

namespace yjinspect::cli {

// One filled answer cell.
struct SheetAnswer {
  std::string criterion_id;
  std::string answer;
  // The note cell beside it; nullopt when the sheet has no notes column for
  // the criterion.
  std::optional<std::string> note;
};

// One case's row.
struct SheetRow {
  // As a spreadsheet numbers it: the header is row 1.
  int row = 0;
  std::string case_name;
  // The etag of the case's findings when the sheet was written; empty when
  // none were recorded.
  std::string etag;
  // The filled answer cells, in column order.
  std::vector<SheetAnswer> answers;
};

// A cell or row that cannot be recorded, for the inspector to correct.
struct SheetProblem {
  int row = 0;
  // The column's header; empty for the whole row.
  std::string column;
  // What is wrong and what is allowed.
  std::string reason;
};

struct FilledSheet {
  std::vector<SheetRow> rows;
  // Empty when every row can be sent.
  std::vector<SheetProblem> problems;
};

// Reads `csv` against `framework` and the inspection's `sampled_cases`:
// the header must have the case and etag columns and otherwise only
// criterion columns of the framework's case criteria (each once) and their
// notes columns; each row must have as many cells as the header, a case of
// the sample that no earlier row named, answers of the criterion's scale,
// and no note without an answer. INVALID_ARGUMENT only when `csv` is not
// CSV at all ("line N: ..."); every other fault is a problem.
absl::StatusOr<FilledSheet> ReadFilledSheet(
    absl::string_view csv, const v1::Framework& framework,
    const std::vector<std::string>& sampled_cases);

// The judgements to send for `row` so that `current` (the case's findings
// now; nullptr when none are recorded) ends with the row's answers: each
// filled cell whose answer or note differs, the note kept from `current`
// when the sheet has no notes column. Empty when the row changes nothing.
std::vector<v1::Judgement> ChangesOf(const SheetRow& row,
                                     const v1::CaseFindings* current);

}  // namespace yjinspect::cli
