#include "tests/testing/empty_intake_store.h"

#include <map>
#include <string>
#include <utility>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/time/time.h"

namespace yjinspect::testing {
namespace {

// A transaction over an empty store: it reads back its own writes, as the
// real one does, and is dropped after the commit.
class ScratchTransaction : public intake::StoreTransaction {
 public:
  absl::StatusOr<std::optional<storage::v1::StoredCase>> FindCase(
      absl::string_view yot, absl::string_view case_id) override {
    return Find(cases_, Key(yot, case_id));
  }
  void PutCase(absl::string_view yot, absl::string_view case_id,
               const storage::v1::StoredCase& stored) override {
    cases_[Key(yot, case_id)] = stored;
  }
  void DeleteCase(absl::string_view yot, absl::string_view case_id) override {
    cases_.erase(Key(yot, case_id));
  }
  absl::StatusOr<std::vector<storage::v1::StoredCase>> CasesOfYot(
      absl::string_view yot) override {
    return OfYot(cases_, yot);
  }
  absl::StatusOr<std::optional<storage::v1::StoredVictimCase>> FindVictimCase(
      absl::string_view yot, absl::string_view victim_case_id) override {
    return Find(victim_cases_, Key(yot, victim_case_id));
  }
  void PutVictimCase(absl::string_view yot, absl::string_view victim_case_id,
                     const storage::v1::StoredVictimCase& stored) override {
    victim_cases_[Key(yot, victim_case_id)] = stored;
  }
  void DeleteVictimCase(absl::string_view yot,
                        absl::string_view victim_case_id) override {
    victim_cases_.erase(Key(yot, victim_case_id));
  }
  absl::StatusOr<std::vector<storage::v1::StoredVictimCase>> VictimCasesOfYot(
      absl::string_view yot) override {
    return OfYot(victim_cases_, yot);
  }
  absl::StatusOr<std::optional<v1::Inspection>> FindInspection(
      absl::string_view inspection_id) override {
    return Find(inspections_, std::string(inspection_id));
  }
  void PutInspection(absl::string_view inspection_id,
                     const v1::Inspection& inspection) override {
    inspections_[std::string(inspection_id)] = inspection;
  }
  absl::StatusOr<std::optional<storage::v1::RequestRecord>> FindRequest(
      absl::string_view kind, absl::string_view request_id) override {
    return Find(requests_, Key(kind, request_id));
  }
  void PutRequest(absl::string_view kind, absl::string_view request_id,
                  const storage::v1::RequestRecord& record) override {
    requests_[Key(kind, request_id)] = record;
  }
  uint64_t AppendChange(v1::Change change) override {
    const uint64_t sequence = changes_.size() + 1;
    change.set_sequence(sequence);
    changes_[sequence] = std::move(change);
    return sequence;
  }
  void RewriteChange(const v1::Change& change) override {
    changes_[change.sequence()] = change;
  }
  absl::StatusOr<std::optional<v1::Change>> FindChange(
      uint64_t sequence) override {
    return Find(changes_, sequence);
  }
  void AppendAudit(const common::AuditEvent&, absl::StatusCode) override {}
  absl::Time Now() const override { return absl::FromUnixSeconds(1700000000); }

 private:
  static std::string Key(absl::string_view a, absl::string_view b) {
    return absl::StrCat(a, "/", b);
  }
  template <typename Record>
  static std::vector<Record> OfYot(const std::map<std::string, Record>& map,
                                   absl::string_view yot) {
    std::vector<Record> out;
    const std::string prefix = Key(yot, "");
    for (auto it = map.lower_bound(prefix);
         it != map.end() && absl::StartsWith(it->first, prefix); ++it) {
      out.push_back(it->second);
    }
    return out;
  }
  template <typename Map, typename Key>
  static std::optional<typename Map::mapped_type> Find(const Map& map,
                                                       const Key& key) {
    auto it = map.find(key);
    if (it == map.end()) return std::nullopt;
    return it->second;
  }

  std::map<std::string, storage::v1::StoredCase> cases_;
  std::map<std::string, storage::v1::StoredVictimCase> victim_cases_;
  std::map<std::string, v1::Inspection> inspections_;
  std::map<std::string, storage::v1::RequestRecord> requests_;
  std::map<uint64_t, v1::Change> changes_;
};

}  // namespace

void EmptyIntakeStore::Commit(Mutation mutation, Done done) {
  ++commits_;
  ScratchTransaction txn;
  done(mutation(txn));
}

void EmptyIntakeStore::CommitBundle(std::vector<Step> steps) {
  for (Step& step : steps) Commit(std::move(step.mutation), step.done);
}

absl::StatusOr<std::optional<storage::v1::StoredCase>>
EmptyIntakeStore::GetCase(absl::string_view, absl::string_view) const {
  return std::nullopt;
}

absl::StatusOr<std::vector<intake::Keyed<storage::v1::StoredCase>>>
EmptyIntakeStore::ScanCases(absl::string_view, absl::string_view,
                            size_t) const {
  return std::vector<intake::Keyed<storage::v1::StoredCase>>();
}

absl::StatusOr<std::optional<storage::v1::StoredVictimCase>>
EmptyIntakeStore::GetVictimCase(absl::string_view, absl::string_view) const {
  return std::nullopt;
}

absl::StatusOr<std::vector<intake::Keyed<storage::v1::StoredVictimCase>>>
EmptyIntakeStore::ScanVictimCases(
    absl::string_view, absl::string_view, size_t,
    const std::function<bool(const storage::v1::StoredVictimCase&)>&) const {
  return std::vector<intake::Keyed<storage::v1::StoredVictimCase>>();
}

absl::StatusOr<std::optional<v1::Inspection>> EmptyIntakeStore::GetInspection(
    absl::string_view) const {
  return std::nullopt;
}

absl::StatusOr<std::vector<intake::Keyed<v1::Inspection>>>
EmptyIntakeStore::ScanInspections(
    absl::string_view, size_t,
    const std::function<bool(const v1::Inspection&)>&) const {
  return std::vector<intake::Keyed<v1::Inspection>>();
}

absl::StatusOr<std::vector<v1::Change>> EmptyIntakeStore::ReadChanges(
    uint64_t, size_t) const {
  return std::vector<v1::Change>();
}

absl::StatusOr<std::vector<v1::Change>> EmptyIntakeStore::ReadFeed(
    uint64_t, size_t) const {
  return std::vector<v1::Change>();
}

uint64_t EmptyIntakeStore::AddCommitListener(CommitListener) { return 0; }

void EmptyIntakeStore::RemoveCommitListener(uint64_t) {}

std::optional<uint64_t> EmptyIntakeStore::TickerForTest(
    absl::string_view) const {
  return std::nullopt;
}

}  // namespace yjinspect::testing
