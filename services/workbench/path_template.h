#pragma once

// A URL path template of Google's HTTP mapping (google.api.HttpRule):
//
//   Template = "/" Segments [ Verb ] ;
//   Segments = Segment { "/" Segment } ;
//   Segment  = "*" | "**" | LITERAL | Variable ;
//   Variable = "{" FieldPath [ "=" Segments ] "}" ;
//   Verb     = ":" LITERAL ;
//
// as in "/v1/{name=inspections/*/caseFindings/*}" or
// "/v1/{inspection=inspections/*}:recordJudgements". Matching a request
// path binds each variable's field path to the segments it covered, joined
// by "/" ("inspections/bolton-2014-12"). Pure: no gRPC, no HTTP server.

#include <string>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace yjinspect::workbench {

// A variable's field path ("name", "case.name") and the value it matched.
using PathBinding = std::pair<std::string, std::string>;

class PathTemplate {
 public:
  // INVALID_ARGUMENT naming the template and what is wrong with it.
  static absl::StatusOr<PathTemplate> Parse(absl::string_view text);

  // The variables' bindings when `path` (the URL path, without query,
  // still percent-encoded) matches; otherwise false. Each segment is
  // percent-decoded before it is compared or bound; a decoded "/" inside a
  // segment is refused by the match, so that no value can span segments
  // its pattern does not allow.
  bool Match(absl::string_view path, std::vector<PathBinding>* bindings) const;

  const std::string& text() const { return text_; }
  // The field paths bound by variables, in order.
  std::vector<std::string> FieldPaths() const;

 private:
  enum class Kind { kLiteral, kOne, kAny };
  struct Segment {
    Kind kind = Kind::kLiteral;
    std::string literal;
  };
  struct Variable {
    std::string field_path;
    size_t first = 0;  // its segments: [first, end)
    size_t end = 0;
  };

  std::string text_;
  std::vector<Segment> segments_;
  std::vector<Variable> variables_;
  std::string verb_;
};

// `text` with its %XX escapes decoded; INVALID_ARGUMENT for a malformed
// escape.
absl::StatusOr<std::string> PercentDecode(absl::string_view text);

}  // namespace yjinspect::workbench
