#pragma once

// The findings service's durable store (RocksDB). Thread-safe.
//
// It holds what the intake stream delivered (inspections and the sampled
// cases) with the stream cursor, and the inspectors' findings with their
// history. Every change from intake is applied together with the cursor in
// one WriteBatch, and a change at or before the cursor is skipped: delivery
// is at least once, the effect exactly once.

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "common/audit/audit_chain.h"
#include "common/audit/audit_source.h"
#include "common/field_checks.h"
#include "common/storage/keyed.h"
#include "common/storage/storage_figures.h"
#include "common/storage/store_safeguards.h"
#include "yjinspect/storage/v1/storage.pb.h"
#include "yjinspect/v1/action_plan.pb.h"
#include "yjinspect/v1/admin_service.pb.h"
#include "yjinspect/v1/case.pb.h"
#include "yjinspect/v1/change.pb.h"
#include "yjinspect/v1/findings_service.pb.h"
#include "yjinspect/v1/inspection.pb.h"
#include "yjinspect/v1/recommendation.pb.h"
#include "yjinspect/v1/victim_case.pb.h"

namespace yjinspect::findings {

struct FindingsStoreOptions {
  std::string path;
  // Sync the WAL before a judgement is acknowledged. Only tests turn it
  // off. (Changes from intake need no sync: a change and its cursor are
  // lost or kept together, and intake delivers again after the cursor.)
  bool sync = true;
  // Checksums at open, the free-space reserve (rocksdb_store.h).
  common::StoreSafeguards safeguards = {};
};

using common::Keyed;

// What a findings update decides, given the current findings.
struct FindingsUpdate {
  v1::CaseFindings findings;
  v1::JudgementRevision revision;
};

// What a second-marking update decides, given the current marking.
struct SecondMarkingUpdate {
  v1::SecondMarking marking;
  v1::JudgementRevision revision;
};

// What a recommendation update decides, given the current recommendation.
struct RecommendationUpdate {
  v1::Recommendation recommendation;
  v1::RecommendationRevision revision;
};

// What an action update decides, given the current action.
struct ActionUpdate {
  v1::Action action;
  v1::ActionRevision revision;
};

class FindingsStore : public common::AuditSource {
 public:
  // FAILED_PRECONDITION when another process holds the folder; DATA_LOSS
  // when it is corrupt.
  static absl::StatusOr<std::unique_ptr<FindingsStore>> Open(
      const FindingsStoreOptions& options);
  ~FindingsStore() override = default;

  // Applies one intake change and advances the cursor to its sequence, in
  // one batch. Returns false (and changes nothing) for a change at or before
  // the cursor. An erasure (of a case or a victim's case) is audited
  // (APPLY_ERASURE by "intake-stream") in the same batch, and so is every
  // case or victim's case received (RECEIVE_CASE).
  virtual absl::StatusOr<bool> ApplyChange(const v1::Change& change) = 0;
  // The same for consecutive changes in ascending sequence order (a batched
  // StreamSampledCases response), in one batch with the cursor at the last:
  // all are applied or none. Changes at or before the cursor are skipped;
  // returns how many were applied (they are the last ones). A sequence not
  // above the one before it is DATA_LOSS and applies nothing.
  virtual absl::StatusOr<size_t> ApplyChanges(
      const google::protobuf::RepeatedPtrField<v1::Change>& changes) = 0;
  // The sequence of the last applied intake change.
  virtual uint64_t Cursor() const = 0;

  virtual absl::StatusOr<std::optional<v1::Inspection>> GetInspection(
      absl::string_view inspection_id) const = 0;
  virtual absl::StatusOr<std::optional<v1::Case>> GetCase(
      absl::string_view case_name) const = 0;
  // A sampled victim's case as intake last sent it, by its intake name.
  virtual absl::StatusOr<std::optional<v1::VictimCase>> GetVictimCase(
      absl::string_view victim_case_name) const = 0;
  // Findings and history are kept by record id (FindingsRecordId of
  // storage/keys.h): a case's reference, or "~victim~{reference}".
  virtual absl::StatusOr<std::optional<v1::CaseFindings>> GetFindings(
      absl::string_view inspection_id, absl::string_view record_id) const = 0;

  // Under the store's write lock: checks the case (or the victim's case,
  // by `case_name`) is present, reads the
  // current findings, lets `decide` compute the update (or return the
  // current findings unchanged as nullopt, or an error), and writes the
  // findings with their revision durably, with a record of `audit` (OK) in
  // the same batch; an unchanged outcome is audited on its own. Returns the
  // stored findings. On an error nothing is written, the audit record
  // neither: the caller records the refusal (AppendAudit).
  using Decide = std::function<absl::StatusOr<std::optional<FindingsUpdate>>(
      const std::optional<v1::CaseFindings>& current)>;
  virtual absl::StatusOr<v1::CaseFindings> UpdateFindings(
      absl::string_view inspection_id, absl::string_view case_name,
      absl::string_view record_id, const Decide& decide,
      const common::AuditEvent& audit) = 0;

  // A revision of a record's findings written while a second marking of the
  // record holds answers is marked after_second_marking_started (decided
  // under the same lock, so no second marking can start in between).

