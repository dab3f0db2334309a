#include "common/field_checks.h"

#include <string>
#include <utility>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "common/dates.h"

namespace yjinspect::common {
namespace {

// Protobuf has already checked that proto3 strings are valid UTF-8, so
// counting the bytes that start a code point counts the characters.
size_t CountCodePoints(absl::string_view text) {
  size_t count = 0;
  for (char c : text) {
    if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) ++count;
  }
  return count;
}

}  // namespace

void CheckText(FieldViolations& violations, absl::string_view field,
               absl::string_view value, size_t max_chars, bool required) {
  if (value.empty()) {
    if (required) violations.Add(std::string(field), "is required");
    return;
  }
  if (CountCodePoints(value) > max_chars) {
    violations.Add(std::string(field),
                   absl::StrCat("is longer than ", max_chars, " characters"));
    return;
  }
  for (size_t i = 0; i < value.size(); ++i) {
    auto u = static_cast<unsigned char>(value[i]);
    // C0 controls (but newline and tab), DEL, and the C1 controls
    // U+0080..U+009F (UTF-8 0xC2 0x80..0x9F).
    bool control = (u < 0x20 && u != '\n' && u != '\t') || u == 0x7f;
    if (u == 0xC2 && i + 1 < value.size()) {
      auto next = static_cast<unsigned char>(value[i + 1]);
      control |= next >= 0x80 && next <= 0x9F;
    }
    if (control) {
      violations.Add(std::string(field),
                     "contains a control character; use plain text");
      return;
    }
  }
}

void CheckToken(FieldViolations& violations, absl::string_view field,
                absl::string_view value, size_t max_chars,
                absl::string_view extra, bool required) {
  if (value.empty()) {
    if (required) violations.Add(std::string(field), "is required");
    return;
  }
  bool ok = value.size() <= max_chars;
  for (char c : value) {
    if (!absl::ascii_isalnum(static_cast<unsigned char>(c)) &&
        extra.find(c) == absl::string_view::npos) {
      ok = false;
    }
  }
  if (!ok) {
    std::string allowed;
    for (char c : extra)
      absl::StrAppend(&allowed, " '", std::string(1, c), "'");
    violations.Add(std::string(field),
                   absl::StrCat("must be 1 to ", max_chars, " letters, digits",
                                allowed.empty() ? "" : " or", allowed));
  }
}

void CheckEnum(FieldViolations& violations, absl::string_view field,
               const google::protobuf::EnumDescriptor* descriptor, int value) {
  const auto* known = descriptor->FindValueByNumber(value);
  if (value != 0 && known != nullptr) return;
  std::vector<std::string> names;
  for (int i = 0; i < descriptor->value_count(); ++i) {
    if (descriptor->value(i)->number() != 0) {
      names.push_back(descriptor->value(i)->name());
    }
  }
  std::string accepted = absl::StrJoin(names, ", ");
  if (value == 0) {
    violations.Add(std::string(field),
                   absl::StrCat("is required; one of ", accepted));
  } else {
    violations.Add(std::string(field),
                   absl::StrCat("has unknown value ", value, " for ",
                                descriptor->name(), "; one of ", accepted));
  }
}

std::optional<absl::CivilDay> CheckDate(FieldViolations& violations,
                                        absl::string_view field,
                                        const google::type::Date* date) {
  if (date == nullptr) {
    violations.Add(std::string(field), "is required");
    return std::nullopt;
  }
  auto day = ToCivilDay(*date);
  if (!day.has_value()) {
    violations.Add(std::string(field),
                   "is not a calendar date; give year (1900-2199), month and "
                   "day of a real date");
  }
  return day;
}

void CheckRequestId(FieldViolations& violations, absl::string_view field,
                    absl::string_view request_id) {
  CheckToken(violations, field, request_id, 64, "-_", /*required=*/false);
}

std::optional<std::string> CheckInspectionName(FieldViolations& violations,
                                               absl::string_view field,
                                               absl::string_view name) {
  std::optional<std::string> id = ParseInspectionName(name);
  if (!id) {
    violations.Add(std::string(field),
                   NameViolation(name, kInspectionNameFormat));
  }
  return id;
}

