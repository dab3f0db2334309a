#include "services/findings/second_marking_desk.h"

#include <map>
#include <optional>
#include <string>

#include "absl/strings/str_cat.h"
#include "common/error_details.h"
#include "common/error_reasons.h"
#include "common/field_checks.h"
#include "common/fingerprint.h"
#include "common/inspection_refusals.h"
#include "common/resource_names.h"
#include "common/status_macros.h"
#include "google/protobuf/util/time_util.h"
#include "services/findings/findings_merge.h"
#include "services/findings/judgement_validation.h"
#include "services/findings/storage/keys.h"

namespace yjinspect::findings {
namespace {

using google::protobuf::util::TimeUtil;

// The marking as findings, so that the first marker's merge and etag rules
// apply to it unchanged.
std::optional<v1::CaseFindings> AsFindings(
    const std::optional<v1::SecondMarking>& marking) {
  if (!marking) return std::nullopt;
  v1::CaseFindings f;
  f.set_name(marking->name());
  f.set_case_(marking->case_());
  *f.mutable_judgements() = marking->judgements();
  f.set_inspector_reference(marking->second_marker_reference());
  f.set_revision(marking->revision());
  *f.mutable_update_time() = marking->update_time();
  f.set_etag(marking->etag());
  return f;
}

const v1::SecondMarkerAssignment* AssignmentOf(const v1::Inspection& inspection,
                                               const std::string& record) {
  for (const auto& a : inspection.second_markers()) {
    if (a.case_() == record) return &a;
  }
  return nullptr;
}

// The request's own fields when it carries no answers (a submission of
// what is recorded): what Admit checks of the names.
absl::Status CheckSubmissionFields(
    const v1::RecordSecondMarkingRequest& request) {
  common::FieldViolations v;
  CheckRecordingFields(v, request.inspection(), request.case_(),
                       request.inspector_reference(), request.etag());
  if (!request.submit()) {
    v.Add("judgements", "at least one judgement is required unless submit");
  }
  return v.ToStatus("RecordSecondMarking request");
}

}  // namespace

absl::StatusOr<v1::SecondMarking> SecondMarkingDesk::Record(
    const v1::RecordSecondMarkingRequest& request, const common::Caller& caller,
    const common::AuditEvent& audit) {
  v1::Inspection inspection;
  if (request.judgements().empty()) {
    RETURN_IF_ERROR(CheckSubmissionFields(request));
    ASSIGN_OR_RETURN(
        inspection,
        KnownInspection(store_,
                        *common::ParseInspectionName(request.inspection()),
                        request.inspection()));
  } else {
    v1::RecordJudgementsRequest as_judgements;
    as_judgements.set_inspection(request.inspection());
    as_judgements.set_case_(request.case_());
    *as_judgements.mutable_judgements() = request.judgements();
    as_judgements.set_inspector_reference(request.inspector_reference());
    as_judgements.set_etag(request.etag());
    ASSIGN_OR_RETURN(auto admitted, judgements_.Admit(as_judgements));
    inspection = std::move(admitted.inspection);
  }
  const std::string inspection_id =
      *common::ParseInspectionName(request.inspection());
  const std::optional<common::CaseFindingsName> name =
      common::FindingsOfRecord(inspection_id, request.case_());
  if (!name) return absl::InvalidArgumentError("malformed case");
  if (inspection.state() != v1::INSPECTION_STATE_FIELDWORK) {
    return common::WrongState(
        inspection, absl::StrCat("inspection ", inspection.name(), " is ",
                                 v1::InspectionState_Name(inspection.state()),
                                 ": second marking happens during fieldwork"));
  }
  const v1::SecondMarkerAssignment* assignment =
      AssignmentOf(inspection, request.case_());
  if (assignment == nullptr) {
    return common::FailedPrecondition(
        common::kNotSecondMarked,
        {common::kModerationViolation, request.case_()},
        absl::StrCat(request.case_(), " has no second marker in ",
                     inspection.name(),
                     "; the lead inspector assigns them (AssignSecondMarkers "
                     "at intake)"));
  }
  if (assignment->second_marker_reference() != request.inspector_reference() ||
      (!caller.role.empty() &&
       caller.identity != request.inspector_reference())) {
    return common::PermissionDenied(
        common::kNotTheSecondMarker,
        absl::StrCat("the second marker of ", request.case_(), " is ",
                     assignment->second_marker_reference(),
                     "; only they record its second marking"));
  }
  const std::string record_id = FindingsRecordId(*name);
  ASSIGN_OR_RETURN(auto history,
                   store_.ScanHistory(inspection_id, record_id, "", 10000));
  for (const auto& entry : history) {
    if (entry.value.inspector_reference() == request.inspector_reference()) {
      return common::FailedPrecondition(
          common::kMarkersMustDiffer,
          {common::kModerationViolation, request.case_()},
          absl::StrCat(request.inspector_reference(),
                       " recorded first-marking answers for ", request.case_(),
                       " and so cannot mark it again independently; the "
                       "lead inspector can assign another second marker"));
    }
  }
  const Recording recording{
      common::FormatSecondMarkingName(*name),
      request.case_(),
      absl::StrCat("the second marking of ", request.case_()),
      request.judgements(),
      request.inspector_reference(),
      request.etag(),
      inspection.sample().revision()};
  const v1::Framework* framework = frameworks_.Find(
      inspection.framework_id(), inspection.framework_version());
  if (framework == nullptr) return common::FrameworkUnknown(inspection);
  const std::map<std::string, int> order = CriterionOrder(*framework);
  return store_.UpdateSecondMarking(
      inspection_id, request.case_(), record_id,
      [&](const std::optional<v1::SecondMarking>& current)
          -> absl::StatusOr<std::optional<SecondMarkingUpdate>> {
        const absl::Time now = clock_();
        if (current && current->submitted()) {
          if (request.submit() && AsFindings(current) &&
              AlreadyRecorded(*AsFindings(current), request.judgements())) {
            return std::optional<SecondMarkingUpdate>();  // a retry
          }
          return common::FailedPrecondition(
              common::kSecondMarkingSubmitted,
              {common::kModerationViolation, recording.name},
              absl::StrCat("the second marking of ", request.case_(),
                           " was submitted and no longer changes; the lead "
                           "inspector resolves its disagreements"));
        }
        ASSIGN_OR_RETURN(auto merged, DecideUpdate(AsFindings(current),
                                                   recording, order, now));
        const bool submitting = request.submit();
        if (!merged && !submitting) {
          return std::optional<SecondMarkingUpdate>();  // unchanged
        }
        if (!merged) {
          // Only the submission changes: the etag rules still hold.
          if (!current || current->judgements().empty()) {
            return common::FailedPrecondition(
                common::kNotSecondMarked,
                {common::kModerationViolation, recording.name},
                absl::StrCat("the second marking of ", request.case_(),
                             " holds no answers to submit"));
          }
          if (request.etag() != current->etag()) {
            return common::EtagMismatch(
                recording.name,
                absl::StrCat("the second marking of ", request.case_(),
                             " is at revision ", current->revision(),
                             "; read it again and send its etag"));
          }
          merged = FindingsUpdate();
          *merged->findings.mutable_judgements() = current->judgements();
          merged->findings.set_revision(current->revision() + 1);
          *merged->findings.mutable_update_time() =
              TimeUtil::NanosecondsToTimestamp(absl::ToUnixNanos(now));
          merged->revision.set_revision(current->revision() + 1);
          merged->revision.set_inspector_reference(
              request.inspector_reference());
          *merged->revision.mutable_record_time() =
              merged->findings.update_time();
        }
        SecondMarkingUpdate update;
        v1::SecondMarking& m = update.marking;
        m.set_name(recording.name);
        m.set_case_(request.case_());
        *m.mutable_judgements() = merged->findings.judgements();
        m.set_second_marker_reference(request.inspector_reference());
        m.set_revision(merged->findings.revision());
        *m.mutable_update_time() = merged->findings.update_time();
        if (submitting) {
          m.set_submitted(true);
          *m.mutable_submit_time() = m.update_time();
        }
        m.set_etag(common::FingerprintMessage(m));
        update.revision = std::move(merged->revision);
        return std::optional<SecondMarkingUpdate>(std::move(update));
      },
      audit);
}

absl::StatusOr<v1::SecondMarking> SecondMarkingDesk::Get(
    const v1::GetSecondMarkingRequest& request,
    const common::Caller& caller) const {
  const std::optional<common::CaseFindingsName> name =
      common::ParseSecondMarkingName(request.name());
  if (!name) {
    common::FieldViolations v;
    v.Add("name", common::NameViolation(request.name(),
                                        common::kSecondMarkingNameFormat));
    return v.ToStatus("GetSecondMarking request");
  }
  ASSIGN_OR_RETURN(
      auto inspection,
      KnownInspection(store_, name->inspection_id,
                      common::InspectionName(name->inspection_id)));
  const std::string record_id = FindingsRecordId(*name);
  ASSIGN_OR_RETURN(auto marking,
                   store_.GetSecondMarking(name->inspection_id, record_id));
  if (!marking) {
    return absl::NotFoundError(
        absl::StrCat("no second marking is recorded as ", request.name()));
  }
  if (!marking->submitted() && !caller.identity.empty() &&
      caller.identity != marking->second_marker_reference()) {
    ASSIGN_OR_RETURN(auto first,
                     store_.GetFindings(name->inspection_id, record_id));
    if (first && first->inspector_reference() == caller.identity) {
      return common::PermissionDenied(
          common::kSecondMarkingBlind,
          absl::StrCat("the second marking of this record is not submitted, "
                       "and ",
                       caller.identity,
                       " marked it first: the two markings stay independent "
                       "until it is"));
    }
  }
  return *std::move(marking);
}

}  // namespace yjinspect::findings
