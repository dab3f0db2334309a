// services/findings/intake_feed.h against a fake intake: a CaseIntake
// service in this process on a free port that streams a change log the
// test writes, and can refuse streams or end them as a restarting intake
// would. The feed applies to a real findings store in a temp dir, whose
// cursor survives a restart and which refuses a malformed change. Covered:
// changes applied in order with the feed's status, resuming after the
// cursor when restarted, nothing applied twice, retrying (with a growing
// wait) while intake is away, a change the store refuses is retried, never
// passed over, and stopping cleanly while streaming or waiting.

#include "services/findings/intake_feed.h"

#include <algorithm>
#include <chrono>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/clock.h"
#include "gmock/gmock.h"
#include "grpcpp/grpcpp.h"
#include "gtest/gtest.h"
#include "tests/testing/case_builder.h"
#include "tests/testing/temp_dir.h"
#include "tests/testing/wait_until.h"
#include "yjinspect/v1/intake_service.grpc.pb.h"

namespace yjinspect::findings {
namespace {

using ::testing::Each;
using ::testing::ElementsAre;
using ::testing::HasSubstr;

constexpr absl::Duration kPatience = absl::Seconds(10);

// Intake's StreamSampledCases over a log of changes numbered 1, 2, ... as
// they are appended. A stream sends every change after the one it asks
// for, then waits for more until it is cancelled or ended.
class FakeIntake final : public v1::CaseIntake::Service {
 public:
  // Numbers `change` with the next sequence and appends it.
  uint64_t Append(v1::Change change) {
    absl::MutexLock lock(&mu_);
    change.set_sequence(log_.size() + 1);
    log_.push_back(std::move(change));
    return log_.size();
  }
  // Intake's repair of the change at `sequence`.
  void Replace(uint64_t sequence, v1::Change change) {
    absl::MutexLock lock(&mu_);
    change.set_sequence(sequence);
    log_[sequence - 1] = std::move(change);
  }
  // The next `count` streams fail at once with UNAVAILABLE.
  void RefuseStreams(int count) {
    absl::MutexLock lock(&mu_);
    refusals_ = count;
  }
  // Open streams end with UNAVAILABLE, as when intake restarts.
  void EndOpenStreams() {
    absl::MutexLock lock(&mu_);
    ++generation_;
  }
  // Streams send the whole log whatever they are asked for: delivery is at
  // least once.
  void SendEverything() {
    absl::MutexLock lock(&mu_);
    send_everything_ = true;
  }
  // Streams answer a request for many changes per response with up to
  // `count` in each, as intake does; by default they answer one change per
  // response whatever is asked, as intake did before batching.
  void Batch(size_t count) {
    absl::MutexLock lock(&mu_);
    batch_ = count;
  }
  // The max_changes_per_message of each stream asked for.
  std::vector<uint32_t> AskedPerMessage() const {
    absl::MutexLock lock(&mu_);
    return asked_per_message_;
  }
  // Ends every stream and refuses new ones: before the server shuts down.
  void Close() {
    absl::MutexLock lock(&mu_);
    closed_ = true;
  }

  // The after_sequence of each stream asked for, oldest first.
  std::vector<uint64_t> Asked() const {
    absl::MutexLock lock(&mu_);
    return asked_;
  }
  // When each stream was asked for.
  std::vector<absl::Time> AskedAt() const {
    absl::MutexLock lock(&mu_);
    return asked_at_;
  }
  int OpenStreams() const {
    absl::MutexLock lock(&mu_);
    return open_;
  }

