// IntakeStore on RocksDB: the only file of the intake service that includes
// RocksDB headers, with the key encoding in keys.cc. What both stores share
// (opening, reads, the audit trail, backups, purges, close) is
// common::RocksDbStore; this file holds the group commit.

#include <atomic>
#include <deque>
#include <map>
#include <thread>
#include <utility>

#include "absl/base/thread_annotations.h"
#include "absl/strings/str_cat.h"
#include "absl/synchronization/mutex.h"
#include "common/request_id.h"
#include "common/status_macros.h"
#include "common/storage/rocksdb_audit_trail.h"
#include "common/storage/rocksdb_status.h"
#include "common/storage/rocksdb_store.h"
#include "google/protobuf/util/time_util.h"
#include "rocksdb/utilities/write_batch_with_index.h"
#include "services/intake/storage/column_families.h"
#include "services/intake/storage/intake_store.h"
#include "services/intake/storage/keys.h"
#include "services/intake/storage/log_entry.h"

namespace yjinspect::intake {
namespace {

using common::FromRocksDb;

// How many queued mutations one group commit takes at most: enough to share
// a sync among every client of a busy moment, small enough to bound the
// batch's memory.
constexpr size_t kMaxGroupSize = 2048;

// The transaction of one group commit: reads through the batch to the DB.
class GroupTransaction final : public StoreTransaction {
 public:
  GroupTransaction(const common::RocksDbStore& store,
                   rocksdb::WriteBatchWithIndex* batch, uint64_t* next_sequence,
                   uint64_t* feed_head, common::AuditChainHead* audit_head,
                   absl::Time now)
      : store_(store),
        batch_(batch),
        next_sequence_(next_sequence),
        feed_head_(feed_head),
        audit_head_(audit_head),
        now_(now) {}

