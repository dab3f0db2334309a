#pragma once

// Children's cases as a record kind of stored_records.h: how the shared
// create, update, erasure and sampling steps reach them in the store.

#include <optional>
#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "common/resource_names.h"
#include "services/intake/storage/store_transaction.h"

namespace yjinspect::intake {

struct CaseRecord {
  using Resource = v1::Case;
  using Stored = storage::v1::StoredCase;
  using Name = common::CaseName;
  static constexpr absl::string_view kNoun = "case";
  static constexpr absl::string_view kRequestKind = "case";
  static constexpr absl::string_view kDeleteMethod = "DeleteCase";
  static std::string Format(const Name& name) {
    return common::FormatCaseName(name.yot, name.case_id);
  }
  static const Resource& Of(const Stored& stored) { return stored.case_(); }
  static Resource* MutableOf(Stored* stored) { return stored->mutable_case_(); }
  static absl::StatusOr<std::optional<Stored>> Find(StoreTransaction& txn,
                                                    const Name& name) {
    return txn.FindCase(name.yot, name.case_id);
  }
  static void Put(StoreTransaction& txn, const Name& name,
                  const Stored& stored) {
    txn.PutCase(name.yot, name.case_id, stored);
  }
  static void Delete(StoreTransaction& txn, const Name& name) {
    txn.DeleteCase(name.yot, name.case_id);
  }
  static void SetStored(v1::Change& change, const Resource& c) {
    *change.mutable_case_stored() = c;
  }
  static void SetErased(v1::Change& change, const std::string& name) {
    change.mutable_case_erased()->set_name(name);
  }
  static void SetSampled(v1::Change& change, const std::string& inspection,
                         const Resource& c) {
    change.mutable_case_sampled()->set_inspection(inspection);
    *change.mutable_case_sampled()->mutable_case_() = c;
  }
  static absl::Status CheckInStore(StoreTransaction&, const Name&,
                                   const Resource&) {
    return absl::OkStatus();
  }
};

}  // namespace yjinspect::intake
