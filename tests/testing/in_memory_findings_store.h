#pragma once

// A FindingsStore in memory, for the findings fuzz target: it holds one
// inspection with its sampled cases as the intake stream would have
// delivered them, and keeps what the handlers record for the length of one
// fuzz input. Not thread-safe (a fuzz input runs on one thread).

#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "services/findings/storage/findings_store.h"
#include "tests/testing/store_without_disk.h"

namespace yjinspect::testing {

class InMemoryFindingsStore : public StoreWithoutDisk<findings::FindingsStore> {
 public:
  // `inspection` (named inspections/{id}) and its sampled cases.
  InMemoryFindingsStore(v1::Inspection inspection, std::vector<v1::Case> cases);

  // As a later change from intake would (same name).
  void ReplaceInspection(v1::Inspection inspection) {
    inspection_ = std::move(inspection);
  }
  // The inspection's report inputs, as SetReportInputs would leave them.
  void ReplaceReportInputs(v1::ReportInputs inputs) {
    report_inputs_ = std::move(inputs);
  }

  absl::StatusOr<bool> ApplyChange(const v1::Change& change) override;
  absl::StatusOr<size_t> ApplyChanges(
      const google::protobuf::RepeatedPtrField<v1::Change>& changes) override;
  uint64_t Cursor() const override { return 0; }
  absl::StatusOr<std::optional<v1::Inspection>> GetInspection(
      absl::string_view inspection_id) const override;
  absl::StatusOr<std::optional<v1::Case>> GetCase(
      absl::string_view case_name) const override;
  absl::StatusOr<std::optional<v1::CaseFindings>> GetFindings(
      absl::string_view inspection_id,
      absl::string_view case_id) const override;
  absl::StatusOr<v1::CaseFindings> UpdateFindings(
      absl::string_view inspection_id, absl::string_view case_name,
      absl::string_view case_id, const Decide& decide,
      const common::AuditEvent& audit) override;
  absl::StatusOr<v1::CaseFindings> UpdateInterview(
      absl::string_view inspection_id, absl::string_view interview_id,
      const Decide& decide) override;
  absl::StatusOr<std::vector<findings::Keyed<v1::CaseFindings>>> ScanInterviews(
      absl::string_view inspection_id) const override;
  absl::StatusOr<v1::ReportInputs> UpdateReportInputs(
      absl::string_view inspection_id, const MutateInputs& mutate) override;
  absl::StatusOr<std::optional<v1::ReportInputs>> GetReportInputs(
      absl::string_view inspection_id) const override;
  absl::StatusOr<v1::VerdictDecisions> UpdateDecisions(
      absl::string_view inspection_id, const MutateDecisions& mutate,
      const common::AuditEvent& audit) override;
  absl::StatusOr<v1::Recommendation> UpdateRecommendation(
      absl::string_view inspection_id, absl::string_view recommendation_id,
      const DecideRecommendation& decide,
      const common::AuditEvent& audit) override;
  absl::StatusOr<std::optional<v1::Recommendation>> GetRecommendation(
      absl::string_view inspection_id,
      absl::string_view recommendation_id) const override;
  absl::StatusOr<std::vector<findings::Keyed<v1::Recommendation>>>
  ScanRecommendations(absl::string_view inspection_id) const override;
  absl::StatusOr<std::vector<findings::Keyed<v1::RecommendationRevision>>>
  ScanRecommendationHistory(absl::string_view inspection_id,
                            absl::string_view recommendation_id,
                            absl::string_view after_key,
                            size_t limit) const override;
  absl::StatusOr<v1::Action> UpdateAction(
      absl::string_view inspection_id, absl::string_view recommendation_id,
      absl::string_view action_id, const DecideAction& decide,
      const common::AuditEvent& audit) override;
  absl::StatusOr<std::optional<v1::Action>> GetAction(
      absl::string_view inspection_id, absl::string_view recommendation_id,
      absl::string_view action_id) const override;
  absl::StatusOr<std::vector<findings::Keyed<v1::Action>>> ScanActions(
      absl::string_view inspection_id, absl::string_view recommendation_id,
      absl::string_view after_key, size_t limit) const override;
  absl::StatusOr<std::vector<findings::Keyed<v1::ActionRevision>>>
  ScanActionHistory(absl::string_view inspection_id,
                    absl::string_view recommendation_id,
                    absl::string_view action_id, absl::string_view after_key,
                    size_t limit) const override;
  absl::StatusOr<std::vector<findings::Keyed<v1::Inspection>>> ScanInspections()
      const override;
  absl::Status AppendAudit(const common::AuditEvent& event,
                           absl::StatusCode outcome) override;
  absl::StatusOr<v1::VerdictDecisions> GetDecisions(
      absl::string_view inspection_id) const override;
  absl::StatusOr<std::vector<findings::Keyed<v1::CaseFindings>>> ScanFindings(
      absl::string_view inspection_id, absl::string_view after_key,
      size_t limit) const override;
  absl::StatusOr<std::vector<findings::Keyed<v1::JudgementRevision>>>
  ScanHistory(absl::string_view inspection_id, absl::string_view case_id,
              absl::string_view after_key, size_t limit) const override;
  absl::StatusOr<v1::SecondMarking> UpdateSecondMarking(
      absl::string_view inspection_id, absl::string_view case_name,
      absl::string_view record_id, const DecideSecondMarking& decide,
      const common::AuditEvent& audit) override;
  absl::StatusOr<std::optional<v1::SecondMarking>> GetSecondMarking(
      absl::string_view inspection_id,
      absl::string_view record_id) const override;
  absl::StatusOr<bool> FindingsChangedAfterSecondMarking(
      absl::string_view inspection_id,
      absl::string_view record_id) const override;
  absl::StatusOr<storage::v1::StoredResolutions> UpdateResolutions(
      absl::string_view inspection_id, absl::string_view record_id,
      const MutateResolutions& mutate,
      const common::AuditEvent& audit) override;
  absl::StatusOr<storage::v1::StoredResolutions> GetResolutions(
      absl::string_view inspection_id,
      absl::string_view record_id) const override;
  void Close() override {}
  absl::StatusOr<std::vector<v1::Case>> AllCasesForTest() const override;
  absl::StatusOr<std::optional<v1::VictimCase>> GetVictimCase(
      absl::string_view) const override {
    return std::nullopt;
  }
  absl::StatusOr<std::vector<v1::VictimCase>> AllVictimCasesForTest()
      const override {
    return std::vector<v1::VictimCase>();
  }

