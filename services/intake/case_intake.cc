#include "services/intake/case_intake.h"

#include <memory>
#include <utility>

#include "absl/strings/str_cat.h"
#include "common/field_checks.h"
#include "common/page_token.h"
#include "common/resource_names.h"
#include "common/status_macros.h"
#include "services/intake/case_record.h"
#include "services/intake/case_validation.h"

namespace yjinspect::intake {
namespace {

// Replaces the child's reference by its pseudonym.
void PseudonymiseChild(const ReferencePseudonyms& pseudonyms,
                       absl::string_view yot, v1::Case& c) {
  v1::Child& child = *c.mutable_child();
  child.set_reference(pseudonyms.OfChild(yot, child.reference()));
}

// Validates `request`; on success returns the step that stores it.
absl::StatusOr<IntakeStore::Step> PrepareCreate(
    v1::CreateCaseRequest request, const ReferencePseudonyms& pseudonyms,
    std::function<void(absl::StatusOr<StoredCaseResult>)> done) {
  RETURN_IF_ERROR(ValidateCreateCaseRequest(request).ToStatus("case"));
  common::CaseName name{*common::ParseYotName(request.parent()),
                        request.case_id()};
  // From here on only the pseudonym exists: the request fingerprint, the
  // stored case and the change log all see it, never the YOT's reference.
  PseudonymiseChild(pseudonyms, name.yot, *request.mutable_case_());
  v1::Case c = request.case_();
  Normalise(c, CaseRecord::Format(name));
  return CreateStep<CaseRecord>(std::move(request), std::move(name),
                                std::move(c), std::move(done));
}

}  // namespace

void CaseIntake::CreateCase(v1::CreateCaseRequest request,
                            const CreateDone& done) {
  CommitPrepared(store_, PrepareCreate(std::move(request), pseudonyms_, done),
                 [&done](const absl::Status& refused) { done(refused); });
}

void CaseIntake::CreateCases(std::vector<v1::CreateCaseRequest> requests,
                             BatchDone done) {
  CommitEach<StoredCaseResult>(
      store_, std::move(requests),
      [this](v1::CreateCaseRequest request,
             std::function<void(absl::StatusOr<StoredCaseResult>)> one_done) {
        return PrepareCreate(std::move(request), pseudonyms_,
                             std::move(one_done));
      },
      std::move(done));
}

void CaseIntake::UpdateCase(
    const v1::UpdateCaseRequest& request,
    std::function<void(absl::StatusOr<v1::Case>)> done) {
  common::FieldViolations v;
  std::optional<common::CaseName> name;
  if (!request.has_case_()) {
    v.Add("case", "is required");
  } else {
    name = common::CheckCaseName(v, "case.name", request.case_().name());
    v.AddAll("case.", ValidateCase(request.case_()));
  }
  if (absl::Status invalid = v.ToStatus("case update"); !invalid.ok()) {
    done(invalid);
    return;
  }
  v1::Case c = request.case_();
  PseudonymiseChild(pseudonyms_, name->yot, c);
  Normalise(c, c.name());
  CommitProducing<v1::Case>(
      store_,
      [name = *name, c = std::move(c), expected = request.etag()](
          StoreTransaction& txn, v1::Case& result) {
        return ApplyUpdate<CaseRecord>(
            txn, name, expected,
            [&c](const v1::Case&) -> absl::StatusOr<v1::Case> { return c; },
            result);
      },
      std::move(done));
}

absl::StatusOr<v1::Case> CaseIntake::GetCase(
    const v1::GetCaseRequest& request) const {
  ASSIGN_OR_RETURN(
      common::CaseName name,
      common::RequireCaseName("name", request.name(), "GetCase request"));
  ASSIGN_OR_RETURN(auto stored, store_.GetCase(name.yot, name.case_id));
  if (!stored) {
    return absl::NotFoundError(
        absl::StrCat("case ", request.name(), " does not exist"));
  }
  return std::move(*stored->mutable_case_());
}

absl::StatusOr<v1::ListCasesResponse> CaseIntake::ListCases(
    const v1::ListCasesRequest& request) const {
  common::FieldViolations v;
  auto yot = common::ParseYotName(request.parent(), /*allow_wildcard=*/true);
  if (!yot) {
    v.Add("parent", request.parent().empty()
                        ? "is required"
                        : absl::StrCat(common::kYotNameFormat,
                                       ", or yots/- for every YOT"));
  }
  ASSIGN_OR_RETURN(auto page, common::ReadRequestedPage(
                                  v, "ListCases request", request,
                                  absl::StrCat("cases:", request.parent()),
                                  [&](const std::string& after, size_t limit) {
                                    return store_.ScanCases(
                                        *yot == "-" ? "" : *yot, after, limit);
                                  }));
  v1::ListCasesResponse response;
  response.set_next_page_token(common::MovePageInto(
      page, response.mutable_cases(), [](storage::v1::StoredCase&& stored) {
        return std::move(*stored.mutable_case_());
      }));
  return response;
}

void CaseIntake::DeleteCase(const v1::DeleteCaseRequest& request,
                            const common::AuditEvent& audit,
                            const std::function<void(absl::Status)>& done) {
  common::FieldViolations v;
  auto name = common::CheckCaseName(v, "name", request.name());
  common::CheckText(v, "reason", request.reason(), 200, false);
  CommitAuditedErasure(
      store_, audit, v.ToStatus("DeleteCase request"),
      [name = name.value_or(common::CaseName()), audit](StoreTransaction& txn) {
        return ApplyErasure<CaseRecord>(txn, name, audit);
      },
      after_erasure_, done);
}

}  // namespace yjinspect::intake
