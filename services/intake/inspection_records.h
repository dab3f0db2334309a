#pragma once

// Small rules every writer of an inspection record follows, in one place.

#include <string>

#include "absl/time/time.h"
#include "services/intake/storage/store_transaction.h"
#include "yjinspect/v1/inspection.pb.h"

namespace yjinspect::intake {

// Fingerprint of what a client supplies when creating an inspection (not
// the service's own fields): "identical content" for idempotent creation.
std::string ClientContentFingerprint(const v1::Inspection& inspection);

// Stamps a changed inspection (update_time, etag), logs it for the findings
// service and stores it.
void StoreInspectionChange(StoreTransaction& txn, v1::Inspection inspection);

// "inspection inspections/x is in state FIELDWORK" for error messages.
std::string DescribeState(const v1::Inspection& inspection);

}  // namespace yjinspect::intake
