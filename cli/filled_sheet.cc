#include "cli/filled_sheet.h"

#include <algorithm>
#include <map>
#include <set>
#include <utility>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_replace.h"
#include "absl/strings/strip.h"
#include "cli/exchange/csv_reader.h"
#include "cli/exchange/spreadsheet_text.h"
#include "cli/judgement_sheet.h"
#include "common/status_macros.h"

namespace yjinspect::cli {
namespace {

// What a column of the header holds.
struct Column {
  // kBlank: a column with no header, as a spreadsheet adds past the last
  // one; its cells must be empty.
  enum class Kind { kCase, kEtag, kAnswer, kNotes, kBlank, kUnknown };
  Kind kind = Kind::kUnknown;
  std::string header;
  const SheetCriterion* criterion = nullptr;
};

// A cell's text in a message: enough to find it, never a whole note.
std::string Quoted(absl::string_view cell) {
  constexpr size_t kShown = 30;
  if (cell.size() <= kShown) return absl::StrCat("'", cell, "'");
  return absl::StrCat("'", cell.substr(0, kShown), "...'");
}

class SheetReader {
 public:
  SheetReader(const v1::Framework& framework,
              const std::vector<std::string>& sampled_cases)
      : framework_(framework),
        criteria_(CaseCriteriaOf(framework)),
        sampled_(sampled_cases.begin(), sampled_cases.end()) {
    for (const SheetCriterion& c : criteria_) by_id_[c.id] = &c;
  }

  // The columns of the header; problems of row 1 for those that are wrong.
  std::vector<Column> ReadHeader(const std::vector<std::string>& cells) {
    std::vector<Column> columns;
    std::set<std::string> seen;
    for (const std::string& cell : cells) {
      Column column;
      column.header = std::string(absl::StripAsciiWhitespace(cell));
      const std::string& h = column.header;
      if (h.empty()) {
        column.kind = Column::Kind::kBlank;
      } else if (!seen.insert(h).second) {
        Problem(1, h, "the column appears twice; keep one of them");
      } else if (h == kSheetCaseColumn) {
        column.kind = Column::Kind::kCase;
      } else if (h == kSheetEtagColumn) {
        column.kind = Column::Kind::kEtag;
      } else if (const SheetCriterion* answered =
                     CriterionOf(h, kSheetAnswerSuffix);
                 answered != nullptr) {
        column.kind = Column::Kind::kAnswer;
        column.criterion = answered;
      } else if (const SheetCriterion* noted =
                     CriterionOf(h, kSheetNotesSuffix);
                 noted != nullptr) {
        column.kind = Column::Kind::kNotes;
        column.criterion = noted;
      } else {
        Problem(1, h,
                absl::StrCat("not a column of a criterion judged from case "
                             "files in framework ",
                             framework_.id(), " version ", framework_.version(),
                             " (\"<id> answer\" or \"<id> notes\"); the "
                             "criteria file lists them"));
      }
      columns.push_back(std::move(column));
    }
    for (const char* needed : {kSheetCaseColumn, kSheetEtagColumn}) {
      if (seen.count(needed) == 0) {
        Problem(1, needed,
                "the column is missing; keep the case and etag columns as "
                "the sheet was written");
      }
    }
    for (const Column& c : columns) {
      if (c.kind == Column::Kind::kNotes &&
          seen.count(c.criterion->id + kSheetAnswerSuffix) == 0) {
        Problem(1, c.header,
                absl::StrCat("a notes column needs its answer column, ",
                             c.criterion->id, kSheetAnswerSuffix));
      }
    }
    return columns;
  }

  // Row `row`'s cells, once the header is sound. A row of empty cells, as a
  // spreadsheet writes past the last filled one, is no row.
  void ReadRow(int row, const std::vector<Column>& columns,
               const std::vector<std::string>& cells) {
    if (std::all_of(cells.begin(), cells.end(), [](const std::string& c) {
          return absl::StripAsciiWhitespace(c).empty();
        })) {
      return;
    }
    if (cells.size() != columns.size()) {
      Problem(
          row, "",
          absl::StrCat("the row has ", cells.size(),
                       " cells and the "
                       "header ",
                       columns.size(), "; a cell may have been split or lost"));
      return;
    }
    SheetRow parsed;
    parsed.row = row;
    std::map<std::string, std::string> notes;
    for (size_t i = 0; i < cells.size(); ++i) {
      const Column& column = columns[i];
      const std::string cell(absl::StripAsciiWhitespace(cells[i]));
      switch (column.kind) {
        case Column::Kind::kCase:
          parsed.case_name = cell;
          break;
        case Column::Kind::kEtag:
          parsed.etag = EtagFromCell(cell);
          break;
        case Column::Kind::kAnswer:
          if (!cell.empty()) {
            CheckAnswer(row, *column.criterion, cell);
            parsed.answers.push_back({column.criterion->id, cell, {}});
          }
          break;
        case Column::Kind::kNotes:
          // A note is kept as typed (less the apostrophe the sheet put
          // before a formula-like note); only answers are tokens.
          notes[column.criterion->id] = NoteOf(cells[i]);
          break;
        case Column::Kind::kBlank:
          if (!cell.empty()) {
            Problem(row, "",
                    absl::StrCat("cell ", i + 1,
                                 " has no column header; give the column "
                                 "its header or empty the cell"));
          }
          break;
        case Column::Kind::kUnknown:
          break;
      }
    }
    CheckCase(row, parsed.case_name);
    for (SheetAnswer& answer : parsed.answers) {
      if (auto it = notes.find(answer.criterion_id); it != notes.end()) {
        answer.note = it->second;
        notes.erase(it);
      }
    }
    for (const auto& [id, note] : notes) {
      if (!note.empty()) {
        Problem(row, id + kSheetNotesSuffix,
                absl::StrCat("a note needs an answer in column ", id,
                             kSheetAnswerSuffix));
      }
    }
    sheet_.rows.push_back(std::move(parsed));
  }

