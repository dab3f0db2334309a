#include "services/findings/action_validation.h"

#include <optional>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "common/dates.h"
#include "common/field_checks.h"
#include "common/resource_names.h"

namespace yjinspect::findings {
namespace {

std::string Trimmed(absl::string_view text) {
  return std::string(absl::StripAsciiWhitespace(text));
}

// Required text of at most `max_chars` once trimmed, on one line.
void CheckOneLine(common::FieldViolations& v, const std::string& field,
                  absl::string_view given, size_t max_chars) {
  const std::string text = Trimmed(given);
  common::CheckText(v, field, text, max_chars, true);
  if (absl::StrContains(text, '\n') || absl::StrContains(text, '\r')) {
    v.Add(field,
          "must be one paragraph, without line breaks: the board summary "
          "lists it in a table cell");
  }
}

}  // namespace

common::FieldViolations ValidateActionRequest(
    const v1::RecordActionRequest& request) {
  common::FieldViolations v;
  auto inspection_id =
      common::CheckInspectionName(v, "inspection", request.inspection());
  auto recommendation = common::CheckRecommendationName(
      v, "recommendation", request.recommendation());
  if (inspection_id && recommendation &&
      recommendation->inspection_id != *inspection_id) {
    v.Add("recommendation",
          absl::StrCat("names a recommendation of inspections/",
                       recommendation->inspection_id, ", not of ",
                       request.inspection(),
                       ": an action answers a recommendation of the "
                       "inspection it is recorded for"));
  }
  if (request.action_id().empty()) {
    v.Add("action_id", "is required");
  } else if (!common::IsValidCaseId(request.action_id())) {
    v.Add("action_id", std::string(common::kCaseIdFormat));
  }
  common::CheckToken(v, "etag", request.etag(), 64, "", false);
  if (!request.has_action()) {
    v.Add("action", "is required");
    return v;
  }
  const v1::Action& a = request.action();
  CheckOneLine(v, "action.owner_role", a.owner_role(), kMaxOwnerRoleChars);
  CheckOneLine(v, "action.description", a.description(), kMaxActionChars);
  common::CheckDate(v, "action.due_date",
                    a.has_due_date() ? &a.due_date() : nullptr);
  common::CheckEnum(v, "action.status", v1::ActionStatus_descriptor(),
                    a.status());
  if (a.status() == v1::ACTION_STATUS_DROPPED) {
    CheckOneLine(v, "action.dropped_reason", a.dropped_reason(),
                 kMaxDroppedReasonChars);
  } else if (!Trimmed(a.dropped_reason()).empty()) {
    v.Add("action.dropped_reason",
          "is only for ACTION_STATUS_DROPPED: give it when the action is "
          "dropped, and leave it empty otherwise");
  }
  return v;
}

common::FieldViolations ValidateDueDate(const v1::Action& action,
                                        absl::CivilDay published) {
  common::FieldViolations v;
  std::optional<absl::CivilDay> due = common::ToCivilDay(action.due_date());
  if (due && *due < published) {
    v.Add("action.due_date",
          absl::StrCat("is ", common::FormatDate(action.due_date()),
                       ", before the report's publication on ",
                       common::FormatDate(common::ToDate(published)),
                       ": an action plan answers the published report, so "
                       "its actions fall due on or after that day"));
  }
  return v;
}

v1::Action ActionContent(const v1::Action& given) {
  v1::Action kept;
  kept.set_owner_role(Trimmed(given.owner_role()));
  kept.set_description(Trimmed(given.description()));
  *kept.mutable_due_date() = given.due_date();
  kept.set_status(given.status());
  kept.set_dropped_reason(Trimmed(given.dropped_reason()));
  return kept;
}

}  // namespace yjinspect::findings
