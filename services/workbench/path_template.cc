#include "services/workbench/path_template.h"

#include <utility>

#include "absl/status/status.h"
#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "common/status_macros.h"

namespace yjinspect::workbench {
namespace {

absl::Status Malformed(absl::string_view text, absl::string_view why) {
  return absl::InvalidArgumentError(
      absl::StrCat("path template \"", text, "\": ", why));
}

bool IsFieldPath(absl::string_view path) {
  if (path.empty()) return false;
  for (absl::string_view part : absl::StrSplit(path, '.')) {
    if (part.empty() || absl::ascii_isdigit(part[0])) return false;
    for (char c : part) {
      if (!absl::ascii_isalnum(c) && c != '_') return false;
    }
  }
  return true;
}

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

}  // namespace

absl::StatusOr<std::string> PercentDecode(absl::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] != '%') {
      out.push_back(text[i]);
      continue;
    }
    if (i + 2 >= text.size()) {
      return absl::InvalidArgumentError("a % escape is cut short");
    }
    const int high = HexValue(text[i + 1]);
    const int low = HexValue(text[i + 2]);
    if (high < 0 || low < 0) {
      return absl::InvalidArgumentError("a % escape is not two hex digits");
    }
    out.push_back(static_cast<char>(high * 16 + low));
    i += 2;
  }
  return out;
}

absl::StatusOr<PathTemplate> PathTemplate::Parse(absl::string_view text) {
  PathTemplate t;
  t.text_ = std::string(text);
  if (text.empty() || text[0] != '/') {
    return Malformed(text, "does not start with /");
  }
  absl::string_view rest = text.substr(1);
  // The verb follows the last segment's colon, outside any variable.
  const size_t last_brace = rest.rfind('}');
  const size_t colon = rest.rfind(':');
  if (colon != absl::string_view::npos &&
      (last_brace == absl::string_view::npos || colon > last_brace)) {
    t.verb_ = std::string(rest.substr(colon + 1));
    rest = rest.substr(0, colon);
    if (t.verb_.empty()) return Malformed(text, "the verb after : is empty");
  }
  size_t i = 0;
  bool in_variable = false;
  Variable variable;
  while (i <= rest.size()) {
    if (!in_variable && i < rest.size() && rest[i] == '{') {
      const size_t close = rest.find('}', i);
      if (close == absl::string_view::npos) {
        return Malformed(text, "a { is not closed");
      }
      absl::string_view inner = rest.substr(i + 1, close - i - 1);
      const size_t equals = inner.find('=');
      variable.field_path = std::string(inner.substr(0, equals));
      if (!IsFieldPath(variable.field_path)) {
        return Malformed(text, "a variable names no field path");
      }
      absl::string_view pattern =
          equals == absl::string_view::npos ? "*" : inner.substr(equals + 1);
      if (pattern.find_first_of("{}") != absl::string_view::npos) {
        return Malformed(text, "variables cannot nest");
      }
      variable.first = t.segments_.size();
      for (absl::string_view part : absl::StrSplit(pattern, '/')) {
        Segment s;
        if (part == "*") {
          s.kind = Kind::kOne;
        } else if (part == "**") {
          s.kind = Kind::kAny;
        } else if (part.empty()) {
          return Malformed(text, "an empty segment");
        } else {
          s.literal = std::string(part);
        }
        t.segments_.push_back(std::move(s));
      }
      variable.end = t.segments_.size();
      t.variables_.push_back(variable);
      i = close + 1;
      if (i < rest.size() && rest[i] != '/') {
        return Malformed(text, "a variable must fill whole segments");
      }
      ++i;
      continue;
    }
    size_t slash = rest.find('/', i);
    if (slash == absl::string_view::npos) slash = rest.size();
    absl::string_view part = rest.substr(i, slash - i);
    if (part.empty()) return Malformed(text, "an empty segment");
    if (part.find_first_of("{}") != absl::string_view::npos) {
      return Malformed(text, "a variable must fill whole segments");
    }
    Segment s;
    if (part == "*") {
      s.kind = Kind::kOne;
    } else if (part == "**") {
      s.kind = Kind::kAny;
    } else {
      s.literal = std::string(part);
    }
    t.segments_.push_back(std::move(s));
    i = slash + 1;
  }
  for (size_t s = 0; s + 1 < t.segments_.size(); ++s) {
    if (t.segments_[s].kind == Kind::kAny) {
      return Malformed(text, "** may only be the last segment");
    }
  }
  return t;
}

bool PathTemplate::Match(absl::string_view path,
                         std::vector<PathBinding>* bindings) const {
  if (path.empty() || path[0] != '/') return false;
  absl::string_view rest = path.substr(1);
  if (!verb_.empty()) {
    const size_t colon = rest.rfind(':');
    if (colon == absl::string_view::npos || rest.substr(colon + 1) != verb_ ||
        rest.find('/', colon) != absl::string_view::npos) {
      return false;
    }
    rest = rest.substr(0, colon);
  } else {
    // A path with a verb matches only a template with that verb.
    const size_t slash = rest.rfind('/');
    const size_t colon = rest.rfind(':');
    if (colon != absl::string_view::npos &&
        (slash == absl::string_view::npos || colon > slash)) {
      return false;
    }
  }
  std::vector<std::string> parts;
  for (absl::string_view raw : absl::StrSplit(rest, '/')) {
    absl::StatusOr<std::string> decoded = PercentDecode(raw);
    if (!decoded.ok() || decoded->empty() ||
        decoded->find('/') != std::string::npos) {
      return false;
    }
    parts.push_back(*std::move(decoded));
  }
  const bool open_ended =
      !segments_.empty() && segments_.back().kind == Kind::kAny;
  if (open_ended ? parts.size() < segments_.size()
                 : parts.size() != segments_.size()) {
    return false;
  }
  for (size_t s = 0; s < segments_.size(); ++s) {
    if (segments_[s].kind == Kind::kLiteral &&
        parts[s] != segments_[s].literal) {
      return false;
    }
  }
  if (bindings == nullptr) return true;
  bindings->clear();
  for (const Variable& v : variables_) {
    const size_t end = v.end == segments_.size() ? parts.size() : v.end;
    bindings->emplace_back(
        v.field_path,
        absl::StrJoin(parts.begin() + static_cast<std::ptrdiff_t>(v.first),
                      parts.begin() + static_cast<std::ptrdiff_t>(end), "/"));
  }
  return true;
}

std::vector<std::string> PathTemplate::FieldPaths() const {
  std::vector<std::string> paths;
  for (const Variable& v : variables_) paths.push_back(v.field_path);
  return paths;
}

}  // namespace yjinspect::workbench
