#pragma once

// Report templates (reports/*.md.tmpl): the fixed wording and shape of a
// report as data, filled with values and generated blocks at render time.
// The syntax, line by line (reports/README.md has it with examples):
//
//   {{! a comment }}         the whole line is dropped
//   {{set key=value}}        a setting the renderer reads (Settings below)
//   {{#name}} ... {{/name}}  the lines between are kept only when `name`
//                            has a value (non-empty text, or any block);
//                            each on a line of its own; may nest
//   {{name}}                 alone in a block: the generated blocks `name`
//
// Other lines form blocks separated by blank lines: "# " to "###### " a
// heading; lines all starting "- " a bullet list; lines all starting ": "
// fields, "label | value" each; anything else a paragraph (lines joined by
// spaces). In their text, {{name}} is replaced by a text value, *...* sets
// emphasis and **...** strong. Values are plain text: never parsed for
// markup, escaped by the writers. A paragraph or bullet that comes out
// blank is dropped.
//
// Errors are INVALID_ARGUMENT "<template name>:<line>: <reason>": unknown or
// misplaced placeholders, unbalanced sections or emphasis, mixed blocks.

#include <map>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "services/findings/report/report_document.h"

namespace yjinspect::findings {

// What a template is filled with. A name is either a text value or a block
// value, not both.
struct TemplateValues {
  std::map<std::string, std::string> text;
  std::map<std::string, std::vector<Block>> blocks;
};

struct ReportTemplate {
  struct Line {
    int number = 0;
    // Trimmed of surrounding white space; empty for a blank line.
    std::string text;
  };
  // As errors name it: "reports/sqs-letter.md.tmpl".
  std::string name;
  // From {{set key=value}} lines.
  std::map<std::string, std::string> settings;
  // Every other line, comments dropped.
  std::vector<Line> body;
};

// Parses the lines, settings and sections of a template; checks that every
// {{...}} is well formed and that sections balance.
absl::StatusOr<ReportTemplate> ParseReportTemplate(absl::string_view name,
                                                   absl::string_view text);

// The template's blocks, filled with `values`. Every name the template uses
// must be in `values`.
absl::StatusOr<std::vector<Block>> FillReportTemplate(
    const ReportTemplate& report_template, const TemplateValues& values);

// `text` with each {{name}} replaced by values.at(name) verbatim (nothing is
// escaped: the caller escapes values as their place needs). INVALID_ARGUMENT
// naming `template_name` for an unknown or malformed placeholder.
absl::StatusOr<std::string> SubstitutePlaceholders(
    absl::string_view template_name, absl::string_view text,
    const std::map<std::string, std::string>& values);

}  // namespace yjinspect::findings
