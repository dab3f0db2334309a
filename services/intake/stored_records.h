#pragma once

// What intake does alike for the records a YOT submits, keeps idempotently
// and may erase: children's cases (case_intake.h) and victims' cases
// (victim_case_intake.h). Each is described by a record kind, a struct of
// static members:
//
//   using Resource = v1::Case;                // the API's message
//   using Stored = storage::v1::StoredCase;   // the store's record of it
//   using Name = common::CaseName;            // its parsed name
//   static constexpr absl::string_view kNoun = "case";  // in messages
//   static constexpr absl::string_view kRequestKind = "case";  // request ids
//   static constexpr absl::string_view kDeleteMethod = "DeleteCase";
//   static std::string Format(const Name&);   // the resource name
//   static const Resource& Of(const Stored&);
//   static Resource* MutableOf(Stored*);
//   static absl::StatusOr<std::optional<Stored>> Find(StoreTransaction&,
//                                                      const Name&);
//   static void Put(StoreTransaction&, const Name&, const Stored&);
//   static void Delete(StoreTransaction&, const Name&);
//   static void SetStored(v1::Change&, const Resource&);   // the log entry
//   static void SetErased(v1::Change&, const std::string& name);
//   static void SetSampled(v1::Change&, const std::string& inspection,
//                          const Resource&);
//   // What must hold in the store for the content to be stored (refusal
//   // otherwise), checked inside the commit.
//   static absl::Status CheckInStore(StoreTransaction&, const Name&,
//                                    const Resource&);
//
// Domain logic only: no gRPC or RocksDB types.

#include <algorithm>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "common/audit/audit_chain.h"
#include "common/error_details.h"
#include "common/error_reasons.h"
#include "common/fingerprint.h"
#include "common/status_macros.h"
#include "google/protobuf/repeated_field.h"
#include "google/protobuf/timestamp.pb.h"
#include "services/intake/storage/intake_store.h"

