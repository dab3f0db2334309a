#include "services/findings/moderation/double_marking.h"

#include <map>
#include <utility>

namespace yjinspect::findings {
namespace {

// The second marker's answer to each criterion.
std::map<std::string, const v1::Judgement*> SecondAnswers(
    const DoubleMarkedRecord& record) {
  std::map<std::string, const v1::Judgement*> answers;
  if (!record.second) return answers;
  for (const v1::Judgement& j : record.second->judgements()) {
    answers[j.criterion_id()] = &j;
  }
  return answers;
}

}  // namespace

const storage::v1::StoredResolution* CurrentResolution(
    const DoubleMarkedRecord& record, const std::string& criterion_id,
    const std::string& first_answer, const std::string& second_answer) {
  for (const storage::v1::StoredResolution& r :
       record.resolutions.resolutions()) {
    if (r.criterion_id() == criterion_id && r.first_answer() == first_answer &&
        r.second_answer() == second_answer) {
      return &r;
    }
  }
  return nullptr;
}

std::vector<v1::Disagreement> DisagreementsOf(
    const DoubleMarkedRecord& record) {
  std::vector<v1::Disagreement> out;
  if (!record.submitted() || !record.first) return out;
  const auto second = SecondAnswers(record);
  for (const v1::Judgement& first : record.first->judgements()) {
    auto it = second.find(first.criterion_id());
    if (it == second.end() || it->second->answer() == first.answer()) continue;
    v1::Disagreement d;
    d.set_case_findings(record.findings_name);
    d.set_criterion_id(first.criterion_id());
    d.set_first_answer(first.answer());
    d.set_first_evidence_note(first.evidence_note());
    d.set_first_marker_reference(record.first->inspector_reference());
    d.set_second_answer(it->second->answer());
    d.set_second_evidence_note(it->second->evidence_note());
    d.set_second_marker_reference(record.second->second_marker_reference());
    d.set_first_marking_changed_after_second_marking_started(
        record.first_changed_after_second_started);
    if (const auto* r =
            CurrentResolution(record, first.criterion_id(), first.answer(),
                              it->second->answer())) {
      *d.mutable_resolution() = r->resolution();
    }
    out.push_back(std::move(d));
  }
  return out;
}

std::optional<v1::ModerationHold> HoldOf(const DoubleMarkedRecord& record) {
  v1::ModerationHold hold;
  hold.set_case_findings(record.findings_name);
  if (!record.submitted()) {
    hold.set_second_marking_pending(true);
    return hold;
  }
  for (const v1::Disagreement& d : DisagreementsOf(record)) {
    if (!d.has_resolution()) hold.add_open_criterion_ids(d.criterion_id());
  }
  if (hold.open_criterion_ids().empty()) return std::nullopt;
  return hold;
}

v1::CaseFindings SettledFindings(const DoubleMarkedRecord& record) {
  if (!record.first) return v1::CaseFindings();
  v1::CaseFindings settled = *record.first;
  if (!record.submitted()) return settled;
  const auto second = SecondAnswers(record);
  for (v1::Judgement& j : *settled.mutable_judgements()) {
    auto it = second.find(j.criterion_id());
    if (it == second.end()) continue;
    if (const auto* r = CurrentResolution(record, j.criterion_id(), j.answer(),
                                          it->second->answer())) {
      j.set_answer(r->resolution().agreed_answer());
    }
  }
  return settled;
}

bool BlindedFrom(const DoubleMarkedRecord& record,
                 const std::string& identity) {
  return !identity.empty() && identity == record.second_marker_reference &&
         !record.submitted();
}

}  // namespace yjinspect::findings
