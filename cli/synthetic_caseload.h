#pragma once

// A realistic synthetic caseload for one YOT: the mix of disposals, ages,
// needs and risk levels of a typical English youth justice service, with
// made-up references. No real people. Deterministic for a given seed (the
// generator uses only std::mt19937_64, whose output the standard fixes).

#include <cstdint>
#include <string>
#include <vector>

#include "absl/time/civil_time.h"
#include "yjinspect/v1/intake_service.pb.h"

namespace yjinspect::cli {

struct CaseloadSpec {
  // YOT code, as in yots/{yot}.
  std::string yot = "northmoor";
  std::string yot_display_name = "Northmoor Youth Justice Service";
  // Prefix of case references: "{prefix}-{number}".
  std::string case_prefix = "NM";
  int cases = 300;
  uint64_t seed = 2014;
  // The day the caseload is extracted: every disposal has started by then.
  absl::CivilDay as_of = absl::CivilDay(2014, 12, 1);
};

// One CreateCaseRequest per case, each with a request_id derived from the
// seed and the case, so a re-run of the same load is idempotent.
std::vector<v1::CreateCaseRequest> GenerateCaseload(const CaseloadSpec& spec);

}  // namespace yjinspect::cli