  absl::StatusOr<std::optional<storage::v1::StoredCase>> FindCase(
      absl::string_view yot, absl::string_view case_id) override {
    return Find<storage::v1::StoredCase>(ColumnFamily::kCases,
                                         CaseKey(yot, case_id), "case");
  }
  void PutCase(absl::string_view yot, absl::string_view case_id,
               const storage::v1::StoredCase& stored) override {
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
  absl::StatusOr<std::optional<storage::v1::RequestRecord>> FindRequest(
      absl::string_view kind, absl::string_view request_id) override {
    return Find<storage::v1::RequestRecord>(
        ColumnFamily::kRequests, RequestKey(kind, request_id), "request");
  }
  void PutRequest(absl::string_view kind, absl::string_view request_id,
                  const storage::v1::RequestRecord& record) override {
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
    const std::string key = SequenceKey(sequence);
    if (change.for_findings()) {
      // Whole in the log and in the feed, serialised once.
      const std::string bytes = change.SerializeAsString();
      batch_->Put(Handle(ColumnFamily::kChanges), key, bytes);
      batch_->Put(Handle(ColumnFamily::kFeed), key, bytes);
      *feed_head_ = sequence;
    } else {
      Put(ColumnFamily::kChanges, key, LogEntryOf(std::move(change)));
    }
    return sequence;
  }
  void RewriteChange(const v1::Change& change) override {
    Put(ColumnFamily::kChanges, SequenceKey(change.sequence()), change);
    if (change.for_findings()) {
      Put(ColumnFamily::kFeed, SequenceKey(change.sequence()), change);
    }
  }
  absl::StatusOr<std::vector<storage::v1::StoredCase>> CasesOfYot(
      absl::string_view yot) override {
    return RecordsOfYot<storage::v1::StoredCase>(ColumnFamily::kCases, yot,
                                                 "case");
  }
  absl::StatusOr<std::optional<storage::v1::StoredVictimCase>> FindVictimCase(
      absl::string_view yot, absl::string_view victim_case_id) override {
    return Find<storage::v1::StoredVictimCase>(ColumnFamily::kVictimCases,
                                               CaseKey(yot, victim_case_id),
                                               "victim case");
  }
  void PutVictimCase(absl::string_view yot, absl::string_view victim_case_id,
                     const storage::v1::StoredVictimCase& stored) override {
    Put(ColumnFamily::kVictimCases, CaseKey(yot, victim_case_id), stored);
  }
  void DeleteVictimCase(absl::string_view yot,
                        absl::string_view victim_case_id) override {
    batch_->Delete(Handle(ColumnFamily::kVictimCases),
                   CaseKey(yot, victim_case_id));
  }
  absl::StatusOr<std::vector<storage::v1::StoredVictimCase>> VictimCasesOfYot(
      absl::string_view yot) override {
    return RecordsOfYot<storage::v1::StoredVictimCase>(
        ColumnFamily::kVictimCases, yot, "victim case");
  }
  absl::StatusOr<std::optional<v1::Change>> FindChange(
      uint64_t sequence) override {
    return Find<v1::Change>(ColumnFamily::kChanges, SequenceKey(sequence),
                            "change");
  }
  void AppendAudit(const common::AuditEvent& event,
                   absl::StatusCode outcome) override {
    common::PutAuditRecord(*batch_, Handle(ColumnFamily::kAudit), event,
                           outcome, now_, *audit_head_);
  }
  absl::Time Now() const override { return now_; }

 private:
  rocksdb::ColumnFamilyHandle* Handle(ColumnFamily family) const {
    return store_.handle(family);
  }
  template <typename Message>
  absl::StatusOr<std::optional<Message>> Find(ColumnFamily family,
                                              const std::string& key,
                                              absl::string_view what) {
    std::string bytes;
    rocksdb::Status s = batch_->GetFromBatchAndDB(
        &store_.db(), rocksdb::ReadOptions(), Handle(family), key, &bytes);
    return common::ParseFoundRecord<Message>(s, bytes, what);
  }
  void Put(ColumnFamily family, const std::string& key,
           const google::protobuf::Message& message) {
    batch_->Put(Handle(family), key, message.SerializeAsString());
  }
  // Every record of one YOT in `family` (keyed by CaseKey), through the
  // batch, so records written earlier in this group are seen.
  template <typename Message>
  absl::StatusOr<std::vector<Message>> RecordsOfYot(ColumnFamily family,
                                                    absl::string_view yot,
                                                    absl::string_view what) {
    rocksdb::ReadOptions read_options;
    std::string upper = CaseKeyLimit(yot);
    rocksdb::Slice upper_slice(upper);
    read_options.iterate_upper_bound = &upper_slice;
    std::unique_ptr<rocksdb::Iterator> base(
        store_.db().NewIterator(read_options, Handle(family)));
    std::unique_ptr<rocksdb::Iterator> it(batch_->NewIteratorWithBase(
        Handle(family), base.release(), &read_options));
    std::vector<Message> out;
    for (it->Seek(CaseKeyPrefix(yot));
         it->Valid() && it->key().compare(upper_slice) < 0; it->Next()) {
      ASSIGN_OR_RETURN(Message stored,
                       common::ParseRecord<Message>(it->value(), what));
      out.push_back(std::move(stored));
    }
    RETURN_IF_ERROR(FromRocksDb(
        it->status(), absl::StrCat("scanning a YOT's ", what, " records")));
    return out;
  }

  const common::RocksDbStore& store_;
  rocksdb::WriteBatchWithIndex* batch_;
  uint64_t* next_sequence_;
  uint64_t* feed_head_;
  common::AuditChainHead* audit_head_;
  absl::Time now_;
  std::string request_id_;
};

class RocksIntakeStore final : public IntakeStore {
 public:
  RocksIntakeStore(const StoreOptions& options,
                   std::unique_ptr<common::RocksDbStore> store, uint64_t head,
                   uint64_t feed_head)
      : store_(std::move(store)),
        sync_(options.sync),
        head_(head),
        feed_head_(feed_head),
        next_sequence_(head + 1),
        audit_head_(store_->audit_head_at_open()) {
    committer_ = std::thread([this] { RunCommitter(); });
  }

  // The queue is finished before RocksDB closes (store_'s destructor).
  ~RocksIntakeStore() override { Close(); }

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
    return store_->CreateBackup(backup_dir, metadata);
  }

  absl::StatusOr<std::optional<storage::v1::StoredCase>> GetCase(
      absl::string_view yot, absl::string_view case_id) const override {
    return store_->Get<storage::v1::StoredCase>(ColumnFamily::kCases,
                                                CaseKey(yot, case_id), "case");
  }