  FilledSheet Result() && { return std::move(sheet_); }
  bool HasProblems() const { return !sheet_.problems.empty(); }

 private:
  // The criterion whose `suffix` column ("<id> answer", "<id> notes")
  // `header` heads, or nullptr.
  const SheetCriterion* CriterionOf(absl::string_view header,
                                    absl::string_view suffix) const {
    if (!absl::ConsumeSuffix(&header, suffix)) return nullptr;
    auto it = by_id_.find(std::string(header));
    return it == by_id_.end() ? nullptr : it->second;
  }

  // A note cell as the note to record: less the apostrophe the sheet put
  // before a formula-like note, and with every line break a newline (a
  // sheet saved on Windows or by a spreadsheet may end a cell's lines with
  // CRLF; the service takes no carriage return in a note).
  static std::string NoteOf(const std::string& cell) {
    return absl::StrReplaceAll(exchange::TextFromSpreadsheet(cell),
                               {{"\r\n", "\n"}, {"\r", "\n"}});
  }

  void Problem(int row, std::string column, std::string reason) {
    sheet_.problems.push_back({row, std::move(column), std::move(reason)});
  }

  void CheckAnswer(int row, const SheetCriterion& criterion,
                   const std::string& answer) {
    for (const std::string& allowed : criterion.answers) {
      if (answer == allowed) return;
    }
    Problem(row, criterion.id + kSheetAnswerSuffix,
            absl::StrCat(Quoted(answer), " is not an answer to criterion ",
                         criterion.id, "; one of ",
                         absl::StrJoin(criterion.answers, ", ")));
  }

  void CheckCase(int row, const std::string& case_name) {
    if (case_name.empty()) {
      Problem(row, kSheetCaseColumn, "no case named");
    } else if (sampled_.count(case_name) == 0) {
      Problem(row, kSheetCaseColumn,
              absl::StrCat(Quoted(case_name),
                           " is not a case of the inspection's sample; write "
                           "the sheet again"));
    } else if (auto [it, added] = first_row_.emplace(case_name, row); !added) {
      Problem(row, kSheetCaseColumn,
              absl::StrCat("the case has row ", it->second,
                           " already; keep one row per case"));
    }
  }

  const v1::Framework& framework_;
  const std::vector<SheetCriterion> criteria_;
  std::map<std::string, const SheetCriterion*> by_id_;
  const std::set<std::string> sampled_;
  std::map<std::string, int> first_row_;
  FilledSheet sheet_;
};

}  // namespace

absl::StatusOr<FilledSheet> ReadFilledSheet(
    absl::string_view csv, const v1::Framework& framework,
    const std::vector<std::string>& sampled_cases) {
  ASSIGN_OR_RETURN(std::vector<exchange::CsvRecord> records,
                   exchange::ReadCsv(csv));
  SheetReader reader(framework, sampled_cases);
  if (records.empty()) {
    return FilledSheet{{},
                       {{1, "",
                         "the sheet is empty; its first row is the header "
                         "(case, etag, criterion ids)"}}};
  }
  const std::vector<Column> columns = reader.ReadHeader(records[0].fields);
  if (reader.HasProblems()) return std::move(reader).Result();
  for (size_t i = 1; i < records.size(); ++i) {
    reader.ReadRow(static_cast<int>(i) + 1, columns, records[i].fields);
  }
  return std::move(reader).Result();
}

std::vector<v1::Judgement> ChangesOf(const SheetRow& row,
                                     const v1::CaseFindings* current) {
  std::map<std::string, const v1::Judgement*> now;
  if (current != nullptr) {
    for (const v1::Judgement& j : current->judgements()) {
      now[j.criterion_id()] = &j;
    }
  }
  std::vector<v1::Judgement> changes;
  for (const SheetAnswer& answer : row.answers) {
    auto it = now.find(answer.criterion_id);
    const v1::Judgement* recorded = it == now.end() ? nullptr : it->second;
    v1::Judgement j;
    j.set_criterion_id(answer.criterion_id);
    j.set_answer(answer.answer);
    if (answer.note) {
      j.set_evidence_note(*answer.note);
    } else if (recorded != nullptr) {
      j.set_evidence_note(recorded->evidence_note());
    }
    if (recorded != nullptr && recorded->answer() == j.answer() &&
        recorded->evidence_note() == j.evidence_note()) {
      continue;
    }
    changes.push_back(std::move(j));
  }
  return changes;
}

}  // namespace yjinspect::cli
