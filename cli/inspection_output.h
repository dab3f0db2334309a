#pragma once

// How the command line shows an inspection: its YOT, framework, dates,
// state, sample (with its strata), every lifecycle step and sample reset;
// or, with --json, the message itself.

#include "yjinspect/v1/inspection.pb.h"

namespace yjinspect::cli {

// Writes `inspection` to standard output, as text or as one JSON line.
void PrintInspection(const v1::Inspection& inspection, bool json);

}  // namespace yjinspect::cli
