#include "common/audit/audit_source.h"

#include <map>
#include <vector>

#include "absl/time/clock.h"
#include "gtest/gtest.h"

namespace yjinspect::common {
namespace {

// A trail held in memory, read a page at a time like a store's.
class MemoryTrail : public AuditSource {
 public:
  explicit MemoryTrail(int records) {
    AuditChainHead head;
    for (int i = 0; i < records; ++i) {
      v1::AuditRecord r = SealAuditRecord(
          {"insp-1", "inspector", "", v1::AUDIT_ACTION_READ_CASE,
           "yots/northmoor/cases/NM-1"},
          absl::StatusCode::kOk, absl::Now(), head);
      entries_[r.sequence()] = r.SerializeAsString();
    }
    head_ = head;
  }
  absl::StatusOr<std::vector<StoredAuditEntry>> ReadAuditEntries(
      uint64_t after, size_t limit) const override {
    if (failing_) return absl::UnavailableError("the store is closing");
    std::vector<StoredAuditEntry> out;
    for (auto it = entries_.upper_bound(after);
         it != entries_.end() && out.size() < limit; ++it) {
      out.push_back({it->first, it->second});
    }
    return out;
  }
  absl::StatusOr<AuditChainHead> ReadAuditHead() const override {
    return head_;
  }
  std::map<uint64_t, std::string> entries_;
  AuditChainHead head_;
  bool failing_ = false;
};

TEST(VerifyTrailTest, ReadsEveryPageAndFinishes) {
  MemoryTrail trail(2500);  // more than two pages
  AuditChainVerifier verifier;
  verifier.ExpectHead(trail.head_);
  ASSERT_TRUE(VerifyTrail(trail, verifier).ok());
  EXPECT_TRUE(verifier.intact()) << verifier.problem();
  EXPECT_EQ(verifier.record_count(), 2500u);
  EXPECT_EQ(verifier.head().sequence, 2500u);
}

TEST(VerifyTrailTest, AHeadBeyondTheTrailIsFoundAtTheEnd) {
  MemoryTrail trail(1200);
  trail.entries_.erase(1200);
  AuditChainVerifier verifier;
  verifier.ExpectHead(trail.head_);
  ASSERT_TRUE(VerifyTrail(trail, verifier).ok());
  EXPECT_FALSE(verifier.intact());
  EXPECT_EQ(verifier.broken_at(), 1200u);
}

TEST(VerifyTrailTest, AReadErrorIsReturned) {
  MemoryTrail trail(3);
  trail.failing_ = true;
  AuditChainVerifier verifier;
  EXPECT_EQ(VerifyTrail(trail, verifier).code(),
            absl::StatusCode::kUnavailable);
}

}  // namespace
}  // namespace yjinspect::common
