#pragma once

// Resource names (AIP-122): `yots/{yot}`, `yots/{yot}/cases/{case}`,
// `yots/{yot}/victimCases/{victim_case}`,
// `inspections/{inspection}`, `inspections/{inspection}/caseFindings/{case}`,
// `inspections/{inspection}/victimCaseFindings/{victim_case}`,
// `inspections/{inspection}/recommendations/{recommendation}`,
// `inspections/{inspection}/recommendations/{recommendation}/actions/{action}`.
// Parsing is strict so that a stored key can always be turned back into the
// name it came from.

#include <optional>
#include <string>

#include "absl/strings/string_view.h"

namespace yjinspect::common {

// A YOT code: a lower-case letter, then lower-case letters, digits and "-",
// at most 63 characters.
bool IsValidYotId(absl::string_view id);
// A case reference: a letter or digit, then letters, digits, "-" and "_", at
// most 64 characters.
bool IsValidCaseId(absl::string_view id);
// An inspection id: as a YOT code.
bool IsValidInspectionId(absl::string_view id);

struct CaseName {
  std::string yot;
  std::string case_id;
};

// "yots/{yot}" -> yot. `allow_wildcard` also accepts "yots/-" (every YOT),
// returned as "-".
std::optional<std::string> ParseYotName(absl::string_view name,
                                        bool allow_wildcard = false);
std::optional<CaseName> ParseCaseName(absl::string_view name);

// A victim's case of a YOT; its reference follows the case reference rules.
struct VictimCaseName {
  std::string yot;
  std::string victim_case_id;
};
std::optional<VictimCaseName> ParseVictimCaseName(absl::string_view name);
std::optional<std::string> ParseInspectionName(absl::string_view name);

// The findings of one sampled case, or of one sampled victim's case, in one
// inspection. A victim's case and a child's case may share a reference: the
// collection in the name tells them apart.
struct CaseFindingsName {
  std::string inspection_id;
  // The case's reference, or the victim's case's when `victim_case`.
  std::string case_id;
  bool victim_case = false;
};
std::optional<CaseFindingsName> ParseCaseFindingsName(absl::string_view name);
// The findings name of sampled record `record_name` (a case or a victim's
// case) in inspection `inspection_id`; nullopt when it is neither.
std::optional<CaseFindingsName> FindingsOfRecord(
    absl::string_view inspection_id, absl::string_view record_name);

// The second marking of one record: its findings name with
// "/secondMarking" after it.
std::optional<CaseFindingsName> ParseSecondMarkingName(absl::string_view name);
std::string FormatSecondMarkingName(const CaseFindingsName& findings);

// One recommendation of an inspection's report; its id follows the case
// reference rules.
struct RecommendationName {
  std::string inspection_id;
  std::string recommendation_id;
};
std::optional<RecommendationName> ParseRecommendationName(
    absl::string_view name);

// One action of a service's action plan, answering one recommendation; its
// id follows the case reference rules.
struct ActionName {
  RecommendationName recommendation;
  std::string action_id;
};
std::optional<ActionName> ParseActionName(absl::string_view name);

std::string YotName(absl::string_view yot);
std::string FormatCaseName(absl::string_view yot, absl::string_view case_id);
std::string FormatVictimCaseName(absl::string_view yot,
                                 absl::string_view victim_case_id);
std::string InspectionName(absl::string_view id);
std::string FormatCaseFindingsName(absl::string_view inspection_id,
                                   absl::string_view case_id);
// `inspections/{inspection}/caseFindings/{case}` or, for a victim's case,
// `inspections/{inspection}/victimCaseFindings/{victim_case}`.
std::string FormatCaseFindingsName(const CaseFindingsName& name);
std::string FormatRecommendationName(absl::string_view inspection_id,
                                     absl::string_view recommendation_id);
std::string FormatActionName(const RecommendationName& recommendation,
                             absl::string_view action_id);

// The violation of a required resource name field: "is required" when it is
// empty, else `format` (one of the *NameFormat statements below).
std::string NameViolation(absl::string_view name, absl::string_view format);

// Human-readable statements of the formats, for field violations.
inline constexpr absl::string_view kYotNameFormat =
    "must be yots/{yot}, {yot} a lower-case letter then up to 62 lower-case "
    "letters, digits or '-'";
inline constexpr absl::string_view kCaseIdFormat =
    "must be 1 to 64 letters, digits, '-' or '_', starting with a letter or "
    "digit";
inline constexpr absl::string_view kCaseNameFormat =
    "must be yots/{yot}/cases/{case}";
inline constexpr absl::string_view kVictimCaseNameFormat =
    "must be yots/{yot}/victimCases/{victim_case}";
inline constexpr absl::string_view kInspectionNameFormat =
    "must be inspections/{inspection}";
inline constexpr absl::string_view kSampledRecordNameFormat =
    "must be yots/{yot}/cases/{case} or yots/{yot}/victimCases/{victim_case}";
inline constexpr absl::string_view kCaseFindingsNameFormat =
    "must be inspections/{inspection}/caseFindings/{case} or "
    "inspections/{inspection}/victimCaseFindings/{victim_case}";
inline constexpr absl::string_view kSecondMarkingNameFormat =
    "must be inspections/{inspection}/caseFindings/{case}/secondMarking or "
    "inspections/{inspection}/victimCaseFindings/{victim_case}/"
    "secondMarking";
inline constexpr absl::string_view kRecommendationNameFormat =
    "must be inspections/{inspection}/recommendations/{recommendation}";
inline constexpr absl::string_view kActionNameFormat =
    "must be "
    "inspections/{inspection}/recommendations/{recommendation}/actions/"
    "{action}";
inline constexpr absl::string_view kInspectionIdFormat =
    "must be a lower-case letter then up to 62 lower-case letters, digits or "
    "'-'";

}  // namespace yjinspect::common
