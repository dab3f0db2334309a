// FindingsStore on RocksDB: the only file of the findings service that
// includes RocksDB headers.

#include <atomic>
#include <utility>

#include "absl/strings/str_cat.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/clock.h"
#include "common/admin/store_backups.h"
#include "common/resource_names.h"
#include "common/rocksdb_audit_head.h"
#include "common/rocksdb_erasure.h"
#include "common/rocksdb_open.h"
#include "common/rocksdb_status.h"
#include "common/status_macros.h"
#include "rocksdb/db.h"
#include "rocksdb/statistics.h"
#include "rocksdb/write_batch.h"
#include "services/findings/storage/column_families.h"
#include "services/findings/storage/findings_store.h"
#include "services/findings/storage/keys.h"

namespace yjinspect::findings {
namespace {

using common::FromRocksDb;

class RocksFindingsStore final : public FindingsStore {
 public:
  RocksFindingsStore(rocksdb::DB* db,
                     std::vector<rocksdb::ColumnFamilyHandle*> handles,
                     std::shared_ptr<rocksdb::Statistics> statistics, bool sync,
                     uint64_t cursor, common::AuditChainHead audit_head)
      : db_(db),
        handles_(std::move(handles)),
        statistics_(std::move(statistics)),
        sync_(sync),
        cursor_(cursor),
        audit_head_(std::move(audit_head)) {}

  common::StorageFigures Figures() const override {
    return common::ReadStorageFigures(*db_, statistics_.get());
  }

  ~RocksFindingsStore() override {
    // Memtables to tables now: the next start then replays no WAL.
    db_->Flush(rocksdb::FlushOptions(), handles_).PermitUncheckedError();
    for (auto* handle : handles_) db_->DestroyColumnFamilyHandle(handle);
    db_->Close().PermitUncheckedError();
  }

  absl::StatusOr<v1::Backup> CreateBackup(
      const std::string& backup_dir,
      const v1::BackupMetadata& metadata) override {
    return common::CreateStoreBackup(db_.get(), backup_dir, metadata);
  }

  // Case content reaching this store is audited in the same batch as the
  // case: by the stream, under the request id of the intake call that made
  // the change.
  void PutReceivedCaseAudit(rocksdb::WriteBatch& batch,
                            const v1::Change& change,
                            const std::string& case_name) {
    common::AuditEvent event;
    event.caller = "intake-stream";
    event.role = "system";
    event.request_id = change.request_id().empty()
                           ? absl::StrCat("change-", change.sequence())
                           : change.request_id();
    event.action = v1::AUDIT_ACTION_RECEIVE_CASE;
    event.resource = common::ParseCaseName(case_name) ? case_name : "-";
    PutAudit(batch, event, absl::StatusCode::kOk);
  }

  absl::StatusOr<bool> ApplyChange(const v1::Change& change) override {
    absl::MutexLock lock(&write_mu_);
    if (change.sequence() <= cursor_.load()) return false;
    rocksdb::WriteBatch batch;
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
      case v1::Change::kCaseErased: {
        RETURN_IF_ERROR(EraseCase(change.case_erased().name(), batch));
        common::AuditEvent event;
        event.caller = "intake-stream";
        event.role = "system";
        event.request_id = absl::StrCat("change-", change.sequence());
        event.action = v1::AUDIT_ACTION_APPLY_ERASURE;
        event.resource = common::ParseCaseName(change.case_erased().name())
                             ? change.case_erased().name()
                             : "-";
        PutAudit(batch, event, absl::StatusCode::kOk);
        break;
      }
      case v1::Change::KIND_NOT_SET:
        break;  // nothing to apply; the cursor still moves past it
    }
    batch.Put(Handle(ColumnFamily::kMeta), std::string(kCursorKey),
              EncodeUint64(change.sequence()));
    // No sync: the change and its cursor are kept or lost together.
    RETURN_IF_ERROR(AuditedWrite(rocksdb::WriteOptions(), batch,
                                 "applying an intake change"));
    cursor_.store(change.sequence());
    return true;
  }

  uint64_t Cursor() const override { return cursor_.load(); }

  absl::StatusOr<std::optional<v1::Inspection>> GetInspection(
      absl::string_view inspection_id) const override {
    return Get<v1::Inspection>(ColumnFamily::kInspections,
                               std::string(inspection_id), "inspection");
  }

  absl::StatusOr<std::optional<v1::Case>> GetCase(
      absl::string_view case_name) const override {
    return Get<v1::Case>(ColumnFamily::kCases, std::string(case_name), "case");
  }

