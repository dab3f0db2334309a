#pragma once

// A report as a format-neutral list of blocks (headings, paragraphs, lists,
// label/value fields, tables, key-question charts) whose text is held as
// plain runs. Templates
// and generated findings both produce blocks; the Markdown and HTML writers
// escape every run for their format, so text from any source (templates,
// frameworks, inspectors' narrative) can never inject markup.

#include <cstdint>
#include <string>
#include <vector>

#include "absl/strings/string_view.h"

namespace yjinspect::findings {

// How a run of text is set.
enum class RunStyle {
  kPlain,
  kEmphasis,
  kStrong,
  // A footnote mark: "1" set as <sup>1</sup>.
  kSuperscript,
  // A finding's number ("1.1."): plain in Markdown, marked in HTML.
  kNumber,
  // A rating in words ("Good", "Requires improvement"): strong in
  // Markdown; in HTML also set in the rating's conventional colour, which
  // only repeats what the words say.
  kRating,
};

struct Run {
  RunStyle style = RunStyle::kPlain;
  // Plain text, never markup.
  std::string text;
};

// A line of text made of runs.
using Inline = std::vector<Run>;

enum class BlockKind {
  // items[0], at `level` 1-6.
  kHeading,
  // items[0].
  kParagraph,
  // One item per bullet.
  kBulletList,
  // rows of two cells, label and value, one row a line ("To:" ...).
  kFields,
  // rows of cells; rows[0] is the header row. A later row of a single
  // cell heads the rows after it (a group: a domain's standards).
  kTable,
  // `chart`: each key question's share of a standard, against the rating
  // bands' lines. A list in Markdown; in HTML an SVG bar chart with the
  // same list as its text equivalent.
  kKeyQuestionChart,
};

// One key question's bar.
struct ChartBar {
  // "Positive change".
  std::string label;
  // The share's counts and its whole percent rounded down (as the verdicts
  // give it); applicable 0 draws no bar and says "no applicable answers".
  int64_t positive = 0;
  int64_t applicable = 0;
  int32_t percent = 0;
  // What is counted: "cases", "victims' cases" or "answers".
  std::string unit;
  // The key question the standard's rating is taken from.
  bool lowest = false;
};

// A rating band's lower edge, drawn across the bars.
struct ChartLine {
  // The band's least share as a fraction, 0 to 1 (0.65).
  double at = 0;
  // "65%": the edge as printed.
  std::string label;
  // "Good": the band that starts there.
  std::string rating;
};

struct KeyQuestionChart {
  // "Key questions of 2.1 Assessing".
  std::string title;
  std::vector<ChartBar> bars;
  std::vector<ChartLine> lines;
};

struct Block {
  BlockKind kind = BlockKind::kParagraph;
  int level = 0;
  std::vector<Inline> items;
  std::vector<std::vector<Inline>> rows;
  // HTML class of the block ("score", "footnote"); Markdown ignores it.
  std::string css_class;
  // kTable: what the table shows, a caption in HTML and a line above the
  // table in Markdown; none when blank.
  Inline caption;
  // kTable: the first cell of each body row heads its row (HTML th).
  bool row_headers = false;
  // kKeyQuestionChart only.
  KeyQuestionChart chart;
};

// A single plain run, or nothing for empty text.
Inline Plain(absl::string_view text);

// The concatenated text of the runs (for titles and tests).
std::string InlineText(const Inline& line);

// True when the runs hold nothing but white space.
bool IsBlank(const Inline& line);

// A bar in words, as both writers print it: "Safety of child: 60% (17 of 28
// cases), the lowest"; "Keeping others safe: no applicable answers".
std::string ChartBarText(const ChartBar& bar);

Block Heading(int level, Inline text);
Block Paragraph(Inline text, absl::string_view css_class = "");
Block BulletList(std::vector<Inline> items, absl::string_view css_class = "");

}  // namespace yjinspect::findings
