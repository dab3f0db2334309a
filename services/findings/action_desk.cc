#include "services/findings/action_desk.h"

#include <optional>
#include <string>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "common/dates.h"
#include "common/error_details.h"
#include "common/error_reasons.h"
#include "common/field_checks.h"
#include "common/fingerprint.h"
#include "common/inspection_refusals.h"
#include "common/page_token.h"
#include "common/resource_names.h"
#include "common/status_macros.h"
#include "google/protobuf/util/message_differencer.h"
#include "google/protobuf/util/time_util.h"
#include "services/findings/action_validation.h"

namespace yjinspect::findings {
namespace {

using google::protobuf::util::MessageDifferencer;
using google::protobuf::util::TimeUtil;

// ListActions' parent naming every recommendation of an inspection.
constexpr absl::string_view kEveryRecommendation = "/recommendations/-";

absl::Status NoAction(absl::string_view name) {
  return absl::NotFoundError(
      absl::StrCat("no action is recorded as ", name,
                   "; ListActions shows a recommendation's actions"));
}

absl::Status NoRecommendation(absl::string_view name) {
  return absl::NotFoundError(
      absl::StrCat("no recommendation is recorded as ", name,
                   "; ListRecommendations shows the report's recommendations"));
}

// The next state of action `name` given the current one, enforcing the etag
// rules; nullopt when nothing changes.
absl::StatusOr<std::optional<ActionUpdate>> DecideAction(
    const std::optional<v1::Action>& current, const std::string& name,
    const v1::Action& content, const std::string& etag,
    const std::string& caller, absl::Time now) {
  // A retry or rerun of what is stored is no change.
  if (current && MessageDifferencer::Equals(ActionContent(*current), content)) {
    return std::optional<ActionUpdate>();
  }
  if (current && etag != current->etag()) {
    return common::EtagMismatch(
        name,
        absl::StrCat("action ", name, " is at revision ", current->revision(),
                     " (recorded by ", current->recorded_by(), ")",
                     etag.empty() ? " and this request has no etag"
                                  : " and this request's etag is stale",
                     "; read it again (GetAction), then send its etag with "
                     "the change"));
  }
  if (!current && !etag.empty()) {
    return common::EtagMismatch(name,
                                absl::StrCat("no action is recorded as ", name,
                                             "; send no etag to record it"));
  }
  const auto stamp = TimeUtil::NanosecondsToTimestamp(absl::ToUnixNanos(now));
  ActionUpdate update;
  v1::Action& a = update.action;
  a = content;
  a.set_name(name);
  a.set_recorded_by(caller);
  a.set_revision(current ? current->revision() + 1 : 1);
  *a.mutable_create_time() = current ? current->create_time() : stamp;
  *a.mutable_update_time() = stamp;
  a.set_etag(common::FingerprintMessage(a));
  update.revision.set_revision(a.revision());
  update.revision.set_recorded_by(caller);
  *update.revision.mutable_record_time() = stamp;
  *update.revision.mutable_action() = a;
  return std::optional<ActionUpdate>(std::move(update));
}

}  // namespace

absl::StatusOr<absl::CivilDay> PublicationDay(const FindingsStore& store,
                                              absl::string_view inspection_id,
                                              absl::string_view inspection) {
  ASSIGN_OR_RETURN(auto inputs, store.GetReportInputs(inspection_id));
  if (!inputs || !inputs->has_publication_date()) {
    return common::FailedPrecondition(
        common::kReportInputsMissing,
        {common::kReportInputsViolation,
         absl::StrCat(inspection, "/reportInputs")},
        absl::StrCat("no publication date is set for ", inspection,
                     "; call SetReportInputs first"));
  }
  std::optional<absl::CivilDay> day =
      common::ToCivilDay(inputs->publication_date());
  if (!day) {
    return absl::InternalError(absl::StrCat("the stored publication date of ",
                                            inspection, " is not a real date"));
  }
  return *day;
}

absl::StatusOr<v1::Action> ActionDesk::Record(v1::RecordActionRequest request,
                                              const common::AuditEvent& audit) {
  request.DiscardUnknownFields();
  RETURN_IF_ERROR(
      ValidateActionRequest(request).ToStatus("RecordAction request"));
  const common::RecommendationName recommendation =
      *common::ParseRecommendationName(request.recommendation());
  const std::string& inspection_id = recommendation.inspection_id;
  ASSIGN_OR_RETURN(
      const v1::Inspection inspection,
      KnownInspection(store_, inspection_id, request.inspection()));
  if (inspection.state() != v1::INSPECTION_STATE_REPORT_PUBLISHED) {
    return common::WrongState(
        inspection,
        absl::StrCat("inspection ", inspection.name(), " is ",
                     v1::InspectionState_Name(inspection.state()),
                     ": an action plan answers the published report; record "
                     "actions once the report is published "
                     "(INSPECTION_STATE_REPORT_PUBLISHED)"));
  }
  ASSIGN_OR_RETURN(auto found,
                   store_.GetRecommendation(inspection_id,
                                            recommendation.recommendation_id));
  if (!found) return NoRecommendation(request.recommendation());
  ASSIGN_OR_RETURN(const absl::CivilDay published,
                   PublicationDay(store_, inspection_id, inspection.name()));
  RETURN_IF_ERROR(
      ValidateDueDate(request.action(), published).ToStatus("action"));
  const std::string name =
      common::FormatActionName(recommendation, request.action_id());
  const v1::Action content = ActionContent(request.action());
  const absl::Time now = clock_();
  return store_.UpdateAction(
      inspection_id, recommendation.recommendation_id, request.action_id(),
      [&](const std::optional<v1::Action>& current) {
        return DecideAction(current, name, content, request.etag(),
                            audit.caller, now);
      },
      audit);
}

absl::StatusOr<v1::Action> ActionDesk::Get(
    const v1::GetActionRequest& request) const {
  ASSIGN_OR_RETURN(
      const common::ActionName name,
      common::RequireActionName("name", request.name(), "GetAction request"));
  ASSIGN_OR_RETURN(
      auto found,
      store_.GetAction(name.recommendation.inspection_id,
                       name.recommendation.recommendation_id, name.action_id));
  if (!found) return NoAction(request.name());
  return std::move(*found);
}

absl::StatusOr<v1::ListActionsResponse> ActionDesk::List(
    const v1::ListActionsRequest& request) const {
  common::FieldViolations v;
  // "inspections/{i}/recommendations/-", or one recommendation's name.
  std::string inspection_id;
  std::string recommendation_id;
  const absl::string_view parent = request.parent();
  if (absl::EndsWith(parent, kEveryRecommendation)) {
    if (auto id = common::CheckInspectionName(
            v, "parent",
            parent.substr(0, parent.size() - kEveryRecommendation.size()))) {
      inspection_id = *id;
    }
  } else if (auto name = common::CheckRecommendationName(v, "parent", parent)) {
    inspection_id = name->inspection_id;
    recommendation_id = name->recommendation_id;
  }
  auto scan =
      [&](const std::string& after,
          size_t limit) -> absl::StatusOr<std::vector<Keyed<v1::Action>>> {
    if (after.empty()) {
      RETURN_IF_ERROR(KnownInspection(store_, inspection_id,
                                      common::InspectionName(inspection_id))
                          .status());
      if (!recommendation_id.empty()) {
        ASSIGN_OR_RETURN(auto found, store_.GetRecommendation(
                                         inspection_id, recommendation_id));
        if (!found) return NoRecommendation(request.parent());
      }
    }
    return store_.ScanActions(inspection_id, recommendation_id, after, limit);
  };
  ASSIGN_OR_RETURN(auto page, common::ReadRequestedPage(
                                  v, "ListActions request", request,
                                  absl::StrCat("actions:", parent), scan));
  v1::ListActionsResponse response;
  response.set_next_page_token(
      common::MovePageInto(page, response.mutable_actions()));
  return response;
}

absl::StatusOr<v1::ListActionHistoryResponse> ActionDesk::History(
    const v1::ListActionHistoryRequest& request) const {
  common::FieldViolations v;
  auto name = common::CheckActionName(v, "name", request.name());
  ASSIGN_OR_RETURN(
      auto page,
      common::ReadRequestedPage(v, "ListActionHistory request", request,
                                absl::StrCat("action-history:", request.name()),
                                [&](const std::string& after, size_t limit) {
                                  return store_.ScanActionHistory(
                                      name->recommendation.inspection_id,
                                      name->recommendation.recommendation_id,
                                      name->action_id, after, limit);
                                }));
  if (page.entries.empty() && request.page_token().empty()) {
    return NoAction(request.name());
  }
  v1::ListActionHistoryResponse response;
  response.set_next_page_token(
      common::MovePageInto(page, response.mutable_revisions()));
  return response;
}

}  // namespace yjinspect::findings
