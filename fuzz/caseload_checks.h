#pragma once

// The caseload import targets' one check, for either format.

#include <cstddef>
#include <cstdint>

#include "cli/exchange/caseload_format.h"

namespace yjinspect::fuzz {

// Parses `data` as a caseload file in `format`, validates its rows as the
// importer does, and aborts when a promise of caseload_format.h or
// import_caseload.h is broken.
void CheckCaseloadImport(const uint8_t* data, size_t size,
                         cli::exchange::CaseloadFormat format);

}  // namespace yjinspect::fuzz
