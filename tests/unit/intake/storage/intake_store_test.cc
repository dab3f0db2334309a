// services/intake/storage/intake_store.h on RocksDB: atomic record + log
// writes, a dense change-log sequence that survives restarts, and group
// commit.

#include "services/intake/storage/intake_store.h"

#include <atomic>
#include <functional>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/synchronization/mutex.h"
#include "absl/synchronization/notification.h"
#include "absl/time/clock.h"
#include "common/resource_names.h"
#include "common/status_macros.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/testing/case_builder.h"
#include "tests/testing/temp_dir.h"

namespace yjinspect::intake {
namespace {

using ::testing::ElementsAre;

constexpr absl::Duration kWait = absl::Seconds(30);

// Stores a case and appends its change in one mutation, as case intake
// does; the sequence it got goes to `*sequence` when given.
IntakeStore::Mutation StoreCase(std::string yot, std::string case_id,
                                uint64_t* sequence = nullptr) {
  return [yot, case_id, sequence](StoreTransaction& txn) {
    v1::Case c = testing::ValidCase(absl::StrCat("CH-", case_id));
    c.set_name(common::FormatCaseName(yot, case_id));
    v1::Change change;
    *change.mutable_case_stored() = c;
    storage::v1::StoredCase stored;
    stored.add_change_sequences(txn.AppendChange(change));
    *stored.mutable_case_() = c;
    txn.PutCase(yot, case_id, stored);
    if (sequence != nullptr) *sequence = stored.change_sequences(0);
    return absl::OkStatus();
  };
}

// Counts `n` done callbacks down; waits are bounded.
class DoneLatch {
 public:
  explicit DoneLatch(int n) : remaining_(n) {}
  IntakeStore::Done Callback() {
    return [this](absl::Status status) {
      if (!status.ok()) failures_.fetch_add(1);
      if (remaining_.fetch_sub(1) == 1) all_done_.Notify();
    };
  }
  bool Wait() { return all_done_.WaitForNotificationWithTimeout(kWait); }
  int failures() const { return failures_.load(); }

 private:
  std::atomic<int> remaining_;
  std::atomic<int> failures_{0};
  absl::Notification all_done_;
};

class IntakeStoreTest : public ::testing::Test {
 protected:
  void SetUp() override { Reopen(); }

  // Closes the store and opens it again on the same folder: a restart.
  void Reopen(bool sync = false) {
    StoreOptions options;
    options.sync = sync;
    ReopenWith(std::move(options));
  }
  void ReopenWith(StoreOptions options) {
    store_.reset();
    options.path = dir_.Sub("store");
    auto store = IntakeStore::Open(options);
    ASSERT_TRUE(store.ok()) << store.status();
    store_ = std::move(*store);
  }

  // Commits without waiting; the outcome goes to `*status` and `done`.
  void CommitNoWait(IntakeStore::Mutation mutation, absl::Status* status,
                    absl::Notification* done) {
    store_->Commit(std::move(mutation), [status, done](absl::Status s) {
      *status = std::move(s);
      done->Notify();
    });
  }

  // Commits and waits for the outcome (DEADLINE_EXCEEDED if none comes).
  absl::Status CommitAndWait(IntakeStore::Mutation mutation) {
    auto done = std::make_shared<absl::Notification>();
    auto status = std::make_shared<absl::Status>();
    store_->Commit(std::move(mutation), [done, status](absl::Status s) {
      *status = std::move(s);
      done->Notify();
    });
    if (!done->WaitForNotificationWithTimeout(kWait)) {
      return absl::DeadlineExceededError("no outcome");
    }
    return *status;
  }

  std::vector<v1::Change> Changes(uint64_t after = 0, size_t limit = 10000) {
    auto changes = store_->ReadChanges(after, limit);
    EXPECT_TRUE(changes.ok()) << changes.status();
    return changes.ok() ? *changes : std::vector<v1::Change>();
  }