  absl::StatusOr<std::vector<Keyed<storage::v1::StoredCase>>> ScanCases(
      absl::string_view yot, absl::string_view after_key,
      size_t limit) const override {
    return store_->Scan<storage::v1::StoredCase>(
        ColumnFamily::kCases,
        common::KeysIn(yot.empty() ? "" : CaseKeyPrefix(yot),
                       yot.empty() ? "" : CaseKeyLimit(yot), after_key, limit),
        "case");
  }

  absl::StatusOr<std::optional<storage::v1::StoredVictimCase>> GetVictimCase(
      absl::string_view yot, absl::string_view victim_case_id) const override {
    return store_->Get<storage::v1::StoredVictimCase>(
        ColumnFamily::kVictimCases, CaseKey(yot, victim_case_id),
        "victim case");
  }

  absl::StatusOr<std::vector<Keyed<storage::v1::StoredVictimCase>>>
  ScanVictimCases(
      absl::string_view yot, absl::string_view after_key, size_t limit,
      const std::function<bool(const storage::v1::StoredVictimCase&)>& keep)
      const override {
    return store_->Scan<storage::v1::StoredVictimCase>(
        ColumnFamily::kVictimCases,
        common::KeysIn(CaseKeyPrefix(yot), CaseKeyLimit(yot), after_key, limit),
        "victim case", keep);
  }

  absl::StatusOr<std::optional<v1::Inspection>> GetInspection(
      absl::string_view inspection_id) const override {
    return store_->Get<v1::Inspection>(
        ColumnFamily::kInspections, InspectionKey(inspection_id), "inspection");
  }

  absl::StatusOr<std::vector<Keyed<v1::Inspection>>> ScanInspections(
      absl::string_view after_key, size_t limit,
      const std::function<bool(const v1::Inspection&)>& keep) const override {
    return store_->Scan<v1::Inspection>(
        ColumnFamily::kInspections, common::KeysIn("", "", after_key, limit),
        "inspection", keep);
  }

  absl::StatusOr<std::vector<v1::Change>> ReadChanges(
      uint64_t after, size_t limit) const override {
    return ReadLog(ColumnFamily::kChanges, after, limit);
  }

