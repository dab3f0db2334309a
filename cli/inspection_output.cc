#include "cli/inspection_output.h"

#include <iostream>
#include <string>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "cli/answer_output.h"
#include "cli/json_output.h"
#include "common/dates.h"

namespace yjinspect::cli {
namespace {

void PrintStrata(
    const google::protobuf::RepeatedPtrField<v1::SampleStratum>& strata) {
  for (const auto& s : strata) {
    std::cout << absl::StrFormat("               %-45s %-10s %3d of %3d\n",
                                 v1::DisposalType_Name(s.disposal_type()),
                                 s.setting() == v1::SUPERVISION_SETTING_CUSTODY
                                     ? "custody"
                                     : "community",
                                 s.sampled(), s.eligible());
  }
}

// A pool's part, or a one-pool sample: its size after `lead` and the frame
// as `eligible` says, its window, strata and cases. InspectionSample and
// PoolSample name these fields alike.
template <typename Part>
void PrintDrawn(const std::string& lead, absl::string_view eligible,
                const Part& part) {
  std::cout << lead << part.sample_size() << " of " << part.frame_size()
            << eligible << common::FormatDate(part.start_on_or_after())
            << " to " << common::FormatDate(part.start_on_or_before())
            << "; formula size " << part.computed_size() << ")\n";
  PrintStrata(part.strata());
  if (part.pre_sentence_report_case_added()) {
    std::cout << "               a case with a pre-sentence report was "
                 "swapped in\n";
  }
  for (const auto& name : part.cases()) {
    std::cout << "               " << name << "\n";
  }
}

constexpr absl::string_view kEligibleCases =
    " eligible cases (disposals started ";

void PrintSample(const v1::InspectionSample& sample) {
  std::cout << "  sample:      revision " << sample.revision() << ", "
            << (sample.method() == v1::SAMPLE_METHOD_NAMED
                    ? "named by the caller"
                    : absl::StrFormat("drawn with seed %d", sample.seed()))
            << "\n";
  if (sample.pools_size() <= 1) {
    PrintDrawn("               ", kEligibleCases, sample);
    return;
  }
  std::cout << "               " << sample.sample_size() << " of "
            << sample.frame_size() << " eligible, in " << sample.pools_size()
            << " pools\n";
  for (const v1::PoolSample& pool : sample.pools()) {
    PrintDrawn(absl::StrCat("  pool ", pool.pool_id(), ": "),
               pool.records() == v1::POOL_RECORDS_VICTIM_CASES
                   ? " eligible victims' cases (first contact "
                   : kEligibleCases,
               pool);
  }
}

}  // namespace

void PrintInspection(const v1::Inspection& inspection, bool json) {
  if (json) {
    std::cout << MessageJson(inspection) << "\n";
    return;
  }
  std::cout << inspection.name() << "\n"
            << "  YOT:         " << inspection.yot() << " ("
            << inspection.yot_display_name() << ")\n"
            << "  framework:   " << inspection.framework_id() << " version "
            << inspection.framework_version() << "\n"
            << "  announced:   "
            << common::FormatDate(inspection.announcement_date()) << "\n"
            << "  fieldwork:   "
            << common::FormatDate(inspection.fieldwork_start_date()) << " to "
            << common::FormatDate(inspection.fieldwork_end_date()) << "\n"
            << "  state:       " << v1::InspectionState_Name(inspection.state())
            << "\n";
  if (inspection.has_sample()) PrintSample(inspection.sample());
  for (const auto& t : inspection.transitions()) {
    std::cout << "  step:        " << v1::InspectionState_Name(t.to()) << " by "
              << t.actor() << ": " << t.reason() << "\n";
  }
  for (const auto& reset : inspection.sample_resets()) {
    std::cout << "  reset:       sample revision " << reset.revision() << ": "
              << reset.reason() << "\n";
  }
}

int PrintInspection(const absl::StatusOr<v1::Inspection>& answer, bool json) {
  return PrintAnswer(answer, [json](const v1::Inspection& inspection) {
    PrintInspection(inspection, json);
  });
}

}  // namespace yjinspect::cli
