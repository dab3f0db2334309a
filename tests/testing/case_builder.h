#pragma once

// Valid, synthetic requests for tests to start from and break one field at a
// time. No real people: references are made up.

#include <string>

#include "absl/strings/string_view.h"
#include "yjinspect/v1/intake_service.pb.h"

namespace yjinspect::testing {

// A complete, valid community case (referral order, one index offence).
v1::Case ValidCase(absl::string_view child_reference = "CH-0001");

v1::CreateCaseRequest ValidCreateCaseRequest(
    absl::string_view yot = "northmoor", absl::string_view case_id = "NM-0001");

v1::CreateInspectionRequest ValidCreateInspectionRequest(
    absl::string_view inspection_id = "northmoor-2014",
    absl::string_view yot = "northmoor");

// A complete, valid victim's case of `yot`, a person who wanted
// information and a restorative meeting, related to the case
// `yots/{yot}/cases/{related_case_id}` (which the test must store first).
v1::CreateVictimCaseRequest ValidCreateVictimCaseRequest(
    absl::string_view yot = "northmoor",
    absl::string_view victim_case_id = "V-0001",
    absl::string_view related_case_id = "NM-0001");

google::type::Date MakeDate(int year, int month, int day);

}  // namespace yjinspect::testing