  // The second marker's answers for one record, kept apart from the first
  // marker's (history under "~second~{record id}"), with the rules of
  // UpdateFindings: the record must be present, `decide` runs under the
  // write lock, `audit` goes in the same batch.
  using DecideSecondMarking =
      std::function<absl::StatusOr<std::optional<SecondMarkingUpdate>>(
          const std::optional<v1::SecondMarking>& current)>;
  virtual absl::StatusOr<v1::SecondMarking> UpdateSecondMarking(
      absl::string_view inspection_id, absl::string_view case_name,
      absl::string_view record_id, const DecideSecondMarking& decide,
      const common::AuditEvent& audit) = 0;
  virtual absl::StatusOr<std::optional<v1::SecondMarking>> GetSecondMarking(
      absl::string_view inspection_id, absl::string_view record_id) const = 0;
  // Whether any revision of a record's findings was written after its
  // second marking started.
  virtual absl::StatusOr<bool> FindingsChangedAfterSecondMarking(
      absl::string_view inspection_id, absl::string_view record_id) const = 0;

  // A record's disagreement resolutions: `mutate` runs under the write lock
  // on the current ones (empty when none); the result is written with
  // `audit` in one synced batch.
  using MutateResolutions =
      std::function<absl::StatusOr<storage::v1::StoredResolutions>(
          const storage::v1::StoredResolutions& current)>;
  virtual absl::StatusOr<storage::v1::StoredResolutions> UpdateResolutions(
      absl::string_view inspection_id, absl::string_view record_id,
      const MutateResolutions& mutate, const common::AuditEvent& audit) = 0;
  virtual absl::StatusOr<storage::v1::StoredResolutions> GetResolutions(
      absl::string_view inspection_id, absl::string_view record_id) const = 0;

  // The same for one staff interview's answers (no case to check). History
  // keys of interviews are "~interview~{id}" so they never meet a case's.
  virtual absl::StatusOr<v1::CaseFindings> UpdateInterview(
      absl::string_view inspection_id, absl::string_view interview_id,
      const Decide& decide) = 0;
  virtual absl::StatusOr<std::vector<Keyed<v1::CaseFindings>>> ScanInterviews(
      absl::string_view inspection_id) const = 0;

  // Report inputs and verdict decisions of an inspection. `mutate` runs
  // under the write lock on the current value (nullopt when none) and
  // returns the value to store.
  using MutateInputs = std::function<absl::StatusOr<v1::ReportInputs>(
      const std::optional<v1::ReportInputs>& current)>;
  virtual absl::StatusOr<v1::ReportInputs> UpdateReportInputs(
      absl::string_view inspection_id, const MutateInputs& mutate) = 0;
  virtual absl::StatusOr<std::optional<v1::ReportInputs>> GetReportInputs(
      absl::string_view inspection_id) const = 0;
  // Decisions are audited like findings (`audit` in the same batch).
  using MutateDecisions = std::function<absl::StatusOr<v1::VerdictDecisions>(
      const v1::VerdictDecisions& current)>;
  virtual absl::StatusOr<v1::VerdictDecisions> UpdateDecisions(
      absl::string_view inspection_id, const MutateDecisions& mutate,
      const common::AuditEvent& audit) = 0;

  // Recommendations of an inspection's report, by their id. Under the write
  // lock: reads the current recommendation, lets `decide` compute the
  // update from it and from the number a new one would take (one more than
  // the inspection holds), or return nullopt for no change, or an error;
  // then writes the recommendation with its revision durably and `audit`
  // (OK) in the same batch; an unchanged outcome is audited on its own.
  // Returns the stored recommendation. On an error nothing is written, the
  // audit record neither: the caller records the refusal (AppendAudit).
  using DecideRecommendation =
      std::function<absl::StatusOr<std::optional<RecommendationUpdate>>(
          const std::optional<v1::Recommendation>& current,
          int32_t next_number)>;
  virtual absl::StatusOr<v1::Recommendation> UpdateRecommendation(
      absl::string_view inspection_id, absl::string_view recommendation_id,
      const DecideRecommendation& decide, const common::AuditEvent& audit) = 0;
  virtual absl::StatusOr<std::optional<v1::Recommendation>> GetRecommendation(
      absl::string_view inspection_id,
      absl::string_view recommendation_id) const = 0;
  // Every recommendation of one inspection, in id order (reports hold tens).
  virtual absl::StatusOr<std::vector<Keyed<v1::Recommendation>>>
  ScanRecommendations(absl::string_view inspection_id) const = 0;
  // Revisions of one recommendation, oldest first, after `after_key`.
  virtual absl::StatusOr<std::vector<Keyed<v1::RecommendationRevision>>>
  ScanRecommendationHistory(absl::string_view inspection_id,
                            absl::string_view recommendation_id,
                            absl::string_view after_key,
                            size_t limit) const = 0;

