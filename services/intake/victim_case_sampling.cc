#include "services/intake/victim_case_sampling.h"

#include <utility>

#include "absl/strings/str_cat.h"
#include "common/resource_names.h"
#include "common/status_macros.h"
#include "services/intake/stored_records.h"
#include "services/intake/victim_case_record.h"

namespace yjinspect::intake {
namespace {

absl::StatusOr<common::VictimCaseName> Parsed(absl::string_view victim_case) {
  auto name = common::ParseVictimCaseName(victim_case);
  if (!name) {
    return absl::InvalidArgumentError(absl::StrCat(
        "a sampled victim's case ", common::kVictimCaseNameFormat));
  }
  return *std::move(name);
}

}  // namespace

absl::StatusOr<std::vector<v1::VictimCase>> VictimCaseFrame(
    StoreTransaction& txn, absl::string_view yot) {
  ASSIGN_OR_RETURN(auto stored, txn.VictimCasesOfYot(yot));
  std::vector<v1::VictimCase> frame;
  frame.reserve(stored.size());
  for (storage::v1::StoredVictimCase& one : stored) {
    frame.push_back(std::move(*one.mutable_victim_case()));
  }
  return frame;
}

absl::Status TakeVictimCaseIntoSample(StoreTransaction& txn,
                                      const std::string& inspection,
                                      absl::string_view victim_case) {
  ASSIGN_OR_RETURN(common::VictimCaseName name, Parsed(victim_case));
  return TakeIntoSample<VictimCaseRecord>(txn, inspection, name);
}

absl::Status ReleaseVictimCaseFromSample(StoreTransaction& txn,
                                         const std::string& inspection,
                                         absl::string_view victim_case) {
  ASSIGN_OR_RETURN(common::VictimCaseName name, Parsed(victim_case));
  return ReleaseFromSample<VictimCaseRecord>(txn, inspection, name);
}

}  // namespace yjinspect::intake