  static std::vector<uint64_t> Sequences(const std::vector<v1::Change>& c) {
    std::vector<uint64_t> out;
    for (const v1::Change& change : c) out.push_back(change.sequence());
    return out;
  }

  bool HasCase(absl::string_view yot, absl::string_view case_id) {
    auto found = store_->GetCase(yot, case_id);
    EXPECT_TRUE(found.ok()) << found.status();
    return found.ok() && found->has_value();
  }

  testing::TempDir dir_;
  std::unique_ptr<IntakeStore> store_;
};

TEST_F(IntakeStoreTest, CommitWritesTheRecordAndItsChangeTogether) {
  uint64_t sequence = 0;
  ASSERT_TRUE(CommitAndWait(StoreCase("northmoor", "NM-1", &sequence)).ok());
  EXPECT_EQ(sequence, 1u);
  EXPECT_EQ(store_->HeadSequence(), 1u);

  auto stored = store_->GetCase("northmoor", "NM-1");
  ASSERT_TRUE(stored.ok() && stored->has_value());
  EXPECT_EQ((*stored)->case_().name(), "yots/northmoor/cases/NM-1");
  EXPECT_THAT((*stored)->change_sequences(), ElementsAre(1u));

  auto changes = Changes();
  ASSERT_EQ(changes.size(), 1u);
  EXPECT_EQ(changes[0].sequence(), 1u);
  EXPECT_EQ(changes[0].case_stored().name(), "yots/northmoor/cases/NM-1");
  EXPECT_TRUE(changes[0].has_commit_time());
}

TEST_F(IntakeStoreTest, FailedMutationLeavesNothingAndUsesNoSequence) {
  IntakeStore::Mutation store_then_fail = [](StoreTransaction& txn) {
    RETURN_IF_ERROR(StoreCase("northmoor", "NM-BAD")(txn));
    return absl::AlreadyExistsError("refused after writing");
  };
  absl::Status status = CommitAndWait(store_then_fail);
  EXPECT_EQ(status, absl::AlreadyExistsError("refused after writing"));
  EXPECT_FALSE(HasCase("northmoor", "NM-BAD"));
  EXPECT_TRUE(Changes().empty());
  EXPECT_EQ(store_->HeadSequence(), 0u);

  uint64_t sequence = 0;
  ASSERT_TRUE(CommitAndWait(StoreCase("northmoor", "NM-1", &sequence)).ok());
  EXPECT_EQ(sequence, 1u);
  EXPECT_THAT(Sequences(Changes()), ElementsAre(1u));
}

TEST_F(IntakeStoreTest, BundleStepsSeeEarlierStepsAndFailAlone) {
  std::vector<absl::Status> outcomes(3, absl::UnknownError("no outcome"));
  DoneLatch latch(3);
  std::vector<IntakeStore::Step> steps(3);
  uint64_t first = 0, third = 0;
  steps[0].mutation = StoreCase("northmoor", "A", &first);
  steps[1].mutation = [](StoreTransaction& txn) -> absl::Status {
    ASSIGN_OR_RETURN(auto a, txn.FindCase("northmoor", "A"));
    if (!a) return absl::NotFoundError("step 1 does not see step 0");
    RETURN_IF_ERROR(StoreCase("northmoor", "B")(txn));
    return absl::AbortedError("step 1 gives up");
  };
  steps[2].mutation = [&third](StoreTransaction& txn) -> absl::Status {
    ASSIGN_OR_RETURN(auto b, txn.FindCase("northmoor", "B"));
    if (b) return absl::InternalError("step 2 sees the undone step 1");
    return StoreCase("northmoor", "C", &third)(txn);
  };
  for (size_t i = 0; i < steps.size(); ++i) {
    steps[i].done = [&outcomes, i, cb = latch.Callback()](absl::Status s) {
      outcomes[i] = s;
      cb(std::move(s));
    };
  }
  store_->CommitBundle(std::move(steps));
  ASSERT_TRUE(latch.Wait());

  EXPECT_TRUE(outcomes[0].ok()) << outcomes[0];
  EXPECT_EQ(outcomes[1], absl::AbortedError("step 1 gives up"));
  EXPECT_TRUE(outcomes[2].ok()) << outcomes[2];
  EXPECT_EQ(first, 1u);
  EXPECT_EQ(third, 2u);
  EXPECT_TRUE(HasCase("northmoor", "A"));
  EXPECT_FALSE(HasCase("northmoor", "B"));
  EXPECT_TRUE(HasCase("northmoor", "C"));
  auto changes = Changes();
  ASSERT_EQ(changes.size(), 2u);
  EXPECT_EQ(changes[0].case_stored().name(), "yots/northmoor/cases/A");
  EXPECT_EQ(changes[1].case_stored().name(), "yots/northmoor/cases/C");
  EXPECT_EQ(store_->HeadSequence(), 2u);
}

TEST_F(IntakeStoreTest, SequenceIsDenseUnderConcurrencyAndAfterReopen) {
  constexpr int kThreads = 8;
  constexpr int kPerThread = 50;
  constexpr int kTotal = kThreads * kPerThread;
  std::vector<uint64_t> sequences(kTotal, 0);
  DoneLatch latch(kTotal);
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < kPerThread; ++i) {
        const int n = t * kPerThread + i;
        store_->Commit(StoreCase("northmoor", absl::StrCat("NM-", n),
                                 &sequences[static_cast<size_t>(n)]),
                       latch.Callback());
      }
    });
  }
  for (auto& thread : threads) thread.join();
  ASSERT_TRUE(latch.Wait());
  EXPECT_EQ(latch.failures(), 0);
  EXPECT_EQ(store_->HeadSequence(), static_cast<uint64_t>(kTotal));

  // Every commit got its own number, and the log holds 1..N in order, each
  // entry the case that was told its number.
  auto changes = Changes();
  ASSERT_EQ(changes.size(), static_cast<size_t>(kTotal));
  for (int n = 0; n < kTotal; ++n) {
    const uint64_t sequence = sequences[static_cast<size_t>(n)];
    EXPECT_EQ(changes[static_cast<size_t>(n)].sequence(),
              static_cast<uint64_t>(n + 1));
    ASSERT_GE(sequence, 1u);
    ASSERT_LE(sequence, static_cast<uint64_t>(kTotal));
    EXPECT_EQ(changes[sequence - 1].case_stored().name(),
              absl::StrCat("yots/northmoor/cases/NM-", n));
  }

  Reopen();
  EXPECT_EQ(store_->HeadSequence(), static_cast<uint64_t>(kTotal));
  EXPECT_EQ(Changes().size(), static_cast<size_t>(kTotal));
  EXPECT_TRUE(HasCase("northmoor", "NM-0"));
  EXPECT_TRUE(HasCase("northmoor", absl::StrCat("NM-", kTotal - 1)));
  uint64_t next = 0;
  ASSERT_TRUE(CommitAndWait(StoreCase("northmoor", "NM-NEXT", &next)).ok());
  EXPECT_EQ(next, static_cast<uint64_t>(kTotal + 1));
  EXPECT_EQ(store_->HeadSequence(), static_cast<uint64_t>(kTotal + 1));
}

