#include "services/findings/case_judgements.h"

#include <algorithm>
#include <map>
#include <optional>
#include <string>
#include <utility>

#include "absl/algorithm/container.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"
#include "common/error_details.h"
#include "common/error_reasons.h"
#include "common/field_checks.h"
#include "common/fingerprint.h"
#include "common/frameworks/sample_pools.h"
#include "common/inspection_refusals.h"
#include "common/page_token.h"
#include "common/resource_names.h"
#include "common/status_macros.h"
#include "google/protobuf/util/message_differencer.h"
#include "google/protobuf/util/time_util.h"
#include "services/findings/findings_merge.h"
#include "services/findings/judgement_validation.h"
#include "services/findings/storage/keys.h"

namespace yjinspect::findings {
namespace {

// The findings a validated RecordJudgements request records: of a case or
// of a victim's case.
common::CaseFindingsName FindingsNameOf(
    const v1::RecordJudgementsRequest& request) {
  return *common::FindingsOfRecord(
      *common::ParseInspectionName(request.inspection()), request.case_());
}

// The recording a RecordJudgements request makes of a case's findings.
Recording RecordingOf(const v1::RecordJudgementsRequest& request,
                      int32_t sample_revision) {
  const common::CaseFindingsName name = FindingsNameOf(request);
  return Recording{common::FormatCaseFindingsName(name),
                   request.case_(),
                   absl::StrCat(name.victim_case ? "victim's case " : "case ",
                                request.case_()),
                   request.judgements(),
                   request.inspector_reference(),
                   request.etag(),
                   sample_revision};
}

}  // namespace

absl::StatusOr<CaseJudgements::Admitted> CaseJudgements::Admit(
    const v1::RecordJudgementsRequest& request) const {
  RETURN_IF_ERROR(
      ValidateRecordRequest(request).ToStatus("RecordJudgements request"));
  ASSIGN_OR_RETURN(
      std::optional<v1::Inspection> inspection,
      store_.GetInspection(*common::ParseInspectionName(request.inspection())));
  if (!inspection) {
    return absl::NotFoundError(absl::StrCat(
        "inspection ", request.inspection(),
        " is not known to the findings service: it does not exist, or has "
        "not arrived from intake yet"));
  }
  const v1::Framework* framework = frameworks_.Find(
      inspection->framework_id(), inspection->framework_version());
  if (framework == nullptr) {
    return common::FrameworkUnknown(*inspection);
  }
  if (!absl::c_linear_search(inspection->sample().cases(), request.case_())) {
    return common::FailedPrecondition(
        common::kNotInSample, {common::kSampleViolation, request.case_()},
        absl::StrCat("case ", request.case_(),
                     " is not in the sample of inspection ",
                     inspection->name()),
        {{"inspection", inspection->name()},
         {"sample_revision", absl::StrCat(inspection->sample().revision())}});
  }
  const bool victim_case = FindingsNameOf(request).victim_case;
  const std::string pool_id =
      common::PoolOfRecord(inspection->sample(), request.case_());
  std::optional<v1::Case> c;
  bool received = false;
  if (victim_case) {
    ASSIGN_OR_RETURN(auto held, store_.GetVictimCase(request.case_()));
    received = held.has_value();
  } else {
    ASSIGN_OR_RETURN(c, store_.GetCase(request.case_()));
    received = c.has_value();
  }
  if (!received) {
    return common::FailedPrecondition(
        common::kCaseNotReceived,
        {common::kIntakeFeedViolation, request.case_()},
        absl::StrCat(victim_case ? "victim's case " : "case ", request.case_(),
                     " has not reached the findings service from intake "
                     "yet; retry shortly"));
  }
  RETURN_IF_ERROR(
      (victim_case
           ? ValidateVictimCaseAgainstFramework(request, *framework, pool_id)
           : ValidateAgainstFramework(request, *framework, *c, pool_id))
          .ToStatus("judgements"));
  return Admitted{std::move(*inspection), framework};
}

void CaseJudgements::Record(v1::RecordJudgementsRequest request,
                            const common::AuditEvent& audit, const Done& done) {
  request.DiscardUnknownFields();
  absl::StatusOr<Admitted> admitted = Admit(request);
  if (!admitted.ok()) {
    done(admitted.status());
    return;
  }
  const v1::Inspection& known = admitted->inspection;
  const v1::Framework* framework = admitted->framework;
  // The record's second marker marks it apart (RecordSecondMarking), never
  // as its first marker: the two markings must be independent.
  for (const v1::SecondMarkerAssignment& a : known.second_markers()) {
    if (a.case_() == request.case_() &&
        a.second_marker_reference() == request.inspector_reference()) {
      done(common::FailedPrecondition(
          common::kMarkersMustDiffer,
          {common::kModerationViolation, request.case_()},
          absl::StrCat(request.inspector_reference(),
                       " is the second marker of ", request.case_(),
                       ": their answers go in RecordSecondMarking; another "
                       "inspector records its first marking")));
      return;
    }
  }
  const std::string inspection_id =
      *common::ParseInspectionName(request.inspection());
  if (known.state() > v1::INSPECTION_STATE_FIELDWORK) {
    // The same answers again (a rerun) are no change; anything else is.
    auto current = store_.GetFindings(
        inspection_id, FindingsRecordId(FindingsNameOf(request)));
    if (current.ok() && current->has_value() &&
        AlreadyRecorded(**current, request.judgements())) {
      done(std::move(**current));
      return;
    }
    done(common::WrongState(
        known, absl::StrCat("inspection ", known.name(), " is past fieldwork (",
                            v1::InspectionState_Name(known.state()),
                            "): its findings can no longer change")));
    return;
  }
  const int32_t revision = known.sample().revision();
  if (known.state() == v1::INSPECTION_STATE_FIELDWORK) {
    done(Store(request, *framework, revision, audit));
    return;
  }
  // A recording the store would refuse (a stale or missing etag, findings
  // of an earlier sample) is refused before fieldwork starts: a refused
  // request must not fix the sample at intake.
  if (absl::Status refused = CheckRecordable(request, *framework, revision);
      !refused.ok()) {
    done(refused);
    return;
  }
  // The first judgement fixes the sample at intake before anything is kept.
  auto shared =
      std::make_shared<v1::RecordJudgementsRequest>(std::move(request));
  gate_.StartFieldwork(
      shared->inspection(), revision,
      [this, shared, framework, revision, audit,
       done](const absl::Status& started) {
        if (!started.ok()) {
          // Intake's reason travels on: it says what the caller must do.
          done(common::Prefixed("starting fieldwork at intake: ", started));
          return;
        }
        done(Store(*shared, *framework, revision, audit));
      });
}

absl::Status CaseJudgements::CheckRecordable(
    const v1::RecordJudgementsRequest& request, const v1::Framework& framework,
    int32_t sample_revision) const {
  const common::CaseFindingsName name = FindingsNameOf(request);
  ASSIGN_OR_RETURN(auto current, store_.GetFindings(name.inspection_id,
                                                    FindingsRecordId(name)));
  return DecideUpdate(current, RecordingOf(request, sample_revision),
                      CriterionOrder(framework), clock_())
      .status();
}

absl::StatusOr<v1::CaseFindings> CaseJudgements::Store(
    const v1::RecordJudgementsRequest& request, const v1::Framework& framework,
    int32_t sample_revision, const common::AuditEvent& audit) {
  const common::CaseFindingsName name = FindingsNameOf(request);
  const auto order = CriterionOrder(framework);
  const Recording recording = RecordingOf(request, sample_revision);
  return store_.UpdateFindings(
      name.inspection_id, request.case_(), FindingsRecordId(name),
      [&](const std::optional<v1::CaseFindings>& current) {
        return DecideUpdate(current, recording, order, clock_());
      },
      audit);
}

void CaseJudgements::RecordInterview(v1::RecordInterviewRequest request,
                                     const Done& done) {
  request.DiscardUnknownFields();
  common::FieldViolations v;
  auto inspection_id =
      common::CheckInspectionName(v, "inspection", request.inspection());
  if (request.interview_id().empty()) {
    v.Add("interview_id", "is required");
  } else if (!common::IsValidCaseId(request.interview_id())) {
    v.Add("interview_id", std::string(common::kCaseIdFormat));
  }
  // The answers follow the same rules as a case's.
  v1::RecordJudgementsRequest as_case;
  as_case.set_inspection(request.inspection());
  as_case.set_case_("yots/x/cases/interview");
  *as_case.mutable_judgements() = request.judgements();
  as_case.set_inspector_reference(request.inspector_reference());
  as_case.set_etag(request.etag());
  const common::FieldViolations shape = ValidateRecordRequest(as_case);
  for (const auto& violation : shape.violations()) {
    if (violation.field != "inspection") {
      v.Add(violation.field, violation.description);
    }
  }
  if (absl::Status invalid = v.ToStatus("RecordInterview request");
      !invalid.ok()) {
    done(invalid);
    return;
  }
  absl::StatusOr<v1::Inspection> inspection =
      KnownInspection(store_, *inspection_id, request.inspection());
  if (!inspection.ok()) {
    done(inspection.status());
    return;
  }
  const v1::Framework* framework = frameworks_.Find(
      inspection->framework_id(), inspection->framework_version());
  if (framework == nullptr) {
    done(common::FrameworkUnknown(*inspection,
                                  "the inspection's framework is unknown"));
    return;
  }
  if (inspection->state() > v1::INSPECTION_STATE_FIELDWORK) {
    // The same answers again (a rerun) are no change; anything else is.
    auto interviews = store_.ScanInterviews(*inspection_id);
    const std::string name = absl::StrCat(request.inspection(), "/interviews/",
                                          request.interview_id());
    if (interviews.ok()) {
      for (auto& entry : *interviews) {
        if (entry.value.name() == name &&
            AlreadyRecorded(entry.value, request.judgements())) {
          done(std::move(entry.value));
          return;
        }
      }
    }
    done(common::WrongState(
        *inspection, absl::StrCat("inspection ", request.inspection(),
                                  " is past fieldwork (",
                                  v1::InspectionState_Name(inspection->state()),
                                  "): its interviews can no longer change")));
    return;
  }
  if (absl::Status invalid =
          ValidateInterviewAnswers(request.judgements(), *framework)
              .ToStatus("interview answers");
      !invalid.ok()) {
    done(invalid);
    return;
  }
  const int32_t revision = inspection->sample().revision();
  if (inspection->state() == v1::INSPECTION_STATE_FIELDWORK) {
    done(StoreInterview(request, *framework, revision));
    return;
  }
  // Interviews are fieldwork as judgements are: the first one starts it at
  // intake (fixing the sample) before anything is kept, so that findings
  // never exist while intake shows the inspection as not yet in fieldwork.
  auto shared =
      std::make_shared<v1::RecordInterviewRequest>(std::move(request));
  gate_.StartFieldwork(
      shared->inspection(), revision,
      [this, shared, framework, revision, done](const absl::Status& started) {
        if (!started.ok()) {
          // Intake's reason travels on: it says what the caller must do.
          done(common::Prefixed("starting fieldwork at intake: ", started));
          return;
        }
        done(StoreInterview(*shared, *framework, revision));
      });
}

absl::StatusOr<v1::CaseFindings> CaseJudgements::StoreInterview(
    const v1::RecordInterviewRequest& request, const v1::Framework& framework,
    int32_t sample_revision) {
  const std::string inspection_id =
      *common::ParseInspectionName(request.inspection());
  const auto order = CriterionOrder(framework);
  const Recording recording{absl::StrCat(request.inspection(), "/interviews/",
                                         request.interview_id()),
                            "",
                            absl::StrCat("interview ", request.interview_id()),
                            request.judgements(),
                            request.inspector_reference(),
                            request.etag(),
                            sample_revision};
  return store_.UpdateInterview(
      inspection_id, request.interview_id(),
      [&](const std::optional<v1::CaseFindings>& current) {
        return DecideUpdate(current, recording, order, clock_());
      });
}

absl::StatusOr<v1::CaseFindings> CaseJudgements::Get(
    const v1::GetCaseFindingsRequest& request) const {
  ASSIGN_OR_RETURN(common::CaseFindingsName name,
                   common::RequireCaseFindingsName("name", request.name(),
                                                   "GetCaseFindings request"));
  ASSIGN_OR_RETURN(auto findings, store_.GetFindings(name.inspection_id,
                                                     FindingsRecordId(name)));
  if (!findings) {
    return absl::NotFoundError(
        absl::StrCat("no findings are recorded as ", request.name()));
  }
  return std::move(*findings);
}

absl::StatusOr<v1::SampledRecord> CaseJudgements::GetRecord(
    const v1::GetSampledRecordRequest& request) const {
  constexpr absl::string_view kWhat = "GetSampledRecord request";
  absl::string_view findings_name = request.name();
  if (!absl::ConsumeSuffix(&findings_name, "/record")) {
    common::FieldViolations v;
    v.Add("name",
          "must be inspections/{inspection}/caseFindings/{case}/record or "
          "inspections/{inspection}/victimCaseFindings/{victim_case}/record");
    return v.ToStatus(kWhat);
  }
  ASSIGN_OR_RETURN(
      common::CaseFindingsName name,
      common::RequireCaseFindingsName("name", findings_name, kWhat));
  ASSIGN_OR_RETURN(std::optional<v1::Inspection> inspection,
                   store_.GetInspection(name.inspection_id));
  if (!inspection) {
    return absl::NotFoundError(absl::StrCat(
        "inspection inspections/", name.inspection_id,
        " is not known to the findings service: it does not exist, or has "
        "not arrived from intake yet"));
  }
  const std::string record = absl::StrCat(
      inspection->yot(), name.victim_case ? "/victimCases/" : "/cases/",
      name.case_id);
  if (!absl::c_linear_search(inspection->sample().cases(), record)) {
    return absl::NotFoundError(
        absl::StrCat(record, " is not in the sample of ", inspection->name(),
                     " as the findings service holds it (sample revision ",
                     inspection->sample().revision(), ")"));
  }
  v1::SampledRecord out;
  out.set_name(request.name());
  bool received = false;
  if (name.victim_case) {
    ASSIGN_OR_RETURN(auto held, store_.GetVictimCase(record));
    if ((received = held.has_value())) *out.mutable_victim_case() = *held;
  } else {
    ASSIGN_OR_RETURN(auto held, store_.GetCase(record));
    if ((received = held.has_value())) *out.mutable_case_() = *held;
  }
  if (!received) {
    return absl::NotFoundError(
        absl::StrCat(record,
                     " has not reached the findings service from intake "
                     "yet; retry shortly"));
  }
  return out;
}

absl::StatusOr<v1::ListCaseFindingsResponse> CaseJudgements::List(
    const v1::ListCaseFindingsRequest& request) const {
  common::FieldViolations v;
  auto inspection_id =
      common::CheckInspectionName(v, "parent", request.parent());
  ASSIGN_OR_RETURN(auto page, common::ReadRequestedPage(
                                  v, "ListCaseFindings request", request,
                                  absl::StrCat("findings:", request.parent()),
                                  [&](const std::string& after, size_t limit) {
                                    return store_.ScanFindings(*inspection_id,
                                                               after, limit);
                                  }));
  v1::ListCaseFindingsResponse response;
  response.set_next_page_token(
      common::MovePageInto(page, response.mutable_case_findings()));
  return response;
}

absl::StatusOr<v1::ListJudgementHistoryResponse> CaseJudgements::History(
    const v1::ListJudgementHistoryRequest& request) const {
  common::FieldViolations v;
  auto name = common::CheckCaseFindingsName(v, "name", request.name());
  ASSIGN_OR_RETURN(auto page, common::ReadRequestedPage(
                                  v, "ListJudgementHistory request", request,
                                  absl::StrCat("history:", request.name()),
                                  [&](const std::string& after, size_t limit) {
                                    return store_.ScanHistory(
                                        name->inspection_id,
                                        FindingsRecordId(*name), after, limit);
                                  }));
  if (page.entries.empty() && request.page_token().empty()) {
    ASSIGN_OR_RETURN(
        auto findings,
        store_.GetFindings(name->inspection_id, FindingsRecordId(*name)));
    if (!findings) {
      return absl::NotFoundError(
          absl::StrCat("no findings are recorded as ", request.name()));
    }
  }
  v1::ListJudgementHistoryResponse response;
  for (auto& entry : page.entries) {
    *response.add_revisions() = std::move(entry.value);
  }
  response.set_next_page_token(std::move(page.next_page_token));
  return response;
}

}  // namespace yjinspect::findings
