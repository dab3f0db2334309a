#pragma once

// The part of a store fake that has no disk behind it: nothing to purge, no
// backups, no figures, no audit trail. The audit trail, purges and backups
// are the real stores' business; the fakes serve validation and the
// handlers' decisions (the fuzz targets, domain tests).

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "common/audit/audit_source.h"
#include "common/storage/storage_figures.h"
#include "yjinspect/v1/admin_service.pb.h"

namespace yjinspect::testing {

// StoreWithoutDisk<intake::IntakeStore>: `Store` with those four answered.
template <typename Store>
class StoreWithoutDisk : public Store {
 public:
  absl::Status PurgeErasedContent() override { return absl::OkStatus(); }
  absl::StatusOr<v1::Backup> CreateBackup(const std::string&,
                                          const v1::BackupMetadata&) override {
    return absl::UnimplementedError("the fuzz store keeps no backups");
  }
  common::StorageFigures Figures() const override { return {}; }
  absl::StatusOr<std::vector<common::StoredAuditEntry>> ReadAuditEntries(
      uint64_t, size_t) const override {
    return std::vector<common::StoredAuditEntry>();
  }
  absl::StatusOr<common::AuditChainHead> ReadAuditHead() const override {
    return common::AuditChainHead();
  }
};

}  // namespace yjinspect::testing
