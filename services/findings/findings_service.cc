#include "services/findings/findings_service.h"

#include <algorithm>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"
#include "absl/time/clock.h"
#include "common/admin/audit_trail_service.h"
#include "common/error_details.h"
#include "common/request_id.h"
#include "common/resource_names.h"
#include "common/rpc/caller.h"
#include "common/rpc/rpc_edge.h"
#include "services/findings/report/rendered_report.h"

namespace yjinspect::findings {
namespace {

using common::AuditEventOf;
using common::UnauditedCall;

// Audits a read (or a refused change, whose record was not written with
// it), then finishes: the answer goes out only once its record is durable.
template <typename T>
void FinishAudited(FindingsStore& store, const common::UnaryCall& call,
                   const std::string& resource, const common::AuditEvent& event,
                   absl::StatusOr<T> result, T* response) {
  absl::Status audited = store.AppendAudit(event, result.status().code());
  if (!audited.ok()) result = UnauditedCall(audited);
  call.FinishWith(resource, std::move(result), response);
}

// A successful change was audited in its own batch; a refusal is recorded
// now.
template <typename T>
void FinishAuditedChange(FindingsStore& store, const common::UnaryCall& call,
                         const std::string& resource,
                         const common::AuditEvent& event,
                         absl::StatusOr<T> result, T* response) {
  if (result.ok()) {
    call.FinishWith(resource, std::move(result), response);
    return;
  }
  FinishAudited(store, call, resource, event, std::move(result), response);
}

// The findings of one case (or victim's case) in one inspection, by name,
// for audit records.
std::string CaseFindingsResource(const std::string& inspection,
                                 const std::string& case_name) {
  auto inspection_id = common::ParseInspectionName(inspection);
  if (!inspection_id) return "-";
  auto name = common::FindingsOfRecord(*inspection_id, case_name);
  return name ? common::FormatCaseFindingsName(*name) : "-";
}

// A resource name fit for a log line: only well-formed ones (an inspection,
// the findings of one of its cases, or one of its recommendations).
std::string Loggable(const std::string& name) {
  return common::ParseInspectionName(name) ||
                 common::ParseCaseFindingsName(name) ||
                 common::ParseRecommendationName(name) ||
                 common::ParseActionName(name)
             ? name
             : "-";
}

// The recommendation a RecordRecommendation request names, for audit
// records and logs; "-" unless both parts are well-formed.
std::string RecommendationResource(
    const v1::RecordRecommendationRequest& request) {
  auto inspection_id = common::ParseInspectionName(request.inspection());
  if (!inspection_id || !common::IsValidCaseId(request.recommendation_id())) {
    return "-";
  }
  return common::FormatRecommendationName(*inspection_id,
                                          request.recommendation_id());
}

// The action a RecordAction request names, for audit records and logs; "-"
// unless its recommendation and id are well-formed.
std::string ActionResource(const v1::RecordActionRequest& request) {
  auto recommendation =
      common::ParseRecommendationName(request.recommendation());
  if (!recommendation || !common::IsValidCaseId(request.action_id())) {
    return "-";
  }
  return common::FormatActionName(*recommendation, request.action_id());
}

// The inspection a findings name (`inspections/{i}/caseFindings/{c}`)
// belongs to, or "" for a malformed one.
std::string InspectionOfFindings(const std::string& findings_name) {
  auto parsed = common::ParseCaseFindingsName(findings_name);
  return parsed ? common::InspectionName(parsed->inspection_id) : "";
}

// `result` unless the blind rule refuses the read (`blind` not OK).
template <typename T>
absl::StatusOr<T> UnlessBlind(const absl::Status& blind,
                              absl::StatusOr<T> result) {
  if (!blind.ok()) return blind;
  return result;
}

// A second marking named by its inspection and case, for audit records.
std::string SecondMarkingResource(const std::string& inspection,
                                  const std::string& case_name) {
  auto inspection_id = common::ParseInspectionName(inspection);
  if (!inspection_id) return "-";
  auto name = common::FindingsOfRecord(*inspection_id, case_name);
  return name ? common::FormatSecondMarkingName(*name) : "-";
}

}  // namespace

grpc::ServerUnaryReactor* FindingsService::RecordJudgements(
    grpc::CallbackServerContext* context,
    const v1::RecordJudgementsRequest* request, v1::CaseFindings* response) {
  return edge_.Unary(
      context, __func__, *request, [&](const common::UnaryCall& call) {
        common::AuditEvent event = AuditEventOf(
            context, v1::AUDIT_ACTION_RECORD_JUDGEMENTS,
            CaseFindingsResource(request->inspection(), request->case_()));
        judgements_.Record(
            *request, event,
            [this, call, response, resource = Loggable(request->inspection()),
             event](absl::StatusOr<v1::CaseFindings> r) {
              FinishAuditedChange(store_, call, resource, event, std::move(r),
                                  response);
            });
      });
}

grpc::ServerUnaryReactor* FindingsService::GetCaseFindings(
    grpc::CallbackServerContext* context,
    const v1::GetCaseFindingsRequest* request, v1::CaseFindings* response) {
  return edge_.Unary(
      context, __func__, *request, [&](const common::UnaryCall& call) {
        const std::string resource = Loggable(request->name());
        const absl::Status blind = moderation_.CheckNotBlind(
            common::CallerOf(context), InspectionOfFindings(request->name()),
            request->name());
        FinishAudited(store_, call, resource,
                      AuditEventOf(context, v1::AUDIT_ACTION_READ_CASE_FINDINGS,
                                   resource),
                      UnlessBlind(blind, judgements_.Get(*request)), response);
      });
}

grpc::ServerUnaryReactor* FindingsService::ListCaseFindings(
    grpc::CallbackServerContext* context,
    const v1::ListCaseFindingsRequest* request,
    v1::ListCaseFindingsResponse* response) {
  return edge_.Unary(
      context, __func__, *request, [&](const common::UnaryCall& call) {
        const std::string resource = Loggable(request->parent());
        absl::StatusOr<v1::ListCaseFindingsResponse> listed =
            judgements_.List(*request);
        // A blinded second marker's records are left out of the page.
        absl::StatusOr<std::vector<std::string>> blinded =
            moderation_.BlindedFindings(common::CallerOf(context),
                                        request->parent());
        if (!blinded.ok()) {
          listed = blinded.status();
        } else if (listed.ok() && !blinded->empty()) {
          auto* page = listed->mutable_case_findings();
          page->erase(std::remove_if(
                          page->begin(), page->end(),
                          [&](const v1::CaseFindings& f) {
                            return std::find(blinded->begin(), blinded->end(),
                                             f.name()) != blinded->end();
                          }),
                      page->end());
        }
        FinishAudited(store_, call, resource,
                      AuditEventOf(context, v1::AUDIT_ACTION_LIST_CASE_FINDINGS,
                                   resource),
                      std::move(listed), response);
      });
}

grpc::ServerUnaryReactor* FindingsService::ListJudgementHistory(
    grpc::CallbackServerContext* context,
    const v1::ListJudgementHistoryRequest* request,
    v1::ListJudgementHistoryResponse* response) {
  return edge_.Unary(
      context, __func__, *request, [&](const common::UnaryCall& call) {
        const std::string resource = Loggable(request->name());
        FinishAudited(
            store_, call, resource,
            AuditEventOf(context, v1::AUDIT_ACTION_READ_JUDGEMENT_HISTORY,
                         resource),
            UnlessBlind(
                moderation_.CheckNotBlind(common::CallerOf(context),
                                          InspectionOfFindings(request->name()),
                                          request->name()),
                judgements_.History(*request)),
            response);
      });
}

grpc::ServerUnaryReactor* FindingsService::GetFeedStatus(
    grpc::CallbackServerContext* context,
    const v1::GetFeedStatusRequest* request, v1::FeedStatus* response) {
  return edge_.Unary(context, __func__, *request,
                     [&](const common::UnaryCall& call) {
                       *response = feed_.Status();
                       call.Finish("-", absl::OkStatus());
                     });
}

grpc::ServerUnaryReactor* FindingsService::GetInspectionProgress(
    grpc::CallbackServerContext* context,
    const v1::GetInspectionProgressRequest* request,
    v1::InspectionProgress* response) {
  return edge_.Unary(context, __func__, *request,
                     [&](const common::UnaryCall& call) {
                       call.FinishWith(Loggable(request->inspection()),
                                       verdicts_.Progress(*request), response);
                     });
}

grpc::ServerUnaryReactor* FindingsService::RecordInterview(
    grpc::CallbackServerContext* context,
    const v1::RecordInterviewRequest* request, v1::CaseFindings* response) {
  return edge_.Unary(
      context, __func__, *request, [&](const common::UnaryCall& call) {
        judgements_.RecordInterview(
            *request, call.Finisher(Loggable(request->inspection()), response));
      });
}

grpc::ServerUnaryReactor* FindingsService::SetReportInputs(
    grpc::CallbackServerContext* context,
    const v1::SetReportInputsRequest* request, v1::ReportInputs* response) {
  return edge_.Unary(context, __func__, *request,
                     [&](const common::UnaryCall& call) {
                       call.FinishWith(Loggable(request->inspection()),
                                       inputs_.Set(*request), response);
                     });
}

grpc::ServerUnaryReactor* FindingsService::GetReportInputs(
    grpc::CallbackServerContext* context,
    const v1::GetReportInputsRequest* request, v1::ReportInputs* response) {
  return edge_.Unary(context, __func__, *request,
                     [&](const common::UnaryCall& call) {
                       call.FinishWith(Loggable(request->inspection()),
                                       inputs_.Get(*request), response);
                     });
}

grpc::ServerUnaryReactor* FindingsService::RecordVerdictDecision(
    grpc::CallbackServerContext* context,
    const v1::RecordVerdictDecisionRequest* request,
    v1::VerdictDecisions* response) {
  return edge_.Unary(
      context, __func__, *request, [&](const common::UnaryCall& call) {
        const std::string resource = Loggable(request->inspection());
        const common::AuditEvent event = AuditEventOf(
            context,
            request->has_panel_rating() ? v1::AUDIT_ACTION_RECORD_PANEL_RATING
                                        : v1::AUDIT_ACTION_OVERRIDE_VERDICT,
            resource);
        FinishAuditedChange(store_, call, resource, event,
                            verdicts_.RecordDecision(*request, event),
                            response);
      });
}

grpc::ServerUnaryReactor* FindingsService::GetVerdictDecisions(
    grpc::CallbackServerContext* context,
    const v1::GetVerdictDecisionsRequest* request,
    v1::VerdictDecisions* response) {
  return edge_.Unary(context, __func__, *request,
                     [&](const common::UnaryCall& call) {
                       call.FinishWith(Loggable(request->inspection()),
                                       verdicts_.Decisions(*request), response);
                     });
}

grpc::ServerUnaryReactor* FindingsService::GetVerdicts(
    grpc::CallbackServerContext* context, const v1::GetVerdictsRequest* request,
    v1::InspectionVerdicts* response) {
  return edge_.Unary(
      context, __func__, *request, [&](const common::UnaryCall& call) {
        call.FinishWith(
            Loggable(request->inspection()),
            UnlessBlind(moderation_.CheckNotBlind(common::CallerOf(context),
                                                  request->inspection(), ""),
                        verdicts_.Verdicts(*request)),
            response);
      });
}

grpc::ServerUnaryReactor* FindingsService::RenderReport(
    grpc::CallbackServerContext* context,
    const v1::RenderReportRequest* request, v1::RenderedReport* response) {
  return edge_.Unary(
      context, __func__, *request, [&](const common::UnaryCall& call) {
        absl::StatusOr<ReportMaterial> material =
            UnlessBlind(moderation_.CheckNotBlind(common::CallerOf(context),
                                                  request->inspection(), ""),
                        verdicts_.GatherReport(request->inspection()));
        call.FinishWith(
            Loggable(request->inspection()),
            material.ok()
                ? findings::RenderReport(*std::move(material),
                                         request->edition())
                : absl::StatusOr<v1::RenderedReport>(material.status()),
            response);
      });
}

grpc::ServerUnaryReactor* FindingsService::RecordRecommendation(
    grpc::CallbackServerContext* context,
    const v1::RecordRecommendationRequest* request,
    v1::Recommendation* response) {
  return edge_.Unary(
      context, __func__, *request, [&](const common::UnaryCall& call) {
        const std::string resource = RecommendationResource(*request);
        const common::AuditEvent event = AuditEventOf(
            context, v1::AUDIT_ACTION_RECORD_RECOMMENDATION, resource);
        FinishAuditedChange(store_, call, resource, event,
                            recommendations_.Record(*request, event), response);
      });
}

grpc::ServerUnaryReactor* FindingsService::GetRecommendation(
    grpc::CallbackServerContext* context,
    const v1::GetRecommendationRequest* request, v1::Recommendation* response) {
  return edge_.Unary(
      context, __func__, *request, [&](const common::UnaryCall& call) {
        call.FinishWith(Loggable(request->name()),
                        recommendations_.Get(*request), response);
      });
}

grpc::ServerUnaryReactor* FindingsService::ListRecommendations(
    grpc::CallbackServerContext* context,
    const v1::ListRecommendationsRequest* request,
    v1::ListRecommendationsResponse* response) {
  return edge_.Unary(
      context, __func__, *request, [&](const common::UnaryCall& call) {
        call.FinishWith(Loggable(request->parent()),
                        recommendations_.List(*request), response);
      });
}

grpc::ServerUnaryReactor* FindingsService::ListRecommendationHistory(
    grpc::CallbackServerContext* context,
    const v1::ListRecommendationHistoryRequest* request,
    v1::ListRecommendationHistoryResponse* response) {
  return edge_.Unary(
      context, __func__, *request, [&](const common::UnaryCall& call) {
        call.FinishWith(Loggable(request->name()),
                        recommendations_.History(*request), response);
      });
}

grpc::ServerUnaryReactor* FindingsService::RecordAction(
    grpc::CallbackServerContext* context,
    const v1::RecordActionRequest* request, v1::Action* response) {
  return edge_.Unary(
      context, __func__, *request, [&](const common::UnaryCall& call) {
        const std::string resource = ActionResource(*request);
        const common::AuditEvent event =
            AuditEventOf(context, v1::AUDIT_ACTION_RECORD_ACTION, resource);
        FinishAuditedChange(store_, call, resource, event,
                            actions_.Record(*request, event), response);
      });
}

grpc::ServerUnaryReactor* FindingsService::GetAction(
    grpc::CallbackServerContext* context, const v1::GetActionRequest* request,
    v1::Action* response) {
  return edge_.Unary(context, __func__, *request,
                     [&](const common::UnaryCall& call) {
                       call.FinishWith(Loggable(request->name()),
                                       actions_.Get(*request), response);
                     });
}

grpc::ServerUnaryReactor* FindingsService::ListActions(
    grpc::CallbackServerContext* context, const v1::ListActionsRequest* request,
    v1::ListActionsResponse* response) {
  return edge_.Unary(context, __func__, *request,
                     [&](const common::UnaryCall& call) {
                       call.FinishWith(Loggable(request->parent()),
                                       actions_.List(*request), response);
                     });
}

grpc::ServerUnaryReactor* FindingsService::ListActionHistory(
    grpc::CallbackServerContext* context,
    const v1::ListActionHistoryRequest* request,
    v1::ListActionHistoryResponse* response) {
  return edge_.Unary(context, __func__, *request,
                     [&](const common::UnaryCall& call) {
                       call.FinishWith(Loggable(request->name()),
                                       actions_.History(*request), response);
                     });
}

grpc::ServerUnaryReactor* FindingsService::RenderBoardSummary(
    grpc::CallbackServerContext* context,
    const v1::RenderBoardSummaryRequest* request, v1::BoardSummary* response) {
  return edge_.Unary(
      context, __func__, *request, [&](const common::UnaryCall& call) {
        call.FinishWith(Loggable(request->inspection()),
                        board_summaries_.Render(*request), response);
      });
}

grpc::ServerUnaryReactor* FindingsService::RecordSecondMarking(
    grpc::CallbackServerContext* context,
    const v1::RecordSecondMarkingRequest* request,
    v1::SecondMarking* response) {
  return edge_.Unary(
      context, __func__, *request, [&](const common::UnaryCall& call) {
        const std::string resource =
            SecondMarkingResource(request->inspection(), request->case_());
        const common::AuditEvent event = AuditEventOf(
            context, v1::AUDIT_ACTION_RECORD_SECOND_MARKING, resource);
        FinishAuditedChange(
            store_, call, Loggable(request->inspection()), event,
            second_markings_.Record(*request, common::CallerOf(context), event),
            response);
      });
}

grpc::ServerUnaryReactor* FindingsService::GetSampledRecord(
    grpc::CallbackServerContext* context,
    const v1::GetSampledRecordRequest* request, v1::SampledRecord* response) {
  return edge_.Unary(
      context, __func__, *request, [&](const common::UnaryCall& call) {
        absl::string_view findings = request->name();
        const std::string resource =
            absl::ConsumeSuffix(&findings, "/record") &&
                    common::ParseCaseFindingsName(findings)
                ? request->name()
                : "-";
        FinishAudited(
            store_, call, resource,
            AuditEventOf(context, v1::AUDIT_ACTION_READ_SAMPLED_RECORD,
                         resource),
            judgements_.GetRecord(*request), response);
      });
}

grpc::ServerUnaryReactor* FindingsService::GetSecondMarking(
    grpc::CallbackServerContext* context,
    const v1::GetSecondMarkingRequest* request, v1::SecondMarking* response) {
  return edge_.Unary(
      context, __func__, *request, [&](const common::UnaryCall& call) {
        const std::string resource =
            common::ParseSecondMarkingName(request->name()) ? request->name()
                                                            : "-";
        FinishAudited(
            store_, call, resource,
            AuditEventOf(context, v1::AUDIT_ACTION_READ_SECOND_MARKING,
                         resource),
            second_markings_.Get(*request, common::CallerOf(context)),
            response);
      });
}

grpc::ServerUnaryReactor* FindingsService::ListDisagreements(
    grpc::CallbackServerContext* context,
    const v1::ListDisagreementsRequest* request,
    v1::ListDisagreementsResponse* response) {
  return edge_.Unary(
      context, __func__, *request, [&](const common::UnaryCall& call) {
        const std::string resource = Loggable(request->parent());
        // Disagreements show both markers' answers: a blinded second marker
        // reads none of them.
        FinishAudited(
            store_, call, resource,
            AuditEventOf(context, v1::AUDIT_ACTION_LIST_DISAGREEMENTS,
                         resource),
            UnlessBlind(moderation_.CheckNotBlind(common::CallerOf(context),
                                                  request->parent(), ""),
                        moderation_.ListDisagreements(*request)),
            response);
      });
}

grpc::ServerUnaryReactor* FindingsService::ResolveDisagreement(
    grpc::CallbackServerContext* context,
    const v1::ResolveDisagreementRequest* request, v1::Disagreement* response) {
  return edge_.Unary(
      context, __func__, *request, [&](const common::UnaryCall& call) {
        const std::string resource =
            common::ParseCaseFindingsName(request->case_findings())
                ? request->case_findings()
                : "-";
        const common::AuditEvent event = AuditEventOf(
            context, v1::AUDIT_ACTION_RESOLVE_DISAGREEMENT, resource);
        FinishAuditedChange(store_, call, resource, event,
                            moderation_.ResolveDisagreement(*request, event),
                            response);
      });
}

grpc::ServerUnaryReactor* FindingsService::GetAgreement(
    grpc::CallbackServerContext* context,
    const v1::GetAgreementRequest* request, v1::AgreementSummary* response) {
  return edge_.Unary(
      context, __func__, *request, [&](const common::UnaryCall& call) {
        call.FinishWith(
            Loggable(request->inspection()),
            UnlessBlind(moderation_.CheckNotBlind(common::CallerOf(context),
                                                  request->inspection(), ""),
                        moderation_.Agreement(*request)),
            response);
      });
}

grpc::ServerUnaryReactor* FindingsService::AgreeVerdicts(
    grpc::CallbackServerContext* context,
    const v1::AgreeVerdictsRequest* request, v1::Inspection* response) {
  return edge_.Unary(
      context, __func__, *request, [&](const common::UnaryCall& call) {
        moderation_.AgreeVerdicts(
            *request, common::CallerOf(context),
            call.Finisher(Loggable(request->inspection()), response));
      });
}

}  // namespace yjinspect::findings
