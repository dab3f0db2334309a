#pragma once

// The intake store's column families: a closed set with fixed on-disk names,
// looked up by enum, never by string. Never rename or renumber.

#include <array>

#include "absl/strings/string_view.h"

namespace yjinspect::intake {

enum class ColumnFamily {
  // RocksDB's own default family; holds store metadata (schema version).
  kMeta = 0,
  // StoredCase by CaseKey.
  kCases = 1,
  // Inspection by InspectionKey.
  kInspections = 2,
  // Change by SequenceKey: the dense change log, every change in order. A
  // stored record not for findings is kept as its name and etag only: its
  // content is its record (log_entry.h). Entries written by earlier
  // versions may hold the whole record; readers take either.
  kChanges = 3,
  // RequestRecord by RequestKey: idempotency keys (AIP-155).
  kRequests = 4,
  // The changes marked for_findings, by SequenceKey, written in the same
  // batch as their kChanges entry: what StreamSampledCases reads, so the
  // stream never scans past changes the findings service does not get.
  kFeed = 5,
  // AuditRecord by SequenceKey: the hash-chained audit trail, each record
  // in the same batch as the change it describes (common/audit).
  kAudit = 6,
  // StoredVictimCase by CaseKey(yot, victim case reference).
  kVictimCases = 7,
};

// On-disk names, indexed by ColumnFamily.
inline constexpr std::array<absl::string_view, 8> kColumnFamilyNames = {
    "default",       // kMeta
    "cases",         // kCases
    "inspections",   // kInspections
    "changes",       // kChanges
    "requests",      // kRequests
    "feed",          // kFeed
    "audit",         // kAudit
    "victim_cases",  // kVictimCases
};

inline constexpr absl::string_view ColumnFamilyName(ColumnFamily family) {
  return kColumnFamilyNames[static_cast<size_t>(family)];
}

}  // namespace yjinspect::intake
