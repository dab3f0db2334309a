#pragma once

// An IntakeStore that keeps nothing: every commit runs its mutation against
// an empty store of its own (the mutation reads back its own writes, as in
// the real store; they are dropped afterwards) and reports the mutation's
// own outcome; every read finds nothing. The intake
// fuzz target drives the real request handlers (CaseIntake,
// InspectionRegistry, InspectionSampling, InspectionLifecycle) with it, so that
// their validation and what follows it run as in the service, at fuzzing speed
// and without RocksDB. It counts the commits: a request that reaches the store
// passed validation.

#include <cstdint>
#include <optional>
#include <vector>

#include "services/intake/storage/intake_store.h"
#include "tests/testing/store_without_disk.h"

namespace yjinspect::testing {

class EmptyIntakeStore : public StoreWithoutDisk<intake::IntakeStore> {
 public:
  // Mutations handed to Commit or CommitBundle so far.
  int commits() const { return commits_; }

  void Commit(Mutation mutation, Done done) override;
  void CommitBundle(std::vector<Step> steps) override;
  void Close() override {}

  absl::StatusOr<std::optional<storage::v1::StoredCase>> GetCase(
      absl::string_view yot, absl::string_view case_id) const override;
  absl::StatusOr<std::vector<intake::Keyed<storage::v1::StoredCase>>> ScanCases(
      absl::string_view yot, absl::string_view after_key,
      size_t limit) const override;
  absl::StatusOr<std::optional<storage::v1::StoredVictimCase>> GetVictimCase(
      absl::string_view yot, absl::string_view victim_case_id) const override;
  absl::StatusOr<std::vector<intake::Keyed<storage::v1::StoredVictimCase>>>
  ScanVictimCases(
      absl::string_view yot, absl::string_view after_key, size_t limit,
      const std::function<bool(const storage::v1::StoredVictimCase&)>& keep)
      const override;
  absl::StatusOr<std::optional<v1::Inspection>> GetInspection(
      absl::string_view inspection_id) const override;
  absl::StatusOr<std::vector<intake::Keyed<v1::Inspection>>> ScanInspections(
      absl::string_view after_key, size_t limit,
      const std::function<bool(const v1::Inspection&)>& keep) const override;
  absl::StatusOr<std::vector<v1::Change>> ReadChanges(
      uint64_t after, size_t limit) const override;
  absl::StatusOr<std::vector<v1::Change>> ReadFeed(uint64_t after,
                                                   size_t limit) const override;
  uint64_t HeadSequence() const override { return 0; }
  uint64_t FeedHeadSequence() const override { return 0; }
  uint64_t AddCommitListener(CommitListener listener) override;
  void RemoveCommitListener(uint64_t id) override;
  std::optional<uint64_t> TickerForTest(absl::string_view name) const override;

 private:
  int commits_ = 0;
};

}  // namespace yjinspect::testing