  absl::StatusOr<std::optional<v1::CaseFindings>> GetFindings(
      absl::string_view inspection_id,
      absl::string_view case_id) const override {
    return Get<v1::CaseFindings>(ColumnFamily::kFindings,
                                 FindingsKey(inspection_id, case_id),
                                 "findings");
  }

  absl::StatusOr<v1::CaseFindings> UpdateFindings(
      absl::string_view inspection_id, absl::string_view case_name,
      absl::string_view case_id, const Decide& decide,
      const common::AuditEvent& audit) override {
    absl::MutexLock lock(&write_mu_);
    ASSIGN_OR_RETURN(auto present, GetCase(case_name));
    if (!present) {
      return absl::FailedPreconditionError(absl::StrCat(
          "case ", case_name,
          " is not in the findings store: it has not arrived from intake "
          "yet, or it was erased"));
    }
    return UpdateLocked(ColumnFamily::kFindings, inspection_id, case_id,
                        case_id, decide, &audit);
  }

  absl::StatusOr<v1::CaseFindings> UpdateInterview(
      absl::string_view inspection_id, absl::string_view interview_id,
      const Decide& decide) override {
    absl::MutexLock lock(&write_mu_);
    return UpdateLocked(ColumnFamily::kInterviews, inspection_id, interview_id,
                        absl::StrCat("~interview~", interview_id), decide,
                        nullptr);
  }

  absl::StatusOr<std::vector<Keyed<v1::CaseFindings>>> ScanInterviews(
      absl::string_view inspection_id) const override {
    return Scan<v1::CaseFindings>(
        ColumnFamily::kInterviews, FindingsPrefix(inspection_id),
        FindingsLimit(inspection_id), "", SIZE_MAX, "interview");
  }

  absl::StatusOr<v1::ReportInputs> UpdateReportInputs(
      absl::string_view inspection_id, const MutateInputs& mutate) override {
    absl::MutexLock lock(&write_mu_);
    ASSIGN_OR_RETURN(auto current, GetReportInputs(inspection_id));
    ASSIGN_OR_RETURN(v1::ReportInputs next, mutate(current));
    RETURN_IF_ERROR(PutSynced(ColumnFamily::kReportInputs,
                              std::string(inspection_id), next));
    return next;
  }

  absl::StatusOr<std::optional<v1::ReportInputs>> GetReportInputs(
      absl::string_view inspection_id) const override {
    return Get<v1::ReportInputs>(ColumnFamily::kReportInputs,
                                 std::string(inspection_id), "report inputs");
  }

  absl::StatusOr<v1::VerdictDecisions> UpdateDecisions(
      absl::string_view inspection_id, const MutateDecisions& mutate,
      const common::AuditEvent& audit) override {
    absl::MutexLock lock(&write_mu_);
    ASSIGN_OR_RETURN(auto current, GetDecisions(inspection_id));
    ASSIGN_OR_RETURN(v1::VerdictDecisions next, mutate(current));
    rocksdb::WriteBatch batch;
    batch.Put(Handle(ColumnFamily::kDecisions), std::string(inspection_id),
              next.SerializeAsString());
    PutAudit(batch, audit, absl::StatusCode::kOk);
    RETURN_IF_ERROR(AuditedWrite(SyncedWrite(), batch, "writing decisions"));
    return next;
  }

  absl::Status AppendAudit(const common::AuditEvent& event,
                           absl::StatusCode outcome) override {
    absl::MutexLock lock(&write_mu_);
    rocksdb::WriteBatch batch;
    PutAudit(batch, event, outcome);
    return AuditedWrite(SyncedWrite(), batch, "writing an audit record");
  }

  absl::StatusOr<std::vector<common::StoredAuditEntry>> ReadAuditEntries(
      uint64_t after, size_t limit) const override {
    std::unique_ptr<rocksdb::Iterator> it(
        db_->NewIterator(rocksdb::ReadOptions(), Handle(ColumnFamily::kAudit)));
    std::vector<common::StoredAuditEntry> out;
    for (it->Seek(EncodeUint64(after + 1)); it->Valid() && out.size() < limit;
         it->Next()) {
      auto sequence =
          DecodeUint64(absl::string_view(it->key().data(), it->key().size()));
      if (!sequence) continue;
      out.push_back({*sequence, it->value().ToString()});
    }
    RETURN_IF_ERROR(FromRocksDb(it->status(), "reading the audit trail"));
    return out;
  }

  absl::Status PurgeErasedContent() override {
    absl::MutexLock purge(&purge_mu_);
    return common::PurgeErasedBytes(*db_, handles_);
  }

