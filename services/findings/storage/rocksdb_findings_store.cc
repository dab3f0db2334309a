// FindingsStore on RocksDB: the only file of the findings service that
// includes RocksDB headers. What both stores share (opening, reads, the
// audit trail, backups, purges, close) is common::RocksDbStore; this file
// holds the findings schema's writes.

#include <atomic>
#include <utility>

#include "absl/base/thread_annotations.h"
#include "absl/strings/str_cat.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/clock.h"
#include "common/error_details.h"
#include "common/error_reasons.h"
#include "common/resource_names.h"
#include "common/status_macros.h"
#include "common/storage/rocksdb_audit_trail.h"
#include "common/storage/rocksdb_status.h"
#include "common/storage/rocksdb_store.h"
#include "rocksdb/write_batch.h"
#include "services/findings/storage/column_families.h"
#include "services/findings/storage/findings_store.h"
#include "services/findings/storage/keys.h"

namespace yjinspect::findings {
namespace {

using common::FromRocksDb;

constexpr absl::string_view kShuttingDown =
    "the findings store is shutting down";

class RocksFindingsStore final : public FindingsStore {
 public:
  RocksFindingsStore(std::unique_ptr<common::RocksDbStore> store, bool sync,
                     uint64_t cursor)
      : store_(std::move(store)),
        sync_(sync),
        cursor_(cursor),
        audit_head_(store_->audit_head_at_open()) {}

  common::StorageFigures Figures() const override { return store_->Figures(); }

  void Close() override {
    absl::MutexLock lock(&write_mu_);
    closed_ = true;
  }

  absl::StatusOr<v1::Backup> CreateBackup(
      const std::string& backup_dir,
      const v1::BackupMetadata& metadata) override {
    RETURN_IF_ERROR(CheckOpen());
    return store_->CreateBackup(backup_dir, metadata);
  }

  // A victim's case as intake sent it, received as a case is.
  void PutVictimCase(rocksdb::WriteBatch& batch, const v1::Change& change,
                     const v1::VictimCase& victim_case)
      ABSL_EXCLUSIVE_LOCKS_REQUIRED(write_mu_) {
    batch.Put(Handle(ColumnFamily::kVictimCases), victim_case.name(),
              victim_case.SerializeAsString());
    PutReceivedCaseAudit(batch, change, victim_case.name());
  }

  // Case content reaching this store is audited in the same batch as the
  // case: by the stream, under the request id of the intake call that made
  // the change.
  void PutReceivedCaseAudit(rocksdb::WriteBatch& batch,
                            const v1::Change& change,
                            const std::string& case_name)
      ABSL_EXCLUSIVE_LOCKS_REQUIRED(write_mu_) {
    PutAudit(batch,
             StreamEvent(change.request_id().empty()
                             ? absl::StrCat("change-", change.sequence())
                             : change.request_id(),
                         v1::AUDIT_ACTION_RECEIVE_CASE, case_name),
             absl::StatusCode::kOk);
  }

  absl::StatusOr<bool> ApplyChange(const v1::Change& change) override {
    google::protobuf::RepeatedPtrField<v1::Change> one;
    *one.Add() = change;
    ASSIGN_OR_RETURN(size_t applied, ApplyChanges(one));
    return applied == 1;
  }

  absl::StatusOr<size_t> ApplyChanges(
      const google::protobuf::RepeatedPtrField<v1::Change>& changes) override {
    absl::MutexLock lock(&write_mu_);
    RETURN_IF_ERROR(CheckOpenLocked());
    const uint64_t cursor = cursor_.load();
    uint64_t last = 0;
    size_t applied = 0;
    rocksdb::WriteBatch batch;
    for (const v1::Change& change : changes) {
      // (A checkpoint at sequence 0, intake's greeting while its log is
      // empty, may come first.)
      if (&change != &changes[0] && change.sequence() <= last) {
        pending_audit_head_.reset();
        return absl::DataLossError(absl::StrCat(
            "intake sent change ", change.sequence(), " after change ", last,
            ": a batch must be in ascending sequence order"));
      }
      last = change.sequence();
      if (change.sequence() <= cursor) continue;
      // An erasure reads the store (the inspections of the case's YOT) but
      // nothing an earlier change of the same batch writes can matter to
      // it: findings are never written by the stream, and a case stored
      // earlier in the batch is deleted by the erasure's later Delete.
      if (absl::Status put = PutChange(batch, change); !put.ok()) {
        pending_audit_head_.reset();
        return put;
      }
      ++applied;
    }
    if (applied == 0) return 0;
    batch.Put(Handle(ColumnFamily::kMeta), std::string(kCursorKey),
              EncodeUint64(last));
    // No sync: the changes and their cursor are kept or lost together.
    RETURN_IF_ERROR(AuditedWrite(rocksdb::WriteOptions(), batch,
                                 "applying intake changes"));
    cursor_.store(last);
    return applied;
  }

