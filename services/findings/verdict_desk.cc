#include "services/findings/verdict_desk.h"

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "common/error_details.h"
#include "common/error_reasons.h"
#include "common/field_checks.h"
#include "common/frameworks/sample_pools.h"
#include "common/inspection_refusals.h"
#include "common/resource_names.h"
#include "common/status_macros.h"
#include "google/protobuf/util/message_differencer.h"
#include "services/findings/moderation/double_marking.h"
#include "services/findings/moderation_records.h"
#include "services/findings/report/report_sections.h"
#include "services/findings/storage/keys.h"
#include "services/findings/verdicts/verdict_engine.h"

namespace yjinspect::findings {

struct VerdictDesk::Gathered {
  std::string inspection_id;
  v1::Inspection inspection;
  const v1::Framework* framework = nullptr;
  std::vector<v1::CaseAnswers> answers;
  // Sampled cases that have arrived from intake, victims' cases included.
  int64_t cases = 0;
  // Of those, the victims' cases.
  int64_t victim_cases = 0;
  // Of those, the cases with recorded findings.
  int64_t judged = 0;
  int64_t interviews = 0;
  v1::VerdictDecisions decisions;
  // Double-marked records whose answers are not settled, in sample order.
  std::vector<v1::ModerationHold> holds;
};

namespace {

v1::CaseAnswers ToAnswers(const v1::CaseFindings& findings,
                          v1::EvidenceSource source,
                          v1::DisposalType disposal) {
  v1::CaseAnswers answers;
  answers.set_case_name(findings.case_().empty() ? findings.name()
                                                 : findings.case_());
  answers.set_source(source);
  answers.set_disposal_type(disposal);
  for (const auto& j : findings.judgements()) {
    (*answers.mutable_answers())[j.criterion_id()] = j.answer();
  }
  return answers;
}

}  // namespace

void VerdictDesk::MarkSuperseded(const Gathered& g,
                                 v1::InspectionVerdicts& verdicts) const {
  if (auto superseded = frameworks_.SupersessionOf(
          g.inspection.framework_id(), g.inspection.framework_version())) {
    *verdicts.mutable_framework_superseded() = std::move(*superseded);
  }
}

absl::Status VerdictDesk::CheckEveryCaseJudged(
    const Gathered& g, const v1::InspectionVerdicts& verdicts,
    const v1::ReportInputs& inputs) {
  const int64_t sampled = g.inspection.sample().cases_size();
  if (g.judged < sampled) {
    const int64_t missing = sampled - g.judged;
    return common::FailedPrecondition(
        common::kCasesNotJudged,
        {common::kJudgementsViolation, g.inspection.name()},
        absl::StrCat(
            "the report speaks of the whole sample, but ", missing, " of the ",
            sampled, " sampled cases of ", g.inspection.name(),
            missing == 1 ? " has" : " have", " no judgements yet",
            g.cases < sampled
                ? absl::StrCat(
                      " (", sampled - g.cases,
                      " not held by the findings service: not yet "
                      "received from intake, or erased since the sample "
                      "was drawn, in which case the sample must be "
                      "reset and drawn or named again)")
                : "",
            "; record them (GetInspectionProgress shows how far judging "
            "has got, GetVerdicts the counts so far)"),
        {{"unjudged_cases", absl::StrCat(missing)},
         {"cases_not_received", absl::StrCat(sampled - g.cases)}});
  }
  std::vector<std::string> unanswered;
  std::vector<std::string> criteria;
  for (const v1::CriterionCount& c : verdicts.criteria()) {
    if (c.unanswered() > 0 && LetterCounts(inputs, c.criterion_id())) {
      unanswered.push_back(
          absl::StrCat(c.criterion_id(), " (", c.unanswered(), ")"));
      criteria.push_back(c.criterion_id());
    }
  }
  if (!unanswered.empty()) {
    return common::FailedPrecondition(
        common::kCriteriaUnanswered,
        {common::kReportInputsViolation,
         absl::StrCat(g.inspection.name(), "/reportInputs")},
        absl::StrCat("the report states counts for criteria that some "
                     "judged cases have not answered: ",
                     absl::StrJoin(unanswered, ", "),
                     "; answer them, or leave them out of the report inputs' "
                     "counted_criteria"),
        {{"criteria", absl::StrJoin(criteria, ",")}});
  }
  return absl::OkStatus();
}

absl::StatusOr<VerdictDesk::Gathered> VerdictDesk::Gather(
    const std::string& inspection_name) const {
  Gathered g;
  ASSIGN_OR_RETURN(
      g.inspection_id,
      common::RequireInspectionName("inspection", inspection_name, "request"));
  ASSIGN_OR_RETURN(g.inspection,
                   KnownInspection(store_, g.inspection_id, inspection_name));
  g.framework = frameworks_.Find(g.inspection.framework_id(),
                                 g.inspection.framework_version());
  if (g.framework == nullptr) {
    return common::FrameworkUnknown(g.inspection);
  }
  // Only the current sample counts: findings of cases a reset dropped stay
  // stored (with their history) but are not judged again.
  // A sample holds children's cases and, where the framework has a
  // victims' pool, victims' cases; each is judged in its own pool.
  // Double-marked records count with their resolved answers.
  ASSIGN_OR_RETURN(
      auto double_marked,
      ReadDoubleMarkedByRecord(store_, g.inspection_id, g.inspection));
  for (const std::string& case_name : g.inspection.sample().cases()) {
    std::optional<common::CaseFindingsName> name =
        common::FindingsOfRecord(g.inspection_id, case_name);
    if (!name) continue;  // intake never samples anything else
    v1::DisposalType disposal = v1::DISPOSAL_TYPE_UNSPECIFIED;
    if (name->victim_case) {
      ASSIGN_OR_RETURN(auto v, store_.GetVictimCase(case_name));
      if (!v) continue;  // erased, or not arrived yet
      ++g.victim_cases;
    } else {
      ASSIGN_OR_RETURN(auto c, store_.GetCase(case_name));
      if (!c) continue;  // erased, or not arrived yet
      disposal = c->disposal().type();
    }
    ++g.cases;
    ASSIGN_OR_RETURN(
        auto findings,
        store_.GetFindings(g.inspection_id, FindingsRecordId(*name)));
    if (auto dm = double_marked.find(case_name); dm != double_marked.end()) {
      if (findings) findings = SettledFindings(dm->second);
      if (auto hold = HoldOf(dm->second)) g.holds.push_back(*std::move(hold));
    }
    v1::CaseAnswers answers =
        findings ? ToAnswers(*findings, v1::EVIDENCE_SOURCE_CASES, disposal)
                 : v1::CaseAnswers();
    g.judged += !answers.answers().empty();
    answers.set_case_name(case_name);
    answers.set_source(v1::EVIDENCE_SOURCE_CASES);
    answers.set_disposal_type(disposal);
    answers.set_pool_id(common::PoolOfRecord(g.inspection.sample(), case_name));
    g.answers.push_back(std::move(answers));
  }
  ASSIGN_OR_RETURN(auto interviews, store_.ScanInterviews(g.inspection_id));
  for (const auto& interview : interviews) {
    g.answers.push_back(ToAnswers(interview.value,
                                  v1::EVIDENCE_SOURCE_STAFF_INTERVIEWS,
                                  v1::DISPOSAL_TYPE_UNSPECIFIED));
    ++g.interviews;
  }
  ASSIGN_OR_RETURN(g.decisions, store_.GetDecisions(g.inspection_id));
  return g;
}

absl::StatusOr<v1::VerdictDecisions> VerdictDesk::Decisions(
    const v1::GetVerdictDecisionsRequest& request) const {
  ASSIGN_OR_RETURN(const std::string inspection_id,
                   KnownInspectionId(store_, request.inspection(),
                                     "GetVerdictDecisions request"));
  return store_.GetDecisions(inspection_id);
}

absl::StatusOr<v1::VerdictDecisions> VerdictDesk::RecordDecision(
    const v1::RecordVerdictDecisionRequest& request,
    const common::AuditEvent& audit) {
  common::FieldViolations v;
  if (request.has_panel_rating()) {
    common::CheckText(v, "panel_rating.reason", request.panel_rating().reason(),
                      2000, true);
  } else if (request.has_verdict_override()) {
    common::CheckText(v, "verdict_override.reason",
                      request.verdict_override().reason(), 2000, true);
    common::CheckToken(v, "verdict_override.by",
                       request.verdict_override().by(), 32, "-", true);
  } else {
    v.Add("decision", "a panel_rating or a verdict_override is required");
  }
  common::CheckInspectionName(v, "inspection", request.inspection());
  RETURN_IF_ERROR(v.ToStatus("verdict decision"));
  ASSIGN_OR_RETURN(Gathered g, Gather(request.inspection()));
  return store_.UpdateDecisions(
      g.inspection_id,
      [&](const v1::VerdictDecisions& current)
          -> absl::StatusOr<v1::VerdictDecisions> {
        // The same decision again changes nothing, whatever the state: a
        // rerun of a run spec repeats every decision, in its order, after
        // the verdicts are agreed. (Rebuilding the list below moves the
        // repeated decision to the end, so it would not compare equal.)
        using google::protobuf::util::MessageDifferencer;
        for (const auto& p : current.panel_ratings()) {
          if (request.has_panel_rating() &&
              MessageDifferencer::Equals(p, request.panel_rating())) {
            return current;
          }
        }
        for (const auto& o : current.overrides()) {
          if (request.has_verdict_override() &&
              MessageDifferencer::Equals(o, request.verdict_override())) {
            return current;
          }
        }
        v1::VerdictDecisions next;
        if (request.has_panel_rating()) {
          for (const auto& p : current.panel_ratings()) {
            if (p.section_id() != request.panel_rating().section_id()) {
              *next.add_panel_ratings() = p;
            }
          }
          *next.add_panel_ratings() = request.panel_rating();
          *next.mutable_overrides() = current.overrides();
        } else {
          *next.mutable_panel_ratings() = current.panel_ratings();
          for (const auto& o : current.overrides()) {
            if (o.target() != request.verdict_override().target()) {
              *next.add_overrides() = o;
            }
          }
          *next.add_overrides() = request.verdict_override();
        }
        if (google::protobuf::util::MessageDifferencer::Equals(next, current)) {
          return current;  // the same decision again changes nothing
        }
        if (g.inspection.state() >= v1::INSPECTION_STATE_VERDICTS_AGREED) {
          return common::WrongState(
              g.inspection,
              absl::StrCat("inspection ", g.inspection.name(), " is ",
                           v1::InspectionState_Name(g.inspection.state()),
                           ": its verdicts are agreed and can no longer "
                           "change"));
        }
        // The engine is the judge of what a decision may say.
        std::vector<v1::PanelRating> panel(next.panel_ratings().begin(),
                                           next.panel_ratings().end());
        std::vector<v1::VerdictOverride> overrides(next.overrides().begin(),
                                                   next.overrides().end());
        RETURN_IF_ERROR(
            ComputeVerdicts(*g.framework, g.answers, panel, overrides)
                .status());
        return next;
      },
      audit);
}

absl::StatusOr<v1::InspectionVerdicts> VerdictDesk::Compute(
    const Gathered& g) const {
  std::vector<v1::PanelRating> panel(g.decisions.panel_ratings().begin(),
                                     g.decisions.panel_ratings().end());
  std::vector<v1::VerdictOverride> overrides(g.decisions.overrides().begin(),
                                             g.decisions.overrides().end());
  ASSIGN_OR_RETURN(auto verdicts,
                   ComputeVerdicts(*g.framework, g.answers, panel, overrides));
  MarkSuperseded(g, verdicts);
  for (const v1::ModerationHold& hold : g.holds) {
    *verdicts.add_moderation_holds() = hold;
  }
  return verdicts;
}

absl::StatusOr<v1::InspectionVerdicts> VerdictDesk::Verdicts(
    const v1::GetVerdictsRequest& request) const {
  ASSIGN_OR_RETURN(Gathered g, Gather(request.inspection()));
  return Compute(g);
}

absl::StatusOr<v1::InspectionProgress> VerdictDesk::Progress(
    const v1::GetInspectionProgressRequest& request) const {
  ASSIGN_OR_RETURN(Gathered g, Gather(request.inspection()));
  v1::InspectionProgress progress;
  progress.set_inspection(g.inspection.name());
  progress.set_state(g.inspection.state());
  progress.set_sample_revision(g.inspection.sample().revision());
  progress.set_sample_size(g.inspection.sample().sample_size());
  progress.set_cases_received(static_cast<int32_t>(g.cases));
  int32_t judged = 0;
  for (const auto& answers : g.answers) {
    judged += answers.source() == v1::EVIDENCE_SOURCE_CASES &&
              !answers.answers().empty();
  }
  progress.set_cases_judged(judged);
  progress.set_interviews(static_cast<int32_t>(g.interviews));
  return progress;
}

absl::StatusOr<ReportMaterial> VerdictDesk::GatherReport(
    const std::string& inspection_name) const {
  ASSIGN_OR_RETURN(Gathered g, Gather(inspection_name));
  ASSIGN_OR_RETURN(auto inputs, store_.GetReportInputs(g.inspection_id));
  if (!inputs) {
    return common::FailedPrecondition(
        common::kReportInputsMissing,
        {common::kReportInputsViolation,
         absl::StrCat(inspection_name, "/reportInputs")},
        absl::StrCat("no report inputs are set for ", inspection_name,
                     "; call SetReportInputs (addressee, sender, publication "
                     "date, narrative, context figures) first"));
  }
  ReportMaterial material;
  ASSIGN_OR_RETURN(material.verdicts, Compute(g));
  RETURN_IF_ERROR(CheckEveryCaseJudged(g, material.verdicts, *inputs));
  material.framework = g.framework;
  material.inspection = std::move(g.inspection);
  material.inputs = std::move(*inputs);
  material.cases_examined = g.cases - g.victim_cases;
  material.victim_cases_examined = g.victim_cases;
  material.staff_interviewed = g.interviews;
  for (const v1::VerdictOverride& o : g.decisions.overrides()) {
    material.decision_order.push_back(o.target());
  }
  ASSIGN_OR_RETURN(auto recommendations,
                   store_.ScanRecommendations(g.inspection_id));
  for (auto& entry : recommendations) {
    material.recommendations.push_back(std::move(entry.value));
  }
  return material;
}

}  // namespace yjinspect::findings
