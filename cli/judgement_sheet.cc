#include "cli/judgement_sheet.h"

#include <map>
#include <string>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/strip.h"
#include "cli/exchange/csv_writer.h"
#include "cli/exchange/spreadsheet_text.h"

namespace yjinspect::cli {
namespace {

// The cases a section's criteria apply to, in words: its pools' titles,
// or its scope.
std::string AppliesTo(const v1::Framework& framework,
                      const v1::Section& section) {
  if (section.pools_size() > 0) {
    std::vector<std::string> titles;
    for (const std::string& id : section.pools()) {
      std::string title = id;
      for (const v1::SamplePool& pool : framework.pools()) {
        if (pool.id() == id) title = pool.title();
      }
      titles.push_back(absl::AsciiStrToLower(title));
    }
    return absl::StrCat("cases sampled as ", absl::StrJoin(titles, ", "));
  }
  switch (section.scope()) {
    case v1::CASE_SCOPE_COURT_DISPOSALS:
      return "court disposals";
    case v1::CASE_SCOPE_OUT_OF_COURT_DISPOSALS:
      return "out-of-court disposals";
    default:
      return "all cases";
  }
}

}  // namespace

std::vector<SheetCriterion> CaseCriteriaOf(const v1::Framework& framework) {
  std::map<std::string, const v1::AnswerScale*> scales;
  for (const v1::AnswerScale& scale : framework.scales()) {
    scales[scale.id()] = &scale;
  }
  std::vector<SheetCriterion> criteria;
  for (const v1::Section& section : framework.sections()) {
    if (section.evidence() != v1::EVIDENCE_SOURCE_CASES) continue;
    for (const v1::Criterion& c : section.criteria()) {
      SheetCriterion criterion;
      criterion.id = c.id();
      criterion.section_id = section.id();
      criterion.wording = c.wording();
      criterion.applies_to = AppliesTo(framework, section);
      criterion.not_applicable_when = c.not_applicable_when();
      // A loaded framework names only scales it has (framework_validation).
      if (auto it = scales.find(c.scale()); it != scales.end()) {
        for (const v1::AnswerValue& value : it->second->values()) {
          criterion.answers.push_back(value.id());
          criterion.labels.push_back(value.label());
        }
      }
      criteria.push_back(std::move(criterion));
    }
  }
  return criteria;
}

std::vector<std::string> SheetHeader(
    const std::vector<SheetCriterion>& criteria, bool with_notes) {
  std::vector<std::string> header = {kSheetCaseColumn, kSheetEtagColumn};
  for (const SheetCriterion& c : criteria) {
    header.push_back(c.id + kSheetAnswerSuffix);
    if (with_notes) header.push_back(c.id + kSheetNotesSuffix);
  }
  return header;
}

std::string WriteJudgementSheet(const v1::Framework& framework,
                                const std::vector<std::string>& sampled_cases,
                                const std::vector<v1::CaseFindings>& recorded,
                                bool with_notes) {
  const std::vector<SheetCriterion> criteria = CaseCriteriaOf(framework);
  std::map<std::string, const v1::CaseFindings*> findings_of;
  for (const v1::CaseFindings& f : recorded) findings_of[f.case_()] = &f;
  std::string csv;
  exchange::AppendCsvRecord(SheetHeader(criteria, with_notes), &csv);
  for (const std::string& case_name : sampled_cases) {
    std::vector<std::string> row = {case_name, ""};
    std::map<std::string, const v1::Judgement*> answered;
    if (auto it = findings_of.find(case_name); it != findings_of.end()) {
      row[1] = EtagCell(it->second->etag());
      for (const v1::Judgement& j : it->second->judgements()) {
        answered[j.criterion_id()] = &j;
      }
    }
    for (const SheetCriterion& c : criteria) {
      auto it = answered.find(c.id);
      const v1::Judgement* j = it == answered.end() ? nullptr : it->second;
      row.push_back(j == nullptr ? "" : j->answer());
      if (with_notes) {
        // Free text, opened in a spreadsheet: never as a formula.
        row.push_back(
            j == nullptr ? "" : exchange::SpreadsheetText(j->evidence_note()));
      }
    }
    exchange::AppendCsvRecord(row, &csv);
  }
  return csv;
}

std::string WriteSheetCriteria(const v1::Framework& framework) {
  std::string csv;
  // The sheet's column, not the bare id: "1.10" would show as 1.1.
  exchange::AppendCsvRecord({"column", "section", "wording", "answers",
                             "labels", "applies to", "not applicable when"},
                            &csv);
  for (const SheetCriterion& c : CaseCriteriaOf(framework)) {
    exchange::AppendCsvRecord(
        {c.id + kSheetAnswerSuffix, c.section_id, c.wording,
         absl::StrJoin(c.answers, ", "), absl::StrJoin(c.labels, ", "),
         c.applies_to, c.not_applicable_when},
        &csv);
  }
  return csv;
}

std::string EtagCell(const std::string& etag) {
  return etag.empty() ? "" : "'" + etag;
}

std::string EtagFromCell(const std::string& cell) {
  absl::string_view etag = cell;
  absl::ConsumePrefix(&etag, "'");
  return std::string(etag);
}

std::string CriteriaPathBeside(const std::string& sheet_path) {
  const size_t slash = sheet_path.rfind('/');
  const size_t dot = sheet_path.rfind('.');
  const bool has_extension =
      dot != std::string::npos && (slash == std::string::npos || dot > slash);
  const std::string stem =
      has_extension ? sheet_path.substr(0, dot) : sheet_path;
  return absl::StrCat(stem, ".criteria.csv");
}

}  // namespace yjinspect::cli
