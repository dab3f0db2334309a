// IntakeStore on RocksDB: the only file of the intake service that includes
// RocksDB headers, with the key encoding in keys.cc.

#include <atomic>
#include <deque>
#include <map>
#include <thread>
#include <utility>

#include "absl/base/thread_annotations.h"
#include "absl/strings/str_cat.h"
#include "absl/synchronization/mutex.h"
#include "common/admin/store_backups.h"
#include "common/request_id.h"
#include "common/rocksdb_audit_head.h"
#include "common/rocksdb_erasure.h"
#include "common/rocksdb_open.h"
#include "common/rocksdb_status.h"
#include "common/status_macros.h"
#include "google/protobuf/util/time_util.h"
#include "rocksdb/db.h"
#include "rocksdb/options.h"
#include "rocksdb/statistics.h"
#include "rocksdb/utilities/write_batch_with_index.h"
#include "services/intake/storage/column_families.h"
#include "services/intake/storage/intake_store.h"
#include "services/intake/storage/keys.h"

namespace yjinspect::intake {
namespace {

using common::FromRocksDb;

// How many queued mutations one group commit takes at most: enough to share
// a sync among every client of a busy moment, small enough to bound the
// batch's memory.
constexpr size_t kMaxGroupSize = 2048;

template <typename Message>
absl::StatusOr<std::optional<Message>> ParseFound(const rocksdb::Status& s,
                                                  const std::string& bytes,
                                                  absl::string_view what) {
  if (s.IsNotFound()) return std::optional<Message>();
  if (!s.ok()) return FromRocksDb(s, absl::StrCat("reading ", what));
  Message message;
  if (!message.ParseFromString(bytes)) {
    return absl::DataLossError(absl::StrCat("unreadable ", what, " record"));
  }
  return std::optional<Message>(std::move(message));
}

// The transaction of one group commit: reads through the batch to the DB.
class GroupTransaction final : public StoreTransaction {
 public:
  GroupTransaction(rocksdb::DB* db,
                   const std::vector<rocksdb::ColumnFamilyHandle*>& handles,
                   rocksdb::WriteBatchWithIndex* batch, uint64_t* next_sequence,
                   common::AuditChainHead* audit_head, absl::Time now)
      : db_(db),
        handles_(handles),
        batch_(batch),
        next_sequence_(next_sequence),
        audit_head_(audit_head),
        now_(now) {}

  absl::StatusOr<std::optional<v1::StoredCase>> FindCase(
      absl::string_view yot, absl::string_view case_id) override {
    return Find<v1::StoredCase>(ColumnFamily::kCases, CaseKey(yot, case_id),
                                "case");
  }
  void PutCase(absl::string_view yot, absl::string_view case_id,
               const v1::StoredCase& stored) override {
    Put(ColumnFamily::kCases, CaseKey(yot, case_id), stored);
  }
  void DeleteCase(absl::string_view yot, absl::string_view case_id) override {
    batch_->Delete(Handle(ColumnFamily::kCases), CaseKey(yot, case_id));
  }
  absl::StatusOr<std::optional<v1::Inspection>> FindInspection(
      absl::string_view inspection_id) override {
    return Find<v1::Inspection>(ColumnFamily::kInspections,
                                InspectionKey(inspection_id), "inspection");
  }
  void PutInspection(absl::string_view inspection_id,
                     const v1::Inspection& inspection) override {
    Put(ColumnFamily::kInspections, InspectionKey(inspection_id), inspection);
  }
  absl::StatusOr<std::optional<v1::RequestRecord>> FindRequest(
      absl::string_view kind, absl::string_view request_id) override {
    return Find<v1::RequestRecord>(ColumnFamily::kRequests,
                                   RequestKey(kind, request_id), "request");
  }
  void PutRequest(absl::string_view kind, absl::string_view request_id,
                  const v1::RequestRecord& record) override {
    Put(ColumnFamily::kRequests, RequestKey(kind, request_id), record);
  }
  // The request id of the mutation being applied, for AppendChange.
  void set_request_id(const std::string& request_id) {
    request_id_ = request_id;
  }

