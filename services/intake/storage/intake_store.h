#pragma once

// The intake service's durable store (RocksDB). Thread-safe.
//
// Writes go through Commit(): one committer thread applies queued mutations
// in order, each stored change getting the next number of a dense change-log
// sequence in the same WriteBatch as the change, and syncs the WAL once for
// everything that arrived together (group commit). While one group is
// written and synced by a writer thread, the committer prepares the next,
// reading through the batch being written. `done` runs only after the
// batch is durable, on one of the store's two threads, so it must not
// block.
//
// Reads are point reads and scans against the latest committed state.

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "common/audit/audit_source.h"
#include "common/storage/keyed.h"
#include "common/storage/storage_figures.h"
#include "common/storage/store_safeguards.h"
#include "services/intake/storage/store_transaction.h"
#include "yjinspect/v1/admin_service.pb.h"

namespace yjinspect::intake {

struct StoreOptions {
  // The RocksDB folder; created when missing.
  std::string path;
  // Sync the WAL before a commit is acknowledged. Only tests turn it off.
  bool sync = true;
  // Checksums at open, the free-space reserve (rocksdb_store.h).
  common::StoreSafeguards safeguards = {};
  // Tests only: runs on the writer thread before each group's write, and a
  // status other than OK fails that write as a disk error would. Lets a
  // test hold a write in flight, or fail one.
  std::function<absl::Status()> before_write_for_test;
};

using common::Keyed;

class IntakeStore : public common::AuditSource {
 public:
  using Mutation = std::function<absl::Status(StoreTransaction&)>;
  using Done = std::function<void(absl::Status)>;
  // Called after every durable group with the new head sequence.
  using CommitListener = std::function<void(uint64_t head_sequence)>;

  // Opens (creating if needed) the store at options.path. FAILED_PRECONDITION
  // if another process holds it; DATA_LOSS if it is corrupt.
  static absl::StatusOr<std::unique_ptr<IntakeStore>> Open(
      const StoreOptions& options);

  // Finishes the queued mutations, stops the committer and closes RocksDB.
  ~IntakeStore() override = default;

  // Queues a mutation; the change-log entries it appends carry the request
  // id current on the calling thread. `done` gets the mutation's own error, or
  // the write's error, or OK once durable. After Close() it gets UNAVAILABLE. A
  // write error means "outcome unknown" (the WAL record may have reached the
  // disk before the sync failed, and RocksDB then refuses further writes): a
  // client retries with the same request_id; a group prepared on top of a
  // failed write (it may have read what that held) gets the same error.
  // `done` runs on a store thread and must not call Close() or destroy the
  // store.
  virtual void Commit(Mutation mutation, Done done) = 0;

  // Queues several mutations that are applied in order in the same group
  // commit (one durable write), each with its own outcome: a bulk load's
  // chunk. At most kMaxBundleSize.
  struct Step {
    Mutation mutation;
    Done done;
    // Written on the change-log entries the mutation appends. Empty: the
    // request id current on the queueing thread (common/request_id.h).
    std::string request_id;
  };
  static constexpr size_t kMaxBundleSize = 1000;
  virtual void CommitBundle(std::vector<Step> steps) = 0;

  // Finishes queued mutations and refuses new ones. Idempotent.
  virtual void Close() = 0;

  virtual absl::StatusOr<std::optional<storage::v1::StoredCase>> GetCase(
      absl::string_view yot, absl::string_view case_id) const = 0;
  // Up to `limit` cases after `after_key` (exclusive; "" = from the start),
  // of one YOT, or of every YOT when `yot` is empty.
  virtual absl::StatusOr<std::vector<Keyed<storage::v1::StoredCase>>> ScanCases(
      absl::string_view yot, absl::string_view after_key,
      size_t limit) const = 0;

  virtual absl::StatusOr<std::optional<storage::v1::StoredVictimCase>>
  GetVictimCase(absl::string_view yot,
                absl::string_view victim_case_id) const = 0;
  // Up to `limit` victims' cases of one YOT after `after_key` that `keep`
  // accepts (null: every one).
  virtual absl::StatusOr<std::vector<Keyed<storage::v1::StoredVictimCase>>>
  ScanVictimCases(
      absl::string_view yot, absl::string_view after_key, size_t limit,
      const std::function<bool(const storage::v1::StoredVictimCase&)>& keep)
      const = 0;

  virtual absl::StatusOr<std::optional<v1::Inspection>> GetInspection(
      absl::string_view inspection_id) const = 0;
  virtual absl::StatusOr<std::vector<Keyed<v1::Inspection>>> ScanInspections(
      absl::string_view after_key, size_t limit,
      const std::function<bool(const v1::Inspection&)>& keep) const = 0;

  // Up to `limit` log entries with sequence > `after`, in order: a stored
  // record not for findings as its name and etag only (log_entry.h).
  virtual absl::StatusOr<std::vector<v1::Change>> ReadChanges(
      uint64_t after, size_t limit) const = 0;
  // Up to `limit` changes marked for_findings with sequence > `after`.
  virtual absl::StatusOr<std::vector<v1::Change>> ReadFeed(
      uint64_t after, size_t limit) const = 0;
  // The sequence number of the last durable change (0 when empty).
  virtual uint64_t HeadSequence() const = 0;
  // The sequence number of the last durable change marked for_findings (0
  // when none); it never passes HeadSequence, and is updated before it.
  virtual uint64_t FeedHeadSequence() const = 0;

  // Registers a listener for durable commits; returns an id for removal.
  virtual uint64_t AddCommitListener(CommitListener listener) = 0;
  virtual void RemoveCommitListener(uint64_t id) = 0;

  // Makes erased content leave the disk: flushes every memtable (so the
  // WAL files that still hold it become obsolete and are deleted), then
  // rewrites every SST file (so no older version of an erased record
  // survives in one). Runs on the caller's thread, concurrently with
  // commits; called after an erasure is durable. Erasures are rare and the
  // store is small, so a full compaction is the simple, certain way.
  virtual absl::Status PurgeErasedContent() = 0;
  // Takes an online backup of the whole store into `backup_dir` while
  // commits go on (common/storage/store_backups.h): it holds every change
  // durable before the call. UNAVAILABLE after Close().
  virtual absl::StatusOr<v1::Backup> CreateBackup(
      const std::string& backup_dir, const v1::BackupMetadata& metadata) = 0;

  // Numbers read from RocksDB's statistics ("rocksdb.wal.synced" ...), for
  // benchmarks and metrics.
  virtual std::optional<uint64_t> TickerForTest(
      absl::string_view name) const = 0;
  // Size and write stalls of the RocksDB store, for metrics.
  virtual common::StorageFigures Figures() const = 0;
};

// Commits a mutation that produces a value: `fill(txn, result)` is the
// mutation, writing its value into `result`; `done` gets that value once it
// is durable, or the mutation's or the write's error (as Commit's `done`).
template <typename T, typename Fill>
void CommitProducing(IntakeStore& store, Fill fill,
                     std::function<void(absl::StatusOr<T>)> done) {
  auto result = std::make_shared<T>();
  store.Commit(
      [fill = std::move(fill), result](StoreTransaction& txn) mutable {
        return fill(txn, *result);
      },
      [result, done = std::move(done)](const absl::Status& status) {
        if (!status.ok()) {
          done(status);
        } else {
          done(std::move(*result));
        }
      });
}

}  // namespace yjinspect::intake
