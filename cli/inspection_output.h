#pragma once

// How the command line shows an inspection: its YOT, framework, dates,
// state, sample (with its strata), every lifecycle step and sample reset;
// or, with --json, the message itself.

#include "absl/status/statusor.h"
#include "yjinspect/v1/inspection.pb.h"

namespace yjinspect::cli {

// Writes `inspection` to standard output, as text or as one JSON line.
void PrintInspection(const v1::Inspection& inspection, bool json);

// How a command that a service answers with an inspection ends: the
// inspection printed and kExitOk, or the call's failure reported
// (ReportFailure) and its exit code.
int PrintInspection(const absl::StatusOr<v1::Inspection>& answer, bool json);

}  // namespace yjinspect::cli
