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
  // JudgementRevision by HistoryKey (of cases and of interviews).
  kHistory = 4,
  // Staff interview answers (CaseFindings) by FindingsKey(inspection, id).
  kInterviews = 5,
  // ReportInputs by inspection id.
  kReportInputs = 6,
  // VerdictDecisions by inspection id.
  kDecisions = 7,
  // AuditRecord by 8-byte big-endian sequence: the hash-chained audit
  // trail (common/audit), each record in the batch of what it describes.
  kAudit = 8,
};

inline constexpr std::array<ColumnFamily, 9> kAllColumnFamilies = {
    ColumnFamily::kMeta,         ColumnFamily::kInspections,
    ColumnFamily::kCases,        ColumnFamily::kFindings,
    ColumnFamily::kHistory,      ColumnFamily::kInterviews,
    ColumnFamily::kReportInputs, ColumnFamily::kDecisions,
    ColumnFamily::kAudit};

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
    case ColumnFamily::kInterviews:
      return "interviews";
    case ColumnFamily::kReportInputs:
      return "report_inputs";
    case ColumnFamily::kDecisions:
      return "decisions";
    case ColumnFamily::kAudit:
      return "audit";
  }
  return "default";
}

}  // namespace yjinspect::findings
