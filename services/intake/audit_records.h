#pragma once

// Writing intake's audit records (common/audit): through the store's group
// commit, so a record is durable before the call it describes is answered
// and concurrent calls share one sync.

#include <functional>

#include "absl/status/status.h"
#include "common/audit/audit_chain.h"
#include "services/intake/storage/intake_store.h"

namespace yjinspect::intake {

// Appends a record of `event` with `outcome`; `done` gets OK once it is
// durable, or why it could not be written. `done` runs on the committer
// thread and must not block.
void RecordAudit(IntakeStore& store, common::AuditEvent event,
                 const absl::Status& outcome,
                 std::function<void(absl::Status)> done);

// What a call answers when its audit record could not be written: nothing
// is read or answered without its record.
absl::Status UnauditedCall(const absl::Status& audit_write);

}  // namespace yjinspect::intake
