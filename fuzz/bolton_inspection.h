#pragma once

// The repository's example inspection (examples/bolton-sqs-2014.run.textproto:
// twenty synthetic cases, their judgements, interviews and decisions), as
// the findings fuzz target and the seed writer use it.

#include <string>
#include <vector>

#include "yjinspect/config/v1/run_spec.pb.h"

namespace yjinspect::fuzz {

// The spec, read once; aborts when it cannot be read (a broken checkout).
const config::v1::InspectionRunSpec& BoltonSpec();

// Its inspection as the findings service holds it once the sample is drawn:
// named inspections/{inspection_id}, every case of the spec sampled.
const v1::Inspection& BoltonInspection();

// Its cases as the findings service holds them (named, as intake stores
// them).
const std::vector<v1::Case>& BoltonCases();

}  // namespace yjinspect::fuzz
