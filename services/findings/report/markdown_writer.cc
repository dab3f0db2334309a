#include "services/findings/report/markdown_writer.h"

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"

namespace yjinspect::findings {
namespace {

bool IsEntityStart(char c) { return absl::ascii_isalnum(c) || c == '#'; }

// The length of a leading ordered-list marker's digits ("12" of "12. x"), or
// 0 when `text` does not start like an ordered list item.
size_t OrderedListDigits(absl::string_view text) {
  size_t digits = 0;
  while (digits < text.size() && absl::ascii_isdigit(text[digits])) ++digits;
  if (digits == 0 || digits >= text.size()) return 0;
  if (text[digits] != '.' && text[digits] != ')') return 0;
  if (digits + 1 < text.size() && text[digits + 1] != ' ') return 0;
  return digits;
}

std::string WriteInline(const Inline& line, bool at_line_start) {
  std::string out;
  bool first = at_line_start;
  for (const Run& run : line) {
    if (run.text.empty()) continue;
    switch (run.style) {
      case RunStyle::kPlain:
      case RunStyle::kNumber:
        out += EscapeMarkdown(run.text, first);
        break;
      case RunStyle::kEmphasis:
      case RunStyle::kStrong:
      case RunStyle::kRating: {
        // Emphasis must not start or end with white space: keep the spaces
        // outside the marks.
        const absl::string_view text = run.text;
        const absl::string_view core = absl::StripAsciiWhitespace(text);
        const std::string mark = run.style == RunStyle::kEmphasis ? "*" : "**";
        if (core.empty()) {
          out += " ";
          break;
        }
        if (core.data() != text.data()) out += " ";
        absl::StrAppend(&out, mark, EscapeMarkdown(core, false), mark);
        if (core.data() + core.size() != text.data() + text.size()) {
          out += " ";
        }
        break;
      }
      case RunStyle::kSuperscript:
        absl::StrAppend(&out, "<sup>", EscapeMarkdown(run.text, false),
                        "</sup>");
        break;
    }
    first = false;
  }
  return out;
}

// A row of `columns` cells: a group's heading row (one cell) is padded
// with empty ones.
std::string WriteTableRow(const std::vector<Inline>& row, size_t columns) {
  std::string out = "|";
  for (const Inline& cell : row) {
    absl::StrAppend(&out, " ", WriteInline(cell, false), " |");
  }
  for (size_t i = row.size(); i < columns; ++i) out += "  |";
  return out;
}

std::string WriteBlock(const Block& block) {
  switch (block.kind) {
    case BlockKind::kHeading:
      return absl::StrCat(std::string(static_cast<size_t>(block.level), '#'),
                          " ", WriteInline(block.items.at(0), false));
    case BlockKind::kParagraph:
      return WriteInline(block.items.at(0), true);
    case BlockKind::kBulletList: {
      std::vector<std::string> lines;
      for (const Inline& item : block.items) {
        lines.push_back(absl::StrCat("- ", WriteInline(item, true)));
      }
      return absl::StrJoin(lines, "\n");
    }
    case BlockKind::kFields: {
      std::vector<std::string> lines;
      for (const std::vector<Inline>& row : block.rows) {
        std::vector<std::string> cells;
        bool first = true;
        for (const Inline& cell : row) {
          cells.push_back(WriteInline(cell, first));
          first = false;
        }
        lines.push_back(absl::StrJoin(cells, "\t"));
      }
      // Two trailing spaces: a hard line break between the fields.
      return absl::StrJoin(lines, "  \n");
    }
    case BlockKind::kTable: {
      if (block.rows.empty()) return "";
      const size_t columns = block.rows[0].size();
      std::vector<std::string> lines;
      if (!IsBlank(block.caption)) {
        // A line of its own, then a blank line: Markdown tables have no
        // caption.
        lines.push_back(absl::StrCat(
            WriteInline({Run{RunStyle::kEmphasis, InlineText(block.caption)}},
                        true),
            "\n"));
      }
      lines.push_back(WriteTableRow(block.rows[0], columns));
      std::string rule = "|";
      for (size_t i = 0; i < columns; ++i) rule += " --- |";
      lines.push_back(rule);
      for (size_t i = 1; i < block.rows.size(); ++i) {
        lines.push_back(WriteTableRow(block.rows[i], columns));
      }
      return absl::StrJoin(lines, "\n");
    }
    case BlockKind::kKeyQuestionChart: {
      std::vector<std::string> lines;
      for (const ChartBar& bar : block.chart.bars) {
        lines.push_back(
            absl::StrCat("- ", EscapeMarkdown(ChartBarText(bar), true)));
      }
      return absl::StrJoin(lines, "\n");
    }
  }
  return "";
}

}  // namespace

std::string EscapeMarkdown(absl::string_view text, bool at_line_start) {
  std::string flat;
  flat.reserve(text.size());
  for (char c : text) flat += (c == '\n' || c == '\r') ? ' ' : c;
  absl::string_view rest = flat;
  std::string out;
  out.reserve(rest.size() + 8);
  if (at_line_start) {
    rest = absl::StripLeadingAsciiWhitespace(rest);
    if (!rest.empty() && (rest[0] == '-' || rest[0] == '+' || rest[0] == '=' ||
                          rest[0] == '>')) {
      out += '\\';
    }
    if (const size_t digits = OrderedListDigits(rest); digits > 0) {
      absl::StrAppend(&out, rest.substr(0, digits), "\\");
      rest.remove_prefix(digits);
    }
  }
  for (size_t i = 0; i < rest.size(); ++i) {
    const char c = rest[i];
    switch (c) {
      case '\\':
      case '`':
      case '*':
      case '_':
      case '[':
      case ']':
      case '<':
      case '|':
      case '~':
      case '#':
        out += '\\';
        break;
      case '&':
        if (i + 1 < rest.size() && IsEntityStart(rest[i + 1])) out += '\\';
        break;
      default:
        break;
    }
    out += c;
  }
  return out;
}

std::string WriteMarkdown(const std::vector<Block>& blocks) {
  std::vector<std::string> parts;
  for (const Block& block : blocks) {
    std::string text = WriteBlock(block);
    if (!text.empty()) parts.push_back(std::move(text));
  }
  return absl::StrCat(absl::StrJoin(parts, "\n\n"), "\n");
}

}  // namespace yjinspect::findings
