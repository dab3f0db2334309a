#include "services/intake/victim_case_intake.h"

#include <memory>
#include <string>
#include <utility>

#include "absl/strings/str_cat.h"
#include "common/field_checks.h"
#include "common/page_token.h"
#include "common/resource_names.h"
#include "common/status_macros.h"
#include "google/protobuf/util/field_mask_util.h"
#include "services/intake/victim_case_record.h"
#include "services/intake/victim_case_validation.h"

namespace yjinspect::intake {
namespace {

using google::protobuf::util::FieldMaskUtil;

constexpr size_t kMaxReasonChars = 200;

// Fields a client may not name in an update mask: the service's own.
bool IsOutputOnly(absl::string_view path) {
  return path == "name" || path == "create_time" || path == "update_time" ||
         path == "etag";
}

// Validates `request`; on success returns the step that stores it.
absl::StatusOr<IntakeStore::Step> PrepareCreate(
    v1::CreateVictimCaseRequest request, const ReferencePseudonyms& pseudonyms,
    std::function<void(absl::StatusOr<StoredVictimCaseResult>)> done) {
  RETURN_IF_ERROR(
      ValidateCreateVictimCaseRequest(request).ToStatus("victim's case"));
  common::VictimCaseName name{*common::ParseYotName(request.parent()),
                              request.victim_case_id()};
  // From here on only the pseudonym exists: the request fingerprint, the
  // stored record and the change log all see it, never the YOT's reference.
  v1::VictimCase& victim_case = *request.mutable_victim_case();
  victim_case.set_victim_reference(
      pseudonyms.OfVictim(name.yot, victim_case.victim_reference()));
  v1::VictimCase record = victim_case;
  Normalise(record, VictimCaseRecord::Format(name));
  return CreateStep<VictimCaseRecord>(std::move(request), std::move(name),
                                      std::move(record), std::move(done));
}

// What an update stores: the request's content, or the stored content with
// the masked fields replaced; checked as a whole (paths "victim_case.").
absl::StatusOr<v1::VictimCase> Updated(
    const v1::UpdateVictimCaseRequest& request, const v1::VictimCase& submitted,
    const v1::VictimCase& current, absl::string_view yot) {
  v1::VictimCase next = submitted;
  if (request.has_update_mask() && request.update_mask().paths_size() > 0) {
    next = current;
    FieldMaskUtil::MergeOptions options;
    options.set_replace_message_fields(true);
    options.set_replace_repeated_fields(true);
    FieldMaskUtil::MergeMessageTo(submitted, request.update_mask(), options,
                                  &next);
  }
  common::FieldViolations v;
  v.AddAll("victim_case.", ValidateVictimCase(next, yot));
  RETURN_IF_ERROR(v.ToStatus("victim's case update"));
  Normalise(next, submitted.name());
  return next;
}

}  // namespace

void VictimCaseIntake::CreateVictimCase(v1::CreateVictimCaseRequest request,
                                        const CreateDone& done) {
  CommitPrepared(store_, PrepareCreate(std::move(request), pseudonyms_, done),
                 [&done](const absl::Status& refused) { done(refused); });
}

void VictimCaseIntake::BatchCreateVictimCases(
    v1::BatchCreateVictimCasesRequest request, BatchDone done) {
  common::FieldViolations v;
  if (!common::ParseYotName(request.parent())) {
    v.Add("parent",
          common::NameViolation(request.parent(), common::kYotNameFormat));
  }
  if (request.requests().empty() ||
      static_cast<size_t>(request.requests_size()) >
          IntakeStore::kMaxBundleSize) {
    v.Add("requests",
          absl::StrCat("must hold 1 to ", IntakeStore::kMaxBundleSize,
                       " victims' cases; split a larger batch"));
  }
  std::vector<v1::CreateVictimCaseRequest> requests;
  for (int i = 0; i < request.requests_size(); ++i) {
    v1::CreateVictimCaseRequest& one = *request.mutable_requests(i);
    if (one.parent().empty()) one.set_parent(request.parent());
    if (one.parent() != request.parent()) {
      v.Add(absl::StrCat("requests[", i, "].parent"),
            "must be empty or the batch's parent");
    }
    requests.push_back(std::move(one));
  }
  if (absl::Status refused = v.ToStatus("BatchCreateVictimCases request");
      !refused.ok()) {
    done(refused);
    return;
  }
  CommitEach<StoredVictimCaseResult>(
      store_, std::move(requests),
      [this](v1::CreateVictimCaseRequest one,
             std::function<void(absl::StatusOr<StoredVictimCaseResult>)>
                 one_done) {
        return PrepareCreate(std::move(one), pseudonyms_, std::move(one_done));
      },
      [done = std::move(done)](
          std::vector<absl::StatusOr<StoredVictimCaseResult>> results) {
        done(std::move(results));
      });
}

void VictimCaseIntake::UpdateVictimCase(
    const v1::UpdateVictimCaseRequest& request,
    std::function<void(absl::StatusOr<v1::VictimCase>)> done) {
  common::FieldViolations v;
  std::optional<common::VictimCaseName> name;
  const bool masked =
      request.has_update_mask() && request.update_mask().paths_size() > 0;
  if (!request.has_victim_case()) {
    v.Add("victim_case", "is required");
  } else {
    name = common::CheckVictimCaseName(v, "victim_case.name",
                                       request.victim_case().name());
  }
  if (masked) {
    for (int i = 0; i < request.update_mask().paths_size(); ++i) {
      const std::string& path = request.update_mask().paths(i);
      if (IsOutputOnly(path) ||
          !FieldMaskUtil::GetFieldDescriptors(v1::VictimCase::descriptor(),
                                              path, nullptr)) {
        v.Add(absl::StrCat("update_mask.paths[", i, "]"),
              "must name a field of VictimCase a client sets");
      }
    }
  }
  // The YOT's own reference is checked before it becomes a pseudonym (any
  // pseudonym passes); the rest once merged with what is stored.
  const bool sets_reference =
      !masked || FieldMaskUtil::IsPathInFieldMask("victim_reference",
                                                  request.update_mask());
  if (request.has_victim_case() && sets_reference) {
    common::CheckToken(v, "victim_case.victim_reference",
                       request.victim_case().victim_reference(), 32, "-", true);
  }
  if (absl::Status invalid = v.ToStatus("victim's case update");
      !invalid.ok()) {
    done(invalid);
    return;
  }
  v1::VictimCase submitted = request.victim_case();
  submitted.DiscardUnknownFields();
  submitted.set_victim_reference(
      pseudonyms_.OfVictim(name->yot, submitted.victim_reference()));
  CommitProducing<v1::VictimCase>(
      store_,
      [name = *name, submitted = std::move(submitted), request](
          StoreTransaction& txn, v1::VictimCase& result) {
        return ApplyUpdate<VictimCaseRecord>(
            txn, name, request.etag(),
            [&](const v1::VictimCase& current) {
              return Updated(request, submitted, current, name.yot);
            },
            result);
      },
      std::move(done));
}

absl::StatusOr<v1::VictimCase> VictimCaseIntake::GetVictimCase(
    const v1::GetVictimCaseRequest& request) const {
  ASSIGN_OR_RETURN(common::VictimCaseName name,
                   common::RequireVictimCaseName("name", request.name(),
                                                 "GetVictimCase request"));
  ASSIGN_OR_RETURN(auto stored,
                   store_.GetVictimCase(name.yot, name.victim_case_id));
  if (!stored) {
    return absl::NotFoundError(
        absl::StrCat("victim's case ", request.name(), " does not exist"));
  }
  return std::move(*stored->mutable_victim_case());
}

absl::StatusOr<v1::ListVictimCasesResponse> VictimCaseIntake::ListVictimCases(
    const v1::ListVictimCasesRequest& request) const {
  common::FieldViolations v;
  auto yot = common::ParseYotName(request.parent());
  if (!yot) {
    v.Add("parent",
          common::NameViolation(request.parent(), common::kYotNameFormat));
  }
  const std::string& related = request.related_case();
  if (!related.empty()) {
    auto parsed = common::CheckCaseName(v, "related_case", related);
    if (parsed && yot && parsed->yot != *yot) {
      v.Add("related_case", "must be a case of the parent YOT");
    }
  }
  std::function<bool(const storage::v1::StoredVictimCase&)> keep;
  if (!related.empty()) {
    keep = [related](const storage::v1::StoredVictimCase& stored) {
      return stored.victim_case().related_case() == related;
    };
  }
  ASSIGN_OR_RETURN(
      auto page,
      common::ReadRequestedPage(
          v, "ListVictimCases request", request,
          absl::StrCat("victimCases:", request.parent(), ":", related),
          [&](const std::string& after, size_t limit) {
            return store_.ScanVictimCases(*yot, after, limit, keep);
          }));
  v1::ListVictimCasesResponse response;
  response.set_next_page_token(
      common::MovePageInto(page, response.mutable_victim_cases(),
                           [](storage::v1::StoredVictimCase&& stored) {
                             return std::move(*stored.mutable_victim_case());
                           }));
  return response;
}

void VictimCaseIntake::DeleteVictimCase(
    const v1::DeleteVictimCaseRequest& request, const common::AuditEvent& audit,
    const std::function<void(absl::Status)>& done) {
  common::FieldViolations v;
  auto name = common::CheckVictimCaseName(v, "name", request.name());
  common::CheckText(v, "reason", request.reason(), kMaxReasonChars, false);
  CommitAuditedErasure(
      store_, audit, v.ToStatus("DeleteVictimCase request"),
      [name = name.value_or(common::VictimCaseName()),
       audit](StoreTransaction& txn) {
        return ApplyErasure<VictimCaseRecord>(txn, name, audit);
      },
      after_erasure_, done);
}

}  // namespace yjinspect::intake
