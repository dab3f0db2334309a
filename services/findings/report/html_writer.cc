#include "services/findings/report/html_writer.h"

#include <algorithm>
#include <set>
#include <utility>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "absl/strings/string_view.h"

namespace yjinspect::findings {
namespace {

std::string ClassAttribute(absl::string_view classes) {
  if (classes.empty()) return "";
  return absl::StrCat(" class=\"", EscapeHtml(classes), "\"");
}

// "rating-requires-improvement" of "Requires improvement": letters and
// digits kept, lower case, anything else a hyphen.
std::string RatingClass(absl::string_view rating) {
  std::string out = "rating-";
  for (char c : rating) {
    out += absl::ascii_isalnum(c) ? absl::ascii_tolower(c) : '-';
  }
  return out;
}

// The id fragment of a footnote mark: its letters and digits.
std::string MarkId(absl::string_view mark) {
  std::string out;
  for (char c : mark) {
    if (absl::ascii_isalnum(c)) out += c;
  }
  return out;
}

bool IsFootnote(const Block& block) {
  return block.kind == BlockKind::kParagraph && block.css_class == "footnote" &&
         !block.items.empty() && !block.items[0].empty() &&
         block.items[0][0].style == RunStyle::kSuperscript &&
         !MarkId(block.items[0][0].text).empty();
}

// The chart's drawing: a bar per key question from x = kBarsLeft (0%) to
// kBarsLeft + kBarsWidth (100%), the bands' lines across them.
constexpr int kChartWidth = 640;
constexpr int kBarsLeft = 200;
constexpr int kBarsWidth = 380;
constexpr int kTop = 22;
constexpr int kRowHeight = 26;
constexpr int kBarHeight = 16;

std::string Coordinate(double value) { return absl::StrFormat("%.1f", value); }

class BodyWriter {
 public:
  explicit BodyWriter(const std::vector<Block>& blocks) {
    int highest = 6;
    for (const Block& block : blocks) {
      if (block.kind == BlockKind::kHeading) {
        highest = std::min(highest, std::max(block.level, 1));
      }
      if (IsFootnote(block)) footnotes_.insert(MarkId(block.items[0][0].text));
    }
    raise_ = highest - 1;
  }

  void Append(const Block& block) {
    const std::string cls = ClassAttribute(block.css_class);
    switch (block.kind) {
      case BlockKind::kHeading: {
        const std::string tag =
            absl::StrCat("h", std::clamp(block.level - raise_, 1, 6));
        absl::StrAppend(&out_, "<", tag, cls, ">", Inline(block.items.at(0)),
                        "</", tag, ">\n");
        return;
      }
      case BlockKind::kParagraph:
        if (IsFootnote(block)) {
          AppendFootnote(block);
          return;
        }
        absl::StrAppend(&out_, "<p", cls, ">", Inline(block.items.at(0)),
                        "</p>\n");
        return;
      case BlockKind::kBulletList:
        absl::StrAppend(&out_, "<ul", cls, ">\n");
        for (const auto& item : block.items) {
          absl::StrAppend(&out_, "<li>", Inline(item), "</li>\n");
        }
        out_ += "</ul>\n";
        return;
      case BlockKind::kFields:
        AppendFields(block);
        return;
      case BlockKind::kTable:
        AppendTable(block);
        return;
      case BlockKind::kKeyQuestionChart:
        AppendChart(block);
        return;
    }
  }

  std::string Take() { return std::move(out_); }

 private:
  std::string Inline(const findings::Inline& line) {
    std::string out;
    for (const Run& run : line) {
      const std::string text = EscapeHtml(run.text);
      switch (run.style) {
        case RunStyle::kPlain:
          out += text;
          break;
        case RunStyle::kEmphasis:
          absl::StrAppend(&out, "<em>", text, "</em>");
          break;
        case RunStyle::kStrong:
          absl::StrAppend(&out, "<strong>", text, "</strong>");
          break;
        case RunStyle::kNumber:
          absl::StrAppend(&out, "<span class=\"num\">", text, "</span>");
          break;
        case RunStyle::kRating:
          absl::StrAppend(&out, "<strong class=\"rating ",
                          RatingClass(run.text), "\">", text, "</strong>");
          break;
        case RunStyle::kSuperscript:
          absl::StrAppend(&out, "<sup>", FootnoteMark(run.text), "</sup>");
          break;
      }
    }
    return out;
  }