TEST_F(IntakeStoreTest, ReadChangesGivesEntriesAfterTheCursorUpToTheLimit) {
  for (int i = 1; i <= 10; ++i) {
    ASSERT_TRUE(
        CommitAndWait(StoreCase("northmoor", absl::StrCat("C", i))).ok());
  }
  EXPECT_THAT(Sequences(Changes(0, 3)), ElementsAre(1u, 2u, 3u));
  EXPECT_THAT(Sequences(Changes(3, 3)), ElementsAre(4u, 5u, 6u));
  EXPECT_THAT(Sequences(Changes(8, 100)), ElementsAre(9u, 10u));
  EXPECT_EQ(Changes(0, 3)[0].case_stored().name(), "yots/northmoor/cases/C1");
  EXPECT_TRUE(Changes(10, 5).empty());
  EXPECT_TRUE(Changes(1000, 5).empty());
  EXPECT_TRUE(Changes(0, 0).empty());
}

TEST_F(IntakeStoreTest, RewrittenChangeKeepsItsPlace) {
  ASSERT_TRUE(CommitAndWait(StoreCase("northmoor", "NM-1")).ok());
  ASSERT_TRUE(CommitAndWait([](StoreTransaction& txn) -> absl::Status {
                ASSIGN_OR_RETURN(auto entry, txn.FindChange(1));
                if (!entry) return absl::NotFoundError("no change 1");
                v1::Change erased;
                erased.set_sequence(1);
                erased.mutable_case_erased()->set_name(
                    entry->case_stored().name());
                txn.RewriteChange(erased);
                txn.DeleteCase("northmoor", "NM-1");
                return absl::OkStatus();
              }).ok());
  EXPECT_EQ(store_->HeadSequence(), 1u);
  auto changes = Changes();
  ASSERT_EQ(changes.size(), 1u);
  EXPECT_EQ(changes[0].case_erased().name(), "yots/northmoor/cases/NM-1");
  EXPECT_FALSE(changes[0].has_case_stored());
  EXPECT_FALSE(HasCase("northmoor", "NM-1"));
}