  grpc::Status StreamSampledCases(
      grpc::ServerContext* context,
      const v1::StreamSampledCasesRequest* request,
      grpc::ServerWriter<v1::StreamSampledCasesResponse>* writer) override {
    uint64_t sent = 0;
    int generation = 0;
    size_t per_message = 1;
    {
      absl::MutexLock lock(&mu_);
      asked_.push_back(request->after_sequence());
      asked_per_message_.push_back(request->max_changes_per_message());
      asked_at_.push_back(absl::Now());
      if (closed_) return Unavailable("intake is shutting down");
      if (refusals_ > 0) {
        --refusals_;
        return Unavailable("intake is restarting");
      }
      sent = send_everything_ ? 0 : request->after_sequence();
      if (request->max_changes_per_message() > 1) {
        per_message =
            std::min<size_t>(batch_, request->max_changes_per_message());
      }
      generation = generation_;
      ++open_;
    }
    while (true) {
      v1::StreamSampledCasesResponse response;
      {
        absl::MutexLock lock(&mu_);
        auto more = [&] {
          return sent < log_.size() || closed_ || generation != generation_;
        };
        mu_.AwaitWithTimeout(absl::Condition(&more), absl::Milliseconds(10));
        if (closed_ || generation != generation_) {
          --open_;
          return Unavailable("intake restarted");
        }
        if (context->IsCancelled()) {
          --open_;
          return grpc::Status::CANCELLED;
        }
        if (sent == log_.size()) continue;
        if (per_message == 1) {
          *response.mutable_change() = log_[sent];
        } else {
          for (uint64_t i = sent;
               i < log_.size() &&
               static_cast<size_t>(response.changes_size()) < per_message;
               ++i) {
            *response.add_changes() = log_[i];
          }
        }
        response.set_head_sequence(log_.size());
      }
      if (!writer->Write(response)) {
        absl::MutexLock lock(&mu_);
        --open_;
        return grpc::Status::CANCELLED;
      }
      sent += per_message == 1 ? 1 : response.changes_size();
    }
  }

 private:
  static grpc::Status Unavailable(const std::string& why) {
    return grpc::Status(grpc::StatusCode::UNAVAILABLE, why);
  }

  mutable absl::Mutex mu_;
  std::vector<v1::Change> log_ ABSL_GUARDED_BY(mu_);
  int refusals_ ABSL_GUARDED_BY(mu_) = 0;
  int generation_ ABSL_GUARDED_BY(mu_) = 0;
  bool send_everything_ ABSL_GUARDED_BY(mu_) = false;
  size_t batch_ ABSL_GUARDED_BY(mu_) = 1;
  std::vector<uint32_t> asked_per_message_ ABSL_GUARDED_BY(mu_);
  bool closed_ ABSL_GUARDED_BY(mu_) = false;
  std::vector<uint64_t> asked_ ABSL_GUARDED_BY(mu_);
  std::vector<absl::Time> asked_at_ ABSL_GUARDED_BY(mu_);
  int open_ ABSL_GUARDED_BY(mu_) = 0;
};

constexpr char kInspection[] = "inspections/northmoor-2026";

std::string CaseName(const std::string& case_id) {
  return absl::StrCat("yots/northmoor/cases/", case_id);
}

v1::Change InspectionStored(const std::string& name = kInspection) {
  v1::Change change;
  v1::Inspection& inspection = *change.mutable_inspection_stored();
  inspection.set_name(name);
  inspection.set_framework_id("sqs-2014");
  inspection.set_framework_version("2");
  inspection.set_state(v1::INSPECTION_STATE_SAMPLE_DRAWN);
  return change;
}

v1::Change Sampled(const std::string& case_id,
                   const std::string& child_reference = "CH-0001") {
  v1::Change change;
  change.mutable_case_sampled()->set_inspection(kInspection);
  v1::Case& c = *change.mutable_case_sampled()->mutable_case_();
  c = testing::ValidCase(child_reference);
  c.set_name(CaseName(case_id));
  return change;
}

v1::Change CaseStored(const std::string& case_id,
                      const std::string& child_reference) {
  v1::Change change;
  *change.mutable_case_stored() = testing::ValidCase(child_reference);
  change.mutable_case_stored()->set_name(CaseName(case_id));
  return change;
}

v1::Change Erased(const std::string& case_id) {
  v1::Change change;
  change.mutable_case_erased()->set_name(CaseName(case_id));
  return change;
}

v1::Change Checkpoint() { return v1::Change(); }

class IntakeFeedTest : public ::testing::Test {
 protected:
  void SetUp() override {
    grpc::ServerBuilder builder;
    builder.AddListeningPort("127.0.0.1:0", grpc::InsecureServerCredentials(),
                             &port_);
    builder.RegisterService(&intake_);
    server_ = builder.BuildAndStart();
    ASSERT_NE(server_, nullptr);
    ASSERT_NE(port_, 0);
    Reopen();
  }

  void TearDown() override {
    feed_.reset();
    intake_.Close();
    server_->Shutdown(std::chrono::system_clock::now() +
                      std::chrono::seconds(1));
  }

