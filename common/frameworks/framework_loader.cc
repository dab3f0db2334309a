#include "common/frameworks/framework_loader.h"

#include <algorithm>
#include <limits>
#include <string>

#include "absl/strings/str_cat.h"
#include "common/frameworks/framework_validation.h"
#include "common/status_macros.h"
#include "google/protobuf/io/tokenizer.h"
#include "google/protobuf/io/zero_copy_stream_impl_lite.h"
#include "google/protobuf/text_format.h"

namespace yjinspect::common {
namespace {

// 0-based line and column, as the tokenizer counts them.
struct TextPosition {
  int line = 0;
  int column = 0;
};

// The text up to the next '"' after `prefix` in `message`; empty when
// `message` does not contain `prefix`.
absl::string_view QuotedAfter(absl::string_view message,
                              absl::string_view prefix) {
  const size_t at = message.find(prefix);
  if (at == absl::string_view::npos) return {};
  const absl::string_view rest = message.substr(at + prefix.size());
  return rest.substr(0, rest.find('"'));
}

// The text format parser reports an unknown enum value or field name at the
// token after it, which for a value at the end of its line is on the next
// line. For those two messages, move the position back to the last
// occurrence of the quoted name before the reported position: found by
// searching the text, since the parser gives no position for the name itself.
TextPosition PlaceOfName(absl::string_view text, absl::string_view message,
                         TextPosition reported) {
  absl::string_view name =
      QuotedAfter(message, "Unknown enumeration value of \"");
  if (name.empty()) name = QuotedAfter(message, "has no field named \"");
  if (name.empty()) return reported;
  // Byte offset of the reported line; the column only bounds the search
  // (tabs make columns at least as large as byte offsets).
  size_t line_start = 0;
  for (int line = 0; line < reported.line; ++line) {
    const size_t newline = text.find('\n', line_start);
    if (newline == absl::string_view::npos) return reported;
    line_start = newline + 1;
  }
  const size_t limit =
      std::min(text.size(),
               line_start + static_cast<size_t>(std::max(0, reported.column)));
  const size_t at = text.substr(0, limit).rfind(name);
  if (at == absl::string_view::npos) return reported;
  TextPosition found;
  size_t found_line_start = 0;
  for (size_t i = 0; i < at; ++i) {
    if (text[i] == '\n') {
      ++found.line;
      found_line_start = i + 1;
    }
  }
  found.column = static_cast<int>(at - found_line_start);
  return found;
}

// Keeps the first error the text format parser reports (it stops at the
// first one anyway).
class FirstErrorCollector : public google::protobuf::io::ErrorCollector {
 public:
  void AddError(int line, google::protobuf::io::ColumnNumber column,
                const std::string& message) override {
    if (has_error_) return;
    has_error_ = true;
    position_ = TextPosition{line, column};
    message_ = message;
  }

  // INVALID_ARGUMENT "<file>:<line>:<column>: <reason>", 1-based.
  absl::Status ToStatus(absl::string_view text,
                        absl::string_view file_name) const {
    if (!has_error_) {
      return absl::InvalidArgumentError(
          absl::StrCat(file_name, ": not a valid yjinspect.v1.Framework"));
    }
    const TextPosition at = PlaceOfName(text, message_, position_);
    return absl::InvalidArgumentError(absl::StrCat(
        file_name, ":", at.line + 1, ":", at.column + 1, ": ", message_));
  }

 private:
  bool has_error_ = false;
  TextPosition position_;
  std::string message_;
};

}  // namespace

absl::StatusOr<v1::Framework> ParseFramework(absl::string_view text,
                                             absl::string_view file_name) {
  if (text.size() > static_cast<size_t>(std::numeric_limits<int>::max())) {
    return absl::InvalidArgumentError(
        absl::StrCat(file_name, ": too large for a framework file"));
  }
  google::protobuf::io::ArrayInputStream input(text.data(),
                                               static_cast<int>(text.size()));
  FirstErrorCollector errors;
  google::protobuf::TextFormat::ParseInfoTree locations;
  google::protobuf::TextFormat::Parser parser;
  parser.RecordErrorsTo(&errors);
  parser.WriteLocationsTo(&locations);

  v1::Framework framework;
  if (!parser.Parse(&input, &framework))
    return errors.ToStatus(text, file_name);
  RETURN_IF_ERROR(ValidateFramework(framework, file_name, &locations));
  return framework;
}

}  // namespace yjinspect::common