  // Puts what one intake change does to the store into `batch`.
  absl::Status PutChange(rocksdb::WriteBatch& batch, const v1::Change& change)
      ABSL_EXCLUSIVE_LOCKS_REQUIRED(write_mu_) {
    switch (change.kind_case()) {
      case v1::Change::kInspectionStored: {
        auto id =
            common::ParseInspectionName(change.inspection_stored().name());
        if (!id)
          return absl::DataLossError("intake sent a malformed inspection");
        batch.Put(Handle(ColumnFamily::kInspections), *id,
                  change.inspection_stored().SerializeAsString());
        break;
      }
      case v1::Change::kCaseSampled:
        batch.Put(Handle(ColumnFamily::kCases),
                  change.case_sampled().case_().name(),
                  change.case_sampled().case_().SerializeAsString());
        PutReceivedCaseAudit(batch, change,
                             change.case_sampled().case_().name());
        break;
      case v1::Change::kCaseStored:
        batch.Put(Handle(ColumnFamily::kCases), change.case_stored().name(),
                  change.case_stored().SerializeAsString());
        PutReceivedCaseAudit(batch, change, change.case_stored().name());
        break;
      case v1::Change::kCaseErased:
        RETURN_IF_ERROR(EraseRecord(change.case_erased().name(), batch));
        PutAudit(batch,
                 StreamEvent(absl::StrCat("change-", change.sequence()),
                             v1::AUDIT_ACTION_APPLY_ERASURE,
                             change.case_erased().name()),
                 absl::StatusCode::kOk);
        break;
      case v1::Change::kVictimCaseSampled:
        PutVictimCase(batch, change,
                      change.victim_case_sampled().victim_case());
        break;
      case v1::Change::kVictimCaseStored:
        PutVictimCase(batch, change, change.victim_case_stored());
        break;
      case v1::Change::kVictimCaseErased:
        RETURN_IF_ERROR(EraseRecord(change.victim_case_erased().name(), batch));
        PutAudit(batch,
                 StreamEvent(absl::StrCat("change-", change.sequence()),
                             v1::AUDIT_ACTION_APPLY_ERASURE,
                             change.victim_case_erased().name()),
                 absl::StatusCode::kOk);
        break;
      case v1::Change::KIND_NOT_SET:
        break;  // nothing to apply; the cursor still moves past it
    }
    return absl::OkStatus();
  }

  uint64_t Cursor() const override { return cursor_.load(); }

  absl::StatusOr<std::optional<v1::VictimCase>> GetVictimCase(
      absl::string_view victim_case_name) const override {
    return store_->Get<v1::VictimCase>(ColumnFamily::kVictimCases,
                                       std::string(victim_case_name),
                                       "victim case");
  }

  absl::StatusOr<std::optional<v1::Inspection>> GetInspection(
      absl::string_view inspection_id) const override {
    return store_->Get<v1::Inspection>(
        ColumnFamily::kInspections, std::string(inspection_id), "inspection");
  }

  absl::StatusOr<std::optional<v1::Case>> GetCase(
      absl::string_view case_name) const override {
    return store_->Get<v1::Case>(ColumnFamily::kCases, std::string(case_name),
                                 "case");
  }

  absl::StatusOr<std::optional<v1::CaseFindings>> GetFindings(
      absl::string_view inspection_id,
      absl::string_view record_id) const override {
    return store_->Get<v1::CaseFindings>(ColumnFamily::kFindings,
                                         FindingsKey(inspection_id, record_id),
                                         "findings");
  }

