// services/intake/stream/change_feed.h on a real intake store: a stream
// that has caught up parks and is woken by the next commit; one that is
// behind is told to read again; a follower that reads the log after its
// cursor on each wake (as the case stream does) gets every change once, in
// order, whether it starts at the beginning or resumes after N, while
// commits race; a removed stream is never woken; shutdown closes the
// parked streams and refuses new ones.

#include "services/intake/stream/change_feed.h"

#include <atomic>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/strings/str_cat.h"
#include "absl/synchronization/mutex.h"
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
      const uint64_t head = store_.HeadSequence();
      uint64_t cursor = 0;
      {
        absl::MutexLock lock(&mu_);
        auto changes = store_.ReadChanges(cursor_, 1000);
        ASSERT_TRUE(changes.ok()) << changes.status();
        for (const v1::Change& change : *changes) {
          received_.push_back(change.sequence());
          cursor_ = change.sequence();
        }
        cursor = cursor_;
      }
      if (cursor < head) continue;
      const ChangeFeed::ParkResult parked =
          on_feed_thread ? feed_.ParkFromWake(this, cursor)
                         : feed_.Park(this, cursor);
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

std::vector<uint64_t> OneTo(uint64_t n) {
  std::vector<uint64_t> sequences;
  for (uint64_t s = 1; s <= n; ++s) sequences.push_back(s);
  return sequences;
}

class ChangeFeedTest : public IntakeDomainTest {
 protected:
  void StoreCase(const std::string& id) {
    auto created = Create(testing::ValidCreateCaseRequest(kYot, id));
    ASSERT_TRUE(created.ok()) << created.status();
  }
};

TEST_F(ChangeFeedTest, ACaughtUpStreamIsWokenByTheNextCommit) {
  CountingStream stream;
  ChangeFeed feed(*store_);
  EXPECT_EQ(feed.Park(&stream, 0), ChangeFeed::ParkResult::kParked);
  StoreCase("NM-1");
  EXPECT_TRUE(WaitUntil([&] { return stream.wakes() == 1; }, kWait));
  EXPECT_EQ(stream.closes(), 0);
}

TEST_F(ChangeFeedTest, AStreamBehindTheHeadIsToldToReadAgain) {
  StoreCase("NM-1");
  StoreCase("NM-2");
  CountingStream stream;
  ChangeFeed feed(*store_);
  EXPECT_EQ(feed.Park(&stream, 1), ChangeFeed::ParkResult::kBehind);
  EXPECT_EQ(feed.Park(&stream, 2), ChangeFeed::ParkResult::kParked);
}

// A wake unparks: to hear of the commit after, a stream parks again.
TEST_F(ChangeFeedTest, AStreamIsWokenOncePerPark) {
  CountingStream once;
  CountingStream marker;
  ChangeFeed feed(*store_);
  ASSERT_EQ(feed.Park(&once, 0), ChangeFeed::ParkResult::kParked);
  StoreCase("NM-1");
  ASSERT_TRUE(WaitUntil([&] { return once.wakes() == 1; }, kWait));
  ASSERT_EQ(feed.Park(&marker, 1), ChangeFeed::ParkResult::kParked);
  StoreCase("NM-2");
  ASSERT_TRUE(WaitUntil([&] { return marker.wakes() == 1; }, kWait));
  EXPECT_EQ(once.wakes(), 1);
}

TEST_F(ChangeFeedTest, ARemovedStreamIsNeverWoken) {
  CountingStream removed;
  CountingStream marker;
  ChangeFeed feed(*store_);
  ASSERT_EQ(feed.Park(&removed, 0), ChangeFeed::ParkResult::kParked);
  ASSERT_EQ(feed.Park(&marker, 0), ChangeFeed::ParkResult::kParked);
  feed.Remove(&removed);
  StoreCase("NM-1");
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
  ChangeFeed feed(*store_);
  follower.emplace(*store_, feed, 0);
  follower->Start();
  std::vector<std::thread> writers;
  for (int t = 0; t < kThreads; ++t) {
    writers.emplace_back([this, t] {
      for (int i = 0; i < kPerThread; ++i) {
        auto created = Create(testing::ValidCreateCaseRequest(
            kYot, absl::StrCat("T", t, "-", i)));
        EXPECT_TRUE(created.ok()) << created.status();
      }
    });
  }
  for (auto& writer : writers) writer.join();
  constexpr uint64_t kTotal = kThreads * kPerThread;
  ASSERT_EQ(store_->HeadSequence(), kTotal);
  EXPECT_TRUE(
      WaitUntil([&] { return follower->received().size() >= kTotal; }, kWait));
  EXPECT_THAT(follower->received(), ElementsAreArray(OneTo(kTotal)));
}

TEST_F(ChangeFeedTest, AFollowerResumesAfterItsCursor) {
  for (int i = 1; i <= 5; ++i) StoreCase(absl::StrCat("NM-", i));
  std::optional<Follower> resumed;
  ChangeFeed feed(*store_);
  resumed.emplace(*store_, feed, 3);
  resumed->Start();
  // What it had not seen, at once; then parked at the head.
  EXPECT_THAT(resumed->received(), ElementsAre(4u, 5u));
  StoreCase("NM-6");
  EXPECT_TRUE(
      WaitUntil([&] { return resumed->received().size() == 3; }, kWait));
  EXPECT_THAT(resumed->received(), ElementsAre(4u, 5u, 6u));
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
