#pragma once

// A YOT's caseload at intake with an inspection and its drawn sample, for
// the tests of the case stream and of the findings service, and builders of
// cases the sqs-2014 inspection of ValidCreateInspectionRequest may or may
// not sample (its window: disposals that started 2014-09-15..2014-11-03 and
// run into fieldwork on 2014-12-15).

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "yjinspect/v1/intake_service.grpc.pb.h"

namespace yjinspect::testing {

// A valid referral order that started 2014-10-01 and ends 2015-06-01:
// eligible for the sample.
v1::CreateCaseRequest EligibleCreateCaseRequest(absl::string_view yot,
                                                absl::string_view case_id);

// ValidCreateCaseRequest as it is: started 2014-09-01, before the window,
// so never sampled.
v1::CreateCaseRequest IneligibleCreateCaseRequest(absl::string_view yot,
                                                  absl::string_view case_id);

// Replaces the offences of `c` with `count` offences (the first the index
// offence) whose descriptions are `chars` characters long and start with
// `variant`, so that each variant is new content.
void SetLongOffences(v1::Case& c, int count, int chars,
                     absl::string_view variant);

struct SampledCaseloadSpec {
  std::string yot = "northmoor";
  std::string inspection_id = "northmoor-2014";
  // Cases "E-00", "E-01", ...: eligible.
  int eligible = 20;
  // Cases "I-0", "I-1", ...: not eligible.
  int ineligible = 4;
  int64_t seed = 11;
};

struct SampledCaseload {
  // The inspection as DrawSample returned it.
  v1::Inspection inspection;
  // Case names in the sample, in draw order.
  std::vector<std::string> sampled;
  // Eligible cases the draw left out, then the ineligible ones.
  std::vector<std::string> unsampled;
};

// Creates the cases and the inspection at intake and draws the sample.
absl::StatusOr<SampledCaseload> LoadSampledCaseload(
    v1::CaseIntake::Stub& stub, const SampledCaseloadSpec& spec = {});

}  // namespace yjinspect::testing
