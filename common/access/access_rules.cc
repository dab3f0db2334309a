#include "common/access/access_rules.h"

#include <utility>

#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"
#include "common/error_details.h"
#include "common/error_reasons.h"
#include "common/resource_names.h"
#include "yjinspect/v1/admin_service.pb.h"
#include "yjinspect/v1/audit.pb.h"
#include "yjinspect/v1/findings_service.pb.h"
#include "yjinspect/v1/frameworks_service.pb.h"
#include "yjinspect/v1/intake_service.pb.h"

namespace yjinspect::common {
namespace {

constexpr char kIntake[] = "/yjinspect.v1.CaseIntake/";
constexpr char kFindings[] = "/yjinspect.v1.Findings/";
constexpr char kAuditTrail[] = "/yjinspect.v1.AuditTrail/";
constexpr char kAdmin[] = "/yjinspect.v1.Admin/";
constexpr char kFrameworks[] = "/yjinspect.v1.Frameworks/";

constexpr Role kSubmitter = Role::kYotSubmitter;
constexpr Role kInspector = Role::kInspector;
constexpr Role kLead = Role::kLeadInspector;
constexpr Role kFindingsService = Role::kFindingsService;
constexpr Role kReader = Role::kReader;
constexpr Role kAuditor = Role::kAuditor;
constexpr Role kOperator = Role::kOperator;

// Targets from the resource names requests carry. A name that does not
// parse gives an empty target, which only kAny grants cover.
Target OfYotName(const std::string& name) {
  Target t;
  // "yots/-" (every YOT) parses to "-", which is nobody's YOT.
  t.yot = ParseYotName(name, true).value_or("");
  return t;
}
Target OfCaseName(const std::string& name) {
  Target t;
  if (auto parsed = ParseCaseName(name)) t.yot = parsed->yot;
  return t;
}
Target OfVictimCaseName(const std::string& name) {
  Target t;
  if (auto parsed = ParseVictimCaseName(name)) t.yot = parsed->yot;
  return t;
}
Target OfInspectionName(const std::string& name) {
  Target t;
  t.inspection = ParseInspectionName(name).value_or("");
  return t;
}
// "inspections/{i}/caseFindings/{c}" -> {i}; a malformed name targets
// nothing, so no scope covers it.
Target OfCaseFindingsName(const std::string& name) {
  Target t;
  if (auto parsed = ParseCaseFindingsName(name)) {
    t.inspection = std::move(parsed->inspection_id);
  }
  return t;
}

// "inspections/{i}/recommendations/{r}" -> {i}; a malformed name targets
// nothing.
Target OfRecommendationName(const std::string& name) {
  Target t;
  if (auto parsed = ParseRecommendationName(name)) {
    t.inspection = std::move(parsed->inspection_id);
  }
  return t;
}

// ".../recommendations/{r}/actions/{a}" -> the inspection; a malformed name
// targets nothing.
Target OfActionName(const std::string& name) {
  Target t;
  if (auto parsed = ParseActionName(name)) {
    t.inspection = std::move(parsed->recommendation.inspection_id);
  }
  return t;
}

// ListActions' parent: a recommendation's name, or
// "inspections/{i}/recommendations/-" for all of them.
Target OfActionsParent(const std::string& parent) {
  constexpr absl::string_view kEvery = "/recommendations/-";
  absl::string_view name = parent;
  if (absl::ConsumeSuffix(&name, kEvery)) {
    return OfInspectionName(std::string(name));
  }
  return OfRecommendationName(parent);
}

// One rule for `Request`: the target comes from `target(request)`.
template <typename Request>
MethodRule Rule(absl::string_view service, absl::string_view method,
                std::vector<Grant> grants,
                std::function<Target(const Request&)> target) {
  return MethodRule{
      absl::StrCat(service, method), std::move(grants),
      [target = std::move(target)](const google::protobuf::Message& m) {
        // Rules are looked up by method: a mismatched message is a wiring
        // mistake, and gets a target nothing covers.
        if (m.GetDescriptor() != Request::descriptor()) return Target{};
        return target(static_cast<const Request&>(m));
      }};
}

// A whole-service operation, on no YOT or inspection: only `role` may.
template <typename Request>
MethodRule ServiceWideRule(absl::string_view service, absl::string_view method,
                           Role role) {
  return Rule<Request>(service, method, {{role, Scope::kAny}},
                       [](const Request&) { return Target{}; });
}

std::vector<MethodRule> BuildRules() {
  const std::vector<Grant> case_readers = {{kSubmitter, Scope::kOwnYot},
                                           {kInspector, Scope::kAssignedYot},
                                           {kLead, Scope::kAssignedYot}};
  // A YOT submits its caseload; a lead inspector may load the caseload of
  // the YOT it inspects (a run spec carries it: `yjinspect run`).
  const std::vector<Grant> submitters = {{kSubmitter, Scope::kOwnYot},
                                         {kLead, Scope::kAssignedYot}};
  const std::vector<Grant> inspection_team = {
      {kInspector, Scope::kAssignedInspection},
      {kLead, Scope::kAssignedInspection}};
  const std::vector<Grant> lead_only = {{kLead, Scope::kAssignedInspection}};
  auto inspection_of = [](const auto& r) { return OfInspectionName(r.name()); };
  auto findings_of = [](const auto& r) {
    return OfInspectionName(r.inspection());
  };

  std::vector<MethodRule> rules;
  // --- yjinspect.v1.CaseIntake ---
  rules.push_back(Rule<v1::CreateCaseRequest>(
      kIntake, "CreateCase", submitters,
      [](const auto& r) { return OfYotName(r.parent()); }));
  // The stream itself is open to both; each case it carries is then held
  // to the CreateCase rule before anything of its chunk is stored.
  rules.push_back(Rule<v1::BatchCreateCasesRequest>(
      kIntake, "BatchCreateCases",
      {{kSubmitter, Scope::kAny}, {kLead, Scope::kAny}},
      [](const auto&) { return Target{}; }));
  rules.push_back(Rule<v1::GetCaseRequest>(
      kIntake, "GetCase", case_readers,
      [](const auto& r) { return OfCaseName(r.name()); }));
  rules.push_back(Rule<v1::ListCasesRequest>(
      kIntake, "ListCases", case_readers,
      [](const auto& r) { return OfYotName(r.parent()); }));
  // Corrections and erasures come from the YOT's own system only.
  rules.push_back(Rule<v1::UpdateCaseRequest>(
      kIntake, "UpdateCase", {{kSubmitter, Scope::kOwnYot}},
      [](const auto& r) { return OfCaseName(r.case_().name()); }));
  rules.push_back(Rule<v1::DeleteCaseRequest>(
      kIntake, "DeleteCase", {{kSubmitter, Scope::kOwnYot}},
      [](const auto& r) { return OfCaseName(r.name()); }));
  // Victims' cases: as the children's cases. A batch names its YOT once
  // (intake refuses a request in it naming another), so one rule covers
  // it.
  rules.push_back(Rule<v1::CreateVictimCaseRequest>(
      kIntake, "CreateVictimCase", submitters,
      [](const auto& r) { return OfYotName(r.parent()); }));
  rules.push_back(Rule<v1::BatchCreateVictimCasesRequest>(
      kIntake, "BatchCreateVictimCases", submitters,
      [](const auto& r) { return OfYotName(r.parent()); }));
  rules.push_back(Rule<v1::GetVictimCaseRequest>(
      kIntake, "GetVictimCase", case_readers,
      [](const auto& r) { return OfVictimCaseName(r.name()); }));
  rules.push_back(Rule<v1::ListVictimCasesRequest>(
      kIntake, "ListVictimCases", case_readers,
      [](const auto& r) { return OfYotName(r.parent()); }));
  rules.push_back(Rule<v1::UpdateVictimCaseRequest>(
      kIntake, "UpdateVictimCase", {{kSubmitter, Scope::kOwnYot}},
      [](const auto& r) { return OfVictimCaseName(r.victim_case().name()); }));
  rules.push_back(Rule<v1::DeleteVictimCaseRequest>(
      kIntake, "DeleteVictimCase", {{kSubmitter, Scope::kOwnYot}},
      [](const auto& r) { return OfVictimCaseName(r.name()); }));
  // A lead inspector announces the inspections it is assigned to, of the
  // YOT the assignment names (so the id cannot be left to the service).
  rules.push_back(Rule<v1::CreateInspectionRequest>(
      kIntake, "CreateInspection", lead_only, [](const auto& r) {
        Target t;
        if (IsValidInspectionId(r.inspection_id())) {
          t.inspection = r.inspection_id();
        }
        t.yot = ParseYotName(r.inspection().yot()).value_or("-");
        return t;
      }));
  rules.push_back(Rule<v1::GetInspectionRequest>(
      kIntake, "GetInspection", inspection_team, inspection_of));
  // Listing needs the `yot` filter: nobody may list every inspection.
  rules.push_back(Rule<v1::ListInspectionsRequest>(
      kIntake, "ListInspections", case_readers,
      [](const auto& r) { return OfYotName(r.yot()); }));
  rules.push_back(Rule<v1::DrawSampleRequest>(kIntake, "DrawSample", lead_only,
                                              inspection_of));
  rules.push_back(Rule<v1::ResetSampleRequest>(kIntake, "ResetSample",
                                               lead_only, inspection_of));
  // The findings service fixes the sample before the first judgement, on
  // behalf of whichever inspector recorded it.
  rules.push_back(Rule<v1::StartFieldworkRequest>(
      kIntake, "StartFieldwork",
      {{kFindingsService, Scope::kAny}, {kLead, Scope::kAssignedInspection}},
      inspection_of));
  rules.push_back(Rule<v1::AssignSecondMarkersRequest>(
      kIntake, "AssignSecondMarkers", lead_only, inspection_of));
  // Agreeing verdicts and publishing are the lead inspector's; the
  // findings service agrees those of a second-marked inspection on the lead
  // inspector's behalf (Findings.AgreeVerdicts), once moderation is done.
  rules.push_back(Rule<v1::AdvanceInspectionRequest>(
      kIntake, "AdvanceInspection",
      {{kLead, Scope::kAssignedInspection}, {kFindingsService, Scope::kAny}},
      inspection_of));
  rules.push_back(Rule<v1::StreamSampledCasesRequest>(
      kIntake, "StreamSampledCases", {{kFindingsService, Scope::kAny}},
      [](const auto&) { return Target{}; }));

  // --- yjinspect.v1.Findings ---
  rules.push_back(Rule<v1::RecordJudgementsRequest>(
      kFindings, "RecordJudgements", inspection_team, findings_of));
  rules.push_back(Rule<v1::GetCaseFindingsRequest>(
      kFindings, "GetCaseFindings", inspection_team,
      [](const auto& r) { return OfCaseFindingsName(r.name()); }));
  rules.push_back(Rule<v1::ListCaseFindingsRequest>(
      kFindings, "ListCaseFindings", inspection_team,
      [](const auto& r) { return OfInspectionName(r.parent()); }));
  rules.push_back(Rule<v1::ListJudgementHistoryRequest>(
      kFindings, "ListJudgementHistory", inspection_team,
      [](const auto& r) { return OfCaseFindingsName(r.name()); }));
  // How far findings follows intake: operational, names no inspection.
  rules.push_back(Rule<v1::GetFeedStatusRequest>(
      kFindings, "GetFeedStatus",
      {{kInspector, Scope::kAny}, {kLead, Scope::kAny}},
      [](const auto&) { return Target{}; }));
  rules.push_back(Rule<v1::GetInspectionProgressRequest>(
      kFindings, "GetInspectionProgress", inspection_team, findings_of));
  rules.push_back(Rule<v1::RecordInterviewRequest>(
      kFindings, "RecordInterview", inspection_team, findings_of));
  rules.push_back(Rule<v1::SetReportInputsRequest>(kFindings, "SetReportInputs",
                                                   lead_only, findings_of));
  rules.push_back(Rule<v1::GetReportInputsRequest>(
      kFindings, "GetReportInputs", inspection_team, findings_of));
  // Panel ratings and overrides are the lead inspector's to record.
  rules.push_back(Rule<v1::RecordVerdictDecisionRequest>(
      kFindings, "RecordVerdictDecision", lead_only, findings_of));
  rules.push_back(Rule<v1::GetVerdictDecisionsRequest>(
      kFindings, "GetVerdictDecisions", inspection_team, findings_of));
  rules.push_back(Rule<v1::GetVerdictsRequest>(kFindings, "GetVerdicts",
                                               inspection_team, findings_of));
  rules.push_back(
      Rule<v1::RenderReportRequest>(kFindings, "RenderReport",
                                    {{kInspector, Scope::kAssignedInspection},
                                     {kLead, Scope::kAssignedInspection},
                                     {kReader, Scope::kPublished}},
                                    findings_of));
  // The report's recommendations: recorded by the inspection team during
  // the inspection, read by it as findings are.
  rules.push_back(Rule<v1::RecordRecommendationRequest>(
      kFindings, "RecordRecommendation", inspection_team, findings_of));
  // Once the report is published its service reads them too: its action
  // plan answers them by their ids.
  const std::vector<Grant> recommendation_readers = {
      {kSubmitter, Scope::kOwnYotPublished},
      {kInspector, Scope::kAssignedInspection},
      {kLead, Scope::kAssignedInspection}};
  rules.push_back(Rule<v1::GetRecommendationRequest>(
      kFindings, "GetRecommendation", recommendation_readers,
      [](const auto& r) { return OfRecommendationName(r.name()); }));
  rules.push_back(Rule<v1::ListRecommendationsRequest>(
      kFindings, "ListRecommendations", recommendation_readers,
      [](const auto& r) { return OfInspectionName(r.parent()); }));
  rules.push_back(Rule<v1::ListRecommendationHistoryRequest>(
      kFindings, "ListRecommendationHistory", inspection_team,
      [](const auto& r) { return OfRecommendationName(r.name()); }));
  // The action plan answers the published report: the service records and
  // follows it through its own submitters (scoped to the inspection's YOT,
  // as findings last received it), and a lead inspector may record what
  // the service sends (a run spec carries it); the inspection team reads
  // it. Publication itself is the handler's check (FAILED_PRECONDITION).
  const std::vector<Grant> action_planners = {
      {kSubmitter, Scope::kOwnYotInspection},
      {kLead, Scope::kAssignedInspection}};
  const std::vector<Grant> action_readers = {
      {kSubmitter, Scope::kOwnYotInspection},
      {kInspector, Scope::kAssignedInspection},
      {kLead, Scope::kAssignedInspection}};
  rules.push_back(Rule<v1::RecordActionRequest>(kFindings, "RecordAction",
                                                action_planners, findings_of));
  rules.push_back(Rule<v1::GetActionRequest>(
      kFindings, "GetAction", action_readers,
      [](const auto& r) { return OfActionName(r.name()); }));
  rules.push_back(Rule<v1::ListActionsRequest>(
      kFindings, "ListActions", action_readers,
      [](const auto& r) { return OfActionsParent(r.parent()); }));
  rules.push_back(Rule<v1::ListActionHistoryRequest>(
      kFindings, "ListActionHistory", action_readers,
      [](const auto& r) { return OfActionName(r.name()); }));
  rules.push_back(Rule<v1::RenderBoardSummaryRequest>(
      kFindings, "RenderBoardSummary", action_readers, findings_of));
  // Moderation: the inspection team second-marks and reads agreement (the
  // blind rule, in the findings service, decides who sees whose answers);
  // only a lead inspector resolves disagreements and agrees verdicts.
  rules.push_back(Rule<v1::RecordSecondMarkingRequest>(
      kFindings, "RecordSecondMarking", inspection_team, findings_of));
  rules.push_back(Rule<v1::GetSampledRecordRequest>(
      kFindings, "GetSampledRecord", inspection_team, [](const auto& r) {
        Target t;
        absl::string_view findings = r.name();
        if (absl::ConsumeSuffix(&findings, "/record")) {
          if (auto parsed = ParseCaseFindingsName(findings)) {
            t.inspection = std::move(parsed->inspection_id);
          }
        }
        return t;
      }));
  rules.push_back(Rule<v1::GetSecondMarkingRequest>(
      kFindings, "GetSecondMarking", inspection_team, [](const auto& r) {
        Target t;
        if (auto parsed = ParseSecondMarkingName(r.name())) {
          t.inspection = std::move(parsed->inspection_id);
        }
        return t;
      }));
  rules.push_back(Rule<v1::ListDisagreementsRequest>(
      kFindings, "ListDisagreements", inspection_team,
      [](const auto& r) { return OfInspectionName(r.parent()); }));
  rules.push_back(Rule<v1::ResolveDisagreementRequest>(
      kFindings, "ResolveDisagreement", lead_only,
      [](const auto& r) { return OfCaseFindingsName(r.case_findings()); }));
  rules.push_back(Rule<v1::GetAgreementRequest>(kFindings, "GetAgreement",
                                                inspection_team, findings_of));
  rules.push_back(Rule<v1::AgreeVerdictsRequest>(kFindings, "AgreeVerdicts",
                                                 lead_only, findings_of));
  // Both services' audit trails: read and checked by auditors only (the
  // people whose actions they record do not see them), whole-service.
  rules.push_back(ServiceWideRule<v1::ListAuditRecordsRequest>(
      kAuditTrail, "ListAuditRecords", kAuditor));
  rules.push_back(ServiceWideRule<v1::VerifyAuditChainRequest>(
      kAuditTrail, "VerifyAuditChain", kAuditor));
  // Backups copy every record of a store: operators only.
  rules.push_back(ServiceWideRule<v1::CreateBackupRequest>(
      kAdmin, "CreateBackup", kOperator));
  rules.push_back(ServiceWideRule<v1::ListBackupsRequest>(kAdmin, "ListBackups",
                                                          kOperator));
  rules.push_back(ServiceWideRule<v1::VerifyBackupRequest>(
      kAdmin, "VerifyBackup", kOperator));
  // The frameworks are the inspectorate's published criteria: every role
  // may read them, whole-service.
  const std::vector<Grant> everyone = {
      {kSubmitter, Scope::kAny}, {kInspector, Scope::kAny},
      {kLead, Scope::kAny},      {kFindingsService, Scope::kAny},
      {kReader, Scope::kAny},    {kAuditor, Scope::kAny},
      {kOperator, Scope::kAny}};
  rules.push_back(
      Rule<v1::ListFrameworksRequest>(kFrameworks, "ListFrameworks", everyone,
                                      [](const auto&) { return Target{}; }));
  rules.push_back(
      Rule<v1::GetFrameworkRequest>(kFrameworks, "GetFramework", everyone,
                                    [](const auto&) { return Target{}; }));
  return rules;
}

}  // namespace

const std::vector<MethodRule>& MethodRules() {
  static const std::vector<MethodRule>* rules =
      new std::vector<MethodRule>(BuildRules());
  return *rules;
}

bool Authorizer::OfOwnYot(const PolicyEntry& caller,
                          const Target& target) const {
  if (target.inspection.empty() || inspection_yot_ == nullptr) return false;
  const std::string yot = inspection_yot_(target.inspection);
  return !yot.empty() && caller.yots.count(yot) > 0;
}

const MethodRule* RuleFor(absl::string_view method) {
  for (const MethodRule& rule : MethodRules()) {
    if (rule.method == method) return &rule;
  }
  return nullptr;
}

Authorizer::Authorizer(std::shared_ptr<const AccessPolicy> policy,
                       PublishedCheck published, InspectionYot inspection_yot)
    : policy_(std::move(policy)),
      published_(std::move(published)),
      inspection_yot_(std::move(inspection_yot)) {}

absl::Status Authorizer::Authorize(
    absl::string_view identity, absl::string_view method,
    const google::protobuf::Message& request) const {
  const PolicyEntry* caller = policy_->Find(identity);
  if (caller == nullptr) {
    return absl::UnauthenticatedError("the caller is not known");
  }
  const MethodRule* rule = RuleFor(method);
  if (rule != nullptr) {
    const Target target = rule->target(request);
    for (const Grant& grant : rule->grants) {
      if (grant.role == caller->role && Covers(*caller, grant, target)) {
        return absl::OkStatus();
      }
    }
  }
  // The same words whatever the reason, and no resource name: a refusal
  // must not tell whether the resource exists.
  const absl::string_view short_method = method.substr(method.rfind('/') + 1);
  return PermissionDenied(
      kAccessNotGranted,
      absl::StrCat("'", caller->identity, "' (", RoleName(caller->role),
                   ") may not call ", short_method, " on this resource"),
      {{"method", std::string(short_method)},
       {"role", std::string(RoleName(caller->role))}});
}

bool Authorizer::Covers(const PolicyEntry& caller, const Grant& grant,
                        const Target& target) const {
  switch (grant.scope) {
    case Scope::kAny:
      return true;
    case Scope::kOwnYot:
      return !target.yot.empty() && caller.yots.count(target.yot) > 0;
    case Scope::kAssignedYot:
      return !target.yot.empty() && caller.AssignedToYot(target.yot);
    case Scope::kAssignedInspection: {
      if (target.inspection.empty()) return false;
      auto it = caller.assignments.find(target.inspection);
      if (it == caller.assignments.end()) return false;
      // A request that also names a YOT (CreateInspection) must name the
      // assignment's.
      return target.yot.empty() || target.yot == it->second;
    }
    case Scope::kPublished:
      return !target.inspection.empty() && published_ != nullptr &&
             published_(target.inspection);
    case Scope::kOwnYotInspection:
      return OfOwnYot(caller, target);
    case Scope::kOwnYotPublished:
      return OfOwnYot(caller, target) && published_ != nullptr &&
             published_(target.inspection);
  }
  return false;
}

}  // namespace yjinspect::common