  absl::StatusOr<v1::CaseFindings> UpdateFindings(
      absl::string_view inspection_id, absl::string_view case_name,
      absl::string_view record_id, const Decide& decide,
      const common::AuditEvent& audit) override {
    absl::MutexLock lock(&write_mu_);
    RETURN_IF_ERROR(CheckOpenLocked());
    RETURN_IF_ERROR(CheckRecordPresent(case_name));

    // Decided under the lock: a second marking cannot start in between.
    ASSIGN_OR_RETURN(auto second, GetSecondMarking(inspection_id, record_id));
    const bool second_started = second && !second->judgements().empty();
    return UpdateLocked(
        ColumnFamily::kFindings, inspection_id, record_id, record_id,
        [&](const std::optional<v1::CaseFindings>& current)
            -> absl::StatusOr<std::optional<FindingsUpdate>> {
          ASSIGN_OR_RETURN(auto update, decide(current));
          if (update && second_started) {
            update->revision.set_after_second_marking_started(true);
          }
          return update;
        },
        &audit);
  }

  absl::StatusOr<v1::SecondMarking> UpdateSecondMarking(
      absl::string_view inspection_id, absl::string_view case_name,
      absl::string_view record_id, const DecideSecondMarking& decide,
      const common::AuditEvent& audit) override {
    absl::MutexLock lock(&write_mu_);
    RETURN_IF_ERROR(CheckOpenLocked());
    RETURN_IF_ERROR(CheckRecordPresent(case_name));
    ASSIGN_OR_RETURN(auto current, GetSecondMarking(inspection_id, record_id));
    ASSIGN_OR_RETURN(auto update, decide(current));
    if (!update) return WriteUnchanged(audit, *std::move(current));
    RETURN_IF_ERROR(WriteRevised(
        {ColumnFamily::kSecondMarkings, ColumnFamily::kHistory,
         "writing a second marking"},
        inspection_id, record_id, update->marking, update->revision,
        update->revision.revision(), audit, SecondMarkingHistoryId(record_id)));
    return std::move(update->marking);
  }

  absl::StatusOr<std::optional<v1::SecondMarking>> GetSecondMarking(
      absl::string_view inspection_id,
      absl::string_view record_id) const override {
    return store_->Get<v1::SecondMarking>(ColumnFamily::kSecondMarkings,
                                          FindingsKey(inspection_id, record_id),
                                          "second marking");
  }

  absl::StatusOr<bool> FindingsChangedAfterSecondMarking(
      absl::string_view inspection_id,
      absl::string_view record_id) const override {
    ASSIGN_OR_RETURN(auto history,
                     store_->Scan<v1::JudgementRevision>(
                         ColumnFamily::kHistory,
                         common::KeysIn(HistoryPrefix(inspection_id, record_id),
                                        HistoryLimit(inspection_id, record_id)),
                         "judgement revision"));
    for (const auto& entry : history) {
      if (entry.value.after_second_marking_started()) return true;
    }
    return false;
  }

  absl::StatusOr<storage::v1::StoredResolutions> UpdateResolutions(
      absl::string_view inspection_id, absl::string_view record_id,
      const MutateResolutions& mutate,
      const common::AuditEvent& audit) override {
    absl::MutexLock lock(&write_mu_);
    RETURN_IF_ERROR(CheckOpenLocked());
    ASSIGN_OR_RETURN(auto current, GetResolutions(inspection_id, record_id));
    ASSIGN_OR_RETURN(storage::v1::StoredResolutions next, mutate(current));
    rocksdb::WriteBatch batch;
    PutAudit(batch, audit, absl::StatusCode::kOk);
    batch.Put(Handle(ColumnFamily::kResolutions),
              FindingsKey(inspection_id, record_id), next.SerializeAsString());
    RETURN_IF_ERROR(AuditedWrite(SyncedWrite(), batch, "writing a resolution"));
    return next;
  }

  absl::StatusOr<storage::v1::StoredResolutions> GetResolutions(
      absl::string_view inspection_id,
      absl::string_view record_id) const override {
    ASSIGN_OR_RETURN(auto held,
                     store_->Get<storage::v1::StoredResolutions>(
                         ColumnFamily::kResolutions,
                         FindingsKey(inspection_id, record_id), "resolutions"));
    return held.value_or(storage::v1::StoredResolutions());
  }