  absl::StatusOr<v1::VerdictDecisions> GetDecisions(
      absl::string_view inspection_id) const override {
    ASSIGN_OR_RETURN(auto found,
                     Get<v1::VerdictDecisions>(ColumnFamily::kDecisions,
                                               std::string(inspection_id),
                                               "verdict decisions"));
    return found.value_or(v1::VerdictDecisions());
  }

  absl::StatusOr<std::vector<Keyed<v1::CaseFindings>>> ScanFindings(
      absl::string_view inspection_id, absl::string_view after_key,
      size_t limit) const override {
    return Scan<v1::CaseFindings>(
        ColumnFamily::kFindings, FindingsPrefix(inspection_id),
        FindingsLimit(inspection_id), after_key, limit, "findings");
  }

  absl::StatusOr<std::vector<Keyed<v1::JudgementRevision>>> ScanHistory(
      absl::string_view inspection_id, absl::string_view case_id,
      absl::string_view after_key, size_t limit) const override {
    return Scan<v1::JudgementRevision>(
        ColumnFamily::kHistory, HistoryPrefix(inspection_id, case_id),
        HistoryLimit(inspection_id, case_id), after_key, limit, "revision");
  }

  absl::StatusOr<std::vector<v1::Case>> AllCasesForTest() const override {
    ASSIGN_OR_RETURN(auto keyed, Scan<v1::Case>(ColumnFamily::kCases, "", "",
                                                "", SIZE_MAX, "case"));
    std::vector<v1::Case> out;
    for (auto& entry : keyed) out.push_back(std::move(entry.value));
    return out;
  }

 private:
  rocksdb::ColumnFamilyHandle* Handle(ColumnFamily family) const {
    return handles_[static_cast<size_t>(family)];
  }

