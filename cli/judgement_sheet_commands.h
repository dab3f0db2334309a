#pragma once

// The judgement sheet on the command line (docs/judgement-sheet.md):
// `judgement-sheet` writes an inspection's sheet and its criteria file;
// `record-judgements` reads a filled sheet back (RecordJudgementSheet), one
// RecordJudgements call per row.

#include <string>

#include "cli/subcommand.h"

namespace yjinspect::cli {

// What record-judgements reads: the file, the inspection, and for a sheet
// the inspector recorded with its answers (a JudgementsFile names one per
// case).
struct JudgementsInput : FileForInspection {
  // Empty: --actor.
  std::string inspector;
};

// True for a file record-judgements reads as a sheet: its name ends in
// ".csv", in any case.
bool IsJudgementSheetPath(const std::string& path);

// Records a filled sheet. Every row is checked first (filled_sheet.h); if
// any cell is bad, each is reported by row and column and nothing is sent
// (exit code 3). Then each row that changes anything is one RecordJudgements
// call with the row's etag; a row whose case findings changed since the
// sheet was written is refused as stale, one the service refuses is
// reported with its reasons, and the other rows go on (exit code 1 when
// some rows were recorded and some not, 3 when none were). An unreachable
// service stops there (4); running again carries on, as recorded rows are
// then unchanged.
int RecordJudgementSheet(const GlobalOptions& global,
                         const JudgementsInput& input);

// Adds judgement-sheet to `commands`.
void AddJudgementSheetCommand(Subcommands commands);

}  // namespace yjinspect::cli
