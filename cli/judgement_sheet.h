#pragma once

// The judgement sheet: an inspection's judgements as a CSV table for an
// inspector to fill in a spreadsheet (docs/judgement-sheet.md). One row per
// sampled case, in sample order; the first columns name the case and carry
// the etag of its findings when the sheet was written; then one column per
// criterion judged from case files, in framework order, headed by the
// criterion's id and pre-filled with the answer recorded, and with notes,
// after each a "<id> notes" column of the evidence note. A second file
// lists each criterion's wording and the answers it allows.
//
// Pure functions: the caller fetches the framework, sample and findings.

#include <string>
#include <vector>

#include "yjinspect/v1/findings_service.pb.h"
#include "yjinspect/v1/framework.pb.h"

namespace yjinspect::cli {

// The sheet's first two columns.
inline constexpr char kSheetCaseColumn[] = "case";
inline constexpr char kSheetEtagColumn[] = "etag";
// Ends the header of a criterion's answer column: "1.10 answer". A bare
// "1.10" is a number to a spreadsheet, which saves it back as "1.1" (another
// criterion of sqs-2014): a header with a word in it stays as written.
inline constexpr char kSheetAnswerSuffix[] = " answer";
// Ends the header of a criterion's evidence-note column: "1.10 notes".
inline constexpr char kSheetNotesSuffix[] = " notes";

// An etag as the sheet writes it, behind an apostrophe: etags are hex
// digits, and one of only digits ("1234...") or like "12e45" would be a
// number to a spreadsheet and come back changed. EtagFromCell undoes it.
std::string EtagCell(const std::string& etag);
std::string EtagFromCell(const std::string& cell);

// A criterion an inspector answers for each case, as the sheet shows it.
struct SheetCriterion {
  std::string id;
  std::string section_id;
  std::string wording;
  // The answer ids the criterion's scale allows, in the scale's order.
  std::vector<std::string> answers;
  // Their labels, in the same order ("Yes", "Not applicable").
  std::vector<std::string> labels;
  // "all cases", "court disposals" or "out-of-court disposals".
  std::string applies_to;
  std::string not_applicable_when;
};

// The criteria of `framework`'s sections judged from case files, in
// framework order (staff-interview and panel sections have no place on a
// case's row).
std::vector<SheetCriterion> CaseCriteriaOf(const v1::Framework& framework);

// The header row: case, etag, then each criterion's id (and, `with_notes`,
// its notes column after it).
std::vector<std::string> SheetHeader(
    const std::vector<SheetCriterion>& criteria, bool with_notes);

// The sheet as CSV: the header, then a row for each of `sampled_cases`
// (`yots/{yot}/cases/{case}`, in this order) with its etag and answers
// from `recorded` (findings of other cases are left out).
std::string WriteJudgementSheet(const v1::Framework& framework,
                                const std::vector<std::string>& sampled_cases,
                                const std::vector<v1::CaseFindings>& recorded,
                                bool with_notes);

// The criteria file as CSV: criterion, section, wording, answers (the ids
// to type, "yes, no, na"), labels, applies to, not applicable when.
std::string WriteSheetCriteria(const v1::Framework& framework);

// Where the criteria file goes when not named: beside the sheet,
// "sheet.csv" -> "sheet.criteria.csv".
std::string CriteriaPathBeside(const std::string& sheet_path);

}  // namespace yjinspect::cli