  // The findings service restarting: the store closed and opened again.
  void Reopen() {
    store_.reset();
    auto store = FindingsStore::Open({dir_.Sub("store"), false});
    ASSERT_TRUE(store.ok()) << store.status();
    store_ = std::move(*store);
  }

  // After a feed started with 40 ms waits: four streams asked for, the
  // waits between them 40, 80, 160 ms at the least (no jitter): doubling.
  void ExpectWaitsDoubleFrom40Ms() {
    ASSERT_TRUE(StreamsAsked(4));
    const std::vector<absl::Time> at = intake_.AskedAt();
    EXPECT_GE(at[1] - at[0], absl::Milliseconds(40));
    EXPECT_GE(at[2] - at[1], absl::Milliseconds(80));
    EXPECT_GE(at[3] - at[2], absl::Milliseconds(160));
  }

  // A feed with waits of `initial_backoff` doubling up to `max_backoff`,
  // without jitter, started.
  void StartFeed(absl::Duration initial_backoff = absl::Milliseconds(10),
                 absl::Duration max_backoff = absl::Milliseconds(40),
                 absl::Duration degraded_after = absl::Seconds(30)) {
    IntakeFeedOptions options;
    options.degraded_after = degraded_after;
    options.intake = absl::StrCat("127.0.0.1:", port_);
    options.initial_backoff = initial_backoff;
    options.max_backoff = max_backoff;
    options.random = [] { return uint64_t{0}; };
    options.on_applied = [this](const v1::Change& change) {
      absl::MutexLock lock(&mu_);
      applied_.push_back(change.sequence());
    };
    options.after_erasure = [this] {
      absl::MutexLock lock(&mu_);
      ++erasures_;
    };
    feed_ = std::make_unique<IntakeFeed>(*store_, std::move(options));
    feed_->Start();
  }

  // Sequences newly applied (on_applied), in order, across feeds.
  std::vector<uint64_t> Applied() {
    absl::MutexLock lock(&mu_);
    return applied_;
  }
  int Erasures() {
    absl::MutexLock lock(&mu_);
    return erasures_;
  }
  // on_applied runs after the cursor moves: wait for it too.
  bool AppliedThrough(uint64_t sequence) {
    return testing::WaitUntil(
        [&] {
          const std::vector<uint64_t> applied = Applied();
          return !applied.empty() && applied.back() >= sequence;
        },
        kPatience);
  }
  bool StreamsAsked(size_t count) {
    return testing::WaitUntil([&] { return intake_.Asked().size() >= count; },
                              kPatience);
  }

  testing::TempDir dir_;
  FakeIntake intake_;
  int port_ = 0;
  std::unique_ptr<grpc::Server> server_;
  std::unique_ptr<FindingsStore> store_;
  std::unique_ptr<IntakeFeed> feed_;

