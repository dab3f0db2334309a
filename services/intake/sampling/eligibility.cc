#include "services/intake/sampling/eligibility.h"

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "common/dates.h"
#include "common/disposals.h"

namespace yjinspect::intake {
namespace {

std::string Format(absl::CivilDay day) {
  return common::FormatDate(common::ToDate(day));
}

}  // namespace

EligibilityWindow WindowFor(const v1::Inspection& inspection,
                            const v1::SamplingRules& rules) {
  absl::CivilDay announced = common::ToCivilDay(inspection.announcement_date())
                                 .value_or(absl::CivilDay());
  absl::CivilDay fieldwork =
      common::ToCivilDay(inspection.fieldwork_start_date())
          .value_or(absl::CivilDay());
  absl::CivilDay latest =
      std::min(announced - absl::civil_diff_t{7} *
                               rules.min_weeks_supervised_before_announcement(),
               fieldwork - absl::civil_diff_t{7} *
                               rules.min_weeks_into_sentence_at_fieldwork());
  absl::CivilDay earliest = common::AddMonths(
      fieldwork, -rules.max_months_into_sentence_at_fieldwork());
  return {earliest, latest, fieldwork};
}

std::optional<std::string> IneligibilityReason(
    const v1::Case& c, const v1::SamplingRules& rules,
    const EligibilityWindow& window) {
  const v1::Disposal& disposal = c.disposal();
  if (std::find(rules.eligible_disposals().begin(),
                rules.eligible_disposals().end(),
                disposal.type()) == rules.eligible_disposals().end()) {
    return absl::StrCat("disposal type ",
                        v1::DisposalType_Name(disposal.type()),
                        " is not sampled by this framework");
  }
  auto start = common::ToCivilDay(disposal.start_date());
  auto end = common::ToCivilDay(disposal.end_date());
  if (!start || !end) return std::string("the disposal dates are not valid");
  if (*start > window.start_on_or_before) {
    return absl::StrCat("the disposal started ", Format(*start),
                        ", after the latest eligible start ",
                        Format(window.start_on_or_before));
  }
  if (*start < window.start_on_or_after) {
    return absl::StrCat("the disposal started ", Format(*start),
                        ", before the earliest eligible start ",
                        Format(window.start_on_or_after));
  }
  // An out-of-court disposal is usually over within weeks, before fieldwork:
  // it is eligible by when it was delivered (its start), within the window,
  // whether or not it is still running. A court disposal must still be
  // supervised when fieldwork starts.
  if (!common::IsOutOfCourtDisposal(disposal.type()) &&
      *end < window.fieldwork_start) {
    return absl::StrCat("the disposal ended ", Format(*end),
                        ", before fieldwork starts");
  }
  return std::nullopt;
}

std::optional<std::string> VictimIneligibilityReason(
    const v1::VictimCase& victim, const EligibilityWindow& window) {
  auto contact = common::ToCivilDay(victim.first_contact_date());
  if (!contact) return std::string("the first contact date is not valid");
  if (*contact > window.start_on_or_before) {
    return absl::StrCat("the victim was first contacted ", Format(*contact),
                        ", after the latest eligible day ",
                        Format(window.start_on_or_before));
  }
  if (*contact < window.start_on_or_after) {
    return absl::StrCat("the victim was first contacted ", Format(*contact),
                        ", before the earliest eligible day ",
                        Format(window.start_on_or_after));
  }
  return std::nullopt;
}

}  // namespace yjinspect::intake