TEST_F(IntakeStoreTest, ScanCasesStaysInsideOneYot) {
  for (const auto& [yot, id] :
       std::vector<std::pair<std::string, std::string>>{{"northmoor", "C"},
                                                        {"northmoor2", "A"},
                                                        {"northmoor", "A"},
                                                        {"northmoo", "Z"},
                                                        {"northmoor", "B"},
                                                        {"southvale", "A"}}) {
    ASSERT_TRUE(CommitAndWait(StoreCase(yot, id)).ok());
  }
  auto names = [](const std::vector<Keyed<storage::v1::StoredCase>>& found) {
    std::vector<std::string> out;
    for (const auto& entry : found) out.push_back(entry.value.case_().name());
    return out;
  };
  auto all = store_->ScanCases("northmoor", "", 10);
  ASSERT_TRUE(all.ok()) << all.status();
  EXPECT_THAT(names(*all),
              ElementsAre("yots/northmoor/cases/A", "yots/northmoor/cases/B",
                          "yots/northmoor/cases/C"));
  auto first_two = store_->ScanCases("northmoor", "", 2);
  ASSERT_TRUE(first_two.ok());
  ASSERT_EQ(first_two->size(), 2u);
  auto rest = store_->ScanCases("northmoor", (*first_two)[1].key, 2);
  ASSERT_TRUE(rest.ok());
  EXPECT_THAT(names(*rest), ElementsAre("yots/northmoor/cases/C"));
  auto every_yot = store_->ScanCases("", "", 100);
  ASSERT_TRUE(every_yot.ok());
  EXPECT_EQ(every_yot->size(), 6u);
  auto nobody = store_->ScanCases("westfield", "", 10);
  ASSERT_TRUE(nobody.ok());
  EXPECT_TRUE(nobody->empty());
}

TEST_F(IntakeStoreTest, CommitAfterCloseIsUnavailableAndNotApplied) {
  store_->Close();
  store_->Close();  // idempotent
  bool ran = false;
  absl::Status status = CommitAndWait([&ran](StoreTransaction&) {
    ran = true;
    return absl::OkStatus();
  });
  EXPECT_EQ(status.code(), absl::StatusCode::kUnavailable);
  EXPECT_FALSE(ran);
}