std::optional<CaseName> CheckCaseName(FieldViolations& violations,
                                      absl::string_view field,
                                      absl::string_view name) {
  std::optional<CaseName> parsed = ParseCaseName(name);
  if (!parsed) {
    violations.Add(std::string(field), NameViolation(name, kCaseNameFormat));
  }
  return parsed;
}

std::optional<VictimCaseName> CheckVictimCaseName(FieldViolations& violations,
                                                  absl::string_view field,
                                                  absl::string_view name) {
  std::optional<VictimCaseName> parsed = ParseVictimCaseName(name);
  if (!parsed) {
    violations.Add(std::string(field),
                   NameViolation(name, kVictimCaseNameFormat));
  }
  return parsed;
}

std::optional<CaseFindingsName> CheckCaseFindingsName(
    FieldViolations& violations, absl::string_view field,
    absl::string_view name) {
  std::optional<CaseFindingsName> parsed = ParseCaseFindingsName(name);
  if (!parsed) {
    violations.Add(std::string(field),
                   NameViolation(name, kCaseFindingsNameFormat));
  }
  return parsed;
}

std::optional<RecommendationName> CheckRecommendationName(
    FieldViolations& violations, absl::string_view field,
    absl::string_view name) {
  std::optional<RecommendationName> parsed = ParseRecommendationName(name);
  if (!parsed) {
    violations.Add(std::string(field),
                   NameViolation(name, kRecommendationNameFormat));
  }
  return parsed;
}

std::optional<ActionName> CheckActionName(FieldViolations& violations,
                                          absl::string_view field,
                                          absl::string_view name) {
  std::optional<ActionName> parsed = ParseActionName(name);
  if (!parsed) {
    violations.Add(std::string(field), NameViolation(name, kActionNameFormat));
  }
  return parsed;
}

bool CheckSampledRecordName(FieldViolations& violations,
                            absl::string_view field, absl::string_view name) {
  if (ParseCaseName(name) || ParseVictimCaseName(name)) return true;
  violations.Add(std::string(field),
                 NameViolation(name, kSampledRecordNameFormat));
  return false;
}

namespace {

// The parsed name, or the one violation as a status.
template <typename Parsed>
absl::StatusOr<Parsed> Require(
    std::optional<Parsed> (*check)(FieldViolations&, absl::string_view,
                                   absl::string_view),
    absl::string_view field, absl::string_view name, absl::string_view what) {
  FieldViolations violations;
  std::optional<Parsed> parsed = check(violations, field, name);
  if (!parsed) return violations.ToStatus(what);
  return *std::move(parsed);
}

}  // namespace

absl::StatusOr<std::string> RequireInspectionName(absl::string_view field,
                                                  absl::string_view name,
                                                  absl::string_view what) {
  return Require(&CheckInspectionName, field, name, what);
}

absl::StatusOr<CaseName> RequireCaseName(absl::string_view field,
                                         absl::string_view name,
                                         absl::string_view what) {
  return Require(&CheckCaseName, field, name, what);
}

absl::StatusOr<VictimCaseName> RequireVictimCaseName(absl::string_view field,
                                                     absl::string_view name,
                                                     absl::string_view what) {
  return Require(&CheckVictimCaseName, field, name, what);
}

absl::StatusOr<CaseFindingsName> RequireCaseFindingsName(
    absl::string_view field, absl::string_view name, absl::string_view what) {
  return Require(&CheckCaseFindingsName, field, name, what);
}

absl::StatusOr<RecommendationName> RequireRecommendationName(
    absl::string_view field, absl::string_view name, absl::string_view what) {
  return Require(&CheckRecommendationName, field, name, what);
}

absl::StatusOr<ActionName> RequireActionName(absl::string_view field,
                                             absl::string_view name,
                                             absl::string_view what) {
  return Require(&CheckActionName, field, name, what);
}

}  // namespace yjinspect::common
