#include "common/audit/audit_chain.h"

#include <map>
#include <vector>

#include "absl/time/clock.h"
#include "gtest/gtest.h"

namespace yjinspect::common {
namespace {

// A trail of `count` records, as stored: sequence -> bytes.
std::map<uint64_t, std::string> Trail(int count) {
  AuditChainHead head;
  std::map<uint64_t, std::string> trail;
  for (int i = 0; i < count; ++i) {
    AuditEvent event{"insp-" + std::to_string(i), "inspector", "req",
                     v1::AUDIT_ACTION_READ_CASE,
                     "yots/northmoor/cases/NM-" + std::to_string(i)};
    v1::AuditRecord r =
        SealAuditRecord(event, absl::StatusCode::kOk, absl::Now(), head);
    trail[r.sequence()] = r.SerializeAsString();
  }
  return trail;
}

AuditChainVerifier Verify(const std::map<uint64_t, std::string>& trail) {
  AuditChainVerifier verifier;
  for (const auto& [sequence, bytes] : trail) verifier.Add(sequence, bytes);
  return verifier;
}

TEST(AuditChainTest, SealedRecordsAreDenseAndLinked) {
  AuditChainHead head;
  AuditEvent event{"a", "", "", v1::AUDIT_ACTION_LIST_CASES, "yots/x"};
  v1::AuditRecord first =
      SealAuditRecord(event, absl::StatusCode::kOk, absl::Now(), head);
  v1::AuditRecord second =
      SealAuditRecord(event, absl::StatusCode::kNotFound, absl::Now(), head);
  EXPECT_EQ(first.sequence(), 1u);
  EXPECT_EQ(second.sequence(), 2u);
  EXPECT_EQ(first.previous_hash(), std::string(kAuditHashBytes, '\0'));
  EXPECT_EQ(second.previous_hash(), first.hash());
  EXPECT_EQ(second.outcome(), 5);
  EXPECT_EQ(head.sequence, 2u);
  EXPECT_EQ(head.hash, second.hash());
}

TEST(AuditChainTest, IntactTrailVerifies) {
  AuditChainVerifier verifier = Verify(Trail(5));
  EXPECT_TRUE(verifier.intact()) << verifier.problem();
  EXPECT_EQ(verifier.record_count(), 5u);
  EXPECT_EQ(verifier.head().sequence, 5u);
}

TEST(AuditChainTest, EditedRecordBreaksAtItself) {
  auto trail = Trail(5);
  v1::AuditRecord r;
  ASSERT_TRUE(r.ParseFromString(trail[3]));
  r.set_caller("someone-else");
  trail[3] = r.SerializeAsString();
  AuditChainVerifier verifier = Verify(trail);
  EXPECT_FALSE(verifier.intact());
  EXPECT_EQ(verifier.broken_at(), 3u);
}

TEST(AuditChainTest, EditedAndRehashedRecordBreaksAtTheNext) {
  auto trail = Trail(5);
  v1::AuditRecord r;
  ASSERT_TRUE(r.ParseFromString(trail[3]));
  r.set_resource("yots/northmoor/cases/OTHER");
  r.set_hash(AuditRecordHash(r));
  trail[3] = r.SerializeAsString();
  AuditChainVerifier verifier = Verify(trail);
  EXPECT_FALSE(verifier.intact());
  EXPECT_EQ(verifier.broken_at(), 4u) << verifier.problem();
}

TEST(AuditChainTest, RemovedRecordBreaksWhereItWas) {
  auto trail = Trail(5);
  trail.erase(2);
  AuditChainVerifier verifier = Verify(trail);
  EXPECT_FALSE(verifier.intact());
  EXPECT_EQ(verifier.broken_at(), 2u);
  EXPECT_NE(verifier.problem().find("missing"), std::string::npos);
}

TEST(AuditChainTest, UnreadableRecordBreaksAtItself) {
  auto trail = Trail(3);
  trail[2] = "\xff\xff garbage";
  AuditChainVerifier verifier = Verify(trail);
  EXPECT_FALSE(verifier.intact());
  EXPECT_EQ(verifier.broken_at(), 2u);
}

}  // namespace
}  // namespace yjinspect::common
