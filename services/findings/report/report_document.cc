#include "services/findings/report/report_document.h"

#include <utility>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"

namespace yjinspect::findings {

Inline Plain(absl::string_view text) {
  if (text.empty()) return {};
  return {Run{RunStyle::kPlain, std::string(text)}};
}

std::string InlineText(const Inline& line) {
  std::string text;
  for (const Run& run : line) text += run.text;
  return text;
}

bool IsBlank(const Inline& line) {
  for (const Run& run : line) {
    if (!absl::StripAsciiWhitespace(run.text).empty()) return false;
  }
  return true;
}

std::string ChartBarText(const ChartBar& bar) {
  if (bar.applicable <= 0) {
    return absl::StrCat(bar.label, ": no applicable answers");
  }
  return absl::StrCat(bar.label, ": ", bar.percent, "% (", bar.positive, " of ",
                      bar.applicable, " ", bar.unit, ")",
                      bar.lowest ? ", the lowest" : "");
}

Block Heading(int level, Inline text) {
  Block block;
  block.kind = BlockKind::kHeading;
  block.level = level;
  block.items.push_back(std::move(text));
  return block;
}

Block Paragraph(Inline text, absl::string_view css_class) {
  Block block;
  block.kind = BlockKind::kParagraph;
  block.items.push_back(std::move(text));
  block.css_class = std::string(css_class);
  return block;
}

Block BulletList(std::vector<Inline> items, absl::string_view css_class) {
  Block block;
  block.kind = BlockKind::kBulletList;
  block.items = std::move(items);
  block.css_class = std::string(css_class);
  return block;
}

}  // namespace yjinspect::findings