namespace yjinspect::intake {

// The outcome of storing one record.
template <typename Resource>
struct StoredRecord {
  Resource stored;
  // False when an identical record (or the same request) was already
  // stored.
  bool created = false;
};

google::protobuf::Timestamp ToTimestamp(absl::Time time);

// The stored content of a record without its output-only fields: what
// "identical content" compares, and what the etag fingerprints.
template <typename Resource>
std::string ContentFingerprint(const Resource& record) {
  Resource content = record;
  content.clear_name();
  content.clear_create_time();
  content.clear_update_time();
  content.clear_etag();
  return common::FingerprintMessage(content);
}

// The record as submitted, ready to store: unknown fields dropped (a newer
// client's field could carry data we have not vetted), output-only fields
// replaced by ours (`name`; no times yet; the etag of the content).
template <typename Resource>
void Normalise(Resource& record, std::string name) {
  record.DiscardUnknownFields();
  record.set_name(std::move(name));
  record.clear_create_time();
  record.clear_update_time();
  record.set_etag(ContentFingerprint(record));
}

// Applies one validated, pseudonymised, normalised create inside a group
// commit: a retry of a request (same request_id and the same
// `request_fingerprint`, the fingerprint of the request without its
// request_id) or identical content gives the stored record; other content
// under the same name ALREADY_EXISTS.
template <typename Kind>
absl::Status ApplyCreate(StoreTransaction& txn, const std::string& request_id,
                         const std::string& request_fingerprint,
                         const typename Kind::Name& name,
                         typename Kind::Resource record,
                         StoredRecord<typename Kind::Resource>& result) {
  if (!request_id.empty()) {
    ASSIGN_OR_RETURN(auto found,
                     txn.FindRequest(Kind::kRequestKind, request_id));
    if (found && found->request_fingerprint() != request_fingerprint) {
      return common::AlreadyExists(
          common::kRequestIdReused,
          absl::StrCat("request_id ", request_id,
                       " was already used for a different "
                       "request; use a new request_id for a new request"));
    }
    if (found) {
      // A retry of a request that succeeded: its record as it is now, even
      // if it was corrected since; never a second create (an erased record
      // must not come back from a late retry).
      ASSIGN_OR_RETURN(auto stored, Kind::Find(txn, name));
      if (!stored) {
        return common::FailedPrecondition(
            common::kCaseErased, {common::kRequestIdViolation, record.name()},
            absl::StrCat(Kind::kNoun, " ", record.name(),
                         " was created by request_id ", request_id,
                         " and has since been erased; send a new request_id "
                         "to submit it again"));
      }
      result = {Kind::Of(*stored), false};
      return absl::OkStatus();
    }
  }
  ASSIGN_OR_RETURN(auto existing, Kind::Find(txn, name));
  if (existing) {
    if (Kind::Of(*existing).etag() == record.etag()) {
      result = {Kind::Of(*existing), false};
      return absl::OkStatus();
    }
    return common::AlreadyExists(
        common::kCaseExistsWithOtherContent,
        absl::StrCat(Kind::kNoun, " ", record.name(),
                     " is already stored with different content; "
                     "erase it first (",
                     Kind::kDeleteMethod, ") to submit it again"),
        {{"resource", record.name()}});
  }
  RETURN_IF_ERROR(Kind::CheckInStore(txn, name, record));
  *record.mutable_create_time() = ToTimestamp(txn.Now());
  *record.mutable_update_time() = record.create_time();
  v1::Change change;
  Kind::SetStored(change, record);
  typename Kind::Stored stored;
  stored.add_change_sequences(txn.AppendChange(std::move(change)));
  *Kind::MutableOf(&stored) = record;
  Kind::Put(txn, name, stored);
  if (!request_id.empty()) {
    storage::v1::RequestRecord request_record;
    request_record.set_resource_name(record.name());
    request_record.set_request_fingerprint(request_fingerprint);
    txn.PutRequest(Kind::kRequestKind, request_id, request_record);
  }
  result = {std::move(record), true};
  return absl::OkStatus();
}

// The step that applies a create (ApplyCreate) of a record already checked
// and normalised; `done` gets the outcome once durable. The request's
// fingerprint is taken here, on the caller's thread, not in the commit.
template <typename Kind, typename Request>
IntakeStore::Step CreateStep(
    Request request, typename Kind::Name name, typename Kind::Resource record,
    std::function<void(absl::StatusOr<StoredRecord<typename Kind::Resource>>)>
        done) {
  using Result = StoredRecord<typename Kind::Resource>;
  auto result = std::make_shared<Result>();
  // The request without its request_id identifies a retry (ApplyCreate).
  std::string request_id = std::move(*request.mutable_request_id());
  request.clear_request_id();
  std::string request_fingerprint;
  if (!request_id.empty()) {
    request_fingerprint = common::FingerprintMessage(request);
  }
  IntakeStore::Step step;
  step.mutation = [request_id = std::move(request_id),
                   request_fingerprint = std::move(request_fingerprint),
                   name = std::move(name), record = std::move(record),
                   result](StoreTransaction& txn) {
    return ApplyCreate<Kind>(txn, request_id, request_fingerprint, name, record,
                             *result);
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

// Commits a create prepared as CreateStep, or hands its refusal (made
// before the store) to `refused`.
inline void CommitPrepared(
    IntakeStore& store, absl::StatusOr<IntakeStore::Step> step,
    const std::function<void(const absl::Status&)>& refused) {
  if (!step.ok()) {
    refused(step.status());
    return;
  }
  store.Commit(std::move(step->mutation), std::move(step->done));
}

// Stores a chunk of creates with one durable write (CommitBundle): each of
// `requests` becomes a step through `prepare(request, done_i)` (its
// refusal, when it is refused before the store), and `done` gets every
// outcome, in order, once the last is known.
template <typename Result, typename Request, typename Prepare>
void CommitEach(IntakeStore& store, std::vector<Request> requests,
                Prepare prepare,
                std::function<void(std::vector<absl::StatusOr<Result>>)> done) {
  struct Gather {
    absl::Mutex mu;
    std::vector<absl::StatusOr<Result>> results;
    size_t pending = 0;
    std::function<void(std::vector<absl::StatusOr<Result>>)> done;
  };
  if (requests.empty()) {
    done({});
    return;
  }
  auto gather = std::make_shared<Gather>();
  gather->results.resize(requests.size(),
                         absl::UnknownError("not yet processed"));
  gather->pending = requests.size();
  gather->done = std::move(done);
  auto record = [gather](size_t i, absl::StatusOr<Result> r) {
    bool last = false;
    {
      absl::MutexLock lock(&gather->mu);
      gather->results[i] = std::move(r);
      last = --gather->pending == 0;
    }
    if (last) gather->done(std::move(gather->results));
  };
  std::vector<IntakeStore::Step> steps;
  for (size_t i = 0; i < requests.size(); ++i) {
    absl::StatusOr<IntakeStore::Step> step = prepare(
        std::move(requests[i]),
        [record, i](absl::StatusOr<Result> r) { record(i, std::move(r)); });
    if (step.ok()) {
      steps.push_back(std::move(*step));
    } else {
      record(i, step.status());
    }
  }
  if (!steps.empty()) store.CommitBundle(std::move(steps));
}

// Replaces a stored record's content inside a commit. `next(current)` gives
// the new content (checked; its name set) from the stored one. NOT_FOUND
// for an unknown record, ABORTED when `expected_etag` is set and stale;
// identical content changes nothing. A record that went to the findings
// service sends its update there too.
template <typename Kind>
absl::Status ApplyUpdate(
    StoreTransaction& txn, const typename Kind::Name& name,
    const std::string& expected_etag,
    const std::function<absl::StatusOr<typename Kind::Resource>(
        const typename Kind::Resource& current)>& next,
    typename Kind::Resource& result) {
  const std::string full_name = Kind::Format(name);
  ASSIGN_OR_RETURN(auto stored, Kind::Find(txn, name));
  if (!stored) {
    return absl::NotFoundError(
        absl::StrCat(Kind::kNoun, " ", full_name, " does not exist"));
  }
  const typename Kind::Resource& current = Kind::Of(*stored);
  if (!expected_etag.empty() && expected_etag != current.etag()) {
    return common::EtagMismatch(
        full_name, absl::StrCat(Kind::kNoun, " ", full_name,
                                " changed since it was read (etag ",
                                expected_etag, ", now ", current.etag(),
                                "); read it again and reapply the change"));
  }
  ASSIGN_OR_RETURN(typename Kind::Resource record, next(current));
  if (current.etag() == record.etag()) {
    result = current;
    return absl::OkStatus();
  }
  RETURN_IF_ERROR(Kind::CheckInStore(txn, name, record));
  *record.mutable_create_time() = current.create_time();
  *record.mutable_update_time() = ToTimestamp(txn.Now());
  v1::Change change;
  Kind::SetStored(change, record);
  change.set_for_findings(stored->delivered_to_findings());
  stored->add_change_sequences(txn.AppendChange(std::move(change)));
  *Kind::MutableOf(&*stored) = record;
  Kind::Put(txn, name, *stored);
  result = std::move(record);
  return absl::OkStatus();
}

// Rewrites every log entry at `sequences` to `erasure`, keeping each
// entry's position, time and for_findings so the log stays dense and
// ordered and the findings feed keeps its entries.
absl::Status RewriteToErasure(
    StoreTransaction& txn,
    const google::protobuf::RepeatedField<uint64_t>& sequences,
    const v1::Change& erasure);

// Erases a record inside a commit: the record goes, every log entry that
// carried its content is rewritten to an erasure, an erasure is appended
// (for the findings service when the record ever went there), and `audit`
// is recorded in the same batch. NOT_FOUND when there is no such record.
template <typename Kind>
absl::Status ApplyErasure(StoreTransaction& txn,
                          const typename Kind::Name& name,
                          const common::AuditEvent& audit) {
  const std::string full_name = Kind::Format(name);
  ASSIGN_OR_RETURN(auto stored, Kind::Find(txn, name));
  if (!stored) {
    return absl::NotFoundError(
        absl::StrCat(Kind::kNoun, " ", full_name, " does not exist"));
  }
  v1::Change erasure;
  Kind::SetErased(erasure, full_name);
  // The findings service holds every record ever sampled and must erase it
  // too.
  erasure.set_for_findings(stored->delivered_to_findings());
  RETURN_IF_ERROR(RewriteToErasure(txn, stored->change_sequences(), erasure));
  txn.AppendChange(std::move(erasure));
  Kind::Delete(txn, name);
  txn.AppendAudit(audit, absl::StatusCode::kOk);
  return absl::OkStatus();
}

// An erasure requested by a caller, audited either way: `refused` (the
// request's violations) or the outcome of `erase` (ApplyErasure) is
// recorded with `audit` (a refusal after the fact, on its own; a success in
// the erasure's own batch). `after_erasure` runs once an erasure is
// durable. `done` gets the outcome.
void CommitAuditedErasure(IntakeStore& store, const common::AuditEvent& audit,
                          const absl::Status& refused,
                          IntakeStore::Mutation erase,
                          std::function<void()> after_erasure,
                          std::function<void(absl::Status)> done);

// Puts the record `name` in the sample of `inspection` (its resource name)
// inside the draw's commit: it is marked as sampled by the inspection and
// as delivered to the findings service (so its later changes and erasure go
// there too), and a sampled entry carrying its content goes to the feed.
// NOT_FOUND when it is not stored.
template <typename Kind>
absl::Status TakeIntoSample(StoreTransaction& txn,
                            const std::string& inspection,
                            const typename Kind::Name& name) {
  ASSIGN_OR_RETURN(auto stored, Kind::Find(txn, name));
  if (!stored) {
    return absl::NotFoundError(
        absl::StrCat(Kind::kNoun, " ", Kind::Format(name), " does not exist"));
  }
  stored->add_sampled_by(inspection);
  stored->set_delivered_to_findings(true);
  v1::Change change;
  change.set_for_findings(true);
  Kind::SetSampled(change, inspection, Kind::Of(*stored));
  stored->add_change_sequences(txn.AppendChange(std::move(change)));
  Kind::Put(txn, name, *stored);
  return absl::OkStatus();
}

// Takes `inspection` out of the record's sampled_by (a reset or redraw);
// nothing when the record has been erased since.
template <typename Kind>
absl::Status ReleaseFromSample(StoreTransaction& txn,
                               const std::string& inspection,
                               const typename Kind::Name& name) {
  ASSIGN_OR_RETURN(auto stored, Kind::Find(txn, name));
  if (!stored) return absl::OkStatus();
  auto* by = stored->mutable_sampled_by();
  by->erase(std::remove(by->begin(), by->end(), inspection), by->end());
  Kind::Put(txn, name, *stored);
  return absl::OkStatus();
}

}  // namespace yjinspect::intake
