#pragma once

// Free text in a CSV that people open in a spreadsheet. A cell beginning
// with "=", "+", "-" or "@" (or a tab or carriage return) is run as a
// formula by Excel and LibreOffice: an evidence note such as
// "=HYPERLINK(...)" would become a live link, or worse, on another
// inspector's machine (OWASP's "CSV injection"). Such a cell is written
// with a leading apostrophe, so no spreadsheet takes it for a formula.
// Whether a spreadsheet then shows and saves the apostrophe or treats it as
// its own "this is text" mark, reading gives the note back: one leading
// apostrophe before a formula character is taken off, and a note that
// itself begins with an apostrophe is written with one more, so a round
// trip keeps every note as it was typed.

#include <string>

#include "absl/strings/string_view.h"

namespace yjinspect::cli::exchange {

// True when a spreadsheet would treat `c` at the start of a cell as the
// start of a formula, or it is the apostrophe this guard itself adds.
inline bool StartsAFormula(char c) {
  return c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' ||
         c == '\r' || c == '\'';
}

// `text` as a cell no spreadsheet runs.
inline std::string SpreadsheetText(absl::string_view text) {
  if (!text.empty() && StartsAFormula(text.front())) {
    return std::string("'") + std::string(text);
  }
  return std::string(text);
}

// The text SpreadsheetText was given, from a cell it wrote (or from the
// same cell after a spreadsheet dropped the apostrophe).
inline std::string TextFromSpreadsheet(absl::string_view cell) {
  if (cell.size() >= 2 && cell.front() == '\'' && StartsAFormula(cell[1])) {
    cell.remove_prefix(1);
  }
  return std::string(cell);
}

}  // namespace yjinspect::cli::exchange