TEST_F(IntakeStoreTest, CloseFinishesWhatIsQueuedAndRefusesTheRest) {
  // Hold the committer so that commits queue up behind it.
  absl::Notification release;
  DoneLatch queued(21);
  store_->Commit(
      [&release](StoreTransaction& txn) {
        release.WaitForNotificationWithTimeout(kWait);
        return StoreCase("northmoor", "GATE")(txn);
      },
      queued.Callback());
  for (int i = 0; i < 20; ++i) {
    store_->Commit(StoreCase("northmoor", absl::StrCat("Q", i)),
                   queued.Callback());
  }
  std::thread closer([this] { store_->Close(); });
  // Probe until Close() refuses new work; accepted probes are queued too.
  int accepted = 0;
  bool refused = false;
  const absl::Time deadline = absl::Now() + kWait;
  while (!refused && absl::Now() < deadline) {
    auto outcome = std::make_shared<std::atomic<int>>(0);
    store_->Commit(
        StoreCase("northmoor", absl::StrCat("P", accepted)),
        [outcome](absl::Status s) {
          outcome->store(s.code() == absl::StatusCode::kUnavailable ? 2 : 1);
        });
    // A refusal is reported before Commit() returns.
    refused = outcome->load() == 2;
    if (!refused) ++accepted;
  }
  release.Notify();
  closer.join();
  ASSERT_TRUE(refused) << "Close() never refused a commit";
  ASSERT_TRUE(queued.Wait());
  EXPECT_EQ(queued.failures(), 0);
  EXPECT_EQ(store_->HeadSequence(), static_cast<uint64_t>(21 + accepted));
}

// Appends one change marked for the findings service (an inspection).
IntakeStore::Mutation ChangeForFindings(std::string inspection) {
  return [inspection](StoreTransaction& txn) {
    v1::Change change;
    change.mutable_inspection_stored()->set_name(inspection);
    change.set_for_findings(true);
    txn.AppendChange(change);
    return absl::OkStatus();
  };
}

// The feed's head is the last change marked for the findings service: a
// change not marked moves only the log's head; a step that fails moves
// neither; both survive a restart.
TEST_F(IntakeStoreTest, TheFeedHeadIsTheLastChangeForFindings) {
  EXPECT_EQ(store_->FeedHeadSequence(), 0u);
  ASSERT_TRUE(CommitAndWait(StoreCase("northmoor", "A")).ok());
  EXPECT_EQ(store_->HeadSequence(), 1u);
  EXPECT_EQ(store_->FeedHeadSequence(), 0u);
  ASSERT_TRUE(CommitAndWait(ChangeForFindings("inspections/i-1")).ok());
  ASSERT_TRUE(CommitAndWait(StoreCase("northmoor", "B")).ok());
  EXPECT_EQ(store_->HeadSequence(), 3u);
  EXPECT_EQ(store_->FeedHeadSequence(), 2u);
  EXPECT_FALSE(CommitAndWait([](StoreTransaction& txn) {
                 RETURN_IF_ERROR(ChangeForFindings("inspections/i-2")(txn));
                 return absl::AbortedError("rolled back");
               }).ok());
  EXPECT_EQ(store_->HeadSequence(), 3u);
  EXPECT_EQ(store_->FeedHeadSequence(), 2u);
  Reopen();
  EXPECT_EQ(store_->HeadSequence(), 3u);
  EXPECT_EQ(store_->FeedHeadSequence(), 2u);
}

TEST_F(IntakeStoreTest, CommitListenersGetTheNewHead) {
  absl::Mutex mu;
  std::vector<uint64_t> heads;
  const uint64_t id = store_->AddCommitListener([&](uint64_t head) {
    absl::MutexLock lock(&mu);
    heads.push_back(head);
  });
  // Waits until the listener has been called `n` times.
  auto seen = [&](size_t n) {
    struct Count {
      const std::vector<uint64_t>* heads;
      size_t n;
      bool Reached() const { return heads->size() >= n; }
    } count{&heads, n};
    absl::MutexLock lock(&mu);
    return mu.AwaitWithTimeout(absl::Condition(&count, &Count::Reached), kWait);
  };
  ASSERT_TRUE(CommitAndWait(StoreCase("northmoor", "A")).ok());
  ASSERT_TRUE(seen(1));
  ASSERT_TRUE(CommitAndWait(StoreCase("northmoor", "B")).ok());
  ASSERT_TRUE(seen(2));
  // A group that changes nothing moves no head.
  EXPECT_FALSE(CommitAndWait([](StoreTransaction&) {
                 return absl::AbortedError("nothing");
               }).ok());
  store_->RemoveCommitListener(id);
  ASSERT_TRUE(CommitAndWait(StoreCase("northmoor", "C")).ok());
  absl::MutexLock lock(&mu);
  EXPECT_THAT(heads, ElementsAre(1u, 2u));
}

