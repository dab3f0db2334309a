#include "tests/testing/in_memory_findings_store.h"

#include <string>
#include <utility>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "common/resource_names.h"
#include "common/status_macros.h"
#include "services/findings/storage/keys.h"

namespace yjinspect::testing {
namespace {

// Revisions after `after_key`, at most `limit`; keys are the revision in
// decimal, zero-padded so they sort as numbers.
template <typename Revision>
std::vector<findings::Keyed<Revision>> PageOfRevisions(
    const std::map<int64_t, Revision>& revisions, absl::string_view after_key,
    size_t limit) {
  std::vector<findings::Keyed<Revision>> out;
  for (const auto& [revision, r] : revisions) {
    std::string key = std::to_string(revision);
    key.insert(0, 20 - key.size(), '0');
    if (key <= after_key) continue;
    if (out.size() >= limit) break;
    out.push_back({std::move(key), r});
  }
  return out;
}

}  // namespace

InMemoryFindingsStore::InMemoryFindingsStore(v1::Inspection inspection,
                                             std::vector<v1::Case> cases)
    : inspection_id_(
          common::ParseInspectionName(inspection.name()).value_or("")),
      inspection_(std::move(inspection)) {
  for (v1::Case& c : cases) {
    std::string name = c.name();
    cases_.emplace(std::move(name), std::move(c));
  }
}

bool InMemoryFindingsStore::Ours(absl::string_view inspection_id) const {
  return inspection_id == inspection_id_;
}

absl::StatusOr<bool> InMemoryFindingsStore::ApplyChange(const v1::Change&) {
  return absl::UnimplementedError("the fuzz store takes no intake changes");
}

absl::StatusOr<size_t> InMemoryFindingsStore::ApplyChanges(
    const google::protobuf::RepeatedPtrField<v1::Change>&) {
  return absl::UnimplementedError("the fuzz store takes no intake changes");
}

absl::StatusOr<std::optional<v1::Inspection>>
InMemoryFindingsStore::GetInspection(absl::string_view inspection_id) const {
  if (!Ours(inspection_id)) return std::nullopt;
  return inspection_;
}

absl::StatusOr<std::optional<v1::Case>> InMemoryFindingsStore::GetCase(
    absl::string_view case_name) const {
  auto it = cases_.find(case_name);
  if (it == cases_.end()) return std::nullopt;
  return it->second;
}

absl::StatusOr<std::optional<v1::CaseFindings>>
InMemoryFindingsStore::GetFindings(absl::string_view inspection_id,
                                   absl::string_view case_id) const {
  if (!Ours(inspection_id)) return std::nullopt;
  auto it = findings_.find(std::string(case_id));
  if (it == findings_.end()) return std::nullopt;
  return it->second;
}

absl::StatusOr<v1::CaseFindings> InMemoryFindingsStore::Update(
    std::map<std::string, v1::CaseFindings>& records, absl::string_view id,
    const Decide& decide) {
  std::optional<v1::CaseFindings> current;
  auto it = records.find(std::string(id));
  if (it != records.end()) current = it->second;
  ASSIGN_OR_RETURN(auto update, decide(current));
  // As the RocksDB store does: no update keeps the current findings.
  if (!update) {
    if (!current) {
      return absl::InternalError("an update kept findings that do not exist");
    }
    return *current;
  }
  records[std::string(id)] = update->findings;
  return std::move(update->findings);
}

absl::StatusOr<v1::CaseFindings> InMemoryFindingsStore::UpdateFindings(
    absl::string_view inspection_id, absl::string_view case_name,
    absl::string_view case_id, const Decide& decide,
    const common::AuditEvent&) {
  if (!Ours(inspection_id) || cases_.find(case_name) == cases_.end()) {
    return absl::FailedPreconditionError("case not in the fuzz store");
  }
  return Update(findings_, case_id, decide);
}

absl::StatusOr<v1::SecondMarking> InMemoryFindingsStore::UpdateSecondMarking(
    absl::string_view inspection_id, absl::string_view case_name,
    absl::string_view record_id, const DecideSecondMarking& decide,
    const common::AuditEvent&) {
  if (!Ours(inspection_id) || cases_.find(case_name) == cases_.end()) {
    return absl::FailedPreconditionError("case not in the fuzz store");
  }
  auto it = second_markings_.find(std::string(record_id));
  std::optional<v1::SecondMarking> current;
  if (it != second_markings_.end()) current = it->second;
  absl::StatusOr<std::optional<findings::SecondMarkingUpdate>> update =
      decide(current);
  if (!update.ok()) return update.status();
  if (!update->has_value()) return *current;
  second_markings_[std::string(record_id)] = (*update)->marking;
  return (*update)->marking;
}

absl::StatusOr<std::optional<v1::SecondMarking>>
InMemoryFindingsStore::GetSecondMarking(absl::string_view inspection_id,
                                        absl::string_view record_id) const {
  auto it = second_markings_.find(std::string(record_id));
  if (!Ours(inspection_id) || it == second_markings_.end()) {
    return std::nullopt;
  }
  return it->second;
}

absl::StatusOr<bool> InMemoryFindingsStore::FindingsChangedAfterSecondMarking(
    absl::string_view, absl::string_view) const {
  return false;  // no history is kept here
}

absl::StatusOr<storage::v1::StoredResolutions>
InMemoryFindingsStore::UpdateResolutions(absl::string_view inspection_id,
                                         absl::string_view record_id,
                                         const MutateResolutions& mutate,
                                         const common::AuditEvent&) {
  if (!Ours(inspection_id)) {
    return absl::FailedPreconditionError("inspection not in the fuzz store");
  }
  auto next = mutate(resolutions_[std::string(record_id)]);
  if (!next.ok()) return next.status();
  resolutions_[std::string(record_id)] = *next;
  return next;
}

absl::StatusOr<storage::v1::StoredResolutions>
InMemoryFindingsStore::GetResolutions(absl::string_view inspection_id,
                                      absl::string_view record_id) const {
  auto it = resolutions_.find(std::string(record_id));
  if (!Ours(inspection_id) || it == resolutions_.end()) {
    return storage::v1::StoredResolutions();
  }
  return it->second;
}

absl::StatusOr<v1::CaseFindings> InMemoryFindingsStore::UpdateInterview(
    absl::string_view inspection_id, absl::string_view interview_id,
    const Decide& decide) {
  if (!Ours(inspection_id)) {
    return absl::FailedPreconditionError("inspection not in the fuzz store");
  }
  return Update(interviews_, interview_id, decide);
}

absl::StatusOr<std::vector<findings::Keyed<v1::CaseFindings>>>
InMemoryFindingsStore::ScanInterviews(absl::string_view inspection_id) const {
  std::vector<findings::Keyed<v1::CaseFindings>> out;
  if (!Ours(inspection_id)) return out;
  for (const auto& [id, record] : interviews_) out.push_back({id, record});
  return out;
}

absl::StatusOr<v1::ReportInputs> InMemoryFindingsStore::UpdateReportInputs(
    absl::string_view inspection_id, const MutateInputs& mutate) {
  if (!Ours(inspection_id)) {
    return absl::FailedPreconditionError("inspection not in the fuzz store");
  }
  ASSIGN_OR_RETURN(v1::ReportInputs next, mutate(report_inputs_));
  report_inputs_ = next;
  return next;
}

absl::StatusOr<std::optional<v1::ReportInputs>>
InMemoryFindingsStore::GetReportInputs(absl::string_view inspection_id) const {
  if (!Ours(inspection_id)) return std::nullopt;
  return report_inputs_;
}

absl::StatusOr<v1::VerdictDecisions> InMemoryFindingsStore::UpdateDecisions(
    absl::string_view inspection_id, const MutateDecisions& mutate,
    const common::AuditEvent&) {
  if (!Ours(inspection_id)) {
    return absl::FailedPreconditionError("inspection not in the fuzz store");
  }
  ASSIGN_OR_RETURN(v1::VerdictDecisions next, mutate(decisions_));
  decisions_ = next;
  return next;
}

absl::StatusOr<v1::Recommendation> InMemoryFindingsStore::UpdateRecommendation(
    absl::string_view inspection_id, absl::string_view recommendation_id,
    const DecideRecommendation& decide, const common::AuditEvent&) {
  if (!Ours(inspection_id)) {
    return absl::FailedPreconditionError("inspection not in the fuzz store");
  }
  ASSIGN_OR_RETURN(auto current,
                   GetRecommendation(inspection_id, recommendation_id));
  ASSIGN_OR_RETURN(
      auto update,
      decide(current, static_cast<int32_t>(recommendations_.size()) + 1));
  if (!update) return *std::move(current);
  const std::string id(recommendation_id);
  recommendations_[id] = update->recommendation;
  recommendation_history_[id][update->revision.revision()] = update->revision;
  return std::move(update->recommendation);
}

absl::StatusOr<std::optional<v1::Recommendation>>
InMemoryFindingsStore::GetRecommendation(
    absl::string_view inspection_id,
    absl::string_view recommendation_id) const {
  if (!Ours(inspection_id)) return std::nullopt;
  auto it = recommendations_.find(std::string(recommendation_id));
  if (it == recommendations_.end()) return std::nullopt;
  return it->second;
}

absl::StatusOr<std::vector<findings::Keyed<v1::Recommendation>>>
InMemoryFindingsStore::ScanRecommendations(
    absl::string_view inspection_id) const {
  std::vector<findings::Keyed<v1::Recommendation>> out;
  if (!Ours(inspection_id)) return out;
  for (const auto& [id, r] : recommendations_) out.push_back({id, r});
  return out;
}

absl::StatusOr<std::vector<findings::Keyed<v1::RecommendationRevision>>>
InMemoryFindingsStore::ScanRecommendationHistory(
    absl::string_view inspection_id, absl::string_view recommendation_id,
    absl::string_view after_key, size_t limit) const {
  std::vector<findings::Keyed<v1::RecommendationRevision>> out;
  if (!Ours(inspection_id)) return out;
  auto it = recommendation_history_.find(std::string(recommendation_id));
  if (it == recommendation_history_.end()) return out;
  return PageOfRevisions(it->second, after_key, limit);
}

absl::StatusOr<v1::Action> InMemoryFindingsStore::UpdateAction(
    absl::string_view inspection_id, absl::string_view recommendation_id,
    absl::string_view action_id, const DecideAction& decide,
    const common::AuditEvent&) {
  if (!Ours(inspection_id)) {
    return absl::FailedPreconditionError("inspection not in the fuzz store");
  }
  ASSIGN_OR_RETURN(auto current,
                   GetAction(inspection_id, recommendation_id, action_id));
  ASSIGN_OR_RETURN(auto update, decide(current));
  if (!update) return *std::move(current);
  const std::string id = findings::ActionRecordId(recommendation_id, action_id);
  actions_[id] = update->action;
  action_history_[id][update->revision.revision()] = update->revision;
  return std::move(update->action);
}

absl::StatusOr<std::optional<v1::Action>> InMemoryFindingsStore::GetAction(
    absl::string_view inspection_id, absl::string_view recommendation_id,
    absl::string_view action_id) const {
  if (!Ours(inspection_id)) return std::nullopt;
  auto it =
      actions_.find(findings::ActionRecordId(recommendation_id, action_id));
  if (it == actions_.end()) return std::nullopt;
  return it->second;
}

absl::StatusOr<std::vector<findings::Keyed<v1::Action>>>
InMemoryFindingsStore::ScanActions(absl::string_view inspection_id,
                                   absl::string_view recommendation_id,
                                   absl::string_view after_key,
                                   size_t limit) const {
  std::vector<findings::Keyed<v1::Action>> out;
  if (!Ours(inspection_id)) return out;
  const std::string prefix =
      recommendation_id.empty() ? "" : absl::StrCat(recommendation_id, "/");
  for (const auto& [id, action] : actions_) {
    if (!absl::StartsWith(id, prefix) || id <= after_key) continue;
    if (out.size() >= limit) break;
    out.push_back({id, action});
  }
  return out;
}

absl::StatusOr<std::vector<findings::Keyed<v1::ActionRevision>>>
InMemoryFindingsStore::ScanActionHistory(absl::string_view inspection_id,
                                         absl::string_view recommendation_id,
                                         absl::string_view action_id,
                                         absl::string_view after_key,
                                         size_t limit) const {
  std::vector<findings::Keyed<v1::ActionRevision>> none;
  if (!Ours(inspection_id)) return none;
  auto it = action_history_.find(
      findings::ActionRecordId(recommendation_id, action_id));
  if (it == action_history_.end()) return none;
  return PageOfRevisions(it->second, after_key, limit);
}

absl::StatusOr<std::vector<findings::Keyed<v1::Inspection>>>
InMemoryFindingsStore::ScanInspections() const {
  return std::vector<findings::Keyed<v1::Inspection>>{
      {inspection_id_, inspection_}};
}

absl::StatusOr<v1::VerdictDecisions> InMemoryFindingsStore::GetDecisions(
    absl::string_view inspection_id) const {
  if (!Ours(inspection_id)) return v1::VerdictDecisions();
  return decisions_;
}

absl::StatusOr<std::vector<findings::Keyed<v1::CaseFindings>>>
InMemoryFindingsStore::ScanFindings(absl::string_view inspection_id,
                                    absl::string_view after_key,
                                    size_t limit) const {
  std::vector<findings::Keyed<v1::CaseFindings>> out;
  if (!Ours(inspection_id)) return out;
  for (auto it = findings_.upper_bound(std::string(after_key));
       it != findings_.end() && out.size() < limit; ++it) {
    out.push_back({it->first, it->second});
  }
  return out;
}

absl::StatusOr<std::vector<findings::Keyed<v1::JudgementRevision>>>
InMemoryFindingsStore::ScanHistory(absl::string_view, absl::string_view,
                                   absl::string_view, size_t) const {
  return std::vector<findings::Keyed<v1::JudgementRevision>>();
}

absl::StatusOr<std::vector<v1::Case>> InMemoryFindingsStore::AllCasesForTest()
    const {
  std::vector<v1::Case> out;
  for (const auto& [name, c] : cases_) out.push_back(c);
  return out;
}

// The audit trail, purges and backups are the real stores' business; the
// fuzz targets exercise validation and the handlers' decisions.
absl::Status InMemoryFindingsStore::AppendAudit(const common::AuditEvent&,
                                                absl::StatusCode) {
  return absl::OkStatus();
}

}  // namespace yjinspect::testing
