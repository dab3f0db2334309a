#include "common/audit/audit_source.h"

namespace yjinspect::common {
namespace {

// Entries read from the store at a time.
constexpr size_t kReadChunk = 1000;

}  // namespace

absl::Status VerifyTrail(const AuditSource& source,
                         AuditChainVerifier& verifier) {
  uint64_t after = 0;
  while (true) {
    absl::StatusOr<std::vector<StoredAuditEntry>> entries =
        source.ReadAuditEntries(after, kReadChunk);
    if (!entries.ok()) return entries.status();
    for (const StoredAuditEntry& entry : *entries) {
      verifier.Add(entry.sequence, entry.bytes);
      after = entry.sequence;
    }
    if (entries->size() < kReadChunk) break;
  }
  verifier.Finish();
  return absl::OkStatus();
}

}  // namespace yjinspect::common
