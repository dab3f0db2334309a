#include "services/intake/case_intake.h"

#include <memory>
#include <utility>

#include "absl/strings/str_cat.h"
#include "absl/synchronization/mutex.h"
#include "common/error_details.h"
#include "common/error_reasons.h"
#include "common/field_checks.h"
#include "common/fingerprint.h"
#include "common/page_token.h"
#include "common/resource_names.h"
#include "common/status_macros.h"
#include "google/protobuf/util/time_util.h"
#include "services/intake/audit_records.h"
#include "services/intake/case_validation.h"

namespace yjinspect::intake {
namespace {

constexpr absl::string_view kRequestKind = "case";

google::protobuf::Timestamp ToTimestamp(absl::Time time) {
  return google::protobuf::util::TimeUtil::NanosecondsToTimestamp(
      absl::ToUnixNanos(time));
}

// The stored content of a case without its output-only fields: what
// "identical content" compares, and what the etag fingerprints.
std::string ContentFingerprint(const v1::Case& c) {
  v1::Case content = c;
  content.clear_name();
  content.clear_create_time();
  content.clear_update_time();
  content.clear_etag();
  return common::FingerprintMessage(content);
}

std::string RequestFingerprint(const v1::CreateCaseRequest& request) {
  v1::CreateCaseRequest without_id = request;
  without_id.clear_request_id();
  return common::FingerprintMessage(without_id);
}

// The case as submitted, ready to store: unknown fields dropped (a newer
// client's field could carry data we have not vetted), output-only fields
// replaced by ours.
v1::Case Normalise(const v1::CreateCaseRequest& request,
                   const common::CaseName& name) {
  v1::Case c = request.case_();
  c.DiscardUnknownFields();
  c.set_name(common::FormatCaseName(name.yot, name.case_id));
  c.clear_create_time();
  c.clear_update_time();
  c.set_etag(ContentFingerprint(c));
  return c;
}

// Replaces the child's reference by its pseudonym.
void Pseudonymise(const ReferencePseudonyms& pseudonyms, absl::string_view yot,
                  v1::Case& c) {
  v1::Child& child = *c.mutable_child();
  child.set_reference(pseudonyms.OfChild(yot, child.reference()));
}

// Applies one validated create inside a group commit.
absl::Status ApplyCreate(StoreTransaction& txn,
                         const v1::CreateCaseRequest& request,
                         const common::CaseName& name, v1::Case c,
                         StoredCaseResult& result) {
  const std::string& request_id = request.request_id();
  std::string request_fingerprint;
  if (!request_id.empty()) {
    request_fingerprint = RequestFingerprint(request);
    ASSIGN_OR_RETURN(auto record, txn.FindRequest(kRequestKind, request_id));
    if (record && record->request_fingerprint() != request_fingerprint) {
      return common::AlreadyExists(
          common::kRequestIdReused,
          absl::StrCat("request_id ", request_id,
                       " was already used for a different "
                       "request; use a new request_id for a new request"));
    }
    if (record) {
      // A retry of a request that succeeded: its case as it is now, even if
      // it was corrected since; never a second create (an erased case must
      // not come back from a late retry).
      ASSIGN_OR_RETURN(auto stored, txn.FindCase(name.yot, name.case_id));
      if (!stored) {
        return common::FailedPrecondition(
            common::kCaseErased, {common::kRequestIdViolation, c.name()},
            absl::StrCat("case ", c.name(), " was created by request_id ",
                         request_id,
                         " and has since been erased; send a new request_id "
                         "to submit it again"));
      }
      result = {stored->case_(), false};
      return absl::OkStatus();
    }
  }
  ASSIGN_OR_RETURN(auto existing, txn.FindCase(name.yot, name.case_id));
  if (existing) {
    if (existing->case_().etag() == c.etag()) {
      result = {existing->case_(), false};
      return absl::OkStatus();
    }
    return common::AlreadyExists(
        common::kCaseExistsWithOtherContent,
        absl::StrCat("case ", c.name(),
                     " is already stored with different content; "
                     "erase it first (DeleteCase) to submit it again"),
        {{"resource", c.name()}});
  }
  *c.mutable_create_time() = ToTimestamp(txn.Now());
  *c.mutable_update_time() = c.create_time();
  v1::Change change;
  *change.mutable_case_stored() = c;
  storage::v1::StoredCase stored;
  stored.add_change_sequences(txn.AppendChange(std::move(change)));
  *stored.mutable_case_() = c;
  txn.PutCase(name.yot, name.case_id, stored);
  if (!request_id.empty()) {
    storage::v1::RequestRecord record;
    record.set_resource_name(c.name());
    record.set_request_fingerprint(request_fingerprint);
    txn.PutRequest(kRequestKind, request_id, record);
  }
  result = {std::move(c), true};
  return absl::OkStatus();
}

// Validates `request`; on success returns the step that stores it, filling
// `*result` before `done` runs.
absl::StatusOr<IntakeStore::Step> PrepareCreate(
    v1::CreateCaseRequest request, const ReferencePseudonyms& pseudonyms,
    std::function<void(absl::StatusOr<StoredCaseResult>)> done) {
  RETURN_IF_ERROR(ValidateCreateCaseRequest(request).ToStatus("case"));
  common::CaseName name{*common::ParseYotName(request.parent()),
                        request.case_id()};
  // From here on only the pseudonym exists: the request fingerprint, the
  // stored case and the change log all see it, never the YOT's reference.
  Pseudonymise(pseudonyms, name.yot, *request.mutable_case_());
  v1::Case c = Normalise(request, name);
  auto result = std::make_shared<StoredCaseResult>();
  auto shared_request =
      std::make_shared<const v1::CreateCaseRequest>(std::move(request));
  IntakeStore::Step step;
  step.mutation = [shared_request, name, c = std::move(c),
                   result](StoreTransaction& txn) {
    return ApplyCreate(txn, *shared_request, name, c, *result);
  };
  step.done = [result, done = std::move(done)](const absl::Status& status) {
    if (!status.ok()) {
      done(status);
    } else {
      done(std::move(*result));
    }
  };
  return step;
}

}  // namespace

void CaseIntake::CreateCase(v1::CreateCaseRequest request,
                            const CreateDone& done) {
  auto step = PrepareCreate(std::move(request), pseudonyms_, done);
  if (!step.ok()) {
    done(step.status());
    return;
  }
  store_.Commit(std::move(step->mutation), std::move(step->done));
}

void CaseIntake::CreateCases(std::vector<v1::CreateCaseRequest> requests,
                             BatchDone done) {
  // Results are gathered by position; the last outcome to arrive hands them
  // all to `done`.
  struct Gather {
    absl::Mutex mu;
    std::vector<absl::StatusOr<StoredCaseResult>> results;
    size_t pending = 0;
    BatchDone done;
  };
  auto gather = std::make_shared<Gather>();
  gather->results.resize(requests.size(),
                         absl::UnknownError("not yet processed"));
  gather->pending = requests.size();
  gather->done = std::move(done);
  auto record = [gather](size_t i, absl::StatusOr<StoredCaseResult> r) {
    bool last = false;
    {
      absl::MutexLock lock(&gather->mu);
      gather->results[i] = std::move(r);
      last = --gather->pending == 0;
    }
    if (last) gather->done(std::move(gather->results));
  };
  if (requests.empty()) {
    gather->done({});
    return;
  }
  std::vector<IntakeStore::Step> steps;
  for (size_t i = 0; i < requests.size(); ++i) {
    auto step = PrepareCreate(std::move(requests[i]), pseudonyms_,
                              [record, i](absl::StatusOr<StoredCaseResult> r) {
                                record(i, std::move(r));
                              });
    if (step.ok()) {
      steps.push_back(std::move(*step));
    } else {
      record(i, step.status());
    }
  }
  if (!steps.empty()) store_.CommitBundle(std::move(steps));
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
  c.DiscardUnknownFields();
  Pseudonymise(pseudonyms_, name->yot, c);
  c.clear_create_time();
  c.clear_update_time();
  c.set_etag(ContentFingerprint(c));
  CommitProducing<v1::Case>(
      store_,
      [name = *name, c = std::move(c), expected = request.etag()](
          StoreTransaction& txn, v1::Case& result) mutable -> absl::Status {
        ASSIGN_OR_RETURN(auto stored, txn.FindCase(name.yot, name.case_id));
        if (!stored) {
          return absl::NotFoundError(
              absl::StrCat("case ", c.name(), " does not exist"));
        }
        const v1::Case& current = stored->case_();
        if (!expected.empty() && expected != current.etag()) {
          return common::EtagMismatch(
              c.name(),
              absl::StrCat("case ", c.name(),
                           " changed since it was read (etag ", expected,
                           ", now ", current.etag(),
                           "); read it again and reapply the change"));
        }
        if (current.etag() == c.etag()) {
          result = current;
          return absl::OkStatus();
        }
        *c.mutable_create_time() = current.create_time();
        *c.mutable_update_time() = ToTimestamp(txn.Now());
        v1::Change change;
        *change.mutable_case_stored() = c;
        change.set_for_findings(stored->delivered_to_findings());
        stored->add_change_sequences(txn.AppendChange(std::move(change)));
        *stored->mutable_case_() = c;
        txn.PutCase(name.yot, name.case_id, *stored);
        result = std::move(c);
        return absl::OkStatus();
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
  // A refused erasure is recorded too, after the fact; a successful one in
  // its own batch below.
  auto record_refusal = [this, audit, done](const absl::Status& refused) {
    RecordAudit(store_, audit, refused,
                [refused, done](const absl::Status& audited) {
                  done(audited.ok() ? refused : UnauditedCall(audited));
                });
  };
  if (absl::Status status = v.ToStatus("DeleteCase request"); !status.ok()) {
    record_refusal(status);
    return;
  }
  store_.Commit(
      [name = *name, full_name = request.name(),
       audit](StoreTransaction& txn) -> absl::Status {
        ASSIGN_OR_RETURN(auto stored, txn.FindCase(name.yot, name.case_id));
        if (!stored) {
          return absl::NotFoundError(
              absl::StrCat("case ", full_name, " does not exist"));
        }
        v1::Change erasure;
        erasure.mutable_case_erased()->set_name(full_name);
        // The findings service holds every case ever sampled and must erase
        // it too.
        erasure.set_for_findings(stored->delivered_to_findings());
        // Rewrite every earlier entry that carried the case's content, keeping
        // its position and time so the log stays dense and ordered.
        for (uint64_t sequence : stored->change_sequences()) {
          ASSIGN_OR_RETURN(auto entry, txn.FindChange(sequence));
          if (!entry) continue;
          v1::Change redacted = erasure;
          redacted.set_sequence(entry->sequence());
          *redacted.mutable_commit_time() = entry->commit_time();
          redacted.set_for_findings(entry->for_findings());
          txn.RewriteChange(redacted);
        }
        txn.AppendChange(std::move(erasure));
        txn.DeleteCase(name.yot, name.case_id);
        txn.AppendAudit(audit, absl::StatusCode::kOk);
        return absl::OkStatus();
      },
      [this, done, record_refusal](const absl::Status& status) {
        if (!status.ok()) {
          record_refusal(status);
          return;
        }
        if (after_erasure_) after_erasure_();
        done(status);
      });
}

}  // namespace yjinspect::intake