  // A mark in the text: a link to its footnote, the first one also the
  // footnote's way back.
  std::string FootnoteMark(absl::string_view mark) {
    const std::string id = MarkId(mark);
    if (footnotes_.count(id) == 0) return EscapeHtml(mark);
    std::string anchor;
    if (marked_.insert(id).second) {
      anchor = absl::StrCat(" id=\"footnote-ref-", id, "\"");
    }
    return absl::StrCat("<a href=\"#footnote-", id, "\"", anchor,
                        " aria-label=\"Footnote ", EscapeHtml(mark), "\">",
                        EscapeHtml(mark), "</a>");
  }

  void AppendFootnote(const Block& block) {
    const findings::Inline& line = block.items[0];
    const std::string id = MarkId(line[0].text);
    const std::string mark = EscapeHtml(line[0].text);
    std::string label = mark;
    if (marked_.count(id) > 0) {
      label = absl::StrCat("<a href=\"#footnote-ref-", id,
                           "\" aria-label=\"Back to the text of footnote ",
                           mark, "\">", mark, "</a>");
    }
    const findings::Inline rest(line.begin() + 1, line.end());
    absl::StrAppend(&out_, "<p class=\"footnote\" id=\"footnote-", id,
                    "\"><sup>", label, "</sup>", Inline(rest), "</p>\n");
  }

  void AppendFields(const Block& block) {
    absl::StrAppend(
        &out_, "<table",
        ClassAttribute(block.css_class.empty() ? "fields"
                                               : "fields " + block.css_class),
        ">\n");
    for (const auto& row : block.rows) {
      out_ += "<tr>";
      for (size_t i = 0; i < row.size(); ++i) {
        absl::StrAppend(&out_, i == 0 ? "<th scope=\"row\">" : "<td>",
                        Inline(row[i]), i == 0 ? "</th>" : "</td>");
      }
      out_ += "</tr>\n";
    }
    out_ += "</table>\n";
  }

  void AppendTable(const Block& block) {
    if (block.rows.empty()) return;
    const size_t columns = block.rows[0].size();
    absl::StrAppend(&out_, "<table", ClassAttribute(block.css_class), ">\n");
    if (!IsBlank(block.caption)) {
      absl::StrAppend(&out_, "<caption>", Inline(block.caption),
                      "</caption>\n");
    }
    out_ += "<thead><tr>";
    for (const auto& cell : block.rows[0]) {
      absl::StrAppend(&out_, "<th scope=\"col\">", Inline(cell), "</th>");
    }
    out_ += "</tr></thead>\n<tbody>\n";
    bool body_has_rows = false;
    for (size_t r = 1; r < block.rows.size(); ++r) {
      const auto& row = block.rows[r];
      if (row.size() == 1 && columns > 1) {
        // A group's heading: the rows up to the next group are its own.
        if (body_has_rows) out_ += "</tbody>\n<tbody>\n";
        absl::StrAppend(&out_, "<tr><th scope=\"rowgroup\" colspan=\"", columns,
                        "\">", Inline(row[0]), "</th></tr>\n");
        body_has_rows = true;
        continue;
      }
      out_ += "<tr>";
      for (size_t i = 0; i < row.size(); ++i) {
        const bool header = block.row_headers && i == 0;
        absl::StrAppend(&out_, header ? "<th scope=\"row\">" : "<td>",
                        Inline(row[i]), header ? "</th>" : "</td>");
      }
      out_ += "</tr>\n";
      body_has_rows = true;
    }
    out_ += "</tbody>\n</table>\n";
  }