  absl::StatusOr<v1::CaseFindings> UpdateInterview(
      absl::string_view inspection_id, absl::string_view interview_id,
      const Decide& decide) override {
    absl::MutexLock lock(&write_mu_);
    RETURN_IF_ERROR(CheckOpenLocked());
    return UpdateLocked(ColumnFamily::kInterviews, inspection_id, interview_id,
                        absl::StrCat("~interview~", interview_id), decide,
                        nullptr);
  }

  absl::StatusOr<std::vector<Keyed<v1::CaseFindings>>> ScanInterviews(
      absl::string_view inspection_id) const override {
    return store_->Scan<v1::CaseFindings>(
        ColumnFamily::kInterviews,
        common::KeysIn(FindingsPrefix(inspection_id),
                       FindingsLimit(inspection_id)),
        "interview");
  }

  absl::StatusOr<v1::ReportInputs> UpdateReportInputs(
      absl::string_view inspection_id, const MutateInputs& mutate) override {
    absl::MutexLock lock(&write_mu_);
    RETURN_IF_ERROR(CheckOpenLocked());
    ASSIGN_OR_RETURN(auto current, GetReportInputs(inspection_id));
    ASSIGN_OR_RETURN(v1::ReportInputs next, mutate(current));
    RETURN_IF_ERROR(FromRocksDb(
        store_->db().Put(SyncedWrite(), Handle(ColumnFamily::kReportInputs),
                         std::string(inspection_id), next.SerializeAsString()),
        "writing report inputs"));
    return next;
  }

  absl::StatusOr<std::optional<v1::ReportInputs>> GetReportInputs(
      absl::string_view inspection_id) const override {
    return store_->Get<v1::ReportInputs>(ColumnFamily::kReportInputs,
                                         std::string(inspection_id),
                                         "report inputs");
  }

  absl::StatusOr<v1::VerdictDecisions> UpdateDecisions(
      absl::string_view inspection_id, const MutateDecisions& mutate,
      const common::AuditEvent& audit) override {
    absl::MutexLock lock(&write_mu_);
    RETURN_IF_ERROR(CheckOpenLocked());
    ASSIGN_OR_RETURN(auto current, GetDecisions(inspection_id));
    ASSIGN_OR_RETURN(v1::VerdictDecisions next, mutate(current));
    rocksdb::WriteBatch batch;
    batch.Put(Handle(ColumnFamily::kDecisions), std::string(inspection_id),
              next.SerializeAsString());
    PutAudit(batch, audit, absl::StatusCode::kOk);
    RETURN_IF_ERROR(AuditedWrite(SyncedWrite(), batch, "writing decisions"));
    return next;
  }

  absl::StatusOr<v1::Recommendation> UpdateRecommendation(
      absl::string_view inspection_id, absl::string_view recommendation_id,
      const DecideRecommendation& decide,
      const common::AuditEvent& audit) override {
    absl::MutexLock lock(&write_mu_);
    RETURN_IF_ERROR(CheckOpenLocked());
    ASSIGN_OR_RETURN(auto current,
                     GetRecommendation(inspection_id, recommendation_id));
    ASSIGN_OR_RETURN(auto held, ScanRecommendations(inspection_id));
    ASSIGN_OR_RETURN(auto update,
                     decide(current, static_cast<int32_t>(held.size()) + 1));
    if (!update) return WriteUnchanged(audit, *std::move(current));
    RETURN_IF_ERROR(WriteRevised(
        {ColumnFamily::kRecommendations, ColumnFamily::kRecommendationHistory,
         "writing a recommendation"},
        inspection_id, recommendation_id, update->recommendation,
        update->revision, update->revision.revision(), audit));
    return std::move(update->recommendation);
  }

  absl::StatusOr<v1::Action> UpdateAction(
      absl::string_view inspection_id, absl::string_view recommendation_id,
      absl::string_view action_id, const DecideAction& decide,
      const common::AuditEvent& audit) override {
    absl::MutexLock lock(&write_mu_);
    RETURN_IF_ERROR(CheckOpenLocked());
    ASSIGN_OR_RETURN(auto current,
                     GetAction(inspection_id, recommendation_id, action_id));
    ASSIGN_OR_RETURN(auto update, decide(current));
    if (!update) return WriteUnchanged(audit, *std::move(current));
    RETURN_IF_ERROR(WriteRevised(
        {ColumnFamily::kActions, ColumnFamily::kActionHistory,
         "writing an action"},
        inspection_id, ActionRecordId(recommendation_id, action_id),
        update->action, update->revision, update->revision.revision(), audit));
    return std::move(update->action);
  }

