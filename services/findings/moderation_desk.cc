#include "services/findings/moderation_desk.h"

#include <algorithm>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "common/error_details.h"
#include "common/error_reasons.h"
#include "common/field_checks.h"
#include "common/inspection_refusals.h"
#include "common/page_token.h"
#include "common/resource_names.h"
#include "common/status_macros.h"
#include "google/protobuf/util/time_util.h"
#include "services/findings/moderation/agreement_summary.h"
#include "services/findings/moderation/double_marking.h"
#include "services/findings/moderation_records.h"
#include "services/findings/storage/keys.h"

namespace yjinspect::findings {
namespace {

// At most this many pending markings and open disagreements are named in a
// refusal's message; its metadata counts them all.
constexpr size_t kNamedInRefusal = 20;

// The scale values of `criterion_id` in `framework`; empty when unknown.
std::vector<std::string> ScaleOf(const v1::Framework& framework,
                                 const std::string& criterion_id) {
  std::string scale;
  for (const auto& section : framework.sections()) {
    for (const auto& criterion : section.criteria()) {
      if (criterion.id() == criterion_id) scale = criterion.scale();
    }
  }
  std::vector<std::string> values;
  for (const auto& s : framework.scales()) {
    if (s.id() != scale) continue;
    for (const auto& v : s.values()) values.push_back(v.id());
  }
  return values;
}

// What still stops the verdicts being agreed, one line each.
std::vector<std::string> OpenItems(
    const std::vector<DoubleMarkedRecord>& records) {
  std::vector<std::string> items;
  for (const DoubleMarkedRecord& r : records) {
    std::optional<v1::ModerationHold> hold = HoldOf(r);
    if (!hold) continue;
    if (hold->second_marking_pending()) {
      items.push_back(absl::StrCat(r.record_name, ": second marking by ",
                                   r.second_marker_reference,
                                   " not submitted"));
      continue;
    }
    for (const std::string& c : hold->open_criterion_ids()) {
      items.push_back(
          absl::StrCat(r.record_name, ": criterion ", c, " disagreed"));
    }
  }
  return items;
}

}  // namespace

absl::StatusOr<std::vector<std::string>> ModerationDesk::BlindedFindings(
    const common::Caller& caller, const std::string& inspection_name) const {
  std::vector<std::string> names;
  const std::optional<std::string> id =
      common::ParseInspectionName(inspection_name);
  if (!id || caller.identity.empty()) return names;
  ASSIGN_OR_RETURN(auto inspection, store_.GetInspection(*id));
  if (!inspection) return names;
  ASSIGN_OR_RETURN(auto records,
                   BlindedRecords(store_, *id, *inspection, caller.identity));
  for (const std::string& record : records) {
    if (auto name = common::FindingsOfRecord(*id, record)) {
      names.push_back(common::FormatCaseFindingsName(*name));
    }
  }
  return names;
}

absl::Status ModerationDesk::CheckNotBlind(
    const common::Caller& caller, const std::string& inspection_name,
    const std::string& findings_name) const {
  ASSIGN_OR_RETURN(auto blinded, BlindedFindings(caller, inspection_name));
  if (blinded.empty()) return absl::OkStatus();
  if (!findings_name.empty() && std::find(blinded.begin(), blinded.end(),
                                          findings_name) == blinded.end()) {
    return absl::OkStatus();
  }
  return common::PermissionDenied(
      common::kSecondMarkingBlind,
      absl::StrCat(
          caller.identity, " is the second marker of ",
          findings_name.empty()
              ? absl::StrCat(blinded.size(), " records of ", inspection_name)
              : findings_name,
          " and has not submitted: the first marker's answers stay hidden "
          "from them until then (RecordSecondMarking with submit)"),
      {{"blinded_records", absl::StrCat(blinded.size())}});
}

absl::StatusOr<v1::ListDisagreementsResponse> ModerationDesk::ListDisagreements(
    const v1::ListDisagreementsRequest& request) const {
  common::FieldViolations v;
  common::CheckInspectionName(v, "parent", request.parent());
  const int page_size = common::CheckPageSize(v, request.page_size());
  RETURN_IF_ERROR(v.ToStatus("ListDisagreements request"));
  const std::string id = *common::ParseInspectionName(request.parent());
  ASSIGN_OR_RETURN(auto inspection,
                   KnownInspection(store_, id, request.parent()));
  ASSIGN_OR_RETURN(auto records, ReadDoubleMarked(store_, id, inspection));
  std::vector<common::Keyed<v1::Disagreement>> all;
  for (const DoubleMarkedRecord& r : records) {
    std::vector<v1::Disagreement> found = DisagreementsOf(r);
    for (size_t i = 0; i < found.size(); ++i) {
      if (request.open_only() && found[i].has_resolution()) continue;
      all.push_back({absl::StrFormat("%s\n%06d", r.findings_name, i),
                     std::move(found[i])});
    }
  }
  std::sort(all.begin(), all.end(),
            [](const auto& a, const auto& b) { return a.key < b.key; });
  const std::string list_key = absl::StrCat("disagreements/", request.parent(),
                                            request.open_only() ? "/open" : "");
  ASSIGN_OR_RETURN(
      auto page,
      common::ReadPage(
          list_key, request.page_token(), static_cast<size_t>(page_size),
          [&](const std::string& after, size_t limit)
              -> absl::StatusOr<std::vector<common::Keyed<v1::Disagreement>>> {
            std::vector<common::Keyed<v1::Disagreement>> out;
            for (const auto& entry : all) {
              if (entry.key <= after && !after.empty()) continue;
              if (out.size() == limit) break;
              out.push_back(entry);
            }
            return out;
          }));
  v1::ListDisagreementsResponse response;
  for (auto& entry : page.entries) {
    *response.add_disagreements() = std::move(entry.value);
  }
  response.set_next_page_token(page.next_page_token);
  return response;
}

absl::StatusOr<v1::Disagreement> ModerationDesk::ResolveDisagreement(
    const v1::ResolveDisagreementRequest& request,
    const common::AuditEvent& audit) {
  common::FieldViolations v;
  const std::optional<common::CaseFindingsName> name =
      common::ParseCaseFindingsName(request.case_findings());
  if (!name) {
    v.Add("case_findings",
          common::NameViolation(request.case_findings(),
                                common::kCaseFindingsNameFormat));
  }
  common::CheckToken(v, "criterion_id", request.criterion_id(), 64, ".-_",
                     true);
  common::CheckToken(v, "agreed_answer", request.agreed_answer(), 64, "-_",
                     true);
  common::CheckText(v, "reason", request.reason(), 2000, true);
  common::CheckToken(v, "moderator_reference", request.moderator_reference(),
                     32, "-", true);
  RETURN_IF_ERROR(v.ToStatus("ResolveDisagreement request"));
  const std::string inspection_name =
      common::InspectionName(name->inspection_id);
  ASSIGN_OR_RETURN(auto inspection, KnownInspection(store_, name->inspection_id,
                                                    inspection_name));
  if (inspection.state() >= v1::INSPECTION_STATE_VERDICTS_AGREED) {
    return common::WrongState(
        inspection,
        absl::StrCat("inspection ", inspection.name(), " is ",
                     v1::InspectionState_Name(inspection.state()),
                     ": its verdicts are agreed and its answers can no "
                     "longer change"));
  }
  const v1::Framework* framework = frameworks_.Find(
      inspection.framework_id(), inspection.framework_version());
  if (framework == nullptr) return common::FrameworkUnknown(inspection);
  const std::vector<std::string> scale =
      ScaleOf(*framework, request.criterion_id());
  if (scale.empty()) {
    v.Add("criterion_id", absl::StrCat("criterion ", request.criterion_id(),
                                       " is not in framework ", framework->id(),
                                       " version ", framework->version()));
  } else if (std::find(scale.begin(), scale.end(), request.agreed_answer()) ==
             scale.end()) {
    v.Add(
        "agreed_answer",
        absl::StrCat("must be one of ", absl::StrJoin(scale, ", "),
                     " (the scale of criterion ", request.criterion_id(), ")"));
  }
  RETURN_IF_ERROR(v.ToStatus("ResolveDisagreement request"));
  ASSIGN_OR_RETURN(auto by_record,
                   ReadDoubleMarked(store_, name->inspection_id, inspection));
  const std::string findings_name = common::FormatCaseFindingsName(*name);
  std::optional<v1::Disagreement> disagreement;
  for (const DoubleMarkedRecord& r : by_record) {
    if (r.findings_name != findings_name) continue;
    for (v1::Disagreement& d : DisagreementsOf(r)) {
      if (d.criterion_id() == request.criterion_id()) disagreement = d;
    }
  }
  if (!disagreement) {
    return common::FailedPrecondition(
        common::kNoDisagreement, {common::kModerationViolation, findings_name},
        absl::StrCat("the markers of ", findings_name,
                     " do not disagree on criterion ", request.criterion_id(),
                     " (it has no submitted second marking, or both answers "
                     "are the same): there is nothing to resolve"));
  }
  storage::v1::StoredResolution resolution;
  resolution.set_criterion_id(request.criterion_id());
  resolution.set_first_answer(disagreement->first_answer());
  resolution.set_second_answer(disagreement->second_answer());
  v1::DisagreementResolution& r = *resolution.mutable_resolution();
  r.set_agreed_answer(request.agreed_answer());
  r.set_reason(request.reason());
  r.set_moderator_reference(request.moderator_reference());
  *r.mutable_resolve_time() =
      google::protobuf::util::TimeUtil::NanosecondsToTimestamp(
          absl::ToUnixNanos(clock_()));
  RETURN_IF_ERROR(
      store_
          .UpdateResolutions(
              name->inspection_id, FindingsRecordId(*name),
              [&](const storage::v1::StoredResolutions& current)
                  -> absl::StatusOr<storage::v1::StoredResolutions> {
                // One per criterion: resolving again replaces it.
                storage::v1::StoredResolutions next;
                for (const auto& held : current.resolutions()) {
                  if (held.criterion_id() != request.criterion_id()) {
                    *next.add_resolutions() = held;
                  }
                }
                *next.add_resolutions() = resolution;
                return next;
              },
              audit)
          .status());
  *disagreement->mutable_resolution() = resolution.resolution();
  return *std::move(disagreement);
}

absl::StatusOr<v1::AgreementSummary> ModerationDesk::Agreement(
    const v1::GetAgreementRequest& request) const {
  ASSIGN_OR_RETURN(
      const std::string id,
      KnownInspectionId(store_, request.inspection(), "GetAgreement request"));
  ASSIGN_OR_RETURN(auto inspection,
                   KnownInspection(store_, id, request.inspection()));
  const v1::Framework* framework = frameworks_.Find(
      inspection.framework_id(), inspection.framework_version());
  if (framework == nullptr) return common::FrameworkUnknown(inspection);
  ASSIGN_OR_RETURN(auto records, ReadDoubleMarked(store_, id, inspection));
  ASSIGN_OR_RETURN(v1::AgreementSummary summary,
                   SummariseAgreement(*framework, records));
  summary.set_inspection(inspection.name());
  return summary;
}

void ModerationDesk::AgreeVerdicts(
    const v1::AgreeVerdictsRequest& request, const common::Caller& caller,
    std::function<void(absl::StatusOr<v1::Inspection>)> done) {
  common::FieldViolations v;
  common::CheckInspectionName(v, "inspection", request.inspection());
  common::CheckText(v, "reason", request.reason(), 500, false);
  if (absl::Status invalid = v.ToStatus("AgreeVerdicts request");
      !invalid.ok()) {
    done(invalid);
    return;
  }
  const std::string id = *common::ParseInspectionName(request.inspection());
  absl::StatusOr<v1::Inspection> inspection =
      KnownInspection(store_, id, request.inspection());
  if (!inspection.ok()) {
    done(inspection.status());
    return;
  }
  absl::StatusOr<std::vector<DoubleMarkedRecord>> records =
      ReadDoubleMarked(store_, id, *inspection);
  if (!records.ok()) {
    done(records.status());
    return;
  }
  const std::vector<std::string> open = OpenItems(*records);
  if (!open.empty()) {
    std::vector<std::string> named(
        open.begin(), open.begin() + static_cast<std::ptrdiff_t>(std::min(
                                         open.size(), kNamedInRefusal)));
    if (open.size() > named.size()) {
      named.push_back(absl::StrCat("and ", open.size() - named.size(),
                                   " more (ListDisagreements)"));
    }
    done(common::InspectionPrecondition(
        common::kModerationOpen, common::kModerationViolation, *inspection,
        absl::StrCat("the verdicts of ", inspection->name(),
                     " cannot be agreed while moderation is open: ",
                     absl::StrJoin(named, "; ")),
        {{"open_items", absl::StrCat(open.size())}}));
    return;
  }
  gate_.AgreeVerdicts(
      request.inspection(), inspection->etag(),
      request.reason().empty() ? "verdicts agreed once moderation was done"
                               : request.reason(),
      caller.identity,
      [done = std::move(done)](absl::StatusOr<v1::Inspection> agreed) {
        if (!agreed.ok()) {
          done(common::Prefixed("agreeing the verdicts at intake: ",
                                agreed.status()));
          return;
        }
        done(std::move(agreed));
      });
}

}  // namespace yjinspect::findings
