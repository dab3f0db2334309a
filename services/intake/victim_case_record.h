#pragma once

// Victims' cases as a record kind of stored_records.h: how the shared
// create, update, erasure and sampling steps reach them in the store.

#include <optional>
#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "common/error_details.h"
#include "common/error_reasons.h"
#include "common/resource_names.h"
#include "common/status_macros.h"
#include "services/intake/storage/store_transaction.h"

namespace yjinspect::intake {

struct VictimCaseRecord {
  using Resource = v1::VictimCase;
  using Stored = storage::v1::StoredVictimCase;
  using Name = common::VictimCaseName;
  static constexpr absl::string_view kNoun = "victim's case";
  static constexpr absl::string_view kRequestKind = "victim-case";
  static constexpr absl::string_view kDeleteMethod = "DeleteVictimCase";
  static std::string Format(const Name& name) {
    return common::FormatVictimCaseName(name.yot, name.victim_case_id);
  }
  static const Resource& Of(const Stored& stored) {
    return stored.victim_case();
  }
  static Resource* MutableOf(Stored* stored) {
    return stored->mutable_victim_case();
  }
  static absl::StatusOr<std::optional<Stored>> Find(StoreTransaction& txn,
                                                    const Name& name) {
    return txn.FindVictimCase(name.yot, name.victim_case_id);
  }
  static void Put(StoreTransaction& txn, const Name& name,
                  const Stored& stored) {
    txn.PutVictimCase(name.yot, name.victim_case_id, stored);
  }
  static void Delete(StoreTransaction& txn, const Name& name) {
    txn.DeleteVictimCase(name.yot, name.victim_case_id);
  }
  static void SetStored(v1::Change& change, const Resource& victim_case) {
    *change.mutable_victim_case_stored() = victim_case;
  }
  static void SetErased(v1::Change& change, const std::string& name) {
    change.mutable_victim_case_erased()->set_name(name);
  }
  static void SetSampled(v1::Change& change, const std::string& inspection,
                         const Resource& victim_case) {
    change.mutable_victim_case_sampled()->set_inspection(inspection);
    *change.mutable_victim_case_sampled()->mutable_victim_case() = victim_case;
  }
  // The child's case it relates to must be stored (validation has checked
  // that it names a case of the same YOT): FAILED_PRECONDITION
  // RELATED_CASE_NOT_STORED otherwise.
  static absl::Status CheckInStore(StoreTransaction& txn, const Name& name,
                                   const Resource& victim_case) {
    auto related = common::ParseCaseName(victim_case.related_case());
    if (!related) {
      return absl::InternalError("an unchecked related case reached the store");
    }
    ASSIGN_OR_RETURN(auto found, txn.FindCase(related->yot, related->case_id));
    if (found) return absl::OkStatus();
    return common::FailedPrecondition(
        common::kRelatedCaseNotStored,
        {common::kCaseloadViolation, victim_case.related_case()},
        absl::StrCat("the case ", victim_case.related_case(), " that ",
                     Format(name),
                     " relates to is not stored; submit the child's case "
                     "first (CreateCase), then the victim's case"),
        {{"resource", Format(name)},
         {"related_case", victim_case.related_case()}});
  }
};

}  // namespace yjinspect::intake
