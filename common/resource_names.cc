#include "common/resource_names.h"

#include <utility>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"

namespace yjinspect::common {
namespace {

bool IsLowerAlnum(char c) {
  return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
}
bool IsAlnum(char c) { return IsLowerAlnum(c) || (c >= 'A' && c <= 'Z'); }

bool IsLowerId(absl::string_view id) {
  if (id.empty() || id.size() > 63) return false;
  if (!(id[0] >= 'a' && id[0] <= 'z')) return false;
  for (char c : id) {
    if (!IsLowerAlnum(c) && c != '-') return false;
  }
  return true;
}

// "yots/{yot}/{collection}/{id}" -> {yot, id}, both valid.
std::optional<std::pair<std::string, std::string>> ParseYotChild(
    absl::string_view name, absl::string_view collection) {
  std::vector<absl::string_view> parts = absl::StrSplit(name, '/');
  if (parts.size() != 4 || parts[0] != "yots" || parts[2] != collection) {
    return std::nullopt;
  }
  if (!IsValidYotId(parts[1]) || !IsValidCaseId(parts[3])) return std::nullopt;
  return std::pair{std::string(parts[1]), std::string(parts[3])};
}

}  // namespace

bool IsValidYotId(absl::string_view id) { return IsLowerId(id); }
bool IsValidInspectionId(absl::string_view id) { return IsLowerId(id); }

bool IsValidCaseId(absl::string_view id) {
  if (id.empty() || id.size() > 64 || !IsAlnum(id[0])) return false;
  for (char c : id) {
    if (!IsAlnum(c) && c != '-' && c != '_') return false;
  }
  return true;
}

std::optional<std::string> ParseYotName(absl::string_view name,
                                        bool allow_wildcard) {
  if (!absl::ConsumePrefix(&name, "yots/")) return std::nullopt;
  if (allow_wildcard && name == "-") return std::string(name);
  if (!IsValidYotId(name)) return std::nullopt;
  return std::string(name);
}

std::optional<CaseName> ParseCaseName(absl::string_view name) {
  auto parts = ParseYotChild(name, "cases");
  if (!parts) return std::nullopt;
  return CaseName{std::move(parts->first), std::move(parts->second)};
}

std::optional<VictimCaseName> ParseVictimCaseName(absl::string_view name) {
  auto parts = ParseYotChild(name, "victimCases");
  if (!parts) return std::nullopt;
  return VictimCaseName{std::move(parts->first), std::move(parts->second)};
}

std::optional<std::string> ParseInspectionName(absl::string_view name) {
  if (!absl::ConsumePrefix(&name, "inspections/")) return std::nullopt;
  if (!IsValidInspectionId(name)) return std::nullopt;
  return std::string(name);
}

std::optional<CaseFindingsName> ParseCaseFindingsName(absl::string_view name) {
  for (const bool victim_case : {false, true}) {
    const absl::string_view marker =
        victim_case ? "/victimCaseFindings/" : "/caseFindings/";
    const size_t at = name.find(marker);
    if (at == absl::string_view::npos) continue;
    auto inspection = ParseInspectionName(name.substr(0, at));
    const absl::string_view case_id = name.substr(at + marker.size());
    if (!inspection || !IsValidCaseId(case_id)) return std::nullopt;
    return CaseFindingsName{*std::move(inspection), std::string(case_id),
                            victim_case};
  }
  return std::nullopt;
}

std::optional<CaseFindingsName> ParseSecondMarkingName(absl::string_view name) {
  constexpr absl::string_view kSuffix = "/secondMarking";
  if (!absl::EndsWith(name, kSuffix)) return std::nullopt;
  return ParseCaseFindingsName(name.substr(0, name.size() - kSuffix.size()));
}

std::string FormatSecondMarkingName(const CaseFindingsName& findings) {
  return absl::StrCat(FormatCaseFindingsName(findings), "/secondMarking");
}

std::optional<RecommendationName> ParseRecommendationName(
    absl::string_view name) {
  constexpr absl::string_view kMarker = "/recommendations/";
  const size_t at = name.find(kMarker);
  if (at == absl::string_view::npos) return std::nullopt;
  auto inspection = ParseInspectionName(name.substr(0, at));
  const absl::string_view id = name.substr(at + kMarker.size());
  if (!inspection || !IsValidCaseId(id)) return std::nullopt;
  return RecommendationName{*std::move(inspection), std::string(id)};
}

std::optional<ActionName> ParseActionName(absl::string_view name) {
  constexpr absl::string_view kMarker = "/actions/";
  const size_t at = name.rfind(kMarker);
  if (at == absl::string_view::npos) return std::nullopt;
  auto recommendation = ParseRecommendationName(name.substr(0, at));
  const absl::string_view id = name.substr(at + kMarker.size());
  if (!recommendation || !IsValidCaseId(id)) return std::nullopt;
  return ActionName{*std::move(recommendation), std::string(id)};
}

std::optional<CaseFindingsName> FindingsOfRecord(
    absl::string_view inspection_id, absl::string_view record_name) {
  if (!IsValidInspectionId(inspection_id)) return std::nullopt;
  if (auto c = ParseCaseName(record_name)) {
    return CaseFindingsName{std::string(inspection_id), std::move(c->case_id),
                            false};
  }
  if (auto v = ParseVictimCaseName(record_name)) {
    return CaseFindingsName{std::string(inspection_id),
                            std::move(v->victim_case_id), true};
  }
  return std::nullopt;
}

std::string YotName(absl::string_view yot) {
  return absl::StrCat("yots/", yot);
}

std::string FormatCaseName(absl::string_view yot, absl::string_view case_id) {
  return absl::StrCat("yots/", yot, "/cases/", case_id);
}

std::string FormatVictimCaseName(absl::string_view yot,
                                 absl::string_view victim_case_id) {
  return absl::StrCat("yots/", yot, "/victimCases/", victim_case_id);
}

std::string InspectionName(absl::string_view id) {
  return absl::StrCat("inspections/", id);
}

std::string FormatCaseFindingsName(absl::string_view inspection_id,
                                   absl::string_view case_id) {
  return absl::StrCat("inspections/", inspection_id, "/caseFindings/", case_id);
}

std::string FormatCaseFindingsName(const CaseFindingsName& name) {
  return absl::StrCat(
      "inspections/", name.inspection_id,
      name.victim_case ? "/victimCaseFindings/" : "/caseFindings/",
      name.case_id);
}

std::string FormatRecommendationName(absl::string_view inspection_id,
                                     absl::string_view recommendation_id) {
  return absl::StrCat("inspections/", inspection_id, "/recommendations/",
                      recommendation_id);
}

std::string FormatActionName(const RecommendationName& recommendation,
                             absl::string_view action_id) {
  return absl::StrCat(
      FormatRecommendationName(recommendation.inspection_id,
                               recommendation.recommendation_id),
      "/actions/", action_id);
}

std::string NameViolation(absl::string_view name, absl::string_view format) {
  return name.empty() ? "is required" : std::string(format);
}

}  // namespace yjinspect::common
