#include "services/findings/report/html_writer.h"

#include <utility>

#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"

namespace yjinspect::findings {
namespace {

std::string ClassAttribute(absl::string_view classes) {
  if (classes.empty()) return "";
  return absl::StrCat(" class=\"", EscapeHtml(classes), "\"");
}

// The markup that opens and closes a run of each style.
std::pair<absl::string_view, absl::string_view> Markup(RunStyle style) {
  switch (style) {
    case RunStyle::kPlain:
      return {"", ""};
    case RunStyle::kEmphasis:
      return {"<em>", "</em>"};
    case RunStyle::kStrong:
      return {"<strong>", "</strong>"};
    case RunStyle::kSuperscript:
      return {"<sup>", "</sup>"};
    case RunStyle::kNumber:
      return {"<span class=\"num\">", "</span>"};
  }
  return {"", ""};
}

std::string WriteInline(const Inline& line) {
  std::string out;
  for (const Run& run : line) {
    const auto [open, close] = Markup(run.style);
    absl::StrAppend(&out, open, EscapeHtml(run.text), close);
  }
  return out;
}

void AppendBlock(const Block& block, std::string& out) {
  const std::string cls = ClassAttribute(block.css_class);
  switch (block.kind) {
    case BlockKind::kHeading: {
      const std::string tag = absl::StrCat("h", block.level);
      absl::StrAppend(&out, "<", tag, cls, ">", WriteInline(block.items.at(0)),
                      "</", tag, ">\n");
      return;
    }
    case BlockKind::kParagraph:
      absl::StrAppend(&out, "<p", cls, ">", WriteInline(block.items.at(0)),
                      "</p>\n");
      return;
    case BlockKind::kBulletList:
      absl::StrAppend(&out, "<ul", cls, ">\n");
      for (const Inline& item : block.items) {
        absl::StrAppend(&out, "<li>", WriteInline(item), "</li>\n");
      }
      out += "</ul>\n";
      return;
    case BlockKind::kFields:
      absl::StrAppend(
          &out, "<table",
          ClassAttribute(block.css_class.empty() ? "fields"
                                                 : "fields " + block.css_class),
          ">\n");
      for (const std::vector<Inline>& row : block.rows) {
        out += "<tr>";
        for (size_t i = 0; i < row.size(); ++i) {
          absl::StrAppend(&out, i == 0 ? "<th scope=\"row\">" : "<td>",
                          WriteInline(row[i]), i == 0 ? "</th>" : "</td>");
        }
        out += "</tr>\n";
      }
      out += "</table>\n";
      return;
    case BlockKind::kTable:
      if (block.rows.empty()) return;
      absl::StrAppend(&out, "<table", cls, ">\n<thead><tr>");
      for (const Inline& cell : block.rows[0]) {
        absl::StrAppend(&out, "<th scope=\"col\">", WriteInline(cell), "</th>");
      }
      out += "</tr></thead>\n<tbody>\n";
      for (size_t r = 1; r < block.rows.size(); ++r) {
        out += "<tr>";
        for (const Inline& cell : block.rows[r]) {
          absl::StrAppend(&out, "<td>", WriteInline(cell), "</td>");
        }
        out += "</tr>\n";
      }
      out += "</tbody>\n</table>\n";
      return;
  }
}

}  // namespace

std::string EscapeHtml(absl::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&#39;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

std::string WriteHtmlBody(const std::vector<Block>& blocks) {
  std::string out;
  for (const Block& block : blocks) AppendBlock(block, out);
  return out;
}

}  // namespace yjinspect::findings