 private:
  // Records of the one inspection only; another id finds nothing.
  bool Ours(absl::string_view inspection_id) const;
  absl::StatusOr<v1::CaseFindings> Update(
      std::map<std::string, v1::CaseFindings>& records, absl::string_view id,
      const Decide& decide);

  std::string inspection_id_;
  v1::Inspection inspection_;
  std::map<std::string, v1::Case, std::less<>> cases_;        // by name
  std::map<std::string, v1::CaseFindings> findings_;          // by case id
  std::map<std::string, v1::CaseFindings> interviews_;        // by interview id
  std::map<std::string, v1::SecondMarking> second_markings_;  // by record id
  std::map<std::string, storage::v1::StoredResolutions> resolutions_;
  std::optional<v1::ReportInputs> report_inputs_;
  v1::VerdictDecisions decisions_;
  std::map<std::string, v1::Recommendation> recommendations_;  // by id
  // By id, then revision.
  std::map<std::string, std::map<int64_t, v1::RecommendationRevision>>
      recommendation_history_;
  // By ActionRecordId ("{recommendation}/{action}").
  std::map<std::string, v1::Action> actions_;
  // By ActionRecordId, then revision.
  std::map<std::string, std::map<int64_t, v1::ActionRevision>> action_history_;
};

}  // namespace yjinspect::testing
