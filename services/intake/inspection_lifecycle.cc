#include "services/intake/inspection_lifecycle.h"

#include <string>

#include "absl/strings/str_cat.h"
#include "google/protobuf/util/time_util.h"

namespace yjinspect::intake {
namespace {

using v1::InspectionState;

bool Follows(InspectionState from, InspectionState to) {
  switch (to) {
    case v1::INSPECTION_STATE_ANNOUNCED:
      return from == v1::INSPECTION_STATE_UNSPECIFIED;
    case v1::INSPECTION_STATE_CASELOAD_RECEIVED:
      // Forward from announced, or back from a reset sample.
      return from == v1::INSPECTION_STATE_ANNOUNCED ||
             from == v1::INSPECTION_STATE_SAMPLE_DRAWN ||
             from == v1::INSPECTION_STATE_FIELDWORK;
    case v1::INSPECTION_STATE_SAMPLE_DRAWN:
      return from == v1::INSPECTION_STATE_CASELOAD_RECEIVED ||
             from == v1::INSPECTION_STATE_SAMPLE_DRAWN;
    case v1::INSPECTION_STATE_FIELDWORK:
      return from == v1::INSPECTION_STATE_SAMPLE_DRAWN;
    case v1::INSPECTION_STATE_VERDICTS_AGREED:
      return from == v1::INSPECTION_STATE_FIELDWORK;
    case v1::INSPECTION_STATE_REPORT_PUBLISHED:
      return from == v1::INSPECTION_STATE_VERDICTS_AGREED;
    default:
      return false;
  }
}

// What a step needs, for the refusal message.
const char* Needs(InspectionState to) {
  switch (to) {
    case v1::INSPECTION_STATE_CASELOAD_RECEIVED:
      return "an announced inspection (or a sample to reset)";
    case v1::INSPECTION_STATE_SAMPLE_DRAWN:
      return "the caseload received, and fieldwork not started (after "
             "fieldwork starts, ResetSample with a reason first)";
    case v1::INSPECTION_STATE_FIELDWORK:
      return "a drawn sample (DrawSample)";
    case v1::INSPECTION_STATE_VERDICTS_AGREED:
      return "fieldwork under way (judgements recorded)";
    case v1::INSPECTION_STATE_REPORT_PUBLISHED:
      return "verdicts agreed";
    default:
      return "a valid lifecycle step";
  }
}

}  // namespace

std::string StateName(InspectionState state) {
  std::string name = v1::InspectionState_Name(state);
  const std::string prefix = "INSPECTION_STATE_";
  if (name.rfind(prefix, 0) == 0) name = name.substr(prefix.size());
  return name;
}

absl::Status MoveTo(v1::Inspection& inspection, InspectionState to,
                    absl::string_view actor, absl::string_view reason,
                    absl::Time now) {
  const InspectionState from = inspection.state();
  if (!Follows(from, to)) {
    return absl::FailedPreconditionError(
        absl::StrCat("inspection ", inspection.name(), " is ", StateName(from),
                     "; ", StateName(to), " needs ", Needs(to)));
  }
  v1::StateTransition* step = inspection.add_transitions();
  step->set_from(from);
  step->set_to(to);
  step->set_actor(actor.empty() ? "unidentified" : std::string(actor));
  *step->mutable_time() =
      google::protobuf::util::TimeUtil::NanosecondsToTimestamp(
          absl::ToUnixNanos(now));
  step->set_reason(std::string(reason));
  inspection.set_state(to);
  return absl::OkStatus();
}

}  // namespace yjinspect::intake
