#pragma once

// A report as a format-neutral list of blocks (headings, paragraphs, lists,
// label/value fields, tables) whose text is held as plain runs. Templates
// and generated findings both produce blocks; the Markdown and HTML writers
// escape every run for their format, so text from any source (templates,
// frameworks, inspectors' narrative) can never inject markup.

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
  // rows of cells; rows[0] is the header row.
  kTable,
};

struct Block {
  BlockKind kind = BlockKind::kParagraph;
  int level = 0;
  std::vector<Inline> items;
  std::vector<std::vector<Inline>> rows;
  // HTML class of the block ("score", "footnote"); Markdown ignores it.
  std::string css_class;
};

// A single plain run, or nothing for empty text.
Inline Plain(absl::string_view text);

// The concatenated text of the runs (for titles and tests).
std::string InlineText(const Inline& line);

// True when the runs hold nothing but white space.
bool IsBlank(const Inline& line);

Block Heading(int level, Inline text);
Block Paragraph(Inline text, absl::string_view css_class = "");
Block BulletList(std::vector<Inline> items, absl::string_view css_class = "");

}  // namespace yjinspect::findings