  absl::StatusOr<std::optional<v1::Action>> GetAction(
      absl::string_view inspection_id, absl::string_view recommendation_id,
      absl::string_view action_id) const override {
    return store_->Get<v1::Action>(
        ColumnFamily::kActions,
        FindingsKey(inspection_id,
                    ActionRecordId(recommendation_id, action_id)),
        "action");
  }

  absl::StatusOr<std::vector<Keyed<v1::Action>>> ScanActions(
      absl::string_view inspection_id, absl::string_view recommendation_id,
      absl::string_view after_key, size_t limit) const override {
    // "{inspection}\0{recommendation}/" up to "{inspection}\0{recommendation}0"
    // ('0' follows '/'): one recommendation's actions.
    const std::string from =
        recommendation_id.empty()
            ? FindingsPrefix(inspection_id)
            : FindingsKey(inspection_id, absl::StrCat(recommendation_id, "/"));
    const std::string to =
        recommendation_id.empty()
            ? FindingsLimit(inspection_id)
            : FindingsKey(inspection_id, absl::StrCat(recommendation_id, "0"));
    return store_->Scan<v1::Action>(ColumnFamily::kActions,
                                    common::KeysIn(from, to, after_key, limit),
                                    "action");
  }

  absl::StatusOr<std::vector<Keyed<v1::ActionRevision>>> ScanActionHistory(
      absl::string_view inspection_id, absl::string_view recommendation_id,
      absl::string_view action_id, absl::string_view after_key,
      size_t limit) const override {
    const std::string id = ActionRecordId(recommendation_id, action_id);
    return store_->Scan<v1::ActionRevision>(
        ColumnFamily::kActionHistory,
        common::KeysIn(HistoryPrefix(inspection_id, id),
                       HistoryLimit(inspection_id, id), after_key, limit),
        "action revision");
  }

  absl::StatusOr<std::vector<Keyed<v1::Inspection>>> ScanInspections()
      const override {
    return store_->Scan<v1::Inspection>(ColumnFamily::kInspections, {},
                                        "inspection");
  }

  absl::StatusOr<std::optional<v1::Recommendation>> GetRecommendation(
      absl::string_view inspection_id,
      absl::string_view recommendation_id) const override {
    return store_->Get<v1::Recommendation>(
        ColumnFamily::kRecommendations,
        FindingsKey(inspection_id, recommendation_id), "recommendation");
  }

  absl::StatusOr<std::vector<Keyed<v1::Recommendation>>> ScanRecommendations(
      absl::string_view inspection_id) const override {
    return store_->Scan<v1::Recommendation>(
        ColumnFamily::kRecommendations,
        common::KeysIn(FindingsPrefix(inspection_id),
                       FindingsLimit(inspection_id)),
        "recommendation");
  }

  absl::StatusOr<std::vector<Keyed<v1::RecommendationRevision>>>
  ScanRecommendationHistory(absl::string_view inspection_id,
                            absl::string_view recommendation_id,
                            absl::string_view after_key,
                            size_t limit) const override {
    return store_->Scan<v1::RecommendationRevision>(
        ColumnFamily::kRecommendationHistory,
        common::KeysIn(HistoryPrefix(inspection_id, recommendation_id),
                       HistoryLimit(inspection_id, recommendation_id),
                       after_key, limit),
        "recommendation revision");
  }

  absl::Status AppendAudit(const common::AuditEvent& event,
                           absl::StatusCode outcome) override {
    absl::MutexLock lock(&write_mu_);
    RETURN_IF_ERROR(CheckOpenLocked());
    rocksdb::WriteBatch batch;
    PutAudit(batch, event, outcome);
    return AuditedWrite(SyncedWrite(), batch, "writing an audit record");
  }

  absl::StatusOr<std::vector<common::StoredAuditEntry>> ReadAuditEntries(
      uint64_t after, size_t limit) const override {
    return store_->ReadAuditEntries(after, limit);
  }

  absl::StatusOr<common::AuditChainHead> ReadAuditHead() const override {
    return store_->ReadAuditHead();
  }