  uint64_t AppendChange(v1::Change change) override {
    uint64_t sequence = (*next_sequence_)++;
    change.set_sequence(sequence);
    if (change.request_id().empty()) change.set_request_id(request_id_);
    *change.mutable_commit_time() =
        google::protobuf::util::TimeUtil::NanosecondsToTimestamp(
            absl::ToUnixNanos(now_));
    Put(ColumnFamily::kChanges, SequenceKey(sequence), change);
    if (change.for_findings()) {
      Put(ColumnFamily::kFeed, SequenceKey(sequence), change);
    }
    return sequence;
  }
  void RewriteChange(const v1::Change& change) override {
    Put(ColumnFamily::kChanges, SequenceKey(change.sequence()), change);
    if (change.for_findings()) {
      Put(ColumnFamily::kFeed, SequenceKey(change.sequence()), change);
    }
  }
  absl::StatusOr<std::vector<v1::StoredCase>> CasesOfYot(
      absl::string_view yot) override {
    // Through the batch, so cases written earlier in this group are seen.
    rocksdb::ReadOptions read_options;
    std::string upper = CaseKeyLimit(yot);
    rocksdb::Slice upper_slice(upper);
    read_options.iterate_upper_bound = &upper_slice;
    std::unique_ptr<rocksdb::Iterator> base(
        db_->NewIterator(read_options, Handle(ColumnFamily::kCases)));
    std::unique_ptr<rocksdb::Iterator> it(batch_->NewIteratorWithBase(
        Handle(ColumnFamily::kCases), base.release(), &read_options));
    std::vector<v1::StoredCase> out;
    for (it->Seek(CaseKeyPrefix(yot));
         it->Valid() && it->key().compare(upper_slice) < 0; it->Next()) {
      v1::StoredCase stored;
      if (!stored.ParseFromArray(it->value().data(),
                                 static_cast<int>(it->value().size()))) {
        return absl::DataLossError("unreadable case record");
      }
      out.push_back(std::move(stored));
    }
    RETURN_IF_ERROR(FromRocksDb(it->status(), "scanning a YOT's cases"));
    return out;
  }
  absl::StatusOr<std::optional<v1::Change>> FindChange(
      uint64_t sequence) override {
    return Find<v1::Change>(ColumnFamily::kChanges, SequenceKey(sequence),
                            "change");
  }
  void AppendAudit(const common::AuditEvent& event,
                   absl::StatusCode outcome) override {
    v1::AuditRecord record =
        common::SealAuditRecord(event, outcome, now_, *audit_head_);
    Put(ColumnFamily::kAudit, SequenceKey(record.sequence()), record);
  }
  absl::Time Now() const override { return now_; }

 private:
  rocksdb::ColumnFamilyHandle* Handle(ColumnFamily family) const {
    return handles_[static_cast<size_t>(family)];
  }
  template <typename Message>
  absl::StatusOr<std::optional<Message>> Find(ColumnFamily family,
                                              const std::string& key,
                                              absl::string_view what) {
    std::string bytes;
    rocksdb::Status s = batch_->GetFromBatchAndDB(db_, rocksdb::ReadOptions(),
                                                  Handle(family), key, &bytes);
    return ParseFound<Message>(s, bytes, what);
  }
  void Put(ColumnFamily family, const std::string& key,
           const google::protobuf::Message& message) {
    batch_->Put(Handle(family), key, message.SerializeAsString());
  }

  rocksdb::DB* db_;
  const std::vector<rocksdb::ColumnFamilyHandle*>& handles_;
  rocksdb::WriteBatchWithIndex* batch_;
  uint64_t* next_sequence_;
  common::AuditChainHead* audit_head_;
  absl::Time now_;
  std::string request_id_;
};

class RocksIntakeStore final : public IntakeStore {
 public:
  RocksIntakeStore(const StoreOptions& options, rocksdb::DB* db,
                   std::vector<rocksdb::ColumnFamilyHandle*> handles,
                   std::shared_ptr<rocksdb::Statistics> statistics,
                   uint64_t head, common::AuditChainHead audit_head)
      : db_(db),
        handles_(std::move(handles)),
        statistics_(std::move(statistics)),
        sync_(options.sync),
        head_(head),
        next_sequence_(head + 1),
        audit_head_(std::move(audit_head)) {
    committer_ = std::thread([this] { RunCommitter(); });
  }

  ~RocksIntakeStore() override {
    Close();
    // Memtables to tables now: the next start then replays no WAL.
    db_->Flush(rocksdb::FlushOptions(), handles_).PermitUncheckedError();
    for (auto* handle : handles_) db_->DestroyColumnFamilyHandle(handle);
    db_->Close().PermitUncheckedError();
  }

  void Commit(Mutation mutation, Done done) override {
    std::vector<Step> steps;
    steps.push_back({std::move(mutation), std::move(done), ""});
    CommitBundle(std::move(steps));
  }

  void CommitBundle(std::vector<Step> steps) override {
    for (Step& step : steps) {
      if (step.request_id.empty()) step.request_id = common::CurrentRequestId();
    }
    {
      absl::MutexLock lock(&mu_);
      if (!closing_) {
        queue_.push_back(std::move(steps));
        return;
      }
    }
    for (Step& step : steps) {
      step.done(absl::UnavailableError("the intake store is shutting down"));
    }
  }

