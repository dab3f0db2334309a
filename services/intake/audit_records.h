#pragma once

// Writing intake's audit records (common/audit): through the store's group
// commit, so a record is durable before the call it describes is answered
// and concurrent calls share one sync.

#include <functional>

#include "absl/status/status.h"
#include "common/audit/audit_chain.h"
#include "common/error_details.h"
#include "services/intake/storage/intake_store.h"

namespace yjinspect::intake {

// Appends a record of `event` with `outcome`; `done` gets OK once it is
// durable, or why it could not be written. `done` runs on the committer
// thread and must not block.
void RecordAudit(IntakeStore& store, common::AuditEvent event,
                 const absl::Status& outcome,
                 std::function<void(absl::Status)> done);

using common::UnauditedCall;

}  // namespace yjinspect::intake
