#include "cli/moderation_commands.h"

#include <iostream>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "cli/agreement_text.h"
#include "cli/answer_output.h"
#include "cli/client/unary_call.h"
#include "cli/inspection_name.h"
#include "cli/inspection_output.h"
#include "common/resource_names.h"
#include "yjinspect/v1/findings_service.grpc.pb.h"
#include "yjinspect/v1/intake_service.grpc.pb.h"

namespace yjinspect::cli {
namespace {

using Findings = v1::Findings::Stub;
using Intake = v1::CaseIntake::Stub;

struct AssignOptions {
  std::string inspection;
  std::string marker;
  std::vector<std::string> cases;
  int share = 0;
  int64_t seed = 0;
};

int Assign(const GlobalOptions& global, const AssignOptions& options) {
  v1::AssignSecondMarkersRequest request;
  request.set_name(InspectionName(options.inspection));
  request.set_second_marker_reference(options.marker);
  for (const std::string& c : options.cases) request.add_cases(c);
  request.set_share_percent(options.share);
  request.set_seed(options.seed);
  return PrintInspection(
      CallService(global.intake, &Intake::AssignSecondMarkers, request),
      global.json);
}

struct MarkOptions {
  std::string inspection;
  std::string record;
  // "criterion=answer".
  std::vector<std::string> answers;
  // "criterion=note".
  std::vector<std::string> notes;
  std::string inspector;
  bool submit = false;
};

void PrintMarking(const v1::SecondMarking& m) {
  std::cout << m.name() << "  revision " << m.revision() << " by "
            << m.second_marker_reference() << "  " << m.judgements_size()
            << " answers" << (m.submitted() ? "  submitted" : "  in progress")
            << "\n";
}

int Mark(const GlobalOptions& global, const MarkOptions& options) {
  v1::RecordSecondMarkingRequest request;
  request.set_inspection(InspectionName(options.inspection));
  request.set_case_(options.record);
  request.set_inspector_reference(
      options.inspector.empty() ? global.actor : options.inspector);
  request.set_submit(options.submit);
  std::map<std::string, v1::Judgement*> by_criterion;
  for (const std::string& answer : options.answers) {
    const size_t eq = answer.find('=');
    if (eq == std::string::npos) {
      return ReportUsageFailure(absl::StrCat(
          "--answer must be criterion=answer, as 1.1=yes: ", answer));
    }
    v1::Judgement* j = request.add_judgements();
    j->set_criterion_id(answer.substr(0, eq));
    j->set_answer(answer.substr(eq + 1));
    by_criterion[j->criterion_id()] = j;
  }
  for (const std::string& note : options.notes) {
    const size_t eq = note.find('=');
    auto it = eq == std::string::npos ? by_criterion.end()
                                      : by_criterion.find(note.substr(0, eq));
    if (it == by_criterion.end()) {
      return ReportUsageFailure(absl::StrCat(
          "--note must be criterion=text for a criterion given an --answer: ",
          note.substr(0, eq)));
    }
    it->second->set_evidence_note(note.substr(eq + 1));
  }
  // The marking's current etag, read first, so that a change goes through.
  Findings stub(Connect(global.findings));
  if (auto inspection_id = common::ParseInspectionName(request.inspection())) {
    if (auto name = common::FindingsOfRecord(*inspection_id, request.case_())) {
      v1::GetSecondMarkingRequest get;
      get.set_name(common::FormatSecondMarkingName(*name));
      v1::SecondMarking current;
      if (stub.GetSecondMarking(Deadline().get(), get, &current).ok()) {
        request.set_etag(current.etag());
      }
    }
  }
  v1::SecondMarking stored;
  grpc::Status status =
      stub.RecordSecondMarking(Deadline().get(), request, &stored);
  absl::StatusOr<v1::SecondMarking> answer =
      status.ok() ? absl::StatusOr<v1::SecondMarking>(stored)
                  : common::FromGrpcStatus(status);
  return PrintAnswerAsJsonOr(answer, global.json, PrintMarking);
}

struct ListOptions {
  std::string inspection;
  bool open_only = false;
};

int ListDisagreements(const GlobalOptions& global, const ListOptions& options) {
  v1::ListDisagreementsRequest request;
  request.set_parent(InspectionName(options.inspection));
  request.set_open_only(options.open_only);
  request.set_page_size(1000);
  return PrintEveryItem(
      global.findings, &Findings::ListDisagreements, request,
      &v1::ListDisagreementsResponse::disagreements, global.json,
      [](const v1::Disagreement& d) {
        std::cout << d.case_findings() << "  criterion " << d.criterion_id()
                  << ": " << d.first_marker_reference() << " "
                  << d.first_answer() << ", " << d.second_marker_reference()
                  << " " << d.second_answer();
        if (d.has_resolution()) {
          std::cout << "  resolved: " << d.resolution().agreed_answer()
                    << " by " << d.resolution().moderator_reference();
        } else {
          std::cout << "  open";
        }
        if (d.first_marking_changed_after_second_marking_started()) {
          std::cout << "  (first marking changed after second marking "
                       "started)";
        }
        std::cout << "\n";
      });
}

struct ResolveOptions {
  std::string findings;
  std::string criterion;
  std::string agreed;
  std::string reason;
  std::string moderator;
};

int Resolve(const GlobalOptions& global, const ResolveOptions& options) {
  v1::ResolveDisagreementRequest request;
  request.set_case_findings(options.findings);
  request.set_criterion_id(options.criterion);
  request.set_agreed_answer(options.agreed);
  request.set_reason(options.reason);
  request.set_moderator_reference(
      options.moderator.empty() ? global.actor : options.moderator);
  return PrintAnswerAsJsonOr(
      CallService(global.findings, &Findings::ResolveDisagreement, request),
      global.json, [](const v1::Disagreement& d) {
        std::cout << d.case_findings() << "  criterion " << d.criterion_id()
                  << " resolved: " << d.resolution().agreed_answer() << "\n";
      });
}

int ShowAgreement(const GlobalOptions& global, const std::string& inspection) {
  v1::GetAgreementRequest request;
  request.set_inspection(InspectionName(inspection));
  return PrintAnswerAsJsonOr(
      CallService(global.findings, &Findings::GetAgreement, request),
      global.json, [](const v1::AgreementSummary& summary) {
        std::cout << FormatAgreement(summary);
      });
}

struct AgreeOptions {
  std::string inspection;
  std::string reason;
};

int Agree(const GlobalOptions& global, const AgreeOptions& options) {
  v1::AgreeVerdictsRequest request;
  request.set_inspection(InspectionName(options.inspection));
  request.set_reason(options.reason);
  return PrintInspection(
      CallService(global.findings, &Findings::AgreeVerdicts, request),
      global.json);
}

}  // namespace

void AddModerationCommands(Subcommands commands) {
  auto [assign, a] = commands.Add(
      "assign-second-markers",
      "Give sampled records a second marker (moderation): the records named "
      "with --case, or a seeded random --share of the sample's records not "
      "yet given one. Recorded on the inspection like its sample.",
      Assign);
  AddInspectionArgument(*assign, "inspection", &a->inspection);
  assign
      ->add_option("--marker", a->marker,
                   "the second marker's staff reference (the identity they "
                   "call with)")
      ->required();
  auto* named = assign->add_option(
      "--case", a->cases,
      "a sampled record, yots/{yot}/cases/{case} (repeat for more)");
  auto* share = assign->add_option(
      "--share", a->share, "a percentage of the sample, 1 to 100, drawn");
  named->excludes(share);
  assign->add_option("--seed", a->seed,
                     "with --share: the draw's seed (default: the service's)");

  auto [mark, m] = commands.Add(
      "second-mark",
      "Record a second marking of one record, blind to the first marker's "
      "answers; --submit ends it (it then no longer changes, and its "
      "disagreements are listed).",
      Mark);
  AddInspectionArgument(*mark, "inspection", &m->inspection);
  mark->add_option("--case", m->record,
                   "the record, yots/{yot}/cases/{case} or "
                   "yots/{yot}/victimCases/{victim_case}")
      ->required();
  mark->add_option("--answer", m->answers,
                   "criterion=answer, as 1.1=yes (repeat)");
  mark->add_option("--note", m->notes,
                   "criterion=evidence note, for an answered criterion");
  mark->add_option("--inspector", m->inspector,
                   "the second marker's reference (default: --actor)");
  mark->add_flag("--submit", m->submit, "submit the marking: it is complete");

  auto [list, l] = commands.Add(
      "disagreements",
      "List the disagreements of an inspection's submitted second markings, "
      "one a line: the record, criterion, both answers, and whether resolved.",
      ListDisagreements);
  AddInspectionArgument(*list, "inspection", &l->inspection);
  list->add_flag("--open", l->open_only, "open disagreements only");

  auto [resolve, r] = commands.Add(
      "resolve-disagreement",
      "Resolve one disagreement with the agreed answer and why (lead "
      "inspector or moderator): the verdicts then use the agreed answer.",
      Resolve);
  resolve
      ->add_option("findings", r->findings,
                   "inspections/{inspection}/caseFindings/{case}")
      ->required();
  resolve->add_option("--criterion", r->criterion, "the criterion, as 2.3")
      ->required();
  resolve->add_option("--agreed", r->agreed, "the agreed answer, as yes")
      ->required();
  resolve->add_option("--reason", r->reason, "why, recorded")->required();
  resolve->add_option("--moderator", r->moderator,
                      "who resolves it (default: --actor)");

  auto [agreement, inspection] = commands.Add(
      "agreement",
      "Show the inter-rater agreement of an inspection's second markings: "
      "observed agreement, Cohen's kappa and Gwet's AC1 per criterion "
      "(lowest first), overall and per pair of inspectors, with their counts. "
      "Not for publication.",
      ShowAgreement);
  AddInspectionArgument(*agreement, "inspection", inspection);

  auto [agree, g] = commands.Add(
      "agree-verdicts",
      "Agree an inspection's verdicts through the findings service, which "
      "refuses while second markings are pending or disagreements open.",
      Agree);
  AddInspectionArgument(*agree, "inspection", &g->inspection);
  agree->add_option("--reason", g->reason, "why, recorded");
}

}  // namespace yjinspect::cli
