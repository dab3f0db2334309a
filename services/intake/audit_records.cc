#include "services/intake/audit_records.h"

#include <utility>

#include "absl/strings/str_cat.h"

namespace yjinspect::intake {

void RecordAudit(IntakeStore& store, common::AuditEvent event,
                 const absl::Status& outcome,
                 std::function<void(absl::Status)> done) {
  store.Commit(
      [event = std::move(event),
       code = outcome.code()](StoreTransaction& txn) -> absl::Status {
        txn.AppendAudit(event, code);
        return absl::OkStatus();
      },
      std::move(done));
}

}  // namespace yjinspect::intake
