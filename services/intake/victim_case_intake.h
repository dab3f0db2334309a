#pragma once

// Victims' cases at intake: validates submitted victims' cases and stores
// them idempotently, as CaseIntake does children's cases (the two share
// stored_records.h). Domain logic only: no gRPC types here; storage through
// IntakeStore. Every victim's reference is replaced by its pseudonym (in
// the victims' domain, ReferencePseudonyms::OfVictim) once the record is
// valid, before anything is stored.

#include <functional>
#include <vector>

#include "absl/status/statusor.h"
#include "common/audit/audit_chain.h"
#include "services/intake/privacy/reference_pseudonyms.h"
#include "services/intake/storage/intake_store.h"
#include "services/intake/stored_records.h"
#include "yjinspect/v1/intake_service.pb.h"

namespace yjinspect::intake {

// The outcome of storing one victim's case.
using StoredVictimCaseResult = StoredRecord<v1::VictimCase>;

class VictimCaseIntake {
 public:
  using CreateDone =
      std::function<void(absl::StatusOr<StoredVictimCaseResult>)>;
  // One outcome per request, in order; or the refusal of the whole batch.
  using BatchDone = std::function<void(
      absl::StatusOr<std::vector<absl::StatusOr<StoredVictimCaseResult>>>)>;

  // `after_erasure` runs once each erasure is durable (it asks for the
  // erased bytes to be purged from the disk); it must not block.
  VictimCaseIntake(IntakeStore& store, const ReferencePseudonyms& pseudonyms,
                   std::function<void()> after_erasure = nullptr)
      : store_(store),
        pseudonyms_(pseudonyms),
        after_erasure_(std::move(after_erasure)) {}

  // Validates and stores one victim's case. `done` runs once the outcome
  // is durable (or at once for invalid input) and must not block.
  //  - INVALID_ARGUMENT with field violations: nothing stored;
  //  - FAILED_PRECONDITION RELATED_CASE_NOT_STORED: the child's case it
  //    relates to is not stored;
  //  - ALREADY_EXISTS: the reference is stored with different content, or
  //    the request_id was used for a different request;
  //  - OK with created=false: the same request or identical content was
  //    stored.
  void CreateVictimCase(v1::CreateVictimCaseRequest request,
                        const CreateDone& done);

  // Up to IntakeStore::kMaxBundleSize victims' cases of the batch's
  // parent, stored with one durable write, each with its own outcome as
  // CreateVictimCase gives it. The whole batch is refused
  // (INVALID_ARGUMENT, nothing stored) when its parent is malformed, it
  // holds no request or too many, or a request names another parent.
  void BatchCreateVictimCases(v1::BatchCreateVictimCasesRequest request,
                              BatchDone done);

  // Replaces a stored victim's case's content, or only the fields of
  // `update_mask`; the result is checked as a whole. NOT_FOUND for an
  // unknown one, ABORTED when `etag` is set and stale, INVALID_ARGUMENT for
  // a bad mask or content, FAILED_PRECONDITION when the related case is
  // not stored; identical content changes nothing. A sampled victim's
  // case's update goes to the findings service.
  void UpdateVictimCase(
      const v1::UpdateVictimCaseRequest& request,
      std::function<void(absl::StatusOr<v1::VictimCase>)> done);

  absl::StatusOr<v1::VictimCase> GetVictimCase(
      const v1::GetVictimCaseRequest& request) const;
  absl::StatusOr<v1::ListVictimCasesResponse> ListVictimCases(
      const v1::ListVictimCasesRequest& request) const;

  // Erases the victim's case as CaseIntake::DeleteCase erases a case, with
  // `audit` recorded the same way (never the reason given).
  void DeleteVictimCase(const v1::DeleteVictimCaseRequest& request,
                        const common::AuditEvent& audit,
                        const std::function<void(absl::Status)>& done);

 private:
  IntakeStore& store_;
  const ReferencePseudonyms& pseudonyms_;
  std::function<void()> after_erasure_;
};

}  // namespace yjinspect::intake
