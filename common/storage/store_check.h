#pragma once

// The offline check of a stopped service's store (`yjinspect check-store`):
// the checks a service makes when it opens its store (store_integrity.h),
// made without changing a file, and the audit trail's chain read straight
// from the store. For after a disk fault, before a restart, and on a
// restored copy before serving it.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "common/audit/audit_chain.h"

namespace yjinspect::common {

struct StoreCheckReport {
  // Each finding, in the order checked: "ok: ..." or "DAMAGED: ...".
  std::vector<std::string> lines;
  bool intact = true;
};

// Checks the store at `path`. `expected_head`, when set, is an audit head
// noted earlier that the trail must still hold. NOT_FOUND when `path` holds
// no store; FAILED_PRECONDITION while a service holds it (its files change
// under a reader; stop the service first).
absl::StatusOr<StoreCheckReport> CheckStoreOffline(
    const std::string& path,
    const std::optional<AuditChainHead>& expected_head = std::nullopt);

}  // namespace yjinspect::common
