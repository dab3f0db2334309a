#pragma once

// The name of a change-log entry's kind, for metric labels and log lines:
// its oneof case in snake_case, "checkpoint" for an entry with none (the
// stream's "the log moved on" marker).

#include "yjinspect/v1/change.pb.h"

namespace yjinspect::common {

inline const char* ChangeKindName(const v1::Change& change) {
  switch (change.kind_case()) {
    case v1::Change::kCaseStored:
      return "case_stored";
    case v1::Change::kCaseErased:
      return "case_erased";
    case v1::Change::kInspectionStored:
      return "inspection_stored";
    case v1::Change::kCaseSampled:
      return "case_sampled";
    case v1::Change::kVictimCaseStored:
      return "victim_case_stored";
    case v1::Change::kVictimCaseErased:
      return "victim_case_erased";
    case v1::Change::kVictimCaseSampled:
      return "victim_case_sampled";
    case v1::Change::KIND_NOT_SET:
      break;
  }
  return "checkpoint";
}

}  // namespace yjinspect::common
