#include "services/intake/inspection_registry.h"

#include <memory>
#include <utility>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "common/error_details.h"
#include "common/error_reasons.h"
#include "common/field_checks.h"
#include "common/fingerprint.h"
#include "common/page_token.h"
#include "common/resource_names.h"
#include "common/status_macros.h"
#include "services/intake/inspection_lifecycle.h"
#include "services/intake/inspection_records.h"
#include "services/intake/inspection_validation.h"

namespace yjinspect::intake {
namespace {

constexpr absl::string_view kRequestKind = "inspection";

// "sqs-2014 version 1, hmip-youth-2021 version 1" for error messages.
std::string KnownFrameworks(const common::FrameworkRegistry& frameworks) {
  std::vector<std::string> known;
  for (const v1::Framework* f : frameworks.List()) {
    known.push_back(absl::StrCat(f->id(), " version ", f->version()));
  }
  return absl::StrJoin(known, ", ");
}

// "insp-" and 12 random hex digits: unguessable enough that two clients
// never collide, and a retry finds its inspection through its request_id.
std::string NewInspectionId(uint64_t random_bits) {
  return absl::StrFormat("insp-%012x", random_bits & ((uint64_t{1} << 48) - 1));
}

absl::Status ApplyCreate(StoreTransaction& txn,
                         const v1::CreateInspectionRequest& request,
                         v1::Inspection inspection, const std::string& actor,
                         v1::Inspection& result) {
  v1::CreateInspectionRequest without_id = request;
  without_id.clear_request_id();
  const std::string request_fingerprint =
      common::FingerprintMessage(without_id);
  if (!request.request_id().empty()) {
    ASSIGN_OR_RETURN(auto record,
                     txn.FindRequest(kRequestKind, request.request_id()));
    if (record) {
      if (record->request_fingerprint() != request_fingerprint) {
        return common::AlreadyExists(
            common::kRequestIdReused,
            absl::StrCat("request_id ", request.request_id(),
                         " was already used for a different request; use a "
                         "new request_id for a new request"));
      }
      auto id = common::ParseInspectionName(record->resource_name());
      ASSIGN_OR_RETURN(auto stored, txn.FindInspection(id.value_or("")));
      if (stored) {
        result = *stored;
        return absl::OkStatus();
      }
    }
  }
  const std::string id = *common::ParseInspectionName(inspection.name());
  ASSIGN_OR_RETURN(auto existing, txn.FindInspection(id));
  if (existing) {
    if (ClientContentFingerprint(*existing) ==
        ClientContentFingerprint(inspection)) {
      result = *existing;
      return absl::OkStatus();
    }
    return common::AlreadyExists(
        common::kInspectionExistsWithOtherContent,
        absl::StrCat("inspection ", inspection.name(),
                     " already exists with different content"),
        {{"resource", inspection.name()}});
  }
  RETURN_IF_ERROR(MoveTo(inspection, v1::INSPECTION_STATE_ANNOUNCED, actor,
                         "inspection created", txn.Now()));
  StoreInspectionChange(txn, inspection);
  ASSIGN_OR_RETURN(auto stored, txn.FindInspection(id));
  if (!request.request_id().empty()) {
    storage::v1::RequestRecord record;
    record.set_resource_name(inspection.name());
    record.set_request_fingerprint(request_fingerprint);
    txn.PutRequest(kRequestKind, request.request_id(), record);
  }
  result = std::move(*stored);
  return absl::OkStatus();
}

}  // namespace

void InspectionRegistry::CreateInspection(v1::CreateInspectionRequest request,
                                          const std::string& actor,
                                          CreateDone done) {
  common::FieldViolations v = ValidateCreateInspectionRequest(request);
  // An inspection that names no version takes the newest version of its
  // framework, and is pinned to it from then on.
  if (v.empty() && request.inspection().framework_version().empty()) {
    if (const v1::Framework* newest =
            frameworks_.Newest(request.inspection().framework_id())) {
      request.mutable_inspection()->set_framework_version(newest->version());
    } else {
      v.Add("inspection.framework_id",
            absl::StrCat("framework ", request.inspection().framework_id(),
                         " is not known to this service; known: ",
                         KnownFrameworks(frameworks_)));
    }
  }
  if (v.empty() &&
      frameworks_.Find(request.inspection().framework_id(),
                       request.inspection().framework_version()) == nullptr) {
    v.Add("inspection.framework_version",
          absl::StrCat("framework ", request.inspection().framework_id(),
                       " version ", request.inspection().framework_version(),
                       " is not known to this service; known: ",
                       KnownFrameworks(frameworks_)));
  }
  if (absl::Status invalid = v.ToStatus("inspection"); !invalid.ok()) {
    done(invalid);
    return;
  }
  v1::Inspection inspection = request.inspection();
  inspection.DiscardUnknownFields();
  inspection.set_name(common::InspectionName(request.inspection_id().empty()
                                                 ? NewInspectionId(random_())
                                                 : request.inspection_id()));
  inspection.clear_state();
  inspection.clear_transitions();
  inspection.clear_create_time();
  inspection.clear_update_time();
  inspection.clear_etag();
  inspection.clear_sample();
  inspection.clear_sample_resets();
  auto shared_request =
      std::make_shared<const v1::CreateInspectionRequest>(std::move(request));
  CommitProducing<v1::Inspection>(
      store_,
      [shared_request, inspection = std::move(inspection), actor](
          StoreTransaction& txn, v1::Inspection& result) {
        return ApplyCreate(txn, *shared_request, inspection, actor, result);
      },
      std::move(done));
}

absl::StatusOr<v1::Inspection> InspectionRegistry::GetInspection(
    const v1::GetInspectionRequest& request) const {
  ASSIGN_OR_RETURN(const std::string id,
                   common::RequireInspectionName("name", request.name(),
                                                 "GetInspection request"));
  ASSIGN_OR_RETURN(auto inspection, store_.GetInspection(id));
  if (!inspection) {
    return absl::NotFoundError(
        absl::StrCat("inspection ", request.name(), " does not exist"));
  }
  return std::move(*inspection);
}

absl::StatusOr<v1::ListInspectionsResponse> InspectionRegistry::ListInspections(
    const v1::ListInspectionsRequest& request) const {
  common::FieldViolations v;
  if (!request.yot().empty() && !common::ParseYotName(request.yot())) {
    v.Add("yot", std::string(common::kYotNameFormat));
  }
  const std::string& yot = request.yot();
  ASSIGN_OR_RETURN(auto page,
                   common::ReadRequestedPage(
                       v, "ListInspections request", request,
                       absl::StrCat("inspections:", yot),
                       [&](const std::string& after, size_t limit) {
                         return store_.ScanInspections(
                             after, limit,
                             [&yot](const v1::Inspection& inspection) {
                               return yot.empty() || inspection.yot() == yot;
                             });
                       }));
  v1::ListInspectionsResponse response;
  response.set_next_page_token(
      common::MovePageInto(page, response.mutable_inspections()));
  return response;
}

}  // namespace yjinspect::intake