  void Close() override {
    {
      absl::MutexLock lock(&mu_);
      if (closing_) {
        mu_.Await(absl::Condition(&committer_stopped_));
        return;
      }
      closing_ = true;
    }
    committer_.join();
    absl::MutexLock lock(&mu_);
    committer_stopped_ = true;
  }

  absl::StatusOr<v1::Backup> CreateBackup(
      const std::string& backup_dir,
      const v1::BackupMetadata& metadata) override {
    {
      absl::MutexLock lock(&mu_);
      if (closing_) {
        return absl::UnavailableError("the intake store is shutting down");
      }
    }
    return common::CreateStoreBackup(db_.get(), backup_dir, metadata);
  }

  absl::StatusOr<std::optional<v1::StoredCase>> GetCase(
      absl::string_view yot, absl::string_view case_id) const override {
    return Get<v1::StoredCase>(ColumnFamily::kCases, CaseKey(yot, case_id),
                               "case");
  }

  absl::StatusOr<std::vector<Keyed<v1::StoredCase>>> ScanCases(
      absl::string_view yot, absl::string_view after_key,
      size_t limit) const override {
    std::string lower = yot.empty() ? "" : CaseKeyPrefix(yot);
    std::string upper = yot.empty() ? "" : CaseKeyLimit(yot);
    return Scan<v1::StoredCase>(ColumnFamily::kCases, lower, upper, after_key,
                                limit, nullptr, "case");
  }

  absl::StatusOr<std::optional<v1::Inspection>> GetInspection(
      absl::string_view inspection_id) const override {
    return Get<v1::Inspection>(ColumnFamily::kInspections,
                               InspectionKey(inspection_id), "inspection");
  }

  absl::StatusOr<std::vector<Keyed<v1::Inspection>>> ScanInspections(
      absl::string_view after_key, size_t limit,
      const std::function<bool(const v1::Inspection&)>& keep) const override {
    return Scan<v1::Inspection>(ColumnFamily::kInspections, "", "", after_key,
                                limit, &keep, "inspection");
  }

  absl::StatusOr<std::vector<v1::Change>> ReadChanges(
      uint64_t after, size_t limit) const override {
    ASSIGN_OR_RETURN(
        auto keyed,
        Scan<v1::Change>(ColumnFamily::kChanges, SequenceKey(after + 1), "", "",
                         limit, nullptr, "change"));
    std::vector<v1::Change> changes;
    changes.reserve(keyed.size());
    for (auto& entry : keyed) changes.push_back(std::move(entry.value));
    return changes;
  }

  absl::StatusOr<std::vector<v1::Change>> ReadFeed(
      uint64_t after, size_t limit) const override {
    ASSIGN_OR_RETURN(
        auto keyed,
        Scan<v1::Change>(ColumnFamily::kFeed, SequenceKey(after + 1), "", "",
                         limit, nullptr, "change"));
    std::vector<v1::Change> changes;
    changes.reserve(keyed.size());
    for (auto& entry : keyed) changes.push_back(std::move(entry.value));
    return changes;
  }

  absl::StatusOr<std::vector<common::StoredAuditEntry>> ReadAuditEntries(
      uint64_t after, size_t limit) const override {
    rocksdb::ReadOptions read_options;
    std::unique_ptr<rocksdb::Iterator> it(
        db_->NewIterator(read_options, Handle(ColumnFamily::kAudit)));
    std::vector<common::StoredAuditEntry> out;
    for (it->Seek(SequenceKey(after + 1)); it->Valid() && out.size() < limit;
         it->Next()) {
      auto sequence = DecodeSequenceKey(
          absl::string_view(it->key().data(), it->key().size()));
      if (!sequence) continue;  // not an audit key: nothing to say about it
      out.push_back({*sequence, it->value().ToString()});
    }
    RETURN_IF_ERROR(FromRocksDb(it->status(), "reading the audit trail"));
    return out;
  }

  absl::Status PurgeErasedContent() override {
    absl::MutexLock purge(&purge_mu_);
    return common::PurgeErasedBytes(*db_, handles_);
  }

  uint64_t HeadSequence() const override {
    return head_.load(std::memory_order_acquire);
  }

  uint64_t AddCommitListener(CommitListener listener) override {
    absl::MutexLock lock(&listeners_mu_);
    uint64_t id = next_listener_id_++;
    listeners_.emplace(id, std::move(listener));
    return id;
  }

