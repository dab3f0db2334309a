// services/intake/stream/change_feed.h on a real intake store: a stream
// that has caught up parks and is woken at once by the next change for the
// findings service, but by changes it does not carry only at a checkpoint
// tick, at most one per interval, however many commits there are; a stream
// owed a checkpoint gets its tick even when the log is still; one that is
// behind the feed is told to read again; a follower that reads the feed
// after its cursor on each wake (as the case stream does) gets every change
// for it once, in order, whether it starts at the beginning or resumes
// after N, while commits race; a removed stream is never woken; shutdown
// closes the parked streams and refuses new ones.

#include "services/intake/stream/change_feed.h"

#include <atomic>
#include <future>
#include <optional>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/strings/str_cat.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/clock.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/testing/case_builder.h"
#include "tests/testing/matchers.h"
#include "tests/testing/wait_until.h"
#include "tests/unit/intake/intake_domain_fixture.h"

namespace yjinspect::intake {
namespace {

using testing::WaitUntil;

constexpr absl::Duration kWait = absl::Seconds(30);

// No tick within a test: only changes for the findings service wake.
constexpr absl::Duration kNoTicks = absl::Hours(1);

// Counts what the feed tells it.
class CountingStream : public ParkedStream {
 public:
  void Wake() override { wakes_.fetch_add(1); }
  void Close() override { closes_.fetch_add(1); }
  int wakes() const { return wakes_.load(); }
  int closes() const { return closes_.load(); }

 private:
  std::atomic<int> wakes_{0};
  std::atomic<int> closes_{0};
};

// A consumer of the change log with a cursor: reads everything after it,
// then parks on what it has seen; on a wake it reads on from its cursor.
class Follower : public ParkedStream {
 public:
  Follower(IntakeStore& store, ChangeFeed& feed, uint64_t after)
      : store_(store), feed_(feed), cursor_(after) {}

  void Start() { Follow(/*on_feed_thread=*/false); }
  void Wake() override { Follow(/*on_feed_thread=*/true); }
  void Close() override { closed_.store(true); }

  std::vector<uint64_t> received() const {
    absl::MutexLock lock(&mu_);
    return received_;
  }
  bool closed() const { return closed_.load(); }

 private:
  // Not under mu_ while parking: the feed calls Wake with its own lock
  // held, so the feed's lock always comes first.
  void Follow(bool on_feed_thread) {
    while (true) {
      const uint64_t feed_head = store_.FeedHeadSequence();
      uint64_t cursor = 0;
      {
        absl::MutexLock lock(&mu_);
        auto changes = store_.ReadFeed(cursor_, 1000);
        ASSERT_TRUE(changes.ok()) << changes.status();
        for (const v1::Change& change : *changes) {
          received_.push_back(change.sequence());
          cursor_ = change.sequence();
        }
        cursor = cursor_;
      }
      if (cursor < feed_head) continue;
      const ChangeFeed::ParkResult parked =
          on_feed_thread ? feed_.ParkFromWake(this, feed_head)
                         : feed_.Park(this, feed_head);
      if (parked != ChangeFeed::ParkResult::kBehind) return;
    }
  }

  IntakeStore& store_;
  ChangeFeed& feed_;
  mutable absl::Mutex mu_;
  uint64_t cursor_ ABSL_GUARDED_BY(mu_);
  std::vector<uint64_t> received_ ABSL_GUARDED_BY(mu_);
  std::atomic<bool> closed_{false};
};

class ChangeFeedTest : public IntakeDomainTest {
 protected:
  // A case that is in no sample: a change the streams do not carry.
  void StoreCase(const std::string& id) {
    auto created = Create(testing::ValidCreateCaseRequest(kYot, id));
    ASSERT_TRUE(created.ok()) << created.status();
  }
  // A change for the findings service (an inspection stored); its sequence.
  uint64_t AppendForFindings() {
    std::promise<absl::Status> done;
    uint64_t sequence = 0;
    store_->Commit(
        [&sequence](StoreTransaction& txn) {
          v1::Change change;
          change.mutable_inspection_stored()->set_name("inspections/i-1");
          change.set_for_findings(true);
          sequence = txn.AppendChange(change);
          return absl::OkStatus();
        },
        [&done](absl::Status status) { done.set_value(std::move(status)); });
    EXPECT_TRUE(done.get_future().get().ok());
    return sequence;
  }
};

// Re-parks on every wake, counting them: a caught-up stream whose consumer
// keeps reading.
class RepeatingStream : public ParkedStream {
 public:
  RepeatingStream(IntakeStore& store, ChangeFeed& feed)
      : store_(store), feed_(feed) {}
  void Start() {
    ASSERT_EQ(feed_.Park(this, 0), ChangeFeed::ParkResult::kParked);
  }
  void Wake() override {
    wakes_.fetch_add(1);
    feed_.ParkFromWake(this, store_.FeedHeadSequence());
  }
  void Close() override {}
  int wakes() const { return wakes_.load(); }

