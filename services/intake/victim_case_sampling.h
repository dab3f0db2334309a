#pragma once

// What a draw of victims' cases needs from intake's store, for the sampling
// code (inspection_sampling.h) to call inside its own commit, so that the
// frame cannot change under the draw and the sample, its marks and its
// feed entries are one durable write. The draw itself (its window on
// first_contact_date, its size, its record on the inspection) is the
// sampling code's; nothing here decides which victims' cases are drawn.

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "services/intake/storage/store_transaction.h"

namespace yjinspect::intake {

// Every victim's case of the YOT with code `yot`, as stored (through the
// commit: cases written earlier in the same group are seen), in reference
// order: the frame to apply the eligibility window to.
absl::StatusOr<std::vector<v1::VictimCase>> VictimCaseFrame(
    StoreTransaction& txn, absl::string_view yot);

// Puts the victim's case `victim_case` (`yots/{yot}/victimCases/{id}`) into
// the sample of `inspection` (`inspections/{id}`): marks it sampled by the
// inspection and delivered to the findings service, and appends a
// victim_case_sampled entry carrying it, for the findings service. Its
// later updates and its erasure then go to the findings service too.
// INVALID_ARGUMENT for a malformed name, NOT_FOUND when it is not stored.
absl::Status TakeVictimCaseIntoSample(StoreTransaction& txn,
                                      const std::string& inspection,
                                      absl::string_view victim_case);

// Takes `inspection` out of the victim's case's samples (a reset or a
// redraw); nothing when it has been erased since. Its content stays at the
// findings service, which still gets its updates and erasure.
absl::Status ReleaseVictimCaseFromSample(StoreTransaction& txn,
                                         const std::string& inspection,
                                         absl::string_view victim_case);

}  // namespace yjinspect::intake
