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
  // VictimCase (sampled victim's case content) by its intake name
  // (`yots/{yot}/victimCases/{victim_case}`), as cases are kept.
  kVictimCases = 9,
  // Recommendation by FindingsKey(inspection, recommendation id). Added
  // after the others: a store opened by an older build gains it, empty.
  kRecommendations = 10,
  // RecommendationRevision by HistoryKey(inspection, recommendation id,
  // revision): its own family, so a case's history never holds another
  // record type.
  kRecommendationHistory = 11,
  // Action by FindingsKey(inspection, ActionRecordId(recommendation id,
  // action id)): a recommendation's actions sort together. Added after the
  // others, as kRecommendations was.
  kActions = 12,
  // ActionRevision by HistoryKey(inspection, ActionRecordId(...),
  // revision).
  kActionHistory = 13,
  // SecondMarking by FindingsKey(inspection, record id): the second
  // marker's answers, apart from the first marker's (moderation). Added
  // after the others, as kRecommendations was.
  kSecondMarkings = 14,
  // storage.v1.StoredResolutions by FindingsKey(inspection, record id).
  kResolutions = 15,
};

// On-disk names, indexed by ColumnFamily.
inline constexpr std::array<absl::string_view, 16> kColumnFamilyNames = {
    "default",                 // kMeta
    "inspections",             // kInspections
    "cases",                   // kCases
    "findings",                // kFindings
    "history",                 // kHistory
    "interviews",              // kInterviews
    "report_inputs",           // kReportInputs
    "decisions",               // kDecisions
    "audit",                   // kAudit
    "victim_cases",            // kVictimCases
    "recommendations",         // kRecommendations
    "recommendation_history",  // kRecommendationHistory
    "actions",                 // kActions
    "action_history",          // kActionHistory
    "second_markings",         // kSecondMarkings
    "resolutions",             // kResolutions
};

inline constexpr absl::string_view ColumnFamilyName(ColumnFamily family) {
  return kColumnFamilyNames[static_cast<size_t>(family)];
}

}  // namespace yjinspect::findings
