#pragma once

// Checks shared by every request validator. Each adds a field violation that
// names the field and says what is expected, and never echoes the value
// (values may be case content, which must not reach logs).

#include <optional>
#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/civil_time.h"
#include "common/field_violations.h"
#include "common/resource_names.h"
#include "google/protobuf/descriptor.h"
#include "google/type/date.pb.h"

namespace yjinspect::common {

// Characters counted as Unicode code points; control characters other than
// newline and tab are refused. Empty is allowed unless `required`.
void CheckText(FieldViolations& violations, absl::string_view field,
               absl::string_view value, size_t max_chars, bool required);

// 1 to `max_chars` of letters, digits and the characters in `extra`.
// Empty is allowed unless `required`.
void CheckToken(FieldViolations& violations, absl::string_view field,
                absl::string_view value, size_t max_chars,
                absl::string_view extra, bool required);

// An enum value that is set (not the _UNSPECIFIED zero) and known to
// `descriptor`. The violation lists the accepted names.
void CheckEnum(FieldViolations& violations, absl::string_view field,
               const google::protobuf::EnumDescriptor* descriptor, int value);

// A required date that is a real calendar date; returns it when valid.
std::optional<absl::CivilDay> CheckDate(FieldViolations& violations,
                                        absl::string_view field,
                                        const google::type::Date* date);

// An optional AIP-155 request_id: at most 64 letters, digits, '-' or '_'.
void CheckRequestId(FieldViolations& violations, absl::string_view field,
                    absl::string_view request_id);

// Required resource names (common/resource_names.h): what the name parses
// to, or nullopt after a violation of `field` giving the expected format.
std::optional<std::string> CheckInspectionName(FieldViolations& violations,
                                               absl::string_view field,
                                               absl::string_view name);
std::optional<CaseName> CheckCaseName(FieldViolations& violations,
                                      absl::string_view field,
                                      absl::string_view name);
std::optional<VictimCaseName> CheckVictimCaseName(FieldViolations& violations,
                                                  absl::string_view field,
                                                  absl::string_view name);
std::optional<CaseFindingsName> CheckCaseFindingsName(
    FieldViolations& violations, absl::string_view field,
    absl::string_view name);
std::optional<RecommendationName> CheckRecommendationName(
    FieldViolations& violations, absl::string_view field,
    absl::string_view name);
std::optional<ActionName> CheckActionName(FieldViolations& violations,
                                          absl::string_view field,
                                          absl::string_view name);
// A record a sample can hold: a child's case or a victim's case. True when
// `name` is one.
bool CheckSampledRecordName(FieldViolations& violations,
                            absl::string_view field, absl::string_view name);

// For a request whose only field to check is one name: the inspection id
// of `name`, else INVALID_ARGUMENT with the violation of `field`, the
// request described as `what` ("GetInspection request").
absl::StatusOr<std::string> RequireInspectionName(absl::string_view field,
                                                  absl::string_view name,
                                                  absl::string_view what);
absl::StatusOr<CaseName> RequireCaseName(absl::string_view field,
                                         absl::string_view name,
                                         absl::string_view what);
absl::StatusOr<VictimCaseName> RequireVictimCaseName(absl::string_view field,
                                                     absl::string_view name,
                                                     absl::string_view what);
absl::StatusOr<CaseFindingsName> RequireCaseFindingsName(
    absl::string_view field, absl::string_view name, absl::string_view what);
absl::StatusOr<RecommendationName> RequireRecommendationName(
    absl::string_view field, absl::string_view name, absl::string_view what);
absl::StatusOr<ActionName> RequireActionName(absl::string_view field,
                                             absl::string_view name,
                                             absl::string_view what);

}  // namespace yjinspect::common