TEST_F(IntakeStoreTest, OpeningAnOpenStoreIsFailedPrecondition) {
  auto second = IntakeStore::Open({dir_.Sub("store"), false, {}, {}});
  ASSERT_FALSE(second.ok());
  EXPECT_EQ(second.status().code(), absl::StatusCode::kFailedPrecondition)
      << second.status();
}

TEST_F(IntakeStoreTest, ConcurrentCommitsShareWalSyncs) {
  Reopen(/*sync=*/true);
  EXPECT_EQ(store_->TickerForTest("no.such.ticker"), std::nullopt);
  const auto before = store_->TickerForTest("rocksdb.wal.synced");
  ASSERT_TRUE(before.has_value());
  constexpr int kThreads = 8;
  constexpr int kPerThread = 25;
  constexpr int kCommits = kThreads * kPerThread;
  DoneLatch latch(kCommits);
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < kPerThread; ++i) {
        store_->Commit(StoreCase("northmoor", absl::StrCat("S", t, "-", i)),
                       latch.Callback());
      }
    });
  }
  for (auto& thread : threads) thread.join();
  ASSERT_TRUE(latch.Wait());
  EXPECT_EQ(latch.failures(), 0);
  EXPECT_EQ(store_->HeadSequence(), static_cast<uint64_t>(kCommits));
  const uint64_t synced =
      *store_->TickerForTest("rocksdb.wal.synced") - *before;
  EXPECT_GE(synced, 1u) << "sync is on: acknowledged writes must be synced";
  EXPECT_LT(synced, static_cast<uint64_t>(kCommits));
}

// The writer thread's first write waits for `release`, then ends with
// `outcome`; later writes go ahead. `held` is notified once it waits.
struct HeldFirstWrite {
  absl::Notification held;
  absl::Notification release;
  absl::Status outcome;
  std::atomic<int> writes{0};

  std::function<absl::Status()> Hook() {
    return [this]() -> absl::Status {
      if (writes.fetch_add(1) > 0) return absl::OkStatus();
      held.Notify();
      release.WaitForNotificationWithTimeout(kWait);
      return outcome;
    };
  }
};

TEST_F(IntakeStoreTest, TheNextGroupIsPreparedWhileOneIsWrittenAndReadsIt) {
  HeldFirstWrite first;
  StoreOptions options;
  options.before_write_for_test = first.Hook();
  ReopenWith(std::move(options));

  absl::Status a_status, b_status;
  absl::Notification a_done, b_done, b_prepared;
  CommitNoWait(StoreCase("northmoor", "A"), &a_status, &a_done);
  ASSERT_TRUE(first.held.WaitForNotificationWithTimeout(kWait));
  // A is being written; B is prepared meanwhile and sees A.
  bool b_saw_a = false;
  uint64_t b_sequence = 0;
  CommitNoWait(
      [&](StoreTransaction& txn) -> absl::Status {
        ASSIGN_OR_RETURN(auto found, txn.FindCase("northmoor", "A"));
        b_saw_a = found.has_value();
        ASSIGN_OR_RETURN(auto cases, txn.CasesOfYot("northmoor"));
        EXPECT_EQ(cases.size(), 1u);
        RETURN_IF_ERROR(StoreCase("northmoor", "B", &b_sequence)(txn));
        b_prepared.Notify();
        return absl::OkStatus();
      },
      &b_status, &b_done);
  ASSERT_TRUE(b_prepared.WaitForNotificationWithTimeout(kWait));
  // Neither is acknowledged before A is durable.
  EXPECT_FALSE(a_done.HasBeenNotified());
  EXPECT_FALSE(b_done.HasBeenNotified());
  EXPECT_EQ(store_->HeadSequence(), 0u);
  first.release.Notify();
  ASSERT_TRUE(a_done.WaitForNotificationWithTimeout(kWait));
  ASSERT_TRUE(b_done.WaitForNotificationWithTimeout(kWait));
  EXPECT_TRUE(a_status.ok()) << a_status;
  EXPECT_TRUE(b_status.ok()) << b_status;
  EXPECT_TRUE(b_saw_a);
  EXPECT_EQ(b_sequence, 2u);
  EXPECT_THAT(Sequences(Changes()), ElementsAre(1u, 2u));
  EXPECT_EQ(store_->HeadSequence(), 2u);
}