  absl::Status PurgeErasedContent() override {
    return store_->PurgeErasedContent();
  }

  absl::StatusOr<v1::VerdictDecisions> GetDecisions(
      absl::string_view inspection_id) const override {
    ASSIGN_OR_RETURN(auto found,
                     store_->Get<v1::VerdictDecisions>(
                         ColumnFamily::kDecisions, std::string(inspection_id),
                         "verdict decisions"));
    return found.value_or(v1::VerdictDecisions());
  }

  absl::StatusOr<std::vector<Keyed<v1::CaseFindings>>> ScanFindings(
      absl::string_view inspection_id, absl::string_view after_key,
      size_t limit) const override {
    return store_->Scan<v1::CaseFindings>(
        ColumnFamily::kFindings,
        common::KeysIn(FindingsPrefix(inspection_id),
                       FindingsLimit(inspection_id), after_key, limit),
        "findings");
  }

  absl::StatusOr<std::vector<Keyed<v1::JudgementRevision>>> ScanHistory(
      absl::string_view inspection_id, absl::string_view record_id,
      absl::string_view after_key, size_t limit) const override {
    return store_->Scan<v1::JudgementRevision>(
        ColumnFamily::kHistory,
        common::KeysIn(HistoryPrefix(inspection_id, record_id),
                       HistoryLimit(inspection_id, record_id), after_key,
                       limit),
        "revision");
  }

  absl::StatusOr<std::vector<v1::Case>> AllCasesForTest() const override {
    ASSIGN_OR_RETURN(auto keyed,
                     store_->Scan<v1::Case>(ColumnFamily::kCases, {}, "case"));
    return common::Values(std::move(keyed));
  }

  absl::StatusOr<std::vector<v1::VictimCase>> AllVictimCasesForTest()
      const override {
    ASSIGN_OR_RETURN(
        auto keyed, store_->Scan<v1::VictimCase>(ColumnFamily::kVictimCases, {},
                                                 "victim case"));
    return common::Values(std::move(keyed));
  }

 private:
  rocksdb::ColumnFamilyHandle* Handle(ColumnFamily family) const {
    return store_->handle(family);
  }

  absl::Status CheckOpen() {
    absl::MutexLock lock(&write_mu_);
    return CheckOpenLocked();
  }
  absl::Status CheckOpenLocked() const
      ABSL_EXCLUSIVE_LOCKS_REQUIRED(write_mu_) {
    if (closed_) return absl::UnavailableError(kShuttingDown);
    return absl::OkStatus();
  }

  // NOT_FOUND-like FAILED_PRECONDITION (CASE_NOT_RECEIVED) unless the case
  // or victim's case `case_name` is in the store.
  absl::Status CheckRecordPresent(absl::string_view case_name) const
      ABSL_EXCLUSIVE_LOCKS_REQUIRED(write_mu_) {
    const bool victim_case = common::ParseVictimCaseName(case_name).has_value();
    bool present = false;
    if (victim_case) {
      ASSIGN_OR_RETURN(auto held, GetVictimCase(case_name));
      present = held.has_value();
    } else {
      ASSIGN_OR_RETURN(auto held, GetCase(case_name));
      present = held.has_value();
    }
    if (!present) {
      return common::FailedPrecondition(
          common::kCaseNotReceived,
          {common::kIntakeFeedViolation, std::string(case_name)},
          absl::StrCat(victim_case ? "victim's case " : "case ", case_name,
                       " is not in the findings store: it has not arrived "
                       "from intake yet, or it was erased"));
    }
    return absl::OkStatus();
  }

  // What the stream does to a case, audited as the system's: `case_name`
  // only when it is a well-formed name (never anything else it may hold).
  static common::AuditEvent StreamEvent(std::string request_id,
                                        v1::AuditAction action,
                                        const std::string& case_name) {
    common::AuditEvent event;
    event.caller = "intake-stream";
    event.role = "system";
    event.request_id = std::move(request_id);
    event.action = action;
    event.resource = common::ParseCaseName(case_name) ||
                             common::ParseVictimCaseName(case_name)
                         ? case_name
                         : "-";
    return event;
  }

