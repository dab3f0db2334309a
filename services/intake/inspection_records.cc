#include "services/intake/inspection_records.h"

#include <utility>

#include "absl/strings/str_cat.h"
#include "common/field_checks.h"
#include "common/fingerprint.h"
#include "common/resource_names.h"
#include "common/status_macros.h"
#include "google/protobuf/util/time_util.h"

namespace yjinspect::intake {

std::string ClientContentFingerprint(const v1::Inspection& inspection) {
  v1::Inspection content;
  content.set_yot(inspection.yot());
  content.set_yot_display_name(inspection.yot_display_name());
  content.set_framework_id(inspection.framework_id());
  content.set_framework_version(inspection.framework_version());
  *content.mutable_announcement_date() = inspection.announcement_date();
  *content.mutable_fieldwork_start_date() = inspection.fieldwork_start_date();
  *content.mutable_fieldwork_end_date() = inspection.fieldwork_end_date();
  return common::FingerprintMessage(content);
}

void StoreInspectionChange(StoreTransaction& txn, v1::Inspection inspection) {
  *inspection.mutable_update_time() =
      google::protobuf::util::TimeUtil::NanosecondsToTimestamp(
          absl::ToUnixNanos(txn.Now()));
  if (!inspection.has_create_time()) {
    *inspection.mutable_create_time() = inspection.update_time();
  }
  inspection.clear_etag();
  inspection.set_etag(common::FingerprintMessage(inspection));
  const std::string id = *common::ParseInspectionName(inspection.name());
  txn.PutInspection(id, inspection);
  v1::Change change;
  change.set_for_findings(true);
  *change.mutable_inspection_stored() = std::move(inspection);
  txn.AppendChange(std::move(change));
}

std::string StateName(v1::InspectionState state) {
  std::string name = v1::InspectionState_Name(state);
  const std::string prefix = "INSPECTION_STATE_";
  if (name.rfind(prefix, 0) == 0) name = name.substr(prefix.size());
  return name;
}

std::string DescribeState(const v1::Inspection& inspection) {
  return absl::StrCat("inspection ", inspection.name(), " is in state ",
                      StateName(inspection.state()));
}

common::FieldViolations CheckInspectionName(const std::string& name) {
  common::FieldViolations v;
  common::CheckInspectionName(v, "name", name);
  return v;
}

void CommitInspectionChange(IntakeStore& store, InspectionChange change,
                            const std::string& inspection_name,
                            InspectionDone done) {
  const std::string id =
      common::ParseInspectionName(inspection_name).value_or("");
  CommitProducing<v1::Inspection>(
      store,
      [change = std::move(change), id, inspection_name](
          StoreTransaction& txn, v1::Inspection& result) -> absl::Status {
        ASSIGN_OR_RETURN(auto inspection, txn.FindInspection(id));
        if (!inspection) {
          return absl::NotFoundError(
              absl::StrCat("inspection ", inspection_name, " does not exist"));
        }
        RETURN_IF_ERROR(change(txn, *inspection));
        ASSIGN_OR_RETURN(auto stored, txn.FindInspection(id));
        result = std::move(*stored);
        return absl::OkStatus();
      },
      std::move(done));
}

void CommitRequestedStep(IntakeStore& store,
                         const common::FieldViolations& violations,
                         absl::string_view request_kind,
                         const std::string& inspection_name,
                         InspectionChange change, InspectionDone done) {
  if (absl::Status invalid = violations.ToStatus(request_kind); !invalid.ok()) {
    done(invalid);
    return;
  }
  CommitInspectionChange(store, std::move(change), inspection_name,
                         std::move(done));
}

}  // namespace yjinspect::intake
