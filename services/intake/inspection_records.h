#pragma once

// Small rules every writer of an inspection record follows, in one place.

#include <functional>
#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "common/field_violations.h"
#include "services/intake/storage/intake_store.h"
#include "services/intake/storage/store_transaction.h"
#include "yjinspect/v1/inspection.pb.h"

namespace yjinspect::intake {

// Fingerprint of what a client supplies when creating an inspection (not
// the service's own fields): "identical content" for idempotent creation.
std::string ClientContentFingerprint(const v1::Inspection& inspection);

// Stamps a changed inspection (update_time, etag), logs it for the findings
// service and stores it.
void StoreInspectionChange(StoreTransaction& txn, v1::Inspection inspection);

// "SAMPLE_DRAWN" for messages.
std::string StateName(v1::InspectionState state);

// "inspection inspections/x is in state FIELDWORK" for error messages.
std::string DescribeState(const v1::Inspection& inspection);

// The violation of a request's `name` that is no inspection name (none when
// it is one).
common::FieldViolations CheckInspectionName(const std::string& name);

using InspectionDone = std::function<void(absl::StatusOr<v1::Inspection>)>;
using InspectionChange =
    std::function<absl::Status(StoreTransaction&, v1::Inspection&)>;

// One step on a stored inspection: in one commit, finds the inspection
// (NOT_FOUND naming it when there is none), applies `change` and answers
// `done` with the inspection as stored, or with the error.
void CommitInspectionChange(IntakeStore& store, InspectionChange change,
                            const std::string& inspection_name,
                            InspectionDone done);

// A step a caller asked for: answers `done` with INVALID_ARGUMENT naming
// `request_kind` when the request has `violations` (nothing read or
// stored), and commits `change` as CommitInspectionChange otherwise.
void CommitRequestedStep(IntakeStore& store,
                         const common::FieldViolations& violations,
                         absl::string_view request_kind,
                         const std::string& inspection_name,
                         InspectionChange change, InspectionDone done);

}  // namespace yjinspect::intake
