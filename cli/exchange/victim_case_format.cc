#include "cli/exchange/victim_case_format.h"

#include <map>
#include <utility>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "absl/types/span.h"
#include "common/dates.h"
#include "common/resource_names.h"

namespace yjinspect::cli::exchange {
namespace {

// Each code is its enum value's name without the enum's prefix, in lower
// case, so that the intake service's reasons (which name enum values) read
// straight across to the file.
struct Code {
  const char* code;
  int value;
};
constexpr Code kKind[] = {
    {"person", v1::VICTIM_KIND_PERSON},
    {"business_or_organisation", v1::VICTIM_KIND_BUSINESS_OR_ORGANISATION},
    {"community_or_other", v1::VICTIM_KIND_COMMUNITY_OR_OTHER}};
constexpr Code kAgeGroup[] = {
    {"child", v1::VICTIM_AGE_GROUP_CHILD},
    {"adult", v1::VICTIM_AGE_GROUP_ADULT},
    {"not_recorded", v1::VICTIM_AGE_GROUP_NOT_RECORDED}};
constexpr Code kOffer[] = {
    {"offered", v1::RESTORATIVE_JUSTICE_OFFER_OFFERED},
    {"not_offered", v1::RESTORATIVE_JUSTICE_OFFER_NOT_OFFERED},
    {"not_recorded", v1::RESTORATIVE_JUSTICE_OFFER_NOT_RECORDED}};
constexpr Code kUptake[] = {
    {"taken_up", v1::RESTORATIVE_JUSTICE_UPTAKE_TAKEN_UP},
    {"declined", v1::RESTORATIVE_JUSTICE_UPTAKE_DECLINED},
    {"not_recorded", v1::RESTORATIVE_JUSTICE_UPTAKE_NOT_RECORDED}};
constexpr Code kAssessment[] = {
    {"assessed", v1::VICTIM_SAFETY_ASSESSMENT_ASSESSED},
    {"not_assessed", v1::VICTIM_SAFETY_ASSESSMENT_NOT_ASSESSED},
    {"not_recorded", v1::VICTIM_SAFETY_ASSESSMENT_NOT_RECORDED}};
constexpr Code kPlanning[] = {
    {"planned", v1::VICTIM_SAFETY_PLANNING_PLANNED},
    {"not_planned", v1::VICTIM_SAFETY_PLANNING_NOT_PLANNED},
    {"not_needed", v1::VICTIM_SAFETY_PLANNING_NOT_NEEDED},
    {"not_recorded", v1::VICTIM_SAFETY_PLANNING_NOT_RECORDED}};
constexpr Code kService[] = {
    {"information", v1::VICTIM_SERVICE_INFORMATION},
    {"support", v1::VICTIM_SERVICE_SUPPORT},
    {"restorative_meeting", v1::VICTIM_SERVICE_RESTORATIVE_MEETING},
    {"letter_of_explanation", v1::VICTIM_SERVICE_LETTER_OF_EXPLANATION},
    {"reparation", v1::VICTIM_SERVICE_REPARATION},
    {"panel_involvement", v1::VICTIM_SERVICE_PANEL_INVOLVEMENT},
    {"referral_to_other_services",
     v1::VICTIM_SERVICE_REFERRAL_TO_OTHER_SERVICES},
    {"no_further_contact", v1::VICTIM_SERVICE_NO_FURTHER_CONTACT},
    {"not_recorded", v1::VICTIM_SERVICE_NOT_RECORDED}};

// Every key of a victim's case (CSV columns too).
constexpr const char* kVictimCaseKeys[] = {"yot_code",
                                           "victim_case_reference",
                                           "case_reference",
                                           "victim_reference",
                                           "victim_kind",
                                           "victim_age_group",
                                           "first_contact_date",
                                           "police_information_date",
                                           "restorative_justice_offer",
                                           "restorative_justice_uptake",
                                           "safety_assessment",
                                           "safety_planning",
                                           "services_wanted"};

// Parts of a column name that point at a person or a way to reach one.
constexpr const char* kVictimIdentifyingParts[] = {"name", "phone", "mobile",
                                                   "email", "contact"};

// Lower case without spaces, "_", "-" and ".", as IsIdentifyingColumn
// compares.
std::string Folded(absl::string_view column) {
  std::string folded;
  for (char c : column) {
    if (c == ' ' || c == '_' || c == '-' || c == '.') continue;
    folded += absl::ascii_tolower(static_cast<unsigned char>(c));
  }
  return folded;
}

// Reads one flat row into a request, adding a problem for each bad key.
class RowReader {
 public:
  RowReader(int line, const ExchangeRow& row, std::vector<RowProblem>& problems)
      : line_(line), row_(row), problems_(problems) {}

