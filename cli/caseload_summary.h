#pragma once

// What a caseload looks like in figures: counts by disposal, setting, risk
// and needs. Pure code, for the command line's summary of a YOT's cases.

#include <map>
#include <string>
#include <vector>

#include "yjinspect/v1/case.pb.h"

namespace yjinspect::cli {

struct CaseloadSummary {
  int cases = 0;
  // Each table: label -> count, labels from the enum value names.
  std::map<std::string, std::map<std::string, int>> tables;
};

CaseloadSummary SummariseCaseload(const std::vector<v1::Case>& cases);

// A plain-text rendering: one block per table, counts and percentages.
std::string FormatSummary(const CaseloadSummary& summary);

}  // namespace yjinspect::cli
