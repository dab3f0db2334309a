#include "services/findings/moderation_records.h"

#include <utility>

#include "common/resource_names.h"
#include "common/status_macros.h"
#include "services/findings/storage/keys.h"

namespace yjinspect::findings {
namespace {

// Whether the findings store holds the record's content: not once it is
// erased (nor before it arrives), when there is nothing to mark or hold.
absl::StatusOr<bool> Held(const FindingsStore& store,
                          const std::string& record_name) {
  if (common::ParseVictimCaseName(record_name)) {
    ASSIGN_OR_RETURN(auto held, store.GetVictimCase(record_name));
    return held.has_value();
  }
  ASSIGN_OR_RETURN(auto held, store.GetCase(record_name));
  return held.has_value();
}

absl::StatusOr<DoubleMarkedRecord> ReadOne(
    const FindingsStore& store, const std::string& inspection_id,
    const v1::SecondMarkerAssignment& assignment, bool with_findings) {
  DoubleMarkedRecord record;
  record.record_name = assignment.case_();
  record.second_marker_reference = assignment.second_marker_reference();
  std::optional<common::CaseFindingsName> name =
      common::FindingsOfRecord(inspection_id, assignment.case_());
  if (!name) {
    return absl::DataLossError("intake assigned a malformed record");
  }
  record.findings_name = common::FormatCaseFindingsName(*name);
  const std::string id = FindingsRecordId(*name);
  ASSIGN_OR_RETURN(record.second, store.GetSecondMarking(inspection_id, id));
  if (!with_findings) return record;
  ASSIGN_OR_RETURN(record.first, store.GetFindings(inspection_id, id));
  ASSIGN_OR_RETURN(record.resolutions, store.GetResolutions(inspection_id, id));
  if (record.first) {
    ASSIGN_OR_RETURN(
        record.first_changed_after_second_started,
        store.FindingsChangedAfterSecondMarking(inspection_id, id));
  }
  return record;
}

}  // namespace

absl::StatusOr<std::vector<DoubleMarkedRecord>> ReadDoubleMarked(
    const FindingsStore& store, const std::string& inspection_id,
    const v1::Inspection& inspection) {
  std::vector<DoubleMarkedRecord> records;
  for (const v1::SecondMarkerAssignment& a : inspection.second_markers()) {
    ASSIGN_OR_RETURN(const bool held, Held(store, a.case_()));
    if (!held) continue;
    ASSIGN_OR_RETURN(auto record, ReadOne(store, inspection_id, a, true));
    records.push_back(std::move(record));
  }
  return records;
}

absl::StatusOr<std::map<std::string, DoubleMarkedRecord>>
ReadDoubleMarkedByRecord(const FindingsStore& store,
                         const std::string& inspection_id,
                         const v1::Inspection& inspection) {
  ASSIGN_OR_RETURN(auto records,
                   ReadDoubleMarked(store, inspection_id, inspection));
  std::map<std::string, DoubleMarkedRecord> by_record;
  for (auto& r : records) {
    std::string key = r.record_name;
    by_record.emplace(std::move(key), std::move(r));
  }
  return by_record;
}

absl::StatusOr<std::vector<std::string>> BlindedRecords(
    const FindingsStore& store, const std::string& inspection_id,
    const v1::Inspection& inspection, const std::string& identity) {
  std::vector<std::string> blinded;
  if (identity.empty()) return blinded;
  for (const v1::SecondMarkerAssignment& a : inspection.second_markers()) {
    if (a.second_marker_reference() != identity) continue;
    ASSIGN_OR_RETURN(auto record, ReadOne(store, inspection_id, a, false));
    if (BlindedFrom(record, identity)) blinded.push_back(a.case_());
  }
  return blinded;
}

}  // namespace yjinspect::findings
