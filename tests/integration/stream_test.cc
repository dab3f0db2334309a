// Intake's StreamSampledCases through a raw gRPC client: what it delivers
// (every change for the findings service once, in order, and nothing about
// unsampled cases), resuming, an out-of-range cursor, staying open and
// many subscribers.

#include <algorithm>
#include <cstdint>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "common/field_violations.h"
#include "common/rpc/grpc_status.h"
#include "google/protobuf/util/message_differencer.h"
#include "grpcpp/grpcpp.h"
#include "gtest/gtest.h"
#include "tests/integration/sampled_intake_fixture.h"
#include "tests/testing/change_stream_reader.h"
#include "tests/testing/unary_call.h"

namespace yjinspect {
namespace {

using ::google::protobuf::util::MessageDifferencer;
using testing::Call;
using testing::ChangeStreamReader;

constexpr absl::Duration kDeliveryTimeout = absl::Seconds(10);

std::vector<uint64_t> SequencesOf(const std::vector<v1::Change>& changes) {
  std::vector<uint64_t> sequences;
  for (const auto& change : changes) sequences.push_back(change.sequence());
  return sequences;
}

uint64_t LastOf(const std::vector<uint64_t>& sequences) {
  return sequences.empty() ? 0 : sequences.back();
}

// The case a change is about, or "" for an inspection.
std::string CaseNameOf(const v1::Change& change) {
  switch (change.kind_case()) {
    case v1::Change::kCaseStored:
      return change.case_stored().name();
    case v1::Change::kCaseErased:
      return change.case_erased().name();
    case v1::Change::kCaseSampled:
      return change.case_sampled().case_().name();
    default:
      return "";
  }
}

class StreamTest : public SampledIntakeTest {
 protected:
  void SetUp() override {
    ASSERT_NO_FATAL_FAILURE(SampledIntakeTest::SetUp());
    ASSERT_GE(caseload_.unsampled.size(), 2u);
  }

  uint64_t Head() { return intake_.server().store().HeadSequence(); }

  // Every entry of intake's log after `after`.
  std::vector<v1::Change> LogEntries(uint64_t after = 0) {
    auto changes = intake_.server().store().ReadChanges(after, 1000000);
    EXPECT_TRUE(changes.ok()) << changes.status();
    return changes.ok() ? *changes : std::vector<v1::Change>();
  }

