#pragma once

// Case intake: validates submitted cases and stores them idempotently.
// Domain logic only: no gRPC types here; storage through IntakeStore.

#include <functional>
#include <vector>

#include "absl/status/statusor.h"
#include "common/audit/audit_chain.h"
#include "services/intake/privacy/reference_pseudonyms.h"
#include "services/intake/storage/intake_store.h"
#include "services/intake/stored_records.h"
#include "yjinspect/v1/intake_service.pb.h"

namespace yjinspect::intake {

// The outcome of storing one case.
using StoredCaseResult = StoredRecord<v1::Case>;

class CaseIntake {
 public:
  using CreateDone = std::function<void(absl::StatusOr<StoredCaseResult>)>;
  using BatchDone =
      std::function<void(std::vector<absl::StatusOr<StoredCaseResult>>)>;

  // Every child reference is replaced by its pseudonym under `pseudonyms`
  // once the case is valid, before anything is stored. `after_erasure` runs
  // once each erasure is durable (it asks for the erased bytes to be purged
  // from the disk); it must not block.
  CaseIntake(IntakeStore& store, const ReferencePseudonyms& pseudonyms,
             std::function<void()> after_erasure = nullptr)
      : store_(store),
        pseudonyms_(pseudonyms),
        after_erasure_(std::move(after_erasure)) {}

  // Validates and stores one case. `done` runs once the outcome is durable
  // (or at once for invalid input), possibly on the store's committer
  // thread: it must not block.
  //  - INVALID_ARGUMENT with field violations: nothing stored;
  //  - ALREADY_EXISTS: the reference is stored with different content, or
  //    the request_id was used for a different request;
  //  - OK with created=false: the same request or identical case was stored.
  void CreateCase(v1::CreateCaseRequest request, const CreateDone& done);

  // The same for a chunk of a bulk load, stored with one durable write; one
  // result per request, in order.
  void CreateCases(std::vector<v1::CreateCaseRequest> requests, BatchDone done);

  // Replaces a stored case's content. NOT_FOUND for an unknown case,
  // ABORTED when `etag` is set and stale; identical content changes
  // nothing. A sampled case's update goes to the findings service.
  void UpdateCase(const v1::UpdateCaseRequest& request,
                  std::function<void(absl::StatusOr<v1::Case>)> done);

  absl::StatusOr<v1::Case> GetCase(const v1::GetCaseRequest& request) const;
  absl::StatusOr<v1::ListCasesResponse> ListCases(
      const v1::ListCasesRequest& request) const;

  // Erases the case and every change-log entry carrying its content; appends
  // an erasure to the log. NOT_FOUND when there is no such case. `audit` is
  // recorded with the outcome: in the erasure's own batch when it succeeds,
  // on its own when it fails. The record keeps the case's name only (never
  // the reason given, which is free text).
  void DeleteCase(const v1::DeleteCaseRequest& request,
                  const common::AuditEvent& audit,
                  const std::function<void(absl::Status)>& done);

 private:
  IntakeStore& store_;
  const ReferencePseudonyms& pseudonyms_;
  std::function<void()> after_erasure_;
};

}  // namespace yjinspect::intake