  void AppendChart(const Block& block) {
    const KeyQuestionChart& chart = block.chart;
    const std::string id = absl::StrCat("kq-chart-", ++charts_);
    std::vector<std::string> said;
    for (const ChartBar& bar : chart.bars) said.push_back(ChartBarText(bar));
    std::vector<std::string> edges;
    for (const ChartLine& line : chart.lines) {
      edges.push_back(absl::StrCat(line.rating, " from ", line.label));
    }
    const std::string title =
        absl::StrCat(chart.title, ". ", absl::StrJoin(said, "; "), ".",
                     edges.empty() ? "" : " Lines mark the rating bands: ",
                     absl::StrJoin(edges, ", "), edges.empty() ? "" : ".");
    const int height =
        kTop + static_cast<int>(chart.bars.size()) * kRowHeight + 6;
    absl::StrAppend(&out_, "<figure", ClassAttribute("kq-chart"), ">\n",
                    "<figcaption>", EscapeHtml(chart.title), "</figcaption>\n",
                    "<svg xmlns=\"http://www.w3.org/2000/svg\"",
                    " viewBox=\"0 0 ", kChartWidth, " ", height,
                    "\" role=\"img\" aria-labelledby=\"", id, "\">\n",
                    "<title id=\"", id, "\">", EscapeHtml(title), "</title>\n");
    for (size_t i = 0; i < chart.bars.size(); ++i) {
      const ChartBar& bar = chart.bars[i];
      const int y = kTop + static_cast<int>(i) * kRowHeight;
      const int middle = y + kBarHeight / 2 + 4;
      absl::StrAppend(&out_, "<text class=\"kq-label\" x=\"", kBarsLeft - 8,
                      "\" y=\"", middle, "\" text-anchor=\"end\">",
                      EscapeHtml(bar.label), bar.lowest ? " (lowest)" : "",
                      "</text>\n");
      absl::StrAppend(&out_, "<rect class=\"kq-track\" x=\"", kBarsLeft,
                      "\" y=\"", y, "\" width=\"", kBarsWidth, "\" height=\"",
                      kBarHeight, "\"/>\n");
      if (bar.applicable <= 0) {
        absl::StrAppend(&out_, "<text class=\"kq-value\" x=\"", kBarsLeft + 4,
                        "\" y=\"", middle, "\">no applicable answers</text>\n");
        continue;
      }
      // The bar is the exact share; its label the whole percent rounded
      // down, as everywhere else in the report.
      const double width = kBarsWidth * static_cast<double>(bar.positive) /
                           static_cast<double>(bar.applicable);
      absl::StrAppend(&out_, "<rect class=\"kq-bar",
                      bar.lowest ? " kq-lowest" : "", "\" x=\"", kBarsLeft,
                      "\" y=\"", y, "\" width=\"", Coordinate(width),
                      "\" height=\"", kBarHeight, "\"/>\n");
      // Past the track's end, clear of the bands' lines.
      absl::StrAppend(&out_, "<text class=\"kq-value\" x=\"",
                      kBarsLeft + kBarsWidth + 6, "\" y=\"", middle, "\">",
                      bar.percent, "%</text>\n");
    }
    for (const ChartLine& line : chart.lines) {
      const std::string x = Coordinate(kBarsLeft + kBarsWidth * line.at);
      absl::StrAppend(&out_, "<line class=\"kq-band\" x1=\"", x, "\" x2=\"", x,
                      "\" y1=\"", kTop - 6, "\" y2=\"", height - 4, "\"/>\n");
      absl::StrAppend(&out_, "<text class=\"kq-band-label\" x=\"", x, "\" y=\"",
                      kTop - 9, "\" text-anchor=\"middle\">",
                      EscapeHtml(line.label), "</text>\n");
    }
    out_ += "</svg>\n<ul class=\"kq-values\">\n";
    for (const std::string& text : said) {
      absl::StrAppend(&out_, "<li>", EscapeHtml(text), "</li>\n");
    }
    out_ += "</ul>\n</figure>\n";
  }

  std::string out_;
  // How many levels headings are raised.
  int raise_ = 0;
  // Ids of the marks that have a footnote; of the marks already linked.
  std::set<std::string> footnotes_;
  std::set<std::string> marked_;
  int charts_ = 0;
};

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
  BodyWriter writer(blocks);
  for (const Block& block : blocks) writer.Append(block);
  return writer.Take();
}

}  // namespace yjinspect::findings