  // Read, decide, write a record and its revision; the write lock is held.
  absl::StatusOr<v1::CaseFindings> UpdateLocked(ColumnFamily family,
                                                absl::string_view inspection_id,
                                                absl::string_view record_id,
                                                absl::string_view history_id,
                                                const Decide& decide,
                                                const common::AuditEvent* audit)
      ABSL_EXCLUSIVE_LOCKS_REQUIRED(write_mu_) {
    const std::string key = FindingsKey(inspection_id, record_id);
    ASSIGN_OR_RETURN(auto current,
                     store_->Get<v1::CaseFindings>(family, key, "findings"));
    ASSIGN_OR_RETURN(auto update, decide(current));
    rocksdb::WriteBatch batch;
    if (audit != nullptr) PutAudit(batch, *audit, absl::StatusCode::kOk);
    if (!update) {
      // Unchanged (a retry): still an attempt to record, still audited.
      if (audit != nullptr) {
        RETURN_IF_ERROR(
            AuditedWrite(SyncedWrite(), batch, "writing an audit record"));
      }
      return *current;
    }
    batch.Put(Handle(family), key, update->findings.SerializeAsString());
    batch.Put(Handle(ColumnFamily::kHistory),
              HistoryKey(inspection_id, history_id,
                         static_cast<uint64_t>(update->revision.revision())),
              update->revision.SerializeAsString());
    RETURN_IF_ERROR(AuditedWrite(SyncedWrite(), batch, "writing findings"));
    return std::move(update->findings);
  }

  // Seals a record onto the chain and puts it in `batch`; write the batch
  // with AuditedWrite, which takes the chain back if the write fails.
  void PutAudit(rocksdb::WriteBatch& batch, const common::AuditEvent& event,
                absl::StatusCode outcome)
      ABSL_EXCLUSIVE_LOCKS_REQUIRED(write_mu_) {
    if (!pending_audit_head_) pending_audit_head_ = audit_head_;
    common::PutAuditRecord(batch, Handle(ColumnFamily::kAudit), event, outcome,
                           absl::Now(), *pending_audit_head_);
  }

  // Where a record with a kept history lives.
  struct RevisedFamilies {
    ColumnFamily records;
    ColumnFamily history;
    absl::string_view what;  // "writing a recommendation"
  };

  // An unchanged outcome (a retry): still an attempt to record, still
  // audited; returns what is stored.
  template <typename Record>
  absl::StatusOr<Record> WriteUnchanged(const common::AuditEvent& audit,
                                        Record stored)
      ABSL_EXCLUSIVE_LOCKS_REQUIRED(write_mu_) {
    rocksdb::WriteBatch batch;
    PutAudit(batch, audit, absl::StatusCode::kOk);
    RETURN_IF_ERROR(
        AuditedWrite(SyncedWrite(), batch, "writing an audit record"));
    return stored;
  }

  // The record under FindingsKey(inspection, id), its revision under
  // HistoryKey(inspection, history id (`id` unless given), revision) and
  // `audit`, in one synced batch.
  absl::Status WriteRevised(const RevisedFamilies& families,
                            absl::string_view inspection_id,
                            absl::string_view id,
                            const google::protobuf::Message& record,
                            const google::protobuf::Message& revision_record,
                            int64_t revision, const common::AuditEvent& audit,
                            absl::string_view history_id = {})
      ABSL_EXCLUSIVE_LOCKS_REQUIRED(write_mu_) {
    rocksdb::WriteBatch batch;
    PutAudit(batch, audit, absl::StatusCode::kOk);
    batch.Put(Handle(families.records), FindingsKey(inspection_id, id),
              record.SerializeAsString());
    batch.Put(Handle(families.history),
              HistoryKey(inspection_id, history_id.empty() ? id : history_id,
                         static_cast<uint64_t>(revision)),
              revision_record.SerializeAsString());
    return AuditedWrite(SyncedWrite(), batch, families.what);
  }

  absl::Status AuditedWrite(const rocksdb::WriteOptions& options,
                            rocksdb::WriteBatch& batch, absl::string_view what)
      ABSL_EXCLUSIVE_LOCKS_REQUIRED(write_mu_) {
    absl::Status written = FromRocksDb(store_->Write(options, &batch), what);
    if (written.ok() && pending_audit_head_) {
      audit_head_ = *pending_audit_head_;
    }
    pending_audit_head_.reset();
    return written;
  }

