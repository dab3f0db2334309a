#include "services/findings/report/report_template.h"

#include <utility>

#include "absl/algorithm/container.h"
#include "absl/status/status.h"
#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "common/status_macros.h"

namespace yjinspect::findings {
namespace {

using Line = ReportTemplate::Line;

bool IsName(absl::string_view text) {
  return !text.empty() && absl::c_all_of(text, [](char c) {
    return absl::ascii_islower(c) || absl::ascii_isdigit(c) || c == '_';
  });
}

absl::Status LineError(absl::string_view template_name, int line,
                       absl::string_view reason) {
  return absl::InvalidArgumentError(
      absl::StrCat(template_name, ":", line, ": ", reason));
}

// "{{<prefix>name}}" filling the whole line: the name, or "" when the line is
// not one.
std::string WholeLineTag(absl::string_view line, absl::string_view prefix) {
  if (!absl::ConsumePrefix(&line, "{{") || !absl::ConsumeSuffix(&line, "}}") ||
      !absl::ConsumePrefix(&line, prefix) || !IsName(line)) {
    return "";
  }
  return std::string(line);
}

// Parses one line of template text into runs. With `values` null, only
// checks the syntax.
absl::StatusOr<Inline> ParseInline(absl::string_view text,
                                   const TemplateValues* values) {
  Inline out;
  bool emphasis = false;
  bool strong = false;
  auto append = [&](absl::string_view piece) {
    if (piece.empty()) return;
    const RunStyle style = strong     ? RunStyle::kStrong
                           : emphasis ? RunStyle::kEmphasis
                                      : RunStyle::kPlain;
    if (!out.empty() && out.back().style == style) {
      out.back().text.append(piece.data(), piece.size());
    } else {
      out.push_back(Run{style, std::string(piece)});
    }
  };
  size_t i = 0;
  while (i < text.size()) {
    if (absl::StartsWith(text.substr(i), "{{")) {
      const size_t end = text.find("}}", i + 2);
      if (end == absl::string_view::npos) {
        return absl::InvalidArgumentError("a {{ without its }}");
      }
      const std::string name(text.substr(i + 2, end - i - 2));
      if (!IsName(name)) {
        return absl::InvalidArgumentError(
            absl::StrCat("malformed placeholder {{", name, "}}"));
      }
      if (values != nullptr) {
        const auto it = values->text.find(name);
        if (it == values->text.end()) {
          return absl::InvalidArgumentError(
              values->blocks.count(name) > 0
                  ? absl::StrCat("{{", name,
                                 "}} holds blocks: put it alone in a block")
                  : absl::StrCat("unknown placeholder {{", name, "}}"));
        }
        append(it->second);
      }
      i = end + 2;
    } else if (absl::StartsWith(text.substr(i), "**")) {
      strong = !strong;
      i += 2;
    } else if (text[i] == '*') {
      emphasis = !emphasis;
      ++i;
    } else {
      append(text.substr(i, 1));
      ++i;
    }
  }
  if (emphasis || strong) {
    return absl::InvalidArgumentError("emphasis * or ** is not closed");
  }
  return out;
}

bool HasValue(const TemplateValues& values, const std::string& name,
              bool* known) {
  if (const auto it = values.text.find(name); it != values.text.end()) {
    *known = true;
    return !it->second.empty();
  }
  if (const auto it = values.blocks.find(name); it != values.blocks.end()) {
    *known = true;
    return !it->second.empty();
  }
  *known = false;
  return false;
}

// Heading level of "### text", or 0.
int HeadingLevel(absl::string_view line) {
  int level = 0;
  while (static_cast<size_t>(level) < line.size() && line[level] == '#') {
    ++level;
  }
  if (level < 1 || level > 6 || static_cast<size_t>(level) >= line.size() ||
      line[level] != ' ') {
    return 0;
  }
  return level;
}

enum class LineKind { kText, kHeading, kBullet, kField };

LineKind KindOf(absl::string_view line) {
  if (absl::StartsWith(line, "#")) return LineKind::kHeading;
  if (absl::StartsWith(line, "- ")) return LineKind::kBullet;
  if (absl::StartsWith(line, ": ")) return LineKind::kField;
  return LineKind::kText;
}

// Appends the blocks of one group of consecutive non-blank lines.
absl::Status AppendGroup(const ReportTemplate& t,
                         const std::vector<const Line*>& group,
                         const TemplateValues& values,
                         std::vector<Block>& out) {
  const Line& first = *group.front();
  auto inline_at = [&](const Line& line,
                       absl::string_view text) -> absl::StatusOr<Inline> {
    absl::StatusOr<Inline> parsed = ParseInline(text, &values);
    if (!parsed.ok()) {
      return LineError(t.name, line.number, parsed.status().message());
    }
    return parsed;
  };
  const std::string placeholder = WholeLineTag(first.text, "");
  if (group.size() == 1 && !placeholder.empty()) {
    if (const auto it = values.blocks.find(placeholder);
        it != values.blocks.end()) {
      out.insert(out.end(), it->second.begin(), it->second.end());
      return absl::OkStatus();
    }
  }
  const LineKind kind = KindOf(first.text);
  for (const Line* line : group) {
    if (KindOf(line->text) != kind ||
        (kind == LineKind::kHeading && line != group.front())) {
      return LineError(t.name, line->number,
                       "a block mixes headings, bullets, fields and text; "
                       "separate them with a blank line");
    }
  }
  switch (kind) {
    case LineKind::kHeading: {
      const int level = HeadingLevel(first.text);
      if (level == 0) {
        return LineError(t.name, first.number,
                         "a heading is 1 to 6 '#' and a space");
      }
      ASSIGN_OR_RETURN(Inline text,
                       inline_at(first, first.text.substr(level + 1)));
      if (!IsBlank(text)) out.push_back(Heading(level, std::move(text)));
      return absl::OkStatus();
    }
    case LineKind::kBullet: {
      std::vector<Inline> items;
      for (const Line* line : group) {
        ASSIGN_OR_RETURN(
            Inline item,
            inline_at(*line, absl::string_view(line->text).substr(2)));
        if (!IsBlank(item)) items.push_back(std::move(item));
      }
      if (!items.empty()) out.push_back(BulletList(std::move(items)));
      return absl::OkStatus();
    }
    case LineKind::kField: {
      Block fields;
      fields.kind = BlockKind::kFields;
      for (const Line* line : group) {
        const std::vector<absl::string_view> cells = absl::StrSplit(
            absl::string_view(line->text).substr(2), absl::MaxSplits(" | ", 1));
        if (cells.size() != 2) {
          return LineError(t.name, line->number,
                           "a field line is \": label | value\"");
        }
        ASSIGN_OR_RETURN(Inline label, inline_at(*line, cells[0]));
        ASSIGN_OR_RETURN(Inline value, inline_at(*line, cells[1]));
        fields.rows.push_back({std::move(label), std::move(value)});
      }
      out.push_back(std::move(fields));
      return absl::OkStatus();
    }
    case LineKind::kText: {
      std::vector<absl::string_view> texts;
      for (const Line* line : group) texts.push_back(line->text);
      ASSIGN_OR_RETURN(Inline text,
                       inline_at(first, absl::StrJoin(texts, " ")));
      if (!IsBlank(text)) out.push_back(Paragraph(std::move(text)));
      return absl::OkStatus();
    }
  }
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<ReportTemplate> ParseReportTemplate(absl::string_view name,
                                                   absl::string_view text) {
  ReportTemplate t;
  t.name = std::string(name);
  std::vector<std::string> open_sections;
  int number = 0;
  for (absl::string_view raw : absl::StrSplit(text, '\n')) {
    ++number;
    const absl::string_view line = absl::StripAsciiWhitespace(raw);
    if (absl::StartsWith(line, "{{!") && absl::EndsWith(line, "}}")) continue;
    absl::string_view setting = line;
    if (absl::ConsumePrefix(&setting, "{{set ") &&
        absl::ConsumeSuffix(&setting, "}}")) {
      const std::pair<std::string, std::string> kv =
          absl::StrSplit(setting, absl::MaxSplits('=', 1));
      if (!IsName(kv.first)) {
        return LineError(name, number, "a setting is {{set key=value}}");
      }
      t.settings[kv.first] = std::string(absl::StripAsciiWhitespace(kv.second));
      continue;
    }
    if (const std::string open = WholeLineTag(line, "#"); !open.empty()) {
      open_sections.push_back(open);
    } else if (const std::string close = WholeLineTag(line, "/");
               !close.empty()) {
      if (open_sections.empty() || open_sections.back() != close) {
        return LineError(
            name, number,
            absl::StrCat("{{/", close, "}} closes no {{#", close, "}}"));
      }
      open_sections.pop_back();
    } else {
      absl::string_view body = line;
      if (KindOf(line) == LineKind::kField && !absl::StrContains(line, " | ")) {
        return LineError(name, number, "a field line is \": label | value\"");
      }
      if (absl::Status s = ParseInline(body, nullptr).status(); !s.ok()) {
        return LineError(name, number, s.message());
      }
    }
    t.body.push_back(Line{number, std::string(line)});
  }
  if (!open_sections.empty()) {
    return LineError(
        name, number,
        absl::StrCat("{{#", open_sections.back(), "}} is not closed"));
  }
  return t;
}

absl::StatusOr<std::vector<Block>> FillReportTemplate(
    const ReportTemplate& t, const TemplateValues& values) {
  // Sections first: keep the lines whose enclosing sections all have values.
  std::vector<bool> section_values;
  std::vector<const Line*> kept;
  for (const Line& line : t.body) {
    if (const std::string open = WholeLineTag(line.text, "#"); !open.empty()) {
      bool known = false;
      section_values.push_back(HasValue(values, open, &known));
      if (!known) {
        return LineError(t.name, line.number,
                         absl::StrCat("unknown section {{#", open, "}}"));
      }
      continue;
    }
    if (!WholeLineTag(line.text, "/").empty()) {
      section_values.pop_back();
      continue;
    }
    bool active = true;
    for (bool v : section_values) active = active && v;
    if (active) kept.push_back(&line);
  }
  // Then blocks: groups of lines between blank lines.
  std::vector<Block> blocks;
  std::vector<const Line*> group;
  for (size_t i = 0; i <= kept.size(); ++i) {
    if (i < kept.size() && !kept[i]->text.empty()) {
      group.push_back(kept[i]);
      continue;
    }
    if (!group.empty()) RETURN_IF_ERROR(AppendGroup(t, group, values, blocks));
    group.clear();
  }
  return blocks;
}

absl::StatusOr<std::string> SubstitutePlaceholders(
    absl::string_view template_name, absl::string_view text,
    const std::map<std::string, std::string>& values) {
  std::string out;
  size_t i = 0;
  while (i < text.size()) {
    const size_t open = text.find("{{", i);
    if (open == absl::string_view::npos) {
      absl::StrAppend(&out, text.substr(i));
      break;
    }
    absl::StrAppend(&out, text.substr(i, open - i));
    const size_t close = text.find("}}", open + 2);
    const std::string name(close == absl::string_view::npos
                               ? ""
                               : text.substr(open + 2, close - open - 2));
    const auto it = values.find(name);
    if (it == values.end()) {
      return absl::InvalidArgumentError(absl::StrCat(
          template_name, ": unknown or malformed placeholder {{", name, "}}"));
    }
    out += it->second;
    i = close + 2;
  }
  return out;
}

}  // namespace yjinspect::findings
