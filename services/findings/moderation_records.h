#pragma once

// Reads what moderation needs of an inspection from the findings store: each
// record of the current sample given a second marker (at intake), with both
// markings and its resolutions.

#include <map>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "services/findings/moderation/double_marking.h"
#include "services/findings/storage/findings_store.h"
#include "yjinspect/v1/inspection.pb.h"

namespace yjinspect::findings {

// In assignment order; a record whose content the store does not hold
// (erased, or not arrived) is left out: there is nothing of it to mark,
// count or hold. `inspection_id` is the id of `inspection`.
absl::StatusOr<std::vector<DoubleMarkedRecord>> ReadDoubleMarked(
    const FindingsStore& store, const std::string& inspection_id,
    const v1::Inspection& inspection);

// The same, by record name (`yots/{yot}/cases/{c}`...).
absl::StatusOr<std::map<std::string, DoubleMarkedRecord>>
ReadDoubleMarkedByRecord(const FindingsStore& store,
                         const std::string& inspection_id,
                         const v1::Inspection& inspection);

// The records whose findings `identity` may not read now: those it is the
// second marker of and has not submitted (by record name). Empty for an
// empty identity.
absl::StatusOr<std::vector<std::string>> BlindedRecords(
    const FindingsStore& store, const std::string& inspection_id,
    const v1::Inspection& inspection, const std::string& identity);

}  // namespace yjinspect::findings
