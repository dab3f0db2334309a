#pragma once

// The findings store's column families: fixed names, looked up by enum.
// Never rename or renumber.

#include <array>

#include "absl/strings/string_view.h"

namespace yjinspect::findings {

enum class ColumnFamily {
  // RocksDB's default family: the intake cursor.
  kMeta = 0,
  // Inspection (as intake last sent it) by inspection id.
  kInspections = 1,
  // Case (sampled case content) by case name.
  kCases = 2,
  // CaseFindings by FindingsKey.
  kFindings = 3,
  // JudgementRevision by HistoryKey.
  kHistory = 4,
};

inline constexpr std::array<ColumnFamily, 5> kAllColumnFamilies = {
    ColumnFamily::kMeta, ColumnFamily::kInspections, ColumnFamily::kCases,
    ColumnFamily::kFindings, ColumnFamily::kHistory};

inline constexpr absl::string_view ColumnFamilyName(ColumnFamily family) {
  switch (family) {
    case ColumnFamily::kMeta:
      return "default";
    case ColumnFamily::kInspections:
      return "inspections";
    case ColumnFamily::kCases:
      return "cases";
    case ColumnFamily::kFindings:
      return "findings";
    case ColumnFamily::kHistory:
      return "history";
  }
  return "default";
}

}  // namespace yjinspect::findings
