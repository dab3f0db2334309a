// Fuzz target: a caseload file in the YJB exchange's JSON Lines format
// (docs/yjb-exchange.md), as `yjinspect import` reads it: parsed, then every
// row checked by intake's rules. Beyond not crashing: a refused file keeps
// no rows, every problem names a line of the file, and every row the
// importer would send passes ValidateCreateCaseRequest.

#include "fuzz/caseload_checks.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  yjinspect::fuzz::CheckCaseloadImport(
      data, size, yjinspect::cli::exchange::CaseloadFormat::kJsonLines);
  return 0;
}
