#include "services/intake/case_validation.h"

#include <optional>
#include <string>

#include "absl/strings/str_cat.h"
#include "common/dates.h"
#include "common/field_checks.h"
#include "common/resource_names.h"

namespace yjinspect::intake {
namespace {

using common::CheckDate;
using common::CheckEnum;
using common::CheckText;
using common::CheckToken;
using common::FieldViolations;

constexpr size_t kMaxAuthorityChars = 100;
constexpr size_t kMaxDisplayNameChars = 100;
constexpr size_t kMaxOffenceDescriptionChars = 200;
constexpr int kMinSeriousness = 1;
constexpr int kMaxSeriousness = 8;

bool IsLookedAfter(v1::LookedAfterStatus status) {
  return status == v1::LOOKED_AFTER_STATUS_LOOKED_AFTER ||
         status == v1::LOOKED_AFTER_STATUS_LOOKED_AFTER_ON_REMAND;
}

void ValidateChild(const v1::Child& child, FieldViolations& v) {
  CheckToken(v, "reference", child.reference(), 32, "-", true);
  if (child.age_at_sentence() < kMinAgeAtSentence ||
      child.age_at_sentence() > kMaxAgeAtSentence) {
    v.Add("age_at_sentence",
          absl::StrCat("must be ", kMinAgeAtSentence, " to ", kMaxAgeAtSentence,
                       " (age in whole years at sentence)"));
  }
  CheckEnum(v, "gender", v1::Gender_descriptor(), child.gender());
  CheckEnum(v, "ethnicity", v1::Ethnicity_descriptor(), child.ethnicity());
  CheckEnum(v, "looked_after_status", v1::LookedAfterStatus_descriptor(),
            child.looked_after_status());
  if (IsLookedAfter(child.looked_after_status())) {
    CheckText(v, "home_authority", child.home_authority(), kMaxAuthorityChars,
              true);
    CheckText(v, "host_authority", child.host_authority(), kMaxAuthorityChars,
              true);
  } else {
    for (const auto& [field, value] :
         {std::pair{"home_authority", &child.home_authority()},
          std::pair{"host_authority", &child.host_authority()}}) {
      if (!value->empty()) {
        v.Add(field, "must be empty unless the child is looked after");
      }
    }
  }
  CheckEnum(v, "learning_disability", v1::NeedStatus_descriptor(),
            child.learning_disability());
  CheckEnum(v, "send_status", v1::SendStatus_descriptor(), child.send_status());
  CheckEnum(v, "speech_language_communication_needs",
            v1::NeedStatus_descriptor(),
            child.speech_language_communication_needs());
  CheckEnum(v, "ete_status", v1::EteStatus_descriptor(), child.ete_status());
  CheckEnum(v, "accommodation", v1::AccommodationStatus_descriptor(),
            child.accommodation());
}

void ValidateOffences(const v1::Case& c, FieldViolations& v) {
  if (c.offences().empty()) {
    v.Add("offences", "at least one offence is required");
    return;
  }
  if (c.offences_size() > kMaxOffences) {
    v.Add("offences", absl::StrCat("at most ", kMaxOffences, " offences"));
    return;
  }
  int index_offences = 0;
  for (int i = 0; i < c.offences_size(); ++i) {
    const v1::Offence& offence = c.offences(i);
    FieldViolations ov;
    CheckToken(ov, "code", offence.code(), 16, "/.-", true);
    CheckText(ov, "description", offence.description(),
              kMaxOffenceDescriptionChars, false);
    CheckEnum(ov, "category", v1::OffenceCategory_descriptor(),
              offence.category());
    if (offence.seriousness() < kMinSeriousness ||
        offence.seriousness() > kMaxSeriousness) {
      ov.Add("seriousness",
             absl::StrCat("must be a YJB gravity score from ", kMinSeriousness,
                          " to ", kMaxSeriousness));
    }
    if (offence.index_offence()) ++index_offences;
    v.AddAll(absl::StrCat("offences[", i, "]."), ov);
  }
  if (index_offences != 1) {
    v.Add("offences", absl::StrCat("exactly one offence must be the index "
                                   "offence; found ",
                                   index_offences));
  }
}

// Statutory length of a disposal in months: {minimum, maximum}; nullopt
// where the law sets no bound we can check.
struct LengthRule {
  int min_months;
  int max_months;
  const char* what;
};

std::optional<LengthRule> StatutoryLength(v1::DisposalType type) {
  switch (type) {
    case v1::DISPOSAL_TYPE_REFERRAL_ORDER:
      return LengthRule{3, 12, "a referral order lasts 3 to 12 months"};
    case v1::DISPOSAL_TYPE_YOUTH_REHABILITATION_ORDER:
      return LengthRule{0, 36,
                        "a youth rehabilitation order lasts at most 3 "
                        "years"};
    case v1::DISPOSAL_TYPE_DETENTION_AND_TRAINING_ORDER:
      return LengthRule{4, 24,
                        "a detention and training order lasts 4 to 24 "
                        "months"};
    default:
      return std::nullopt;
  }
}

void ValidateDisposal(const v1::Case& c, FieldViolations& v) {
  if (!c.has_disposal()) {
    v.Add("disposal", "is required");
    return;
  }
  const v1::Disposal& d = c.disposal();
  CheckEnum(v, "disposal.type", v1::DisposalType_descriptor(), d.type());
  CheckEnum(v, "disposal.setting", v1::SupervisionSetting_descriptor(),
            d.setting());
  auto start = CheckDate(v, "disposal.start_date",
                         d.has_start_date() ? &d.start_date() : nullptr);
  auto end = CheckDate(v, "disposal.end_date",
                       d.has_end_date() ? &d.end_date() : nullptr);
  if (!start || !end) return;
  if (*end < *start) {
    v.Add("disposal.end_date", "must not be before disposal.start_date");
    return;
  }
  auto rule = StatutoryLength(d.type());
  if (!rule) return;
  // One day of slack either side: YOTs record an order ending on the day
  // before or on the anniversary of its start.
  absl::CivilDay earliest = common::AddMonths(*start, rule->min_months) - 1;
  absl::CivilDay latest = common::AddMonths(*start, rule->max_months) + 1;
  if (*end < earliest || *end > latest) {
    v.Add("disposal.end_date",
          absl::StrCat("is outside the statutory length: ", rule->what));
  }
}

void ValidateAssessment(const v1::Case& c, FieldViolations& v) {
  if (!c.has_assessment()) {
    v.Add("assessment", "is required");
    return;
  }
  const v1::AssessmentOutcome& a = c.assessment();
  CheckEnum(v, "assessment.likelihood_of_reoffending",
            v1::ReoffendingLikelihood_descriptor(),
            a.likelihood_of_reoffending());
  CheckEnum(v, "assessment.risk_of_serious_harm", v1::ConcernLevel_descriptor(),
            a.risk_of_serious_harm());
  CheckEnum(v, "assessment.safety_and_wellbeing", v1::ConcernLevel_descriptor(),
            a.safety_and_wellbeing());
  if (!a.has_mappa()) {
    v.Add("assessment.mappa",
          "is required (category MAPPA_CATEGORY_NOT_ELIGIBLE where the child "
          "is not eligible)");
    return;
  }
  CheckEnum(v, "assessment.mappa.category", v1::MappaCategory_descriptor(),
            a.mappa().category());
  if (a.mappa().category() == v1::MAPPA_CATEGORY_NOT_ELIGIBLE) {
    if (a.mappa().level() != v1::MAPPA_LEVEL_UNSPECIFIED) {
      v.Add("assessment.mappa.level",
            "must be unset when the child is not eligible for MAPPA");
    }
  } else if (a.mappa().category() != v1::MAPPA_CATEGORY_UNSPECIFIED) {
    CheckEnum(v, "assessment.mappa.level", v1::MappaLevel_descriptor(),
              a.mappa().level());
  }
}

// Assessment, plan and reviews follow one another; a PSR comes before the
// sentence it advised on.
void ValidateDates(const v1::Case& c, FieldViolations& v) {
  auto assessed =
      CheckDate(v, "assessment_date",
                c.has_assessment_date() ? &c.assessment_date() : nullptr);
  std::optional<absl::CivilDay> planned;
  if (c.has_plan_date()) {
    planned = CheckDate(v, "plan_date", &c.plan_date());
    if (planned && assessed && *planned < *assessed) {
      v.Add("plan_date", "must not be before assessment_date");
    }
  }
  if (c.review_dates_size() > kMaxReviewDates) {
    v.Add("review_dates", absl::StrCat("at most ", kMaxReviewDates, " dates"));
  } else {
    std::optional<absl::CivilDay> previous = planned ? planned : assessed;
    std::string previous_field = planned ? "plan_date" : "assessment_date";
    for (int i = 0; i < c.review_dates_size(); ++i) {
      std::string field = absl::StrCat("review_dates[", i, "]");
      auto reviewed = CheckDate(v, field, &c.review_dates(i));
      if (!reviewed) continue;
      if (previous && *reviewed < *previous) {
        v.Add(field, absl::StrCat("must not be before ", previous_field));
      }
      previous = reviewed;
      previous_field = field;
    }
  }
  if (c.has_pre_sentence_report_date()) {
    auto psr =
        CheckDate(v, "pre_sentence_report_date", &c.pre_sentence_report_date());
    auto start = c.has_disposal() && c.disposal().has_start_date()
                     ? common::ToCivilDay(c.disposal().start_date())
                     : std::nullopt;
    if (psr && start && *psr > *start) {
      v.Add("pre_sentence_report_date",
            "must not be after disposal.start_date: a PSR is written before "
            "sentence");
    }
  }
}

}  // namespace

FieldViolations ValidateCase(const v1::Case& c) {
  FieldViolations v;
  CheckText(v, "yot_display_name", c.yot_display_name(), kMaxDisplayNameChars,
            false);
  if (!c.has_child()) {
    v.Add("child", "is required");
  } else {
    FieldViolations child;
    ValidateChild(c.child(), child);
    v.AddAll("child.", child);
  }
  ValidateOffences(c, v);
  ValidateDisposal(c, v);
  ValidateAssessment(c, v);
  ValidateDates(c, v);
  CheckToken(v, "case_manager_reference", c.case_manager_reference(), 32, "-",
             true);
  return v;
}

FieldViolations ValidateCreateCaseRequest(
    const v1::CreateCaseRequest& request) {
  FieldViolations v;
  if (request.parent().empty()) {
    v.Add("parent", "is required");
  } else if (!common::ParseYotName(request.parent())) {
    v.Add("parent", std::string(common::kYotNameFormat));
  }
  if (request.case_id().empty()) {
    v.Add("case_id", "is required");
  } else if (!common::IsValidCaseId(request.case_id())) {
    v.Add("case_id", std::string(common::kCaseIdFormat));
  }
  common::CheckRequestId(v, "request_id", request.request_id());
  if (!request.has_case_()) {
    v.Add("case", "is required");
  } else {
    v.AddAll("case.", ValidateCase(request.case_()));
  }
  return v;
}

}  // namespace yjinspect::intake