TEST_F(IntakeStoreTest, WhatArrivesDuringAWriteJoinsTheNextGroup) {
  HeldFirstWrite first;
  StoreOptions options;
  options.before_write_for_test = first.Hook();
  ReopenWith(std::move(options));
  DoneLatch latch(6);
  store_->Commit(StoreCase("northmoor", "A"), latch.Callback());
  ASSERT_TRUE(first.held.WaitForNotificationWithTimeout(kWait));
  for (int i = 0; i < 5; ++i) {
    store_->Commit(StoreCase("northmoor", absl::StrCat("B", i)),
                   latch.Callback());
  }
  // Each commit is queued at once; give the committer time to take them
  // (it takes what is queued while the write is held).
  absl::SleepFor(absl::Milliseconds(100));
  first.release.Notify();
  ASSERT_TRUE(latch.Wait());
  EXPECT_EQ(latch.failures(), 0);
  EXPECT_EQ(first.writes.load(), 2) << "five commits, one write";
  EXPECT_EQ(store_->HeadSequence(), 6u);
}

TEST_F(IntakeStoreTest,
       AGroupPreparedOnAFailedWriteFailsWithItAndLeavesNothing) {
  HeldFirstWrite first;
  first.outcome = absl::UnavailableError("the disk went away");
  StoreOptions options;
  options.before_write_for_test = first.Hook();
  ReopenWith(std::move(options));

  absl::Status a_status, b_status, c_status;
  absl::Notification a_done, b_done, c_done, c_prepared;
  CommitNoWait(StoreCase("northmoor", "A"), &a_status, &a_done);
  ASSERT_TRUE(first.held.WaitForNotificationWithTimeout(kWait));
  CommitNoWait(StoreCase("northmoor", "B"), &b_status, &b_done);
  // C writes nothing: it only reads A, which the failed write held.
  CommitNoWait(
      [&](StoreTransaction& txn) -> absl::Status {
        ASSIGN_OR_RETURN(auto found, txn.FindCase("northmoor", "A"));
        EXPECT_TRUE(found.has_value());
        c_prepared.Notify();
        return absl::OkStatus();
      },
      &c_status, &c_done);
  ASSERT_TRUE(c_prepared.WaitForNotificationWithTimeout(kWait));
  first.release.Notify();
  for (absl::Notification* done : {&a_done, &b_done, &c_done}) {
    ASSERT_TRUE(done->WaitForNotificationWithTimeout(kWait));
  }
  for (const absl::Status& status : {a_status, b_status, c_status}) {
    EXPECT_EQ(status.code(), absl::StatusCode::kUnavailable) << status;
  }
  EXPECT_FALSE(HasCase("northmoor", "A"));
  EXPECT_FALSE(HasCase("northmoor", "B"));
  EXPECT_TRUE(Changes().empty());
  EXPECT_EQ(store_->HeadSequence(), 0u);

  // The numbers the failed groups took are used again.
  uint64_t sequence = 0;
  ASSERT_TRUE(CommitAndWait(StoreCase("northmoor", "D", &sequence)).ok());
  EXPECT_EQ(sequence, 1u);
  EXPECT_THAT(Sequences(Changes()), ElementsAre(1u));
}

}  // namespace
}  // namespace yjinspect::intake
