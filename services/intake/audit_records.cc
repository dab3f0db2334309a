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

absl::Status UnauditedCall(const absl::Status& audit_write) {
  return absl::UnavailableError(
      absl::StrCat("the call could not be recorded in the audit trail (",
                   audit_write.message(), "); retry"));
}

}  // namespace yjinspect::intake
