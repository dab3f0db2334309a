#pragma once

// Where an audit trail is kept, as the audit service reads it: the stored
// entries in sequence order, as bytes, so a damaged entry can still be
// reported where it lies.

#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "common/audit/audit_chain.h"

namespace yjinspect::common {

struct StoredAuditEntry {
  // The sequence number the entry's key says.
  uint64_t sequence = 0;
  // A serialised v1::AuditRecord, unless damaged.
  std::string bytes;
};

class AuditSource {
 public:
  virtual ~AuditSource() = default;
  // Up to `limit` entries with sequence > `after`, in order.
  virtual absl::StatusOr<std::vector<StoredAuditEntry>> ReadAuditEntries(
      uint64_t after, size_t limit) const = 0;
  // Where the trail ends now: its last record's sequence and hash (an
  // empty head for an empty trail). Read to note the head outside the
  // store (backups, the log, the metric).
  virtual absl::StatusOr<AuditChainHead> ReadAuditHead() const = 0;
};

// Feeds every entry of `source`'s trail, in order, to `verifier` (set up
// with ExpectHead where a head is to be checked) and finishes it: the one
// walk the AuditTrail service and `yjinspect check-store` both make. An
// error reading the trail is returned as it is.
absl::Status VerifyTrail(const AuditSource& source,
                         AuditChainVerifier& verifier);

}  // namespace yjinspect::common