  void RemoveCommitListener(uint64_t id) override {
    absl::MutexLock lock(&listeners_mu_);
    listeners_.erase(id);
  }

  common::StorageFigures Figures() const override {
    return common::ReadStorageFigures(*db_, statistics_.get());
  }

  std::optional<uint64_t> TickerForTest(absl::string_view name) const override {
    for (const auto& [ticker, ticker_name] : rocksdb::TickersNameMap) {
      if (ticker_name == name) return statistics_->getTickerCount(ticker);
    }
    return std::nullopt;
  }

 private:
  rocksdb::ColumnFamilyHandle* Handle(ColumnFamily family) const {
    return handles_[static_cast<size_t>(family)];
  }

  template <typename Message>
  absl::StatusOr<std::optional<Message>> Get(ColumnFamily family,
                                             const std::string& key,
                                             absl::string_view what) const {
    std::string bytes;
    rocksdb::Status s =
        db_->Get(rocksdb::ReadOptions(), Handle(family), key, &bytes);
    return ParseFound<Message>(s, bytes, what);
  }

  // Entries of `family` in [lower, upper) ("" = unbounded) strictly after
  // `after_key`, kept by `keep` when given, at most `limit`.
  template <typename Message>
  absl::StatusOr<std::vector<Keyed<Message>>> Scan(
      ColumnFamily family, const std::string& lower, const std::string& upper,
      absl::string_view after_key, size_t limit,
      const std::function<bool(const Message&)>* keep,
      absl::string_view what) const {
    rocksdb::ReadOptions read_options;
    rocksdb::Slice upper_slice(upper);
    if (!upper.empty()) read_options.iterate_upper_bound = &upper_slice;
    std::unique_ptr<rocksdb::Iterator> it(
        db_->NewIterator(read_options, Handle(family)));
    std::vector<Keyed<Message>> out;
    std::string start =
        std::string(after_key) > lower ? std::string(after_key) : lower;
    for (it->Seek(start); it->Valid() && out.size() < limit; it->Next()) {
      if (!after_key.empty() &&
          it->key() == rocksdb::Slice(after_key.data(), after_key.size())) {
        continue;
      }
      Message message;
      if (!message.ParseFromArray(it->value().data(),
                                  static_cast<int>(it->value().size()))) {
        return absl::DataLossError(
            absl::StrCat("unreadable ", what, " record"));
      }
      if (keep != nullptr && !(*keep)(message)) continue;
      out.push_back({it->key().ToString(), std::move(message)});
    }
    RETURN_IF_ERROR(
        FromRocksDb(it->status(), absl::StrCat("scanning ", what, "s")));
    return out;
  }

  void RunCommitter() {
    while (true) {
      std::vector<Step> group;
      {
        absl::MutexLock lock(&mu_);
        mu_.Await(absl::Condition(
            +[](RocksIntakeStore* self) ABSL_EXCLUSIVE_LOCKS_REQUIRED(
                 self->mu_) { return self->closing_ || !self->queue_.empty(); },
            this));
        if (queue_.empty()) return;  // closing, and everything is done
        // Whole bundles only: a bulk chunk is never split across syncs.
        while (!queue_.empty() &&
               (group.empty() ||
                group.size() + queue_.front().size() <= kMaxGroupSize)) {
          for (Step& step : queue_.front()) group.push_back(std::move(step));
          queue_.pop_front();
        }
      }
      CommitGroup(group);
    }
  }

  void CommitGroup(std::vector<Step>& group) {
    rocksdb::WriteBatchWithIndex batch(rocksdb::BytewiseComparator(), 0,
                                       /*overwrite_key=*/true);
    const uint64_t first_sequence = next_sequence_;
    const common::AuditChainHead first_audit_head = audit_head_;
    GroupTransaction transaction(db_.get(), handles_, &batch, &next_sequence_,
                                 &audit_head_, absl::Now());
    std::vector<absl::Status> results;
    results.reserve(group.size());
    for (Step& pending : group) {
      batch.SetSavePoint();
      const uint64_t sequence_mark = next_sequence_;
      transaction.set_request_id(pending.request_id);
      const common::AuditChainHead audit_mark = audit_head_;
      absl::Status status = pending.mutation(transaction);
      if (status.ok()) {
        batch.PopSavePoint().PermitUncheckedError();
      } else {
        batch.RollbackToSavePoint().PermitUncheckedError();
        next_sequence_ = sequence_mark;
        audit_head_ = audit_mark;
      }
      results.push_back(std::move(status));
    }
    if (batch.GetWriteBatch()->Count() > 0) {
      rocksdb::WriteOptions write_options;
      write_options.sync = sync_;
      absl::Status written = FromRocksDb(
          db_->Write(write_options, batch.GetWriteBatch()), "writing batch");
      if (!written.ok()) {
        next_sequence_ = first_sequence;
        audit_head_ = first_audit_head;
        for (absl::Status& status : results) {
          if (status.ok()) status = written;
        }
      }
    }
    if (next_sequence_ != first_sequence) {
      head_.store(next_sequence_ - 1, std::memory_order_release);
      NotifyListeners(next_sequence_ - 1);
    }
    for (size_t i = 0; i < group.size(); ++i) group[i].done(results[i]);
  }