  // The entries of intake's log marked for the findings service.
  std::vector<v1::Change> ForFindings(uint64_t after = 0) {
    std::vector<v1::Change> out;
    for (auto& change : LogEntries(after)) {
      if (change.for_findings()) out.push_back(std::move(change));
    }
    return out;
  }
};

TEST_F(StreamTest, DeliversEveryChangeForFindingsOnceInOrder) {
  const auto& sampled = caseload_.sampled;
  const auto& unsampled = caseload_.unsampled;
  // Later changes of three sampled cases and of two unsampled ones (one
  // eligible but not drawn, one ineligible); then erasures of a sampled
  // case that was also updated and of an unsampled case.
  for (const std::string& name : {sampled[0], sampled[1], sampled[2],
                                  unsampled.front(), unsampled.back()}) {
    ASSERT_TRUE(UpdateAtIntake(name, "STAFF-99").ok()) << name;
  }
  ASSERT_TRUE(DeleteAtIntake(sampled[2]).ok());
  ASSERT_TRUE(DeleteAtIntake(unsampled[1]).ok());
  // A last change of a sampled case marks the end of what must arrive.
  ASSERT_TRUE(UpdateAtIntake(sampled[3], "STAFF-98").ok());
  const uint64_t head = Head();

  ChangeStreamReader reader(intake_.channel(), 0);
  ASSERT_TRUE(reader.WaitForSequence(head, kDeliveryTimeout));
  const std::vector<v1::Change> got = reader.changes();

  // In strictly increasing order, each change of the log marked for the
  // findings service exactly once, as the log holds it.
  const std::vector<uint64_t> received = reader.sequences();
  EXPECT_TRUE(std::adjacent_find(received.begin(), received.end(),
                                 [](uint64_t a, uint64_t b) {
                                   return a >= b;
                                 }) == received.end());
  const std::vector<v1::Change> expected = ForFindings();
  ASSERT_EQ(SequencesOf(got), SequencesOf(expected));
  for (size_t i = 0; i < got.size(); ++i) {
    EXPECT_TRUE(MessageDifferencer::Equals(got[i], expected[i]))
        << "change " << got[i].sequence() << " differs from the log";
  }

  // What the findings service needs, counted independently of the log's
  // own marks: the inspection (created, sampled), every sampled case, the
  // updates of sampled cases, and nothing left of the erased sampled case
  // but erasures (its sampling, its update and the erasure itself).
  std::map<v1::Change::KindCase, int> kinds;
  std::map<std::string, int> sampled_count;
  std::map<std::string, int> stored_count;
  int erased_sampled_entries = 0;
  const std::set<std::string> unsampled_set(unsampled.begin(), unsampled.end());
  for (const v1::Change& change : got) {
    EXPECT_TRUE(change.for_findings());
    ++kinds[change.kind_case()];
    const std::string name = CaseNameOf(change);
    EXPECT_EQ(unsampled_set.count(name), 0u)
        << "change " << change.sequence() << " of unsampled case " << name;
    if (change.has_case_sampled()) {
      EXPECT_EQ(change.case_sampled().inspection(),
                caseload_.inspection.name());
      ++sampled_count[name];
    }
    if (change.has_case_stored()) ++stored_count[name];
    if (change.has_case_erased()) {
      EXPECT_EQ(name, sampled[2]);
      ++erased_sampled_entries;
    }
  }
  EXPECT_EQ(kinds[v1::Change::kInspectionStored], 2);
  EXPECT_EQ(kinds[v1::Change::kCaseSampled],
            static_cast<int>(sampled.size()) - 1);
  for (const std::string& name : sampled) {
    EXPECT_EQ(sampled_count[name], name == sampled[2] ? 0 : 1) << name;
  }
  EXPECT_EQ(stored_count,
            (std::map<std::string, int>{
                {sampled[0], 1}, {sampled[1], 1}, {sampled[3], 1}}));
  EXPECT_EQ(erased_sampled_entries, 3);
  EXPECT_EQ(got.back().case_stored().case_manager_reference(), "STAFF-98");
  // The stream stays open after delivering all there is.
  EXPECT_FALSE(reader.status().has_value());
}

TEST_F(StreamTest, ResumesAfterAMidSequenceWithExactlyTheRest) {
  for (size_t i = 0; i < 5; ++i) {
    ASSERT_TRUE(UpdateAtIntake(caseload_.sampled[i], "STAFF-10").ok());
    ASSERT_TRUE(
        UpdateAtIntake(caseload_.unsampled[0], absl::StrCat("STAFF-2", i))
            .ok());
  }
  const std::vector<v1::Change> all = ForFindings();
  ASSERT_GT(all.size(), 10u);
  // The log ends with a change of an unsampled case: the last one the stream
  // delivers is the last marked for findings.
  const uint64_t head = all.back().sequence();
  ASSERT_LT(head, Head());

  // After a delivered sequence: everything after it, nothing before.
  const uint64_t mid = all[all.size() / 2].sequence();
  ChangeStreamReader from_mid(intake_.channel(), mid);
  ASSERT_TRUE(from_mid.WaitForSequence(head, kDeliveryTimeout));
  std::vector<uint64_t> rest;
  for (const auto& change : all) {
    if (change.sequence() > mid) rest.push_back(change.sequence());
  }
  EXPECT_EQ(SequencesOf(from_mid.changes()), rest);

  // After a sequence the stream never delivers (a change of an unsampled
  // case): the same rule.
  uint64_t unmarked = 0;
  for (const auto& change : LogEntries(mid)) {
    if (!change.for_findings()) {
      unmarked = change.sequence();
      break;
    }
  }
  ASSERT_NE(unmarked, 0u);
  ChangeStreamReader from_unmarked(intake_.channel(), unmarked);
  ASSERT_TRUE(from_unmarked.WaitForSequence(head, kDeliveryTimeout));
  std::vector<uint64_t> after_unmarked;
  for (const auto& change : all) {
    if (change.sequence() > unmarked) {
      after_unmarked.push_back(change.sequence());
    }
  }
  EXPECT_EQ(SequencesOf(from_unmarked.changes()), after_unmarked);
}

// The log may end with changes the stream does not carry. A subscriber
// that has everything there is for it must be able to tell: the stream
// delivers up to the head (a checkpoint carries no change).
TEST_F(StreamTest, ACaughtUpSubscriberReachesTheHeadPastUncarriedChanges) {
  ASSERT_TRUE(UpdateAtIntake(caseload_.sampled[0], "STAFF-15").ok());
  ASSERT_TRUE(UpdateAtIntake(caseload_.unsampled[0], "STAFF-16").ok());
  ASSERT_TRUE(UpdateAtIntake(caseload_.unsampled.back(), "STAFF-17").ok());
  const uint64_t head = Head();
  ChangeStreamReader reader(intake_.channel(), 0);
  EXPECT_TRUE(reader.WaitForSequence(head, absl::Seconds(3)))
      << "delivered up to " << LastOf(reader.sequences()) << ", the head is "
      << head;
  EXPECT_EQ(SequencesOf(reader.changes()), SequencesOf(ForFindings()));
  EXPECT_FALSE(reader.status().has_value());
}

TEST_F(StreamTest, ACursorPastTheHeadIsOutOfRange) {
  const uint64_t head = Head();
  for (uint64_t after : {head + 1, head + 1000}) {
    ChangeStreamReader reader(intake_.channel(), after);
    ASSERT_TRUE(reader.WaitForEnd(kDeliveryTimeout)) << after;
    EXPECT_EQ(reader.status()->error_code(), grpc::StatusCode::OUT_OF_RANGE)
        << reader.status()->error_message();
    EXPECT_TRUE(reader.changes().empty());
  }
}

// A subscriber already at the head hears the head at once (a checkpoint
// at its own cursor), so it can tell it is connected and caught up before
// the log moves again (findings' feed status after a restart).
TEST_F(StreamTest, ASubscriberAtTheHeadHearsTheHeadAtOnce) {
  const uint64_t head = Head();
  ChangeStreamReader reader(intake_.channel(), head);
  ASSERT_TRUE(reader.WaitForSequence(head, kDeliveryTimeout));
  EXPECT_EQ(reader.checkpoints(), std::vector<uint64_t>{head});
  EXPECT_TRUE(reader.changes().empty());
  EXPECT_FALSE(reader.status().has_value());
}

TEST_F(StreamTest, ACursorAtTheHeadWaitsForTheNextChange) {
  ChangeStreamReader reader(intake_.channel(), Head());
  auto updated = UpdateAtIntake(caseload_.sampled[0], "STAFF-11");
  ASSERT_TRUE(updated.ok()) << updated.status();
  ASSERT_TRUE(reader.WaitForSequence(Head(), kDeliveryTimeout));
  ASSERT_EQ(reader.changes().size(), 1u);
  EXPECT_EQ(reader.changes()[0].case_stored().name(), caseload_.sampled[0]);
}

TEST_F(StreamTest, StaysOpenAndDeliversChangesCommittedAfterCatchingUp) {
  ChangeStreamReader reader(intake_.channel(), 0);
  ASSERT_TRUE(reader.WaitForSequence(Head(), kDeliveryTimeout));
  const size_t caught_up = reader.changes().size();

  // An update of a sampled case, committed while the stream is parked.
  ASSERT_TRUE(UpdateAtIntake(caseload_.sampled[4], "STAFF-12").ok());
  ASSERT_TRUE(reader.WaitForSequence(Head(), kDeliveryTimeout));
  auto got = reader.changes();
  ASSERT_EQ(got.size(), caught_up + 1);
  EXPECT_EQ(got.back().case_stored().name(), caseload_.sampled[4]);
  EXPECT_EQ(got.back().case_stored().case_manager_reference(), "STAFF-12");

  // A redraw: every case of the new sample, then the inspection.
  v1::DrawSampleRequest draw;
  draw.set_name(caseload_.inspection.name());
  draw.set_seed(12345);
  auto redrawn = Call(intake_.stub(), &v1::CaseIntake::Stub::DrawSample, draw);
  ASSERT_TRUE(redrawn.ok()) << redrawn.status();
  ASSERT_TRUE(reader.WaitForSequence(Head(), kDeliveryTimeout));
  got = reader.changes();
  const size_t drawn = static_cast<size_t>(redrawn->sample().cases_size());
  ASSERT_EQ(got.size(), caught_up + 1 + drawn + 1);
  std::set<std::string> names;
  for (size_t i = caught_up + 1; i < caught_up + 1 + drawn; ++i) {
    ASSERT_TRUE(got[i].has_case_sampled());
    names.insert(got[i].case_sampled().case_().name());
  }
  EXPECT_EQ(names, std::set<std::string>(redrawn->sample().cases().begin(),
                                         redrawn->sample().cases().end()));
  ASSERT_TRUE(got.back().has_inspection_stored());
  EXPECT_EQ(got.back().inspection_stored().sample().revision(), 2);
  EXPECT_FALSE(reader.status().has_value());
}

TEST_F(StreamTest, ManySubscribersAllGetTheSameSequence) {
  constexpr int kSubscribers = 16;
  std::vector<std::unique_ptr<ChangeStreamReader>> readers;
  for (int i = 0; i < kSubscribers; ++i) {
    readers.push_back(
        std::make_unique<ChangeStreamReader>(intake_.channel(), 0));
  }
  const std::vector<uint64_t> expected = SequencesOf(ForFindings());
  for (auto& reader : readers) {
    ASSERT_TRUE(reader->WaitForSequence(Head(), kDeliveryTimeout));
    EXPECT_EQ(SequencesOf(reader->changes()), expected);
  }
  // Every parked subscriber is woken by the next commit.
  ASSERT_TRUE(UpdateAtIntake(caseload_.sampled[5], "STAFF-13").ok());
  const uint64_t head = Head();
  for (auto& reader : readers) {
    ASSERT_TRUE(reader->WaitForSequence(head, kDeliveryTimeout));
    auto got = reader->changes();
    ASSERT_EQ(got.size(), expected.size() + 1);
    EXPECT_EQ(got.back().sequence(), head);
  }
}

TEST_F(StreamTest, AFreshSubscriberGetsNoContentOfAnErasedCase) {
  const std::string erased = caseload_.sampled[6];
  ASSERT_TRUE(UpdateAtIntake(erased, "STAFF-14").ok());
  ASSERT_TRUE(DeleteAtIntake(erased).ok());
  ChangeStreamReader reader(intake_.channel(), 0);
  ASSERT_TRUE(reader.WaitForSequence(Head(), kDeliveryTimeout));
  int erasures = 0;
  for (const auto& change : reader.changes()) {
    if (CaseNameOf(change) != erased) continue;
    EXPECT_TRUE(change.has_case_erased()) << change.ShortDebugString();
    ++erasures;
  }
  EXPECT_EQ(erasures, 3);  // the sampling, the update, the erasure
}

// A client that asks for many changes per response gets the same changes
// as one that does not, in the same order, never more per response than it
// asked for; a checkpoint, when one comes, ends its response.
TEST_F(StreamTest, BatchedResponsesCarryTheSameChangesInOrder) {
  for (size_t i = 0; i < 4; ++i) {
    ASSERT_TRUE(UpdateAtIntake(caseload_.sampled[i], "STAFF-20").ok());
  }
  ASSERT_TRUE(UpdateAtIntake(caseload_.unsampled[0], "STAFF-21").ok());
  const uint64_t head = Head();
  constexpr uint32_t kPerMessage = 7;
  ChangeStreamReader one(intake_.channel(), 0);
  ChangeStreamReader batched(intake_.channel(), 0, kPerMessage);
  ASSERT_TRUE(one.WaitForSequence(head, kDeliveryTimeout));
  ASSERT_TRUE(batched.WaitForSequence(head, kDeliveryTimeout));

  EXPECT_EQ(batched.sequences(), one.sequences());
  const std::vector<v1::Change> expected = one.changes();
  const std::vector<v1::Change> got = batched.changes();
  ASSERT_EQ(SequencesOf(got), SequencesOf(ForFindings()));
  ASSERT_EQ(got.size(), expected.size());
  for (size_t i = 0; i < got.size(); ++i) {
    EXPECT_TRUE(MessageDifferencer::Equals(got[i], expected[i]))
        << "change " << got[i].sequence();
  }
  EXPECT_FALSE(batched.any_unbatched());
  const std::vector<int> sizes = batched.response_sizes();
  ASSERT_FALSE(sizes.empty());
  EXPECT_EQ(*std::max_element(sizes.begin(), sizes.end()),
            static_cast<int>(kPerMessage))
      << "the caseload alone fills responses to the limit";
  for (int size : sizes) EXPECT_GE(size, 1);
  for (int size : one.response_sizes()) EXPECT_EQ(size, 1);

  // Live: the next change arrives in a response of its own, not held back
  // to fill one.
  ASSERT_TRUE(UpdateAtIntake(caseload_.sampled[5], "STAFF-22").ok());
  ASSERT_TRUE(batched.WaitForSequence(Head(), kDeliveryTimeout));
  EXPECT_EQ(batched.changes().back().sequence(), Head());
  EXPECT_EQ(batched.response_sizes().back(), 1);
}

TEST_F(StreamTest, ABatchedSubscriberResumesAfterAMidSequence) {
  const std::vector<uint64_t> all = SequencesOf(ForFindings());
  ASSERT_GE(all.size(), 4u);
  const uint64_t after = all[all.size() / 2];
  ChangeStreamReader reader(intake_.channel(), after, 100);
  ASSERT_TRUE(reader.WaitForSequence(Head(), kDeliveryTimeout));
  EXPECT_EQ(SequencesOf(reader.changes()),
            std::vector<uint64_t>(all.begin() + all.size() / 2 + 1, all.end()));
}

TEST_F(StreamTest, MoreChangesPerResponseThanTheLimitIsInvalid) {
  ChangeStreamReader reader(intake_.channel(), 0, 1001);
  ASSERT_TRUE(reader.WaitForEnd(kDeliveryTimeout));
  const absl::Status status = common::FromGrpcStatus(*reader.status());
  EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument) << status;
  ASSERT_EQ(common::ViolationsOf(status).size(), 1u) << status;
  EXPECT_EQ(common::ViolationsOf(status)[0].field, "max_changes_per_message");
  EXPECT_TRUE(reader.sequences().empty());
}

}  // namespace
}  // namespace yjinspect