  rocksdb::WriteOptions SyncedWrite() const {
    rocksdb::WriteOptions options;
    options.sync = sync_;
    return options;
  }

  // An erased case leaves nothing behind: its content, and the findings and
  // history of every inspection of its YOT (evidence notes may describe
  // the child).
  // Erases a case or a victim's case with everything derived from it: its
  // findings and their history in every inspection of its YOT (evidence
  // notes are about the child or the victim).
  absl::Status EraseRecord(const std::string& record_name,
                           rocksdb::WriteBatch& batch) {
    const bool victim_case =
        common::ParseVictimCaseName(record_name).has_value();
    batch.Delete(
        Handle(victim_case ? ColumnFamily::kVictimCases : ColumnFamily::kCases),
        record_name);
    std::string yot;
    if (auto c = common::ParseCaseName(record_name)) {
      yot = common::YotName(c->yot);
    } else if (auto v = common::ParseVictimCaseName(record_name)) {
      yot = common::YotName(v->yot);
    } else {
      return absl::OkStatus();
    }
    ASSIGN_OR_RETURN(auto inspections,
                     store_->Scan<v1::Inspection>(ColumnFamily::kInspections,
                                                  {}, "inspection"));
    for (const auto& entry : inspections) {
      if (entry.value.yot() != yot) continue;
      const std::string id =
          FindingsRecordId(*common::FindingsOfRecord(entry.key, record_name));
      batch.Delete(Handle(ColumnFamily::kFindings), FindingsKey(entry.key, id));
      batch.DeleteRange(Handle(ColumnFamily::kHistory),
                        HistoryPrefix(entry.key, id),
                        HistoryLimit(entry.key, id));
      // A second marking and its resolutions are findings of the record too.
      batch.Delete(Handle(ColumnFamily::kSecondMarkings),
                   FindingsKey(entry.key, id));
      batch.Delete(Handle(ColumnFamily::kResolutions),
                   FindingsKey(entry.key, id));
      const std::string second = SecondMarkingHistoryId(id);
      batch.DeleteRange(Handle(ColumnFamily::kHistory),
                        HistoryPrefix(entry.key, second),
                        HistoryLimit(entry.key, second));
    }
    return absl::OkStatus();
  }

  std::unique_ptr<common::RocksDbStore> store_;
  const bool sync_;
  absl::Mutex write_mu_;
  bool closed_ ABSL_GUARDED_BY(write_mu_) = false;
  std::atomic<uint64_t> cursor_;
  common::AuditChainHead audit_head_ ABSL_GUARDED_BY(write_mu_);
  // The chain as records put in the batch being built extend it.
  std::optional<common::AuditChainHead> pending_audit_head_
      ABSL_GUARDED_BY(write_mu_);
};

// The sequence of the last intake change applied; 0 before the first.
absl::StatusOr<uint64_t> ReadCursor(const common::RocksDbStore& store) {
  std::string bytes;
  rocksdb::Status s =
      store.db().Get(rocksdb::ReadOptions(), store.handle(ColumnFamily::kMeta),
                     std::string(kCursorKey), &bytes);
  if (s.IsNotFound()) return 0;
  RETURN_IF_ERROR(FromRocksDb(s, "reading the intake cursor"));
  auto cursor = DecodeUint64(bytes);
  if (!cursor) return absl::DataLossError("the intake cursor is malformed");
  return *cursor;
}

}  // namespace

absl::StatusOr<std::unique_ptr<FindingsStore>> FindingsStore::Open(
    const FindingsStoreOptions& options) {
  common::RocksDbSchema schema{
      "the findings store",
      {kColumnFamilyNames.begin(), kColumnFamilyNames.end()},
      rocksdb::ColumnFamilyOptions(),
      static_cast<size_t>(ColumnFamily::kAudit)};
  ASSIGN_OR_RETURN(
      std::unique_ptr<common::RocksDbStore> store,
      common::RocksDbStore::Open(options.path, schema, rocksdb::DBOptions(),
                                 options.safeguards));
  ASSIGN_OR_RETURN(uint64_t cursor, ReadCursor(*store));
  return std::unique_ptr<FindingsStore>(
      new RocksFindingsStore(std::move(store), options.sync, cursor));
}

}  // namespace yjinspect::findings