  void Problem(std::string field, std::string reason) {
    problems_.push_back({line_, std::move(field), std::move(reason)});
  }
  std::string Text(const std::string& key, bool required) {
    auto it = row_.find(key);
    if (it != row_.end()) return it->second;
    if (required) Problem(key, "is required");
    return "";
  }
  int Lookup(const std::string& field, absl::string_view text,
             absl::Span<const Code> codes) {
    std::vector<std::string> accepted;
    for (const Code& c : codes) {
      if (text == c.code) return c.value;
      accepted.push_back(c.code);
    }
    Problem(field, absl::StrCat("unknown code; accepted: ",
                                absl::StrJoin(accepted, ", ")));
    return 0;
  }
  int Enum(const std::string& key, absl::Span<const Code> codes,
           bool required) {
    std::string text = Text(key, required);
    return text.empty() ? 0 : Lookup(key, text, codes);
  }
  void Date(const std::string& key, bool required, google::type::Date* out) {
    std::string text = Text(key, required);
    if (text.empty()) return;
    auto day = common::ParseIsoDate(text);
    if (!day) {
      Problem(key, "must be a real calendar date YYYY-MM-DD");
      return;
    }
    *out = common::ToDate(*day);
  }

 private:
  int line_;
  const ExchangeRow& row_;
  std::vector<RowProblem>& problems_;
};

template <typename E>
E As(int value) {
  return static_cast<E>(value);
}

}  // namespace

bool IsVictimCaseKey(absl::string_view key) {
  for (const char* k : kVictimCaseKeys) {
    if (key == k) return true;
  }
  return false;
}

bool IsVictimIdentifyingColumn(absl::string_view column) {
  if (IsIdentifyingColumn(column)) return true;
  const std::string folded = Folded(column);
  // The exchange's own keys are not identifying, however they are spelt
  // ("First Contact Date"); nor is the caseload's yot_name, which names
  // the YOT (here an unknown column).
  for (const char* key : kVictimCaseKeys) {
    if (folded == Folded(key)) return false;
  }
  if (folded == Folded("yot_name")) return false;
  for (const char* part : kVictimIdentifyingParts) {
    if (absl::StrContains(folded, part)) return true;
  }
  return false;
}

bool ReadVictimCaseRow(int line, const ExchangeRow& row,
                       std::vector<RowProblem>& problems,
                       v1::CreateVictimCaseRequest& out) {
  const size_t before = problems.size();
  RowReader r(line, row, problems);
  const std::string yot = r.Text("yot_code", true);
  out.set_parent("yots/" + yot);
  out.set_victim_case_id(r.Text("victim_case_reference", true));
  v1::VictimCase& c = *out.mutable_victim_case();
  // The child's case is named by the reference the caseload file gave it,
  // in the same YOT: checked here, as the name built from it would only be
  // refused as a whole.
  const std::string related = r.Text("case_reference", true);
  if (!related.empty() && !common::IsValidCaseId(related)) {
    r.Problem("case_reference", std::string(common::kCaseIdFormat));
  }
  c.set_related_case(absl::StrCat("yots/", yot, "/cases/", related));
  c.set_victim_reference(r.Text("victim_reference", true));
  c.set_victim_kind(As<v1::VictimKind>(r.Enum("victim_kind", kKind, true)));
  c.set_victim_age_group(
      As<v1::VictimAgeGroup>(r.Enum("victim_age_group", kAgeGroup, false)));
  r.Date("first_contact_date", true, c.mutable_first_contact_date());
  if (row.count("police_information_date") > 0) {
    r.Date("police_information_date", false,
           c.mutable_police_information_date());
  }
  c.set_restorative_justice_offer(As<v1::RestorativeJusticeOffer>(
      r.Enum("restorative_justice_offer", kOffer, true)));
  c.set_restorative_justice_uptake(As<v1::RestorativeJusticeUptake>(
      r.Enum("restorative_justice_uptake", kUptake, false)));
  c.set_safety_assessment(As<v1::VictimSafetyAssessment>(
      r.Enum("safety_assessment", kAssessment, true)));
  c.set_safety_planning(As<v1::VictimSafetyPlanning>(
      r.Enum("safety_planning", kPlanning, false)));
  const std::string services = r.Text("services_wanted", true);
  if (!services.empty()) {
    std::vector<absl::string_view> codes = absl::StrSplit(services, ';');
    for (size_t i = 0; i < codes.size(); ++i) {
      const std::string field = absl::StrCat("services_wanted[", i, "]");
      absl::string_view code = absl::StripAsciiWhitespace(codes[i]);
      if (code.empty()) {
        r.Problem(field, "is empty; separate the codes with one \";\"");
        continue;
      }
      c.add_services_wanted(
          As<v1::VictimService>(r.Lookup(field, code, kService)));
    }
  }
  return problems.size() == before;
}

std::string VictimExchangeField(absl::string_view path) {
  static const std::map<std::string, std::string, std::less<>> kByPath = {
      {"parent", "yot_code"},
      {"victim_case_id", "victim_case_reference"},
      {"victim_case.related_case", "case_reference"}};
  auto it = kByPath.find(path);
  if (it != kByPath.end()) return it->second;
  // Every other key is the record's own field name.
  absl::string_view rest = path;
  if (absl::ConsumePrefix(&rest, "victim_case.")) return std::string(rest);
  return std::string(path);
}

}  // namespace yjinspect::cli::exchange
