#include "services/intake/victim_case_validation.h"

#include <optional>
#include <set>
#include <string>

#include "absl/strings/str_cat.h"
#include "common/dates.h"
#include "common/field_checks.h"
#include "common/resource_names.h"

namespace yjinspect::intake {
namespace {

using common::CheckEnum;
using common::FieldViolations;

constexpr int kMaxServicesWanted = 9;

// Whether a follow-up answer is asked for, by the answer it follows.
enum class FirstAnswer { kYes, kNo, kMissing };

template <typename Enum>
FirstAnswer Answered(const google::protobuf::EnumDescriptor* descriptor,
                     int value, Enum yes) {
  if (value == 0 || descriptor->FindValueByNumber(value) == nullptr) {
    return FirstAnswer::kMissing;  // refused as such; nothing follows
  }
  return value == yes ? FirstAnswer::kYes : FirstAnswer::kNo;
}

// A follow-up answer that only means something after a "yes": required
// (set and known) then, unset after a "no". After a missing first answer
// only an unknown value is refused.
void CheckFollowUp(FieldViolations& v, absl::string_view field,
                   const google::protobuf::EnumDescriptor* descriptor,
                   int value, FirstAnswer first, absl::string_view unless) {
  switch (first) {
    case FirstAnswer::kYes:
      CheckEnum(v, field, descriptor, value);
      break;
    case FirstAnswer::kNo:
      if (value != 0) {
        v.Add(std::string(field),
              absl::StrCat("must be unset unless ", unless));
      }
      break;
    case FirstAnswer::kMissing:
      if (value != 0) CheckEnum(v, field, descriptor, value);
      break;
  }
}

void ValidateServicesWanted(const v1::VictimCase& c, FieldViolations& v) {
  if (c.services_wanted().empty()) {
    v.Add("services_wanted",
          "at least one service is required (VICTIM_SERVICE_NOT_RECORDED "
          "when the YOT has not recorded what the victim wanted)");
    return;
  }
  if (c.services_wanted_size() > kMaxServicesWanted) {
    v.Add("services_wanted",
          absl::StrCat("at most ", kMaxServicesWanted, " services"));
    return;
  }
  std::set<int> seen;
  for (int i = 0; i < c.services_wanted_size(); ++i) {
    const int service = c.services_wanted(i);
    const std::string field = absl::StrCat("services_wanted[", i, "]");
    CheckEnum(v, field, v1::VictimService_descriptor(), service);
    if (!seen.insert(service).second) v.Add(field, "is a repeat");
    if (c.services_wanted_size() > 1 &&
        (service == v1::VICTIM_SERVICE_NO_FURTHER_CONTACT ||
         service == v1::VICTIM_SERVICE_NOT_RECORDED)) {
      v.Add(field, absl::StrCat(v1::VictimService_Name(service),
                                " stands alone in services_wanted"));
    }
  }
}

void ValidateDates(const v1::VictimCase& c, FieldViolations& v) {
  auto contacted = common::CheckDate(
      v, "first_contact_date",
      c.has_first_contact_date() ? &c.first_contact_date() : nullptr);
  if (!c.has_police_information_date()) return;
  auto informed = common::CheckDate(v, "police_information_date",
                                    &c.police_information_date());
  if (contacted && informed && *contacted < *informed) {
    v.Add("first_contact_date", "must not be before police_information_date");
  }
}

}  // namespace

FieldViolations ValidateVictimCase(const v1::VictimCase& c,
                                   absl::string_view yot) {
  FieldViolations v;
  common::CheckToken(v, "victim_reference", c.victim_reference(), 32, "-",
                     true);
  if (auto related = common::CheckCaseName(v, "related_case", c.related_case());
      related && !yot.empty() && related->yot != yot) {
    v.Add("related_case", "must be a case of the victim's case's own YOT");
  }
  CheckEnum(v, "victim_kind", v1::VictimKind_descriptor(), c.victim_kind());
  const FirstAnswer person = Answered(v1::VictimKind_descriptor(),
                                      c.victim_kind(), v1::VICTIM_KIND_PERSON);
  // Optional even for a person: only a value is checked.
  CheckFollowUp(v, "victim_age_group", v1::VictimAgeGroup_descriptor(),
                c.victim_age_group(),
                person == FirstAnswer::kYes ? FirstAnswer::kMissing : person,
                "the victim is a person (VICTIM_KIND_PERSON)");
  ValidateDates(c, v);
  CheckEnum(v, "restorative_justice_offer",
            v1::RestorativeJusticeOffer_descriptor(),
            c.restorative_justice_offer());
  CheckFollowUp(
      v, "restorative_justice_uptake",
      v1::RestorativeJusticeUptake_descriptor(), c.restorative_justice_uptake(),
      Answered(v1::RestorativeJusticeOffer_descriptor(),
               c.restorative_justice_offer(),
               v1::RESTORATIVE_JUSTICE_OFFER_OFFERED),
      "restorative justice was offered (RESTORATIVE_JUSTICE_OFFER_OFFERED)");
  CheckEnum(v, "safety_assessment", v1::VictimSafetyAssessment_descriptor(),
            c.safety_assessment());
  CheckFollowUp(
      v, "safety_planning", v1::VictimSafetyPlanning_descriptor(),
      c.safety_planning(),
      Answered(v1::VictimSafetyAssessment_descriptor(), c.safety_assessment(),
               v1::VICTIM_SAFETY_ASSESSMENT_ASSESSED),
      "the victim's safety was assessed (VICTIM_SAFETY_ASSESSMENT_ASSESSED)");
  ValidateServicesWanted(c, v);
  return v;
}

FieldViolations ValidateCreateVictimCaseRequest(
    const v1::CreateVictimCaseRequest& request) {
  FieldViolations v;
  auto yot = common::ParseYotName(request.parent());
  if (!yot) {
    v.Add("parent",
          common::NameViolation(request.parent(), common::kYotNameFormat));
  }
  if (request.victim_case_id().empty()) {
    v.Add("victim_case_id", "is required");
  } else if (!common::IsValidCaseId(request.victim_case_id())) {
    v.Add("victim_case_id", std::string(common::kCaseIdFormat));
  }
  common::CheckRequestId(v, "request_id", request.request_id());
  if (!request.has_victim_case()) {
    v.Add("victim_case", "is required");
  } else {
    v.AddAll("victim_case.",
             ValidateVictimCase(request.victim_case(), yot.value_or("")));
  }
  return v;
}

}  // namespace yjinspect::intake
