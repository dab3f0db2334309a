#include "common/audit/audit_chain.h"

#include <map>
#include <vector>

#include "absl/strings/escaping.h"
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

AuditChainVerifier Verify(const std::map<uint64_t, std::string>& trail,
                          const AuditChainHead* expected = nullptr) {
  AuditChainVerifier verifier;
  if (expected != nullptr) verifier.ExpectHead(*expected);
  for (const auto& [sequence, bytes] : trail) verifier.Add(sequence, bytes);
  verifier.Finish();
  return verifier;
}

AuditChainHead HeadOf(const std::string& bytes) {
  v1::AuditRecord record;
  EXPECT_TRUE(record.ParseFromString(bytes));
  return HeadAfter(record);
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

TEST(AuditChainTest, ACallThroughAGatewayIsSealedWithTheGateway) {
  AuditChainHead head;
  AuditEvent direct{"lead-1", "lead-inspector", "req",
                    v1::AUDIT_ACTION_LIST_CASES, "yots/x"};
  AuditEvent through = direct;
  through.gateway = "workbench";
  AuditChainHead same = head;
  v1::AuditRecord a = SealAuditRecord(direct, absl::StatusCode::kOk,
                                      absl::FromUnixSeconds(1), head);
  v1::AuditRecord b = SealAuditRecord(through, absl::StatusCode::kOk,
                                      absl::FromUnixSeconds(1), same);
  EXPECT_TRUE(a.gateway().empty());
  EXPECT_EQ(b.gateway(), "workbench");
  EXPECT_EQ(b.caller(), "lead-1");
  // The hash covers the gateway: the same record through it differs, and
  // a gateway edited afterwards breaks the chain at the record.
  EXPECT_NE(a.hash(), b.hash());
  EXPECT_EQ(AuditRecordHash(b), b.hash());
  v1::AuditRecord edited = b;
  edited.set_gateway("another-gateway");
  EXPECT_NE(AuditRecordHash(edited), b.hash());
  edited.clear_gateway();
  EXPECT_NE(AuditRecordHash(edited), b.hash());
}

// Records sealed before AuditRecord.gateway existed keep their hashes: a
// record without a gateway is encoded exactly as then. The value is the
// BLAKE2b-256 of the documented encoding (audit_chain.h), computed apart
// from this code (Python's hashlib over the same bytes).
TEST(AuditChainTest, ARecordWithoutAGatewayKeepsTheFirstEncoding) {
  AuditChainHead head;
  AuditEvent event{"insp-1", "inspector", "req-1", v1::AUDIT_ACTION_LIST_CASES,
                   "yots/bolton"};
  v1::AuditRecord record = SealAuditRecord(
      event, absl::StatusCode::kOk, absl::FromUnixSeconds(1764547200), head);
  EXPECT_EQ(absl::BytesToHexString(record.hash()),
            "aaac3155434d75c06d51ed6cc9fa16bfe286d53f1728a5efcfb6d5dd7990dda4");
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

TEST(AuditChainTest, RemovedTailIsAValidChainWithoutAnAnchor) {
  auto trail = Trail(5);
  trail.erase(5);
  AuditChainVerifier verifier = Verify(trail);
  EXPECT_TRUE(verifier.intact());
  EXPECT_EQ(verifier.record_count(), 4u);
}

TEST(AuditChainTest, RemovedTailBreaksAgainstTheHeadNotedEarlier) {
  auto trail = Trail(6);
  const AuditChainHead noted = HeadOf(trail[5]);
  trail.erase(6);
  trail.erase(5);
  trail.erase(4);
  AuditChainVerifier verifier = Verify(trail, &noted);
  EXPECT_FALSE(verifier.intact());
  EXPECT_EQ(verifier.broken_at(), 4u);
  EXPECT_NE(verifier.problem().find("records 4 to 5 at least are missing"),
            std::string::npos)
      << verifier.problem();
}

TEST(AuditChainTest, TrailThatGrewPastTheNotedHeadIsIntact) {
  auto trail = Trail(6);
  const AuditChainHead noted = HeadOf(trail[4]);
  AuditChainVerifier verifier = Verify(trail, &noted);
  EXPECT_TRUE(verifier.intact()) << verifier.problem();
  EXPECT_EQ(verifier.head().sequence, 6u);
}

TEST(AuditChainTest, RewrittenChainBreaksAtTheNotedHead) {
  // An attacker with the store rewrites the trail from record 3 and
  // rehashes every record after it: the chain is valid, the noted head is
  // not in it.
  auto trail = Trail(5);
  const AuditChainHead noted = HeadOf(trail[4]);
  v1::AuditRecord third;
  ASSERT_TRUE(third.ParseFromString(trail[3]));
  AuditChainHead head{2, HeadOf(trail[2]).hash};
  AuditEvent forged{"someone-else", "inspector", "req",
                    v1::AUDIT_ACTION_READ_CASE, third.resource()};
  for (uint64_t sequence = 3; sequence <= 5; ++sequence) {
    trail[sequence] =
        SealAuditRecord(forged, absl::StatusCode::kOk, absl::Now(), head)
            .SerializeAsString();
  }
  EXPECT_TRUE(Verify(trail).intact());
  AuditChainVerifier verifier = Verify(trail, &noted);
  EXPECT_FALSE(verifier.intact());
  EXPECT_EQ(verifier.broken_at(), 4u);
}

TEST(AuditChainTest, EmptyNotedHeadRequiresNothing) {
  const AuditChainHead empty;
  EXPECT_TRUE(Verify({}, &empty).intact());
}

}  // namespace
}  // namespace yjinspect::common
