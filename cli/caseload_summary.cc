#include "cli/caseload_summary.h"

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_replace.h"
#include "google/protobuf/descriptor.h"

namespace yjinspect::cli {
namespace {

// "DISPOSAL_TYPE_REFERRAL_ORDER" -> "referral order": the value's name
// without the prefix every value of the enum shares (that of _UNSPECIFIED).
std::string Label(const google::protobuf::EnumDescriptor* descriptor,
                  int value) {
  const auto* v = descriptor->FindValueByNumber(value);
  if (v == nullptr) return absl::StrCat("unknown (", value, ")");
  std::string prefix = descriptor->FindValueByNumber(0)->name();
  prefix = prefix.substr(0, prefix.size() - std::string("UNSPECIFIED").size());
  std::string name = v->name();
  if (absl::StartsWith(name, prefix)) name = name.substr(prefix.size());
  absl::AsciiStrToLower(&name);
  return absl::StrReplaceAll(name, {{"_", " "}});
}

}  // namespace

CaseloadSummary SummariseCaseload(const std::vector<v1::Case>& cases) {
  CaseloadSummary s;
  s.cases = static_cast<int>(cases.size());
  for (const v1::Case& c : cases) {
    const v1::Child& child = c.child();
    ++s.tables["disposal"]
              [Label(v1::DisposalType_descriptor(), c.disposal().type())];
    ++s.tables["supervised in"][Label(v1::SupervisionSetting_descriptor(),
                                      c.disposal().setting())];
    ++s.tables["age at sentence"][absl::StrCat(child.age_at_sentence())];
    ++s.tables["gender"][Label(v1::Gender_descriptor(), child.gender())];
    ++s.tables["ethnicity"]
              [Label(v1::Ethnicity_descriptor(), child.ethnicity())];
    ++s.tables["looked after"][Label(v1::LookedAfterStatus_descriptor(),
                                     child.looked_after_status())];
    ++s.tables["learning disability"]
              [Label(v1::NeedStatus_descriptor(), child.learning_disability())];
    ++s.tables["speech, language and communication needs"]
              [Label(v1::NeedStatus_descriptor(),
                     child.speech_language_communication_needs())];
    ++s.tables["likelihood of reoffending"]
              [Label(v1::ReoffendingLikelihood_descriptor(),
                     c.assessment().likelihood_of_reoffending())];
    ++s.tables["risk of serious harm"][Label(
        v1::ConcernLevel_descriptor(), c.assessment().risk_of_serious_harm())];
    ++s.tables["safety and wellbeing"][Label(
        v1::ConcernLevel_descriptor(), c.assessment().safety_and_wellbeing())];
    ++s.tables["MAPPA"][Label(v1::MappaCategory_descriptor(),
                              c.assessment().mappa().category())];
    ++s.tables["pre-sentence report"]
              [c.has_pre_sentence_report_date() ? "written" : "none"];
  }
  return s;
}

std::string FormatSummary(const CaseloadSummary& summary) {
  std::string out = absl::StrCat(summary.cases, " cases\n");
  for (const auto& [table, counts] : summary.tables) {
    absl::StrAppend(&out, "\n", table, ":\n");
    for (const auto& [label, count] : counts) {
      absl::StrAppendFormat(
          &out, "  %-40s %5d  %5.1f%%\n", label, count,
          summary.cases == 0 ? 0.0 : 100.0 * count / summary.cases);
    }
  }
  return out;
}

}  // namespace yjinspect::cli