  // Actions of a service's action plan, each under its recommendation, by
  // their ids. Under the write lock: reads the current action, lets
  // `decide` compute the update from it, or return nullopt for no change,
  // or an error; then writes the action with its revision durably and
  // `audit` (OK) in the same batch; an unchanged outcome is audited on its
  // own. Returns the stored action. On an error nothing is written, the
  // audit record neither: the caller records the refusal (AppendAudit).
  using DecideAction =
      std::function<absl::StatusOr<std::optional<ActionUpdate>>(
          const std::optional<v1::Action>& current)>;
  virtual absl::StatusOr<v1::Action> UpdateAction(
      absl::string_view inspection_id, absl::string_view recommendation_id,
      absl::string_view action_id, const DecideAction& decide,
      const common::AuditEvent& audit) = 0;
  virtual absl::StatusOr<std::optional<v1::Action>> GetAction(
      absl::string_view inspection_id, absl::string_view recommendation_id,
      absl::string_view action_id) const = 0;
  // Actions of one recommendation, or of every recommendation of the
  // inspection when `recommendation_id` is empty, by recommendation id then
  // action id, after `after_key`, at most `limit`.
  virtual absl::StatusOr<std::vector<Keyed<v1::Action>>> ScanActions(
      absl::string_view inspection_id, absl::string_view recommendation_id,
      absl::string_view after_key, size_t limit) const = 0;
  // Revisions of one action, oldest first, after `after_key`.
  virtual absl::StatusOr<std::vector<Keyed<v1::ActionRevision>>>
  ScanActionHistory(absl::string_view inspection_id,
                    absl::string_view recommendation_id,
                    absl::string_view action_id, absl::string_view after_key,
                    size_t limit) const = 0;
  // Every inspection received from intake, by id (a service holds tens):
  // how the board summary finds a YOT's previous inspection.
  virtual absl::StatusOr<std::vector<Keyed<v1::Inspection>>> ScanInspections()
      const = 0;

  // Appends one audit record durably (a read, or a refused change).
  virtual absl::Status AppendAudit(const common::AuditEvent& event,
                                   absl::StatusCode outcome) = 0;

  // Makes erased content leave the disk: flush every memtable (the WAL files
  // holding it become obsolete and are deleted), then rewrite every table.
  virtual absl::Status PurgeErasedContent() = 0;
  virtual absl::StatusOr<v1::VerdictDecisions> GetDecisions(
      absl::string_view inspection_id) const = 0;

  // Findings of one inspection in case order, after `after_key`.
  virtual absl::StatusOr<std::vector<Keyed<v1::CaseFindings>>> ScanFindings(
      absl::string_view inspection_id, absl::string_view after_key,
      size_t limit) const = 0;
  // Revisions of one record's findings, oldest first, after `after_key`.
  virtual absl::StatusOr<std::vector<Keyed<v1::JudgementRevision>>> ScanHistory(
      absl::string_view inspection_id, absl::string_view record_id,
      absl::string_view after_key, size_t limit) const = 0;
  // Takes an online backup of the whole store into `backup_dir` while
  // changes and judgements go on being written
  // (common/storage/store_backups.h): it holds every judgement acknowledged
  // before the call.
  virtual absl::StatusOr<v1::Backup> CreateBackup(
      const std::string& backup_dir, const v1::BackupMetadata& metadata) = 0;
  // Refuses every later write and backup (UNAVAILABLE): the host calls it
  // once the server and the feed have stopped, so nothing reaches the store
  // while it closes. Reads go on; the destructor flushes and closes.
  virtual void Close() = 0;
  // Every case the stream delivered, for tests and status.
  virtual absl::StatusOr<std::vector<v1::Case>> AllCasesForTest() const = 0;
  // Every victim's case the stream delivered, for tests.
  virtual absl::StatusOr<std::vector<v1::VictimCase>> AllVictimCasesForTest()
      const = 0;
  // Size and write stalls of the RocksDB store, for metrics.
  virtual common::StorageFigures Figures() const = 0;
};

// The inspection `name` (whose id is `inspection_id`) as intake last sent
// it; NOT_FOUND when it does not exist or has not arrived yet.
inline absl::StatusOr<v1::Inspection> KnownInspection(
    const FindingsStore& store, absl::string_view inspection_id,
    absl::string_view name) {
  absl::StatusOr<std::optional<v1::Inspection>> found =
      store.GetInspection(inspection_id);
  if (!found.ok()) return found.status();
  if (!found->has_value()) {
    return absl::NotFoundError(absl::StrCat(
        "inspection ", name, " is not known to the findings service"));
  }
  return std::move(**found);
}

// The id of the inspection a request names in its field `inspection`, once
// the inspection is known here: INVALID_ARGUMENT naming the field (in
// `what`, "GetVerdictDecisions request") for a malformed name; NOT_FOUND as
// KnownInspection.
inline absl::StatusOr<std::string> KnownInspectionId(const FindingsStore& store,
                                                     absl::string_view name,
                                                     absl::string_view what) {
  absl::StatusOr<std::string> id =
      common::RequireInspectionName("inspection", name, what);
  if (!id.ok()) return id.status();
  absl::Status known = KnownInspection(store, *id, name).status();
  if (!known.ok()) return known;
  return id;
}

}  // namespace yjinspect::findings