  void NotifyListeners(uint64_t head) {
    absl::MutexLock lock(&listeners_mu_);
    for (auto& [id, listener] : listeners_) listener(head);
  }

  std::unique_ptr<rocksdb::DB> db_;
  std::vector<rocksdb::ColumnFamilyHandle*> handles_;
  std::shared_ptr<rocksdb::Statistics> statistics_;
  const bool sync_;

  absl::Mutex mu_;
  std::deque<std::vector<Step>> queue_ ABSL_GUARDED_BY(mu_);
  bool closing_ ABSL_GUARDED_BY(mu_) = false;
  bool committer_stopped_ ABSL_GUARDED_BY(mu_) = false;
  std::thread committer_;

  std::atomic<uint64_t> head_;
  uint64_t next_sequence_;             // committer thread only
  common::AuditChainHead audit_head_;  // committer thread only
  absl::Mutex purge_mu_;               // one purge at a time

  absl::Mutex listeners_mu_;
  std::map<uint64_t, CommitListener> listeners_ ABSL_GUARDED_BY(listeners_mu_);
  uint64_t next_listener_id_ ABSL_GUARDED_BY(listeners_mu_) = 1;
};

// The head of the change log is its last key: the log and the records are
// written in the same batch, so nothing else needs to be persisted.
absl::StatusOr<uint64_t> ReadHeadSequence(
    rocksdb::DB* db, rocksdb::ColumnFamilyHandle* changes) {
  std::unique_ptr<rocksdb::Iterator> it(
      db->NewIterator(rocksdb::ReadOptions(), changes));
  it->SeekToLast();
  RETURN_IF_ERROR(FromRocksDb(it->status(), "reading the change log head"));
  if (!it->Valid()) return 0;
  auto sequence =
      DecodeSequenceKey(absl::string_view(it->key().data(), it->key().size()));
  if (!sequence.has_value()) {
    return absl::DataLossError("the change log holds a malformed key");
  }
  return *sequence;
}

}  // namespace

absl::StatusOr<std::unique_ptr<IntakeStore>> IntakeStore::Open(
    const StoreOptions& options) {
  rocksdb::DBOptions db_options;
  db_options.statistics = rocksdb::CreateDBStatistics();
  db_options.statistics->set_stats_level(rocksdb::StatsLevel::kExceptTimers);
  db_options.IncreaseParallelism(2);
  common::KeepNoErasedBytes(db_options);
  std::vector<rocksdb::ColumnFamilyDescriptor> descriptors;
  for (ColumnFamily family : kAllColumnFamilies) {
    rocksdb::ColumnFamilyOptions cf_options;
    cf_options.OptimizeLevelStyleCompaction(32 << 20);
    common::KeepNoErasedBytes(cf_options);
    // Flush each full memtable on its own rather than two at a time, and
    // hold at most three: memory grows with memtables waiting for a flush.
    cf_options.min_write_buffer_number_to_merge = 1;
    cf_options.max_write_buffer_number = 3;
    descriptors.emplace_back(std::string(ColumnFamilyName(family)), cf_options);
  }
  std::unique_ptr<rocksdb::DB> db;
  std::vector<rocksdb::ColumnFamilyHandle*> handles;
  RETURN_IF_ERROR(common::OpenRocksDb(options.path, "the intake store",
                                      db_options, descriptors, &db, &handles));
  absl::StatusOr<uint64_t> head = ReadHeadSequence(
      db.get(), handles[static_cast<size_t>(ColumnFamily::kChanges)]);
  absl::StatusOr<common::AuditChainHead> audit_head = common::ReadAuditHead(
      db.get(), handles[static_cast<size_t>(ColumnFamily::kAudit)]);
  if (!head.ok() || !audit_head.ok()) {
    for (auto* handle : handles) db->DestroyColumnFamilyHandle(handle);
    return head.ok() ? audit_head.status() : head.status();
  }
  return std::unique_ptr<IntakeStore>(
      new RocksIntakeStore(options, db.release(), std::move(handles),
                           db_options.statistics, *head, *audit_head));
}

}  // namespace yjinspect::intake