  absl::Mutex mu_;
  std::vector<uint64_t> applied_ ABSL_GUARDED_BY(mu_);
  int erasures_ ABSL_GUARDED_BY(mu_) = 0;
};

TEST_F(IntakeFeedTest, AppliesChangesInTheirOrder) {
  intake_.Append(InspectionStored());
  intake_.Append(Sampled("NM-0001", "CH-0001"));
  intake_.Append(CaseStored("NM-0001", "CH-0002"));  // a later correction
  intake_.Append(Checkpoint());
  StartFeed();
  ASSERT_TRUE(feed_->WaitForCursor(4, kPatience));
  ASSERT_TRUE(AppliedThrough(4));

  auto c = store_->GetCase(CaseName("NM-0001"));
  ASSERT_TRUE(c.ok() && c->has_value());
  EXPECT_EQ((*c)->child().reference(), "CH-0002");
  EXPECT_TRUE(store_->GetInspection("northmoor-2026")->has_value());
  // Checkpoints too are reported as applied: they move the cursor.
  EXPECT_THAT(Applied(), ElementsAre(1, 2, 3, 4));
  // ... but are not changes.
  ASSERT_TRUE(testing::WaitUntil(
      [&] { return feed_->Status().applied_since_start() == 3; }, kPatience));
  const v1::FeedStatus status = feed_->Status();
  EXPECT_EQ(status.cursor(), 4u);
  EXPECT_EQ(status.intake_head(), 4u);
  EXPECT_EQ(status.lag(), 0u);
  EXPECT_TRUE(status.connected());

  // The open stream brings what intake commits next.
  intake_.Append(Sampled("NM-0002"));
  ASSERT_TRUE(feed_->WaitForCursor(5, kPatience));
  EXPECT_THAT(intake_.Asked(), ElementsAre(0));
}

// From an intake that answers many changes per response: each response
// is applied whole with its cursor, each change reported once in order,
// the erasure followed up, and redelivered changes skipped.
TEST_F(IntakeFeedTest, AppliesBatchedResponsesInOrderEachChangeOnce) {
  intake_.Batch(3);
  intake_.Append(InspectionStored());
  for (int i = 1; i <= 5; ++i) {
    intake_.Append(Sampled(absl::StrFormat("NM-%04d", i)));
  }
  intake_.Append(Erased("NM-0002"));
  intake_.Append(Checkpoint());
  StartFeed();
  ASSERT_TRUE(feed_->WaitForCursor(8, kPatience));
  ASSERT_TRUE(AppliedThrough(8));
  EXPECT_THAT(Applied(), ElementsAre(1, 2, 3, 4, 5, 6, 7, 8));
  EXPECT_EQ(Erasures(), 1);
  ASSERT_TRUE(testing::WaitUntil(
      [&] { return feed_->Status().applied_since_start() == 7; }, kPatience));
  EXPECT_FALSE(store_->GetCase(CaseName("NM-0002"))->has_value());
  EXPECT_TRUE(store_->GetCase(CaseName("NM-0005"))->has_value());
  // The feed asks for batches.
  ASSERT_FALSE(intake_.AskedPerMessage().empty());
  EXPECT_GT(intake_.AskedPerMessage()[0], 1u);

  // A restart of intake that sends the whole log again: nothing is applied
  // twice, and what is new is applied.
  intake_.SendEverything();
  intake_.Append(Sampled("NM-0006"));
  intake_.EndOpenStreams();
  ASSERT_TRUE(feed_->WaitForCursor(9, kPatience));
  ASSERT_TRUE(AppliedThrough(9));
  EXPECT_THAT(Applied(), ElementsAre(1, 2, 3, 4, 5, 6, 7, 8, 9));
  EXPECT_EQ(Erasures(), 1);
}

TEST_F(IntakeFeedTest, ResumesAfterItsCursorWhenRestarted) {
  intake_.Append(InspectionStored());
  intake_.Append(Sampled("NM-0001"));
  StartFeed();
  ASSERT_TRUE(feed_->WaitForCursor(2, kPatience));
  feed_.reset();
  Reopen();
  intake_.Append(Sampled("NM-0002"));
  intake_.Append(Sampled("NM-0003"));

  StartFeed();
  ASSERT_TRUE(feed_->WaitForCursor(4, kPatience));
  ASSERT_TRUE(AppliedThrough(4));
  EXPECT_THAT(intake_.Asked(), ElementsAre(0, 2));
  EXPECT_THAT(Applied(), ElementsAre(1, 2, 3, 4));
  ASSERT_TRUE(testing::WaitUntil(
      [&] { return feed_->Status().applied_since_start() == 2; }, kPatience));
}

TEST_F(IntakeFeedTest, AChangeDeliveredAgainIsNotAppliedAgain) {
  intake_.SendEverything();
  intake_.Append(InspectionStored());
  intake_.Append(Sampled("NM-0001"));
  StartFeed();
  ASSERT_TRUE(feed_->WaitForCursor(2, kPatience));
  intake_.EndOpenStreams();
  intake_.Append(Sampled("NM-0002"));
  ASSERT_TRUE(feed_->WaitForCursor(3, kPatience));
  ASSERT_TRUE(AppliedThrough(3));
  // The second stream asked for what follows 2 and got 1 to 3.
  EXPECT_THAT(intake_.Asked(), ElementsAre(0, 2));
  EXPECT_THAT(Applied(), ElementsAre(1, 2, 3));
  EXPECT_TRUE(testing::WaitUntil(
      [&] { return feed_->Status().applied_since_start() == 3; }, kPatience));
}

TEST_F(IntakeFeedTest, RetriesUntilIntakeIsBack) {
  intake_.RefuseStreams(1000);
  intake_.Append(InspectionStored());
  intake_.Append(Sampled("NM-0001"));
  StartFeed();
  ASSERT_TRUE(StreamsAsked(3));
  v1::FeedStatus status = feed_->Status();
  EXPECT_FALSE(status.connected());
  EXPECT_EQ(status.cursor(), 0u);
  // Named as every other status: the code's name, then intake's words.
  EXPECT_THAT(status.last_error(),
              ::testing::StartsWith("UNAVAILABLE: intake is restarting"));

  intake_.RefuseStreams(0);
  ASSERT_TRUE(feed_->WaitForCursor(2, kPatience));
  ASSERT_TRUE(AppliedThrough(2));
  // Every attempt asked for everything after the unchanged cursor.
  EXPECT_THAT(intake_.Asked(), Each(0u));
  EXPECT_THAT(Applied(), ElementsAre(1, 2));
}

TEST_F(IntakeFeedTest, AnOutageLongerThanTheLimitIsDegradedUntilCaughtUp) {
  intake_.RefuseStreams(1000);
  intake_.Append(InspectionStored());
  StartFeed(absl::Milliseconds(10), absl::Milliseconds(40),
            absl::Milliseconds(100));
  ASSERT_TRUE(testing::WaitUntil([&] { return feed_->Status().degraded(); },
                                 kPatience));
  v1::FeedStatus status = feed_->Status();
  EXPECT_GT(status.lag_seconds(), 0.1);
  EXPECT_FALSE(status.connected());
  EXPECT_GT(status.caught_up_time().seconds(), 0);

  intake_.RefuseStreams(0);
  ASSERT_TRUE(feed_->WaitForCursor(1, kPatience));
  ASSERT_TRUE(testing::WaitUntil([&] { return !feed_->Status().degraded(); },
                                 kPatience));
  status = feed_->Status();
  EXPECT_EQ(status.lag_seconds(), 0.0);
  EXPECT_TRUE(status.connected());
}

TEST_F(IntakeFeedTest, AnOutageIsWaitedOutLongerEachTime) {
  intake_.RefuseStreams(1000);
  StartFeed(absl::Milliseconds(40), absl::Seconds(10));
  ExpectWaitsDoubleFrom40Ms();
}

TEST_F(IntakeFeedTest, WhenIntakeEndsTheStreamItResumesAfterTheCursor) {
  intake_.Append(InspectionStored());
  StartFeed();
  ASSERT_TRUE(feed_->WaitForCursor(1, kPatience));
  intake_.EndOpenStreams();
  ASSERT_TRUE(StreamsAsked(2));
  intake_.Append(Sampled("NM-0001"));
  ASSERT_TRUE(feed_->WaitForCursor(2, kPatience));
  EXPECT_THAT(intake_.Asked(), ElementsAre(0, 1));
  EXPECT_THAT(feed_->Status().last_error(), HasSubstr("intake restarted"));
}

TEST_F(IntakeFeedTest, AChangeTheStoreRefusesIsRetriedNeverPassedOver) {
  intake_.Append(InspectionStored());
  intake_.Append(InspectionStored("inspection/northmoor"));  // malformed
  intake_.Append(Sampled("NM-0001"));
  StartFeed();
  ASSERT_TRUE(StreamsAsked(3));
  ASSERT_TRUE(AppliedThrough(1));
  v1::FeedStatus status = feed_->Status();
  EXPECT_EQ(status.cursor(), 1u);
  EXPECT_EQ(status.intake_head(), 3u);
  EXPECT_EQ(status.lag(), 2u);
  EXPECT_THAT(status.last_error(), HasSubstr("applying change 2"));
  EXPECT_THAT(status.last_error(), HasSubstr("malformed inspection"));
  // After the first stream, every attempt asks again for what follows 1.
  const std::vector<uint64_t> asked = intake_.Asked();
  EXPECT_EQ(asked.front(), 0u);
  EXPECT_THAT(std::vector<uint64_t>(asked.begin() + 1, asked.end()), Each(1u));
  EXPECT_THAT(Applied(), ElementsAre(1));
  EXPECT_FALSE(store_->GetCase(CaseName("NM-0001"))->has_value());

  intake_.Replace(2, InspectionStored());
  ASSERT_TRUE(feed_->WaitForCursor(3, kPatience));
  ASSERT_TRUE(AppliedThrough(3));
  EXPECT_THAT(Applied(), ElementsAre(1, 2, 3));
}

// The same refused change comes first on every new stream, so the feed
// waits longer each time as for an outage instead of asking again and
// logging an error every initial_backoff for ever.
TEST_F(IntakeFeedTest, AChangeTheStoreRefusesIsRetriedAfterGrowingWaits) {
  intake_.Append(InspectionStored("inspection/northmoor"));  // malformed
  StartFeed(absl::Milliseconds(40), absl::Seconds(10));
  ExpectWaitsDoubleFrom40Ms();
  EXPECT_EQ(feed_->Status().cursor(), 0u);
}

TEST_F(IntakeFeedTest, StartingTwiceFollowsOnceAndAfterStopFollowsAgain) {
  intake_.Append(InspectionStored());
  StartFeed();
  feed_->Start();  // already following: nothing more
  ASSERT_TRUE(feed_->WaitForCursor(1, kPatience));
  ASSERT_TRUE(testing::WaitUntil([&] { return intake_.OpenStreams() == 1; },
                                 kPatience));
  EXPECT_THAT(intake_.Asked(), ElementsAre(0));
  feed_->Stop();
  ASSERT_TRUE(testing::WaitUntil([&] { return intake_.OpenStreams() == 0; },
                                 kPatience));
  intake_.Append(Sampled("NM-0001"));
  feed_->Start();
  ASSERT_TRUE(feed_->WaitForCursor(2, kPatience));
  EXPECT_THAT(intake_.Asked(), ElementsAre(0, 1));
  EXPECT_THAT(Applied(), ElementsAre(1, 2));
}

TEST_F(IntakeFeedTest, AnErasureIsAppliedAndReported) {
  intake_.Append(InspectionStored());
  intake_.Append(Sampled("NM-0001"));
  intake_.Append(Erased("NM-0001"));
  StartFeed();
  ASSERT_TRUE(feed_->WaitForCursor(3, kPatience));
  EXPECT_FALSE(store_->GetCase(CaseName("NM-0001"))->has_value());
  // after_erasure runs once the change is applied.
  EXPECT_TRUE(testing::WaitUntil([&] { return Erasures() == 1; }, kPatience));
}

TEST_F(IntakeFeedTest, StopEndsAnOpenStreamPromptly) {
  intake_.Append(InspectionStored());
  StartFeed();
  ASSERT_TRUE(feed_->WaitForCursor(1, kPatience));
  ASSERT_TRUE(testing::WaitUntil([&] { return intake_.OpenStreams() == 1; },
                                 kPatience));
  const absl::Time start = absl::Now();
  feed_->Stop();
  EXPECT_LT(absl::Now() - start, absl::Seconds(1));
  EXPECT_FALSE(feed_->Status().connected());
  // Intake sees the stream cancelled; no new one is asked for.
  EXPECT_TRUE(testing::WaitUntil([&] { return intake_.OpenStreams() == 0; },
                                 kPatience));
  feed_->Stop();  // idempotent
  EXPECT_THAT(intake_.Asked(), ElementsAre(0));
}

TEST_F(IntakeFeedTest, StopEndsAWaitBeforeReconnecting) {
  intake_.RefuseStreams(1000);
  StartFeed(absl::Minutes(10), absl::Minutes(10));
  ASSERT_TRUE(StreamsAsked(1));
  ASSERT_TRUE(testing::WaitUntil(
      [&] { return !feed_->Status().last_error().empty(); }, kPatience));
  const absl::Time start = absl::Now();
  feed_->Stop();
  EXPECT_LT(absl::Now() - start, absl::Seconds(1));
  EXPECT_EQ(intake_.Asked().size(), 1u);
}

TEST_F(IntakeFeedTest, AFeedNeverStartedStopsAndReportsTheStoresCursor) {
  ASSERT_TRUE(store_
                  ->ApplyChange([] {
                    v1::Change c = InspectionStored();
                    c.set_sequence(1);
                    return c;
                  }())
                  .ok());
  IntakeFeed feed(*store_, IntakeFeedOptions());
  EXPECT_EQ(feed.Status().cursor(), 1u);
  EXPECT_FALSE(feed.Status().connected());
  feed.Stop();
  EXPECT_TRUE(intake_.Asked().empty());
}

}  // namespace
}  // namespace yjinspect::findings