  // Read, decide, write a record and its revision; the write lock is held.
  absl::StatusOr<v1::CaseFindings> UpdateLocked(
      ColumnFamily family, absl::string_view inspection_id,
      absl::string_view record_id, absl::string_view history_id,
      const Decide& decide, const common::AuditEvent* audit) {
    const std::string key = FindingsKey(inspection_id, record_id);
    ASSIGN_OR_RETURN(auto current,
                     Get<v1::CaseFindings>(family, key, "findings"));
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
  // write_mu_ is held.
  void PutAudit(rocksdb::WriteBatch& batch, const common::AuditEvent& event,
                absl::StatusCode outcome) {
    if (!pending_audit_head_) pending_audit_head_ = audit_head_;
    v1::AuditRecord record = common::SealAuditRecord(
        event, outcome, absl::Now(), *pending_audit_head_);
    batch.Put(Handle(ColumnFamily::kAudit), EncodeUint64(record.sequence()),
              record.SerializeAsString());
  }

  absl::Status AuditedWrite(const rocksdb::WriteOptions& options,
                            rocksdb::WriteBatch& batch,
                            absl::string_view what) {
    absl::Status written = FromRocksDb(db_->Write(options, &batch), what);
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

  absl::Status PutSynced(ColumnFamily family, const std::string& key,
                         const google::protobuf::Message& message) {
    return FromRocksDb(db_->Put(SyncedWrite(), Handle(family), key,
                                message.SerializeAsString()),
                       "writing a record");
  }

  // An erased case leaves nothing behind: its content, and the findings and
  // history of every inspection of its YOT (evidence notes may describe
  // the child).
  absl::Status EraseCase(const std::string& case_name,
                         rocksdb::WriteBatch& batch) {
    batch.Delete(Handle(ColumnFamily::kCases), case_name);
    auto name = common::ParseCaseName(case_name);
    if (!name) return absl::OkStatus();
    ASSIGN_OR_RETURN(auto inspections,
                     Scan<v1::Inspection>(ColumnFamily::kInspections, "", "",
                                          "", SIZE_MAX, "inspection"));
    const std::string yot = common::YotName(name->yot);
    for (const auto& entry : inspections) {
      if (entry.value.yot() != yot) continue;
      batch.Delete(Handle(ColumnFamily::kFindings),
                   FindingsKey(entry.key, name->case_id));
      batch.DeleteRange(Handle(ColumnFamily::kHistory),
                        HistoryPrefix(entry.key, name->case_id),
                        HistoryLimit(entry.key, name->case_id));
    }
    return absl::OkStatus();
  }

  template <typename Message>
  absl::StatusOr<std::optional<Message>> Get(ColumnFamily family,
                                             const std::string& key,
                                             absl::string_view what) const {
    std::string bytes;
    rocksdb::Status s =
        db_->Get(rocksdb::ReadOptions(), Handle(family), key, &bytes);
    if (s.IsNotFound()) return std::optional<Message>();
    RETURN_IF_ERROR(FromRocksDb(s, absl::StrCat("reading ", what)));
    Message message;
    if (!message.ParseFromString(bytes)) {
      return absl::DataLossError(absl::StrCat("unreadable ", what, " record"));
    }
    return std::optional<Message>(std::move(message));
  }

  template <typename Message>
  absl::StatusOr<std::vector<Keyed<Message>>> Scan(
      ColumnFamily family, const std::string& lower, const std::string& upper,
      absl::string_view after_key, size_t limit, absl::string_view what) const {
    rocksdb::ReadOptions read_options;
    rocksdb::Slice upper_slice(upper);
    if (!upper.empty()) read_options.iterate_upper_bound = &upper_slice;
    std::unique_ptr<rocksdb::Iterator> it(
        db_->NewIterator(read_options, Handle(family)));
    std::vector<Keyed<Message>> out;
    const std::string after(after_key);
    for (it->Seek(after > lower ? after : lower);
         it->Valid() && out.size() < limit; it->Next()) {
      if (!after.empty() && it->key() == rocksdb::Slice(after)) continue;
      Message message;
      if (!message.ParseFromArray(it->value().data(),
                                  static_cast<int>(it->value().size()))) {
        return absl::DataLossError(
            absl::StrCat("unreadable ", what, " record"));
      }
      out.push_back({it->key().ToString(), std::move(message)});
    }
    RETURN_IF_ERROR(FromRocksDb(it->status(), absl::StrCat("scanning ", what)));
    return out;
  }

  std::unique_ptr<rocksdb::DB> db_;
  std::vector<rocksdb::ColumnFamilyHandle*> handles_;
  std::shared_ptr<rocksdb::Statistics> statistics_;
  const bool sync_;
  absl::Mutex write_mu_;
  std::atomic<uint64_t> cursor_;
  common::AuditChainHead audit_head_;  // write_mu_ held
  // The chain as records put in the batch being built extend it.
  std::optional<common::AuditChainHead> pending_audit_head_;
  absl::Mutex purge_mu_;
};

}  // namespace

absl::StatusOr<std::unique_ptr<FindingsStore>> FindingsStore::Open(
    const FindingsStoreOptions& options) {
  std::vector<rocksdb::ColumnFamilyDescriptor> descriptors;
  for (ColumnFamily family : kAllColumnFamilies) {
    rocksdb::ColumnFamilyOptions cf_options;
    common::KeepNoErasedBytes(cf_options);
    descriptors.emplace_back(std::string(ColumnFamilyName(family)), cf_options);
  }
  rocksdb::DBOptions db_options;
  common::KeepNoErasedBytes(db_options);
  std::unique_ptr<rocksdb::DB> db;
  std::vector<rocksdb::ColumnFamilyHandle*> handles;
  // Tickers only (no timers): the write-stall time metrics report.
  db_options.statistics = rocksdb::CreateDBStatistics();
  db_options.statistics->set_stats_level(rocksdb::StatsLevel::kExceptTimers);
  RETURN_IF_ERROR(common::OpenRocksDb(options.path, "the findings store",
                                      db_options, descriptors, &db, &handles));
  std::string bytes;
  uint64_t cursor = 0;
  rocksdb::Status s = db->Get(rocksdb::ReadOptions(),
                              handles[static_cast<size_t>(ColumnFamily::kMeta)],
                              std::string(kCursorKey), &bytes);
  if (s.ok()) {
    auto decoded = DecodeUint64(bytes);
    if (!decoded) s = rocksdb::Status::Corruption("malformed cursor");
    cursor = decoded.value_or(0);
  } else if (s.IsNotFound()) {
    s = rocksdb::Status::OK();
  }
  if (!s.ok()) {
    for (auto* handle : handles) db->DestroyColumnFamilyHandle(handle);
    return FromRocksDb(s, "reading the intake cursor");
  }
  // The end of the audit chain: its last record.
  absl::StatusOr<common::AuditChainHead> audit_head = common::ReadAuditHead(
      db.get(), handles[static_cast<size_t>(ColumnFamily::kAudit)]);
  if (!audit_head.ok()) {
    for (auto* handle : handles) db->DestroyColumnFamilyHandle(handle);
    return audit_head.status();
  }
  return std::unique_ptr<FindingsStore>(new RocksFindingsStore(
      db.release(), std::move(handles), db_options.statistics, options.sync,
      cursor, *std::move(audit_head)));
}

}  // namespace yjinspect::findings
