#pragma once

// What a stopped service's RocksDB folder holds, read the way the crash
// driver checks it: opened read-only, so the state a SIGKILL left behind is
// untouched for the restarted server to recover by itself.

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "yjinspect/v1/case.pb.h"

namespace yjinspect::crash {

struct IntakeSnapshot {
  // The last change-log sequence.
  uint64_t head = 0;
  // Every stored case by name.
  std::map<std::string, v1::Case> cases;
  // Sequences of the change-log entries marked for the findings service.
  std::vector<uint64_t> for_findings;

  // Entries for the findings service with a sequence in (after, upto].
  uint64_t ForFindings(uint64_t after, uint64_t upto) const;
};

struct FindingsSnapshot {
  // The last intake change applied.
  uint64_t cursor = 0;
  // Every case the stream delivered, by name.
  std::map<std::string, v1::Case> cases;
};

// Read-only, while no process serves the folder.
absl::StatusOr<IntakeSnapshot> ReadIntakeStore(const std::string& path);
absl::StatusOr<FindingsSnapshot> ReadFindingsStore(const std::string& path);
// Only the cursor (cheaper, before every start of a findings process).
absl::StatusOr<uint64_t> ReadFindingsCursor(const std::string& path);

}  // namespace yjinspect::crash