  absl::StatusOr<std::vector<v1::Change>> ReadFeed(
      uint64_t after, size_t limit) const override {
    return ReadLog(ColumnFamily::kFeed, after, limit);
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

  uint64_t HeadSequence() const override {
    return head_.load(std::memory_order_acquire);
  }

  uint64_t FeedHeadSequence() const override {
    return feed_head_.load(std::memory_order_acquire);
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

  common::StorageFigures Figures() const override { return store_->Figures(); }

  std::optional<uint64_t> TickerForTest(absl::string_view name) const override {
    return store_->Ticker(name);
  }

 private:
  // Changes of a log family (kChanges, kFeed) after `after`, in order.
  absl::StatusOr<std::vector<v1::Change>> ReadLog(ColumnFamily log,
                                                  uint64_t after,
                                                  size_t limit) const {
    ASSIGN_OR_RETURN(
        auto keyed,
        store_->Scan<v1::Change>(
            log, common::KeysIn(SequenceKey(after + 1), "", "", limit),
            "change"));
    return common::Values(std::move(keyed));
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
    const uint64_t first_feed_head = feed_head_.load(std::memory_order_relaxed);
    uint64_t feed_head = first_feed_head;
    const common::AuditChainHead first_audit_head = audit_head_;
    GroupTransaction transaction(*store_, &batch, &next_sequence_, &feed_head,
                                 &audit_head_, absl::Now());
    std::vector<absl::Status> results;
    results.reserve(group.size());
    for (Step& pending : group) {
      batch.SetSavePoint();
      const uint64_t sequence_mark = next_sequence_;
      const uint64_t feed_mark = feed_head;
      transaction.set_request_id(pending.request_id);
      const common::AuditChainHead audit_mark = audit_head_;
      absl::Status status = pending.mutation(transaction);
      if (status.ok()) {
        batch.PopSavePoint().PermitUncheckedError();
      } else {
        batch.RollbackToSavePoint().PermitUncheckedError();
        next_sequence_ = sequence_mark;
        feed_head = feed_mark;
        audit_head_ = audit_mark;
      }
      results.push_back(std::move(status));
    }
    if (batch.GetWriteBatch()->Count() > 0) {
      rocksdb::WriteOptions write_options;
      write_options.sync = sync_;
      absl::Status written = FromRocksDb(
          store_->Write(write_options, batch.GetWriteBatch()), "writing batch");
      if (!written.ok()) {
        next_sequence_ = first_sequence;
        feed_head = first_feed_head;
        audit_head_ = first_audit_head;
        for (absl::Status& status : results) {
          if (status.ok()) status = written;
        }
      }
    }
    if (next_sequence_ != first_sequence) {
      // The feed's head first: a reader that sees the new head sees it too.
      feed_head_.store(feed_head, std::memory_order_release);
      head_.store(next_sequence_ - 1, std::memory_order_release);
      NotifyListeners(next_sequence_ - 1);
    }
    for (size_t i = 0; i < group.size(); ++i) group[i].done(results[i]);
  }

  void NotifyListeners(uint64_t head) {
    absl::MutexLock lock(&listeners_mu_);
    for (auto& [id, listener] : listeners_) listener(head);
  }

  std::unique_ptr<common::RocksDbStore> store_;
  const bool sync_;

  absl::Mutex mu_;
  std::deque<std::vector<Step>> queue_ ABSL_GUARDED_BY(mu_);
  bool closing_ ABSL_GUARDED_BY(mu_) = false;
  bool committer_stopped_ ABSL_GUARDED_BY(mu_) = false;
  std::thread committer_;

  std::atomic<uint64_t> head_;
  // The last change marked for_findings: what a caught-up stream waits for.
  std::atomic<uint64_t> feed_head_;
  uint64_t next_sequence_;             // committer thread only
  common::AuditChainHead audit_head_;  // committer thread only

  absl::Mutex listeners_mu_;
  std::map<uint64_t, CommitListener> listeners_ ABSL_GUARDED_BY(listeners_mu_);
  uint64_t next_listener_id_ ABSL_GUARDED_BY(listeners_mu_) = 1;
};

// The head of the change log is its last key: the log and the records are
// written in the same batch, so nothing else needs to be persisted.
absl::StatusOr<uint64_t> ReadHeadSequence(
    rocksdb::DB& db, rocksdb::ColumnFamilyHandle* changes) {
  std::unique_ptr<rocksdb::Iterator> it(
      db.NewIterator(rocksdb::ReadOptions(), changes));
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
  db_options.IncreaseParallelism(2);
  common::RocksDbSchema schema{
      "the intake store",
      {kColumnFamilyNames.begin(), kColumnFamilyNames.end()},
      rocksdb::ColumnFamilyOptions(),
      static_cast<size_t>(ColumnFamily::kAudit),
      // Every create reads its case (or victim's case), and its request id
      // when it has one, before it is stored.
      {static_cast<size_t>(ColumnFamily::kCases),
       static_cast<size_t>(ColumnFamily::kVictimCases),
       static_cast<size_t>(ColumnFamily::kRequests),
       static_cast<size_t>(ColumnFamily::kInspections)}};
  schema.family_options.OptimizeLevelStyleCompaction(32 << 20);
  // Flush each full memtable on its own rather than two at a time, and
  // hold at most three: memory grows with memtables waiting for a flush.
  schema.family_options.min_write_buffer_number_to_merge = 1;
  schema.family_options.max_write_buffer_number = 3;
  ASSIGN_OR_RETURN(std::unique_ptr<common::RocksDbStore> store,
                   common::RocksDbStore::Open(options.path, schema, db_options,
                                              options.safeguards));
  ASSIGN_OR_RETURN(
      uint64_t head,
      ReadHeadSequence(store->db(), store->handle(ColumnFamily::kChanges)));
  ASSIGN_OR_RETURN(
      uint64_t feed_head,
      ReadHeadSequence(store->db(), store->handle(ColumnFamily::kFeed)));
  return std::unique_ptr<IntakeStore>(
      new RocksIntakeStore(options, std::move(store), head, feed_head));
}

}  // namespace yjinspect::intake
