#include "services/intake/inspection_lifecycle.h"

#include <string>

#include "absl/strings/str_cat.h"
#include "common/error_details.h"
#include "common/error_reasons.h"
#include "common/field_checks.h"
#include "common/inspection_refusals.h"
#include "common/resource_names.h"
#include "common/status_macros.h"
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

absl::Status MoveTo(v1::Inspection& inspection, InspectionState to,
                    absl::string_view actor, absl::string_view reason,
                    absl::Time now) {
  const InspectionState from = inspection.state();
  if (!Follows(from, to)) {
    return common::WrongState(
        inspection,
        absl::StrCat("inspection ", inspection.name(), " is ", StateName(from),
                     "; ", StateName(to), " needs ", Needs(to)),
        {{"requested_state", v1::InspectionState_Name(to)}});
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

void InspectionLifecycle::StartFieldwork(
    const v1::StartFieldworkRequest& request, const std::string& actor,
    InspectionDone done) {
  common::FieldViolations v = CheckInspectionName(request.name());
  if (request.sample_revision() < 0) {
    v.Add("sample_revision", "must not be negative (0 accepts the current)");
  }
  CommitRequestedStep(
      store_, v, "StartFieldwork request", request.name(),
      [revision = request.sample_revision(), actor](
          StoreTransaction& txn, v1::Inspection& inspection) -> absl::Status {
        if (!inspection.has_sample()) {
          return common::InspectionPrecondition(
              common::kNoSample, common::kSampleViolation, inspection,
              absl::StrCat(DescribeState(inspection),
                           " and has no sample; call DrawSample first"));
        }
        if (revision != 0 && revision != inspection.sample().revision()) {
          return common::InspectionPrecondition(
              common::kSampleRevisionChanged, common::kSampleViolation,
              inspection,
              absl::StrCat("the sample of inspection ", inspection.name(),
                           " is revision ", inspection.sample().revision(),
                           ", not ", revision, "; reload the inspection"),
              {{"sample_revision",
                absl::StrCat(inspection.sample().revision())},
               {"requested_revision", absl::StrCat(revision)}});
        }
        if (inspection.state() < v1::INSPECTION_STATE_SAMPLE_DRAWN) {
          // A sample without its state (a store written before Advance
          // refused to step back over a sample) is not one fieldwork can
          // start on: draw it again.
          return common::WrongState(
              inspection, absl::StrCat(DescribeState(inspection),
                                       "; fieldwork needs a drawn sample: call "
                                       "DrawSample"));
        }
        if (inspection.state() > v1::INSPECTION_STATE_FIELDWORK) {
          return common::WrongState(
              inspection, absl::StrCat(DescribeState(inspection),
                                       ": fieldwork is over and findings can "
                                       "no longer change"));
        }
        if (inspection.state() == v1::INSPECTION_STATE_SAMPLE_DRAWN) {
          RETURN_IF_ERROR(
              MoveTo(inspection, v1::INSPECTION_STATE_FIELDWORK, actor,
                     "fieldwork started: the sample is fixed", txn.Now()));
          StoreInspectionChange(txn, inspection);
        }
        return absl::OkStatus();
      },
      std::move(done));
}

void InspectionLifecycle::Advance(const v1::AdvanceInspectionRequest& request,
                                  const std::string& actor,
                                  InspectionDone done) {
  common::FieldViolations v = CheckInspectionName(request.name());
  common::CheckText(v, "reason", request.reason(), 500, false);
  const v1::InspectionState to = request.state();
  if (to != v1::INSPECTION_STATE_CASELOAD_RECEIVED &&
      to != v1::INSPECTION_STATE_VERDICTS_AGREED &&
      to != v1::INSPECTION_STATE_REPORT_PUBLISHED) {
    v.Add("state",
          "must be INSPECTION_STATE_CASELOAD_RECEIVED, _VERDICTS_AGREED or "
          "_REPORT_PUBLISHED (the sample steps have their own calls: "
          "DrawSample, StartFieldwork, ResetSample)");
  }
  CommitRequestedStep(
      store_, v, "AdvanceInspection request", request.name(),
      [to, actor, reason = request.reason(),
       resolved = request.second_marking_resolved(), etag = request.etag()](
          StoreTransaction& txn, v1::Inspection& inspection) -> absl::Status {
        if (inspection.state() == to) return absl::OkStatus();  // idempotent
        if (!etag.empty() && etag != inspection.etag()) {
          return common::EtagMismatch(
              inspection.name(),
              absl::StrCat(inspection.name(),
                           " has changed since the caller read it (etag ", etag,
                           ", now ", inspection.etag(),
                           "); read it again and retry"));
        }
        // Intake cannot see second markings or disagreements: the findings
        // service checks them and says so (Findings.AgreeVerdicts).
        if (to == v1::INSPECTION_STATE_VERDICTS_AGREED && !resolved &&
            !inspection.second_markers().empty()) {
          return common::InspectionPrecondition(
              common::kModerationOpen, common::kModerationViolation, inspection,
              absl::StrCat(inspection.name(), " has ",
                           inspection.second_markers_size(),
                           " second-marked records: agree its verdicts with "
                           "the findings service's AgreeVerdicts, which "
                           "checks every second marking is submitted and "
                           "every disagreement resolved"),
              {{"second_markers",
                absl::StrCat(inspection.second_markers_size())}});
        }
        // Going back to CASELOAD_RECEIVED discards the sample; only
        // ResetSample may do that, because it releases the sampled cases
        // and records why. Advancing there would leave the sample in place
        // with no reason on record, and let it be redrawn silently.
        if (to == v1::INSPECTION_STATE_CASELOAD_RECEIVED &&
            inspection.has_sample()) {
          return common::InspectionPrecondition(
              common::kSampleExists, common::kSampleViolation, inspection,
              absl::StrCat(DescribeState(inspection),
                           " and has sample revision ",
                           inspection.sample().revision(),
                           "; to go back to CASELOAD_RECEIVED call "
                           "ResetSample with a reason"),
              {{"sample_revision",
                absl::StrCat(inspection.sample().revision())}});
        }
        if (to == v1::INSPECTION_STATE_CASELOAD_RECEIVED &&
            inspection.state() == v1::INSPECTION_STATE_ANNOUNCED) {
          ASSIGN_OR_RETURN(
              auto caseload,
              txn.CasesOfYot(*common::ParseYotName(inspection.yot())));
          if (caseload.empty()) {
            return common::FailedPrecondition(
                common::kNoCaseload,
                {common::kCaseloadViolation, inspection.yot()},
                absl::StrCat("inspection ", inspection.name(),
                             " is ANNOUNCED; no case of ", inspection.yot(),
                             " is stored yet: submit the caseload first"),
                {{"inspection", inspection.name()}});
          }
        }
        RETURN_IF_ERROR(MoveTo(inspection, to, actor,
                               reason.empty() ? "advanced on request" : reason,
                               txn.Now()));
        StoreInspectionChange(txn, inspection);
        return absl::OkStatus();
      },
      std::move(done));
}

}  // namespace yjinspect::intake
