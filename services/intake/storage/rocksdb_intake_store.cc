// IntakeStore on RocksDB: the only file of the intake service that includes
// RocksDB headers, with the key encoding in keys.cc. What both stores share
// (opening, reads, the audit trail, backups, purges, close) is
// common::RocksDbStore; this file holds the group commit, pipelined: a
// committer thread prepares the next group while a writer thread writes
// and syncs the last one.

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

// The transaction of one group commit: reads through its batch, then the
// batch of the group being written (if one is), then the DB.
class GroupTransaction final : public StoreTransaction {
 public:
  // `in_flight`: the previous group's batch while it is being written
  // (null when none is): reads see it as if it were in the DB already.
  GroupTransaction(const common::RocksDbStore& store,
                   rocksdb::WriteBatchWithIndex* batch,
                   rocksdb::WriteBatchWithIndex* in_flight,
                   uint64_t* next_sequence, uint64_t* feed_head,
                   common::AuditChainHead* audit_head, absl::Time now)
      : store_(store),
        batch_(batch),
        in_flight_(in_flight),
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
    rocksdb::Status s;
    if (in_flight_ == nullptr || InBatch(family, key)) {
      s = batch_->GetFromBatchAndDB(&store_.db(), rocksdb::ReadOptions(),
                                    Handle(family), key, &bytes);
    } else {
      // Not written by this group: as the group being written leaves it
      // (the same whether or not its write has reached the DB yet).
      s = in_flight_->GetFromBatchAndDB(&store_.db(), rocksdb::ReadOptions(),
                                        Handle(family), key, &bytes);
    }
    return common::ParseFoundRecord<Message>(s, bytes, what);
  }
  // Whether this group's batch holds a put or a delete of `key`.
  bool InBatch(ColumnFamily family, const std::string& key) const {
    std::unique_ptr<rocksdb::WBWIIterator> it(
        batch_->NewIterator(Handle(family)));
    it->Seek(key);
    return it->Valid() && it->Entry().key == rocksdb::Slice(key);
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
    if (in_flight_ != nullptr) {
      base.reset(in_flight_->NewIteratorWithBase(Handle(family), base.release(),
                                                 &read_options));
    }
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
  // Only read, while the writer thread writes it (reads of a batch and
  // RocksDB's write of it only read its index and entries).
  rocksdb::WriteBatchWithIndex* in_flight_;
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
        before_write_for_test_(options.before_write_for_test),
        head_(head),
        feed_head_(feed_head),
        next_sequence_(head + 1),
        prepared_feed_head_(feed_head),
        audit_head_(store_->audit_head_at_open()) {
    writer_ = std::thread([this] { RunWriter(); });
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
    committer_.join();  // it waits for the last write
    {
      absl::MutexLock lock(&mu_);
      writer_stopping_ = true;
    }
    writer_.join();
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

  // A group of steps applied to one batch: what the writer thread writes.
  struct PreparedGroup {
    std::vector<Step> steps;
    std::vector<absl::Status> results;
    rocksdb::WriteBatchWithIndex batch{rocksdb::BytewiseComparator(), 0,
                                       /*overwrite_key=*/true};
    // Where the counters stood before the group: restored when its write
    // fails. And the heads it leaves once written.
    uint64_t first_sequence = 0;
    uint64_t first_feed_head = 0;
    common::AuditChainHead first_audit_head;
    uint64_t last_sequence = 0;  // 0: the group appended no change
    uint64_t feed_head = 0;
  };

  // The committer prepares groups; the writer writes them, one at a time
  // and in order. While the writer syncs one group the committer prepares
  // the next, reading through the batch being written: the two overlap, and
  // the next group is ready the moment the disk is free.
  void RunCommitter() {
    std::unique_ptr<PreparedGroup> in_flight;  // being written, or written
    while (true) {
      std::vector<Step> steps = TakeGroup();
      if (steps.empty()) break;  // closing, and everything is taken
      // A group whose write has ended is collected first: if it failed, this
      // group is prepared on the counters from before it.
      if (in_flight != nullptr && WriteEnded()) {
        CollectWritten(in_flight);
      }
      rocksdb::WriteBatchWithIndex* under_way =
          in_flight ? &in_flight->batch : nullptr;
      auto prepared = std::make_unique<PreparedGroup>();
      prepared->first_sequence = next_sequence_;
      prepared->first_feed_head = prepared_feed_head_;
      prepared->first_audit_head = audit_head_;
      GroupTransaction transaction(*store_, &prepared->batch, under_way,
                                   &next_sequence_, &prepared_feed_head_,
                                   &audit_head_, absl::Now());
      Apply(std::move(steps), transaction, *prepared);
      if (in_flight != nullptr) {
        // While the disk is busy, what arrives joins this group.
        for (std::vector<Step> more = TakeMoreWhileWriting(*prepared);
             !more.empty(); more = TakeMoreWhileWriting(*prepared)) {
          Apply(std::move(more), transaction, *prepared);
        }
        absl::Status previous = AwaitWrite();
        CollectWritten(in_flight);
        if (!previous.ok()) {
          // It read what the failed write held, so its outcomes are
          // unknown too: nothing of it is written, and the counters are
          // back to where they stood before the failed group.
          Tell(prepared->steps, prepared->results, previous);
          continue;
        }
      }
      if (next_sequence_ != prepared->first_sequence) {
        prepared->last_sequence = next_sequence_ - 1;
      }
      prepared->feed_head = prepared_feed_head_;
      if (prepared->batch.GetWriteBatch()->Count() == 0) {
        Tell(prepared->steps, prepared->results, absl::OkStatus());
        continue;
      }
      StartWrite(prepared.get());
      in_flight = std::move(prepared);
    }
    if (in_flight != nullptr) {
      AwaitWrite().IgnoreError();
      CollectWritten(in_flight);
    }
  }

  // The next queued steps (whole bundles, at most kMaxGroupSize unless one
  // bundle is larger); none once closing and the queue is empty.
  std::vector<Step> TakeGroup() {
    absl::MutexLock lock(&mu_);
    mu_.Await(absl::Condition(
        +[](RocksIntakeStore* self) ABSL_EXCLUSIVE_LOCKS_REQUIRED(self->mu_) {
          return self->closing_ || !self->queue_.empty();
        },
        this));
    return TakeFitting(0);
  }

  // Whole bundles from the queue while `group` has room for them: waits
  // for one or for the write under way to end; none once it has.
  std::vector<Step> TakeMoreWhileWriting(const PreparedGroup& group) {
    std::pair<RocksIntakeStore*, size_t> wait{this, group.steps.size()};
    absl::MutexLock lock(&mu_);
    mu_.Await(absl::Condition(
        +[](std::pair<RocksIntakeStore*, size_t>* arg)
             ABSL_NO_THREAD_SAFETY_ANALYSIS {  // Await holds mu_
               RocksIntakeStore* self = arg->first;
               return self->write_ended_ || self->closing_ ||
                      (!self->queue_.empty() &&
                       arg->second + self->queue_.front().size() <=
                           kMaxGroupSize);
             },
        &wait));
    if (write_ended_) return {};
    return TakeFitting(wait.second);
  }

  // Whole bundles only, so a bulk chunk is never split across syncs: at
  // most kMaxGroupSize steps with the `held` ones, or one bundle when
  // `held` is 0.
  std::vector<Step> TakeFitting(size_t held)
      ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_) {
    std::vector<Step> group;
    while (!queue_.empty() &&
           ((held == 0 && group.empty()) ||
            held + group.size() + queue_.front().size() <= kMaxGroupSize)) {
      for (Step& step : queue_.front()) group.push_back(std::move(step));
      queue_.pop_front();
    }
    return group;
  }

  // Applies each step to the group's batch, each all or nothing (a save
  // point).
  void Apply(std::vector<Step> steps, GroupTransaction& transaction,
             PreparedGroup& group) {
    rocksdb::WriteBatchWithIndex& batch = group.batch;
    for (Step& pending : steps) {
      batch.SetSavePoint();
      const uint64_t sequence_mark = next_sequence_;
      const uint64_t feed_mark = prepared_feed_head_;
      const common::AuditChainHead audit_mark = audit_head_;
      transaction.set_request_id(pending.request_id);
      absl::Status status = pending.mutation(transaction);
      if (status.ok()) {
        batch.PopSavePoint().PermitUncheckedError();
      } else {
        batch.RollbackToSavePoint().PermitUncheckedError();
        next_sequence_ = sequence_mark;
        prepared_feed_head_ = feed_mark;
        audit_head_ = audit_mark;
      }
      group.results.push_back(std::move(status));
      group.steps.push_back(std::move(pending));
    }
  }

  // Hands `group` to the writer thread.
  void StartWrite(PreparedGroup* group) {
    absl::MutexLock lock(&mu_);
    writing_ = group;
    write_ended_ = false;
  }

  bool WriteEnded() {
    absl::MutexLock lock(&mu_);
    return write_ended_;
  }

  // Waits until the writer has written (or failed to write) the group last
  // handed to it; returns how its write ended.
  absl::Status AwaitWrite() {
    absl::MutexLock lock(&mu_);
    mu_.Await(absl::Condition(&write_ended_));
    return write_status_;
  }

  // After the write of `group` ended (its steps are told by the writer):
  // a failed write puts the counters back to where they stood before it.
  // The group is then let go.
  void CollectWritten(std::unique_ptr<PreparedGroup>& group) {
    absl::Status status;
    {
      absl::MutexLock lock(&mu_);
      status = write_status_;
    }
    if (!status.ok()) {
      next_sequence_ = group->first_sequence;
      prepared_feed_head_ = group->first_feed_head;
      audit_head_ = group->first_audit_head;
    }
    group.reset();
  }

  void RunWriter() {
    while (true) {
      PreparedGroup* group = nullptr;
      {
        absl::MutexLock lock(&mu_);
        mu_.Await(absl::Condition(
            +[](RocksIntakeStore* self)
                 ABSL_EXCLUSIVE_LOCKS_REQUIRED(self->mu_) {
                   return self->writer_stopping_ || self->writing_ != nullptr;
                 },
            this));
        if (writing_ == nullptr) return;  // stopping, nothing to write
        group = writing_;
      }
      absl::Status written = Write(*group);
      if (written.ok() && group->last_sequence != 0) {
        // The feed's head first: a reader that sees the new head sees it too.
        feed_head_.store(group->feed_head, std::memory_order_release);
        head_.store(group->last_sequence, std::memory_order_release);
        NotifyListeners(group->last_sequence);
      }
      // The group's steps and outcomes move out before the committer may
      // collect it, so they are told while the next group is written.
      std::vector<Step> steps = std::move(group->steps);
      std::vector<absl::Status> results = std::move(group->results);
      {
        absl::MutexLock lock(&mu_);
        writing_ = nullptr;
        write_status_ = written;
        write_ended_ = true;
      }
      Tell(steps, results, written);
    }
  }

  absl::Status Write(PreparedGroup& group) {
    if (before_write_for_test_) {
      RETURN_IF_ERROR(before_write_for_test_());
    }
    rocksdb::WriteOptions write_options;
    write_options.sync = sync_;
    return FromRocksDb(
        store_->Write(write_options, group.batch.GetWriteBatch()),
        "writing batch");
  }

  // Tells each step its own outcome, or `status` (the group's write, or
  // the failed write it was prepared on) when that was OK.
  static void Tell(const std::vector<Step>& steps,
                   const std::vector<absl::Status>& results,
                   const absl::Status& status) {
    for (size_t i = 0; i < steps.size(); ++i) {
      steps[i].done(results[i].ok() ? status : results[i]);
    }
  }

  void NotifyListeners(uint64_t head) {
    absl::MutexLock lock(&listeners_mu_);
    for (auto& [id, listener] : listeners_) listener(head);
  }

  std::unique_ptr<common::RocksDbStore> store_;
  const bool sync_;
  const std::function<absl::Status()> before_write_for_test_;

  absl::Mutex mu_;
  std::deque<std::vector<Step>> queue_ ABSL_GUARDED_BY(mu_);
  bool closing_ ABSL_GUARDED_BY(mu_) = false;
  bool committer_stopped_ ABSL_GUARDED_BY(mu_) = false;
  std::thread committer_;

  // The group the writer thread is to write or is writing, how the last
  // write ended, and whether it has.
  PreparedGroup* writing_ ABSL_GUARDED_BY(mu_) = nullptr;
  absl::Status write_status_ ABSL_GUARDED_BY(mu_);
  bool write_ended_ ABSL_GUARDED_BY(mu_) = false;
  bool writer_stopping_ ABSL_GUARDED_BY(mu_) = false;
  std::thread writer_;

  // What is durable.
  std::atomic<uint64_t> head_;
  // The last change marked for_findings: what a caught-up stream waits for.
  std::atomic<uint64_t> feed_head_;
  // What the groups prepared so far leave: committer thread only.
  uint64_t next_sequence_;
  uint64_t prepared_feed_head_;
  common::AuditChainHead audit_head_;

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
