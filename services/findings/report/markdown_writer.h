#pragma once

// Writes report blocks as Markdown (CommonMark with GitHub tables). Every
// run's text is escaped so that it reads as the same text, never as markup.

#include <string>
#include <vector>

#include "absl/strings/string_view.h"
#include "services/findings/report/report_document.h"

namespace yjinspect::findings {

// `text` escaped for Markdown: line breaks become spaces; \ ` * _ [ ] < | ~ #
// are backslash-escaped everywhere, & where it could start an entity; when
// `at_line_start`, leading white space is dropped and a leading - + = > or
// an ordered-list number ("12. ") is escaped too.
std::string EscapeMarkdown(absl::string_view text, bool at_line_start);

// Blocks separated by blank lines: headings "#### ...", paragraphs on one
// line, "- " bullets, fields one a line ("label<TAB>value", hard line
// breaks between), tables with a header row. Ends with a newline.
std::string WriteMarkdown(const std::vector<Block>& blocks);

}  // namespace yjinspect::findings