 private:
  IntakeStore& store_;
  ChangeFeed& feed_;
  std::atomic<int> wakes_{0};
};

TEST_F(ChangeFeedTest, ACaughtUpStreamIsWokenAtOnceByAChangeForIt) {
  CountingStream stream;
  ChangeFeed feed(*store_, kNoTicks);
  EXPECT_EQ(feed.Park(&stream, 0), ChangeFeed::ParkResult::kParked);
  StoreCase("NM-1");
  StoreCase("NM-2");
  absl::SleepFor(absl::Milliseconds(100));
  EXPECT_EQ(stream.wakes(), 0) << "changes it does not carry wake no one";
  AppendForFindings();
  EXPECT_TRUE(WaitUntil([&] { return stream.wakes() == 1; }, kWait));
  EXPECT_EQ(stream.closes(), 0);
}

// However many commits move the log past what the streams carry, parked
// streams are woken (to send a checkpoint) at most once per interval.
TEST_F(ChangeFeedTest, ChangesNotForTheStreamsWakeThemOncePerTickAtMost) {
  constexpr absl::Duration kInterval = absl::Milliseconds(100);
  ChangeFeed feed(*store_, kInterval);
  RepeatingStream stream(*store_, feed);
  stream.Start();
  const absl::Time start = absl::Now();
  constexpr int kCommits = 60;
  for (int i = 0; i < kCommits; ++i) StoreCase(absl::StrCat("NM-", i));
  const absl::Duration took = absl::Now() - start;
  // The last commit's tick.
  ASSERT_TRUE(WaitUntil([&] { return stream.wakes() >= 1; }, kWait));
  absl::SleepFor(2 * kInterval);
  const int ticks_possible =
      static_cast<int>((took + 2 * kInterval) / kInterval) + 1;
  EXPECT_LE(stream.wakes(), ticks_possible)
      << kCommits << " commits in " << took;
  EXPECT_LT(stream.wakes(), kCommits);
  feed.Remove(&stream);
}

// A stream that held back a checkpoint is woken at the next tick even when
// no commit comes; one that owes none is not.
TEST_F(ChangeFeedTest, AStreamOwedACheckpointGetsATickWhenTheLogIsStill) {
  constexpr absl::Duration kInterval = absl::Milliseconds(50);
  // Declared before the feed, so they outlive it whatever happens.
  CountingStream owed;
  CountingStream square;
  CountingStream later;
  ChangeFeed feed(*store_, kInterval);
  StoreCase("NM-1");
  absl::SleepFor(3 * kInterval);  // that commit's tick has come and gone
  // The stream that owes nothing parks first: the tick the other is owed
  // cannot come before both are parked.
  ASSERT_EQ(feed.Park(&square, 0), ChangeFeed::ParkResult::kParked);
  ASSERT_EQ(feed.Park(&owed, 0, /*owes_checkpoint=*/true),
            ChangeFeed::ParkResult::kParked);
  EXPECT_TRUE(WaitUntil([&] { return owed.wakes() == 1; }, kWait));
  // The tick wakes every parked stream: both.
  EXPECT_TRUE(WaitUntil([&] { return square.wakes() == 1; }, kWait));
  ASSERT_EQ(feed.Park(&later, 0), ChangeFeed::ParkResult::kParked);
  absl::SleepFor(4 * kInterval);
  EXPECT_EQ(later.wakes(), 0) << "nothing new and no checkpoint owed";
  feed.Remove(&later);
}

TEST_F(ChangeFeedTest, AStreamBehindTheFeedIsToldToReadAgain) {
  const uint64_t first = AppendForFindings();
  StoreCase("NM-1");
  const uint64_t second = AppendForFindings();
  StoreCase("NM-2");
  CountingStream stream;
  ChangeFeed feed(*store_, kNoTicks);
  EXPECT_EQ(feed.Park(&stream, first), ChangeFeed::ParkResult::kBehind);
  EXPECT_EQ(feed.Park(&stream, second), ChangeFeed::ParkResult::kParked);
  feed.Remove(&stream);
}

// A wake unparks: to hear of the change after, a stream parks again.
TEST_F(ChangeFeedTest, AStreamIsWokenOncePerPark) {
  CountingStream once;
  CountingStream marker;
  ChangeFeed feed(*store_, kNoTicks);
  ASSERT_EQ(feed.Park(&once, 0), ChangeFeed::ParkResult::kParked);
  const uint64_t first = AppendForFindings();
  ASSERT_TRUE(WaitUntil([&] { return once.wakes() == 1; }, kWait));
  ASSERT_EQ(feed.Park(&marker, first), ChangeFeed::ParkResult::kParked);
  AppendForFindings();
  ASSERT_TRUE(WaitUntil([&] { return marker.wakes() == 1; }, kWait));
  EXPECT_EQ(once.wakes(), 1);
}

TEST_F(ChangeFeedTest, ARemovedStreamIsNeverWoken) {
  CountingStream removed;
  CountingStream marker;
  ChangeFeed feed(*store_, kNoTicks);
  ASSERT_EQ(feed.Park(&removed, 0), ChangeFeed::ParkResult::kParked);
  ASSERT_EQ(feed.Park(&marker, 0), ChangeFeed::ParkResult::kParked);
  feed.Remove(&removed);
  AppendForFindings();
  // The feed wakes every parked stream in one pass: once the marker is
  // woken, that pass is over.
  ASSERT_TRUE(WaitUntil([&] { return marker.wakes() == 1; }, kWait));
  EXPECT_EQ(removed.wakes(), 0);
  feed.Shutdown();
  EXPECT_EQ(removed.closes(), 0);
}

TEST_F(ChangeFeedTest, AFollowerGetsEveryChangeOnceAndInOrder) {
  constexpr int kThreads = 4;
  constexpr int kPerThread = 20;
  // Before the feed: a stream outlives the feed that may close it.
  std::optional<Follower> follower;
  ChangeFeed feed(*store_, kNoTicks);
  follower.emplace(*store_, feed, 0);
  follower->Start();
  // Each writer interleaves changes for the findings service with cases
  // it does not get.
  absl::Mutex mu;
  std::set<uint64_t> for_findings;
  std::vector<std::thread> writers;
  for (int t = 0; t < kThreads; ++t) {
    writers.emplace_back([&, t] {
      for (int i = 0; i < kPerThread; ++i) {
        if (i % 2 == 0) {
          const uint64_t sequence = AppendForFindings();
          absl::MutexLock lock(&mu);
          for_findings.insert(sequence);
        } else {
          auto created = Create(testing::ValidCreateCaseRequest(
              kYot, absl::StrCat("T", t, "-", i)));
          EXPECT_TRUE(created.ok()) << created.status();
        }
      }
    });
  }
  for (auto& writer : writers) writer.join();
  constexpr uint64_t kTotal = kThreads * kPerThread;
  ASSERT_EQ(store_->HeadSequence(), kTotal);
  ASSERT_EQ(for_findings.size(), kTotal / 2);
  EXPECT_TRUE(WaitUntil(
      [&] { return follower->received().size() >= kTotal / 2; }, kWait));
  EXPECT_THAT(follower->received(),
              ElementsAreArray(std::vector<uint64_t>(for_findings.begin(),
                                                     for_findings.end())));
}

TEST_F(ChangeFeedTest, AFollowerResumesAfterItsCursor) {
  for (int i = 1; i <= 5; ++i) AppendForFindings();
  std::optional<Follower> resumed;
  ChangeFeed feed(*store_, kNoTicks);
  resumed.emplace(*store_, feed, 3);
  resumed->Start();
  // What it had not seen, at once; then parked at the head.
  EXPECT_THAT(resumed->received(), ElementsAre(4u, 5u));
  StoreCase("NM-6");
  AppendForFindings();
  EXPECT_TRUE(
      WaitUntil([&] { return resumed->received().size() == 3; }, kWait));
  EXPECT_THAT(resumed->received(), ElementsAre(4u, 5u, 7u));
  feed.Shutdown();
  EXPECT_TRUE(resumed->closed());
}

TEST_F(ChangeFeedTest, ShutdownClosesParkedStreamsAndRefusesNewOnes) {
  CountingStream parked;
  CountingStream late;
  ChangeFeed feed(*store_);
  ASSERT_EQ(feed.Park(&parked, 0), ChangeFeed::ParkResult::kParked);
  feed.Shutdown();
  // Closed before Shutdown returns, and never woken.
  EXPECT_EQ(parked.closes(), 1);
  EXPECT_EQ(parked.wakes(), 0);
  EXPECT_EQ(feed.Park(&late, 0), ChangeFeed::ParkResult::kClosed);
  feed.Shutdown();  // idempotent
  StoreCase("NM-1");
  EXPECT_EQ(parked.wakes(), 0);
  EXPECT_EQ(late.closes(), 0);
}

}  // namespace
}  // namespace yjinspect::intake
