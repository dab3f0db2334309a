#include "services/findings/recommendation_desk.h"

#include <algorithm>
#include <optional>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
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
#include "services/findings/recommendation_validation.h"
#include "services/findings/report/report_sections.h"
#include "services/findings/storage/keys.h"

namespace yjinspect::findings {
namespace {

using google::protobuf::util::MessageDifferencer;
using google::protobuf::util::TimeUtil;

bool SameContent(const v1::Recommendation& stored,
                 const v1::Recommendation& content) {
  return MessageDifferencer::Equals(RecommendationContent(stored), content);
}

// The next state of recommendation `name` given the current one, enforcing
// the lifecycle and etag rules; nullopt when nothing changes.
absl::StatusOr<std::optional<RecommendationUpdate>> DecideRecommendation(
    const std::optional<v1::Recommendation>& current, int32_t next_number,
    const std::string& name, const v1::Recommendation& content,
    const v1::RecordRecommendationRequest& request,
    const v1::Inspection& inspection, absl::Time now) {
  // A retry or rerun of what is stored is no change, whatever the state.
  if (current && SameContent(*current, content)) {
    return std::optional<RecommendationUpdate>();
  }
  if (inspection.state() >= v1::INSPECTION_STATE_VERDICTS_AGREED) {
    return common::WrongState(
        inspection,
        absl::StrCat("inspection ", inspection.name(), " is ",
                     v1::InspectionState_Name(inspection.state()),
                     ": the report's recommendations were fixed when the "
                     "verdicts were agreed and can no longer change"));
  }
  if (current && request.etag() != current->etag()) {
    return common::EtagMismatch(
        name,
        absl::StrCat(
            "recommendation ", name, " is at revision ", current->revision(),
            " (recorded by ", current->inspector_reference(), ")",
            request.etag().empty() ? " and this request has no etag"
                                   : " and this request's etag is stale",
            "; read it again (GetRecommendation), then send its etag "
            "with the change"));
  }
  if (!current && !request.etag().empty()) {
    return common::EtagMismatch(
        name, absl::StrCat("no recommendation is recorded as ", name,
                           "; send no etag to record it"));
  }
  const auto stamp = TimeUtil::NanosecondsToTimestamp(absl::ToUnixNanos(now));
  RecommendationUpdate update;
  v1::Recommendation& r = update.recommendation;
  r = content;
  r.set_name(name);
  r.set_number(current ? current->number() : next_number);
  r.set_inspector_reference(request.inspector_reference());
  r.set_revision(current ? current->revision() + 1 : 1);
  *r.mutable_create_time() = current ? current->create_time() : stamp;
  *r.mutable_update_time() = stamp;
  r.set_etag(common::FingerprintMessage(r));
  update.revision.set_revision(r.revision());
  update.revision.set_inspector_reference(r.inspector_reference());
  *update.revision.mutable_record_time() = stamp;
  *update.revision.mutable_recommendation() = r;
  return std::optional<RecommendationUpdate>(std::move(update));
}

}  // namespace

absl::StatusOr<v1::Recommendation> RecommendationDesk::Record(
    v1::RecordRecommendationRequest request, const common::AuditEvent& audit) {
  request.DiscardUnknownFields();
  RETURN_IF_ERROR(ValidateRecommendationRequest(request).ToStatus(
      "RecordRecommendation request"));
  const std::string inspection_id =
      *common::ParseInspectionName(request.inspection());
  ASSIGN_OR_RETURN(
      const v1::Inspection inspection,
      KnownInspection(store_, inspection_id, request.inspection()));
  const v1::Framework* framework = frameworks_.Find(
      inspection.framework_id(), inspection.framework_version());
  if (framework == nullptr) return common::FrameworkUnknown(inspection);
  if (!IsRatingsFramework(*framework)) {
    return common::InspectionPrecondition(
        common::kFrameworkWithoutRecommendations, common::kFrameworkViolation,
        inspection,
        absl::StrCat("inspection ", inspection.name(), " is judged by ",
                     framework->id(),
                     ", which rates no standards: its report (an SQS letter) "
                     "carries no recommendations"));
  }
  RETURN_IF_ERROR(
      ValidateRecommendationSections(request.recommendation(), *framework)
          .ToStatus("recommendation"));
  const std::string name = common::FormatRecommendationName(
      inspection_id, request.recommendation_id());
  const v1::Recommendation content =
      RecommendationContent(request.recommendation());
  const absl::Time now = clock_();
  return store_.UpdateRecommendation(
      inspection_id, request.recommendation_id(),
      [&](const std::optional<v1::Recommendation>& current,
          int32_t next_number) {
        return DecideRecommendation(current, next_number, name, content,
                                    request, inspection, now);
      },
      audit);
}

absl::StatusOr<v1::Recommendation> RecommendationDesk::Get(
    const v1::GetRecommendationRequest& request) const {
  ASSIGN_OR_RETURN(const common::RecommendationName name,
                   common::RequireRecommendationName(
                       "name", request.name(), "GetRecommendation request"));
  ASSIGN_OR_RETURN(auto found, store_.GetRecommendation(
                                   name.inspection_id, name.recommendation_id));
  if (!found) {
    return absl::NotFoundError(
        absl::StrCat("no recommendation is recorded as ", request.name()));
  }
  return std::move(*found);
}

absl::StatusOr<v1::ListRecommendationsResponse> RecommendationDesk::List(
    const v1::ListRecommendationsRequest& request) const {
  common::FieldViolations v;
  auto inspection_id =
      common::CheckInspectionName(v, "parent", request.parent());
  // Reports hold tens of recommendations: all are read and put in number
  // order, each keyed by its number so that pages follow that order.
  auto scan = [&](const std::string& after, size_t limit)
      -> absl::StatusOr<std::vector<Keyed<v1::Recommendation>>> {
    RETURN_IF_ERROR(
        KnownInspection(store_, *inspection_id, request.parent()).status());
    ASSIGN_OR_RETURN(auto all, store_.ScanRecommendations(*inspection_id));
    std::vector<Keyed<v1::Recommendation>> page;
    for (auto& entry : all) {
      std::string key = EncodeUint64(
          static_cast<uint64_t>(std::max<int32_t>(entry.value.number(), 0)));
      if (key > after) page.push_back({std::move(key), std::move(entry.value)});
    }
    std::sort(page.begin(), page.end(),
              [](const auto& a, const auto& b) { return a.key < b.key; });
    if (page.size() > limit) page.resize(limit);
    return page;
  };
  ASSIGN_OR_RETURN(
      auto page, common::ReadRequestedPage(
                     v, "ListRecommendations request", request,
                     absl::StrCat("recommendations:", request.parent()), scan));
  v1::ListRecommendationsResponse response;
  response.set_next_page_token(
      common::MovePageInto(page, response.mutable_recommendations()));
  return response;
}

absl::StatusOr<v1::ListRecommendationHistoryResponse>
RecommendationDesk::History(
    const v1::ListRecommendationHistoryRequest& request) const {
  common::FieldViolations v;
  auto name = common::CheckRecommendationName(v, "name", request.name());
  ASSIGN_OR_RETURN(auto page,
                   common::ReadRequestedPage(
                       v, "ListRecommendationHistory request", request,
                       absl::StrCat("recommendation-history:", request.name()),
                       [&](const std::string& after, size_t limit) {
                         return store_.ScanRecommendationHistory(
                             name->inspection_id, name->recommendation_id,
                             after, limit);
                       }));
  if (page.entries.empty() && request.page_token().empty()) {
    ASSIGN_OR_RETURN(
        auto found,
        store_.GetRecommendation(name->inspection_id, name->recommendation_id));
    if (!found) {
      return absl::NotFoundError(
          absl::StrCat("no recommendation is recorded as ", request.name()));
    }
  }
  v1::ListRecommendationHistoryResponse response;
  response.set_next_page_token(
      common::MovePageInto(page, response.mutable_revisions()));
  return response;
}

}  // namespace yjinspect::findings
