// services/findings/storage/findings_store.h on RocksDB: intake changes
// applied once with their cursor, findings written with their history and
// audit record, erasure leaving nothing of the case, the audit chain
// continuing across restarts, a closed store refusing writes, and a damaged
// store refused at open.

#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "common/audit/audit_chain.h"
#include "common/resource_names.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "rocksdb/db.h"
#include "services/findings/storage/column_families.h"
#include "services/findings/storage/findings_store.h"
#include "services/findings/storage/keys.h"
#include "tests/testing/case_builder.h"
#include "tests/testing/temp_dir.h"

namespace yjinspect::findings {
namespace {

constexpr char kYot[] = "yots/northmoor";
constexpr char kInspection[] = "insp-1";

v1::Change InspectionChange(uint64_t sequence) {
  v1::Change change;
  change.set_sequence(sequence);
  change.mutable_inspection_stored()->set_name(
      common::InspectionName(kInspection));
  change.mutable_inspection_stored()->set_yot(kYot);
  return change;
}

std::string CaseName(absl::string_view case_id) {
  return common::FormatCaseName("northmoor", case_id);
}

v1::Change SampledChange(uint64_t sequence, absl::string_view case_id) {
  v1::Change change;
  change.set_sequence(sequence);
  change.set_request_id(absl::StrCat("req-", sequence));
  v1::Case c = testing::ValidCase(absl::StrCat("CH-", case_id));
  c.set_name(CaseName(case_id));
  change.mutable_case_sampled()->set_inspection(
      common::InspectionName(kInspection));
  *change.mutable_case_sampled()->mutable_case_() = c;
  return change;
}

v1::Change ErasureChange(uint64_t sequence, absl::string_view case_id) {
  v1::Change change;
  change.set_sequence(sequence);
  change.mutable_case_erased()->set_name(CaseName(case_id));
  return change;
}

common::AuditEvent Recording(absl::string_view case_id) {
  common::AuditEvent event;
  event.caller = "inspector-7";
  event.role = "inspector";
  event.request_id = "req-record";
  event.action = v1::AUDIT_ACTION_RECORD_JUDGEMENTS;
  event.resource = CaseName(case_id);
  return event;
}

// A decision that takes the findings one revision further.
FindingsStore::Decide NextRevision(absl::string_view inspector) {
  return [inspector = std::string(inspector)](
             const std::optional<v1::CaseFindings>& current)
             -> absl::StatusOr<std::optional<FindingsUpdate>> {
    FindingsUpdate update;
    update.findings = current.value_or(v1::CaseFindings());
    update.findings.set_revision(update.findings.revision() + 1);
    update.findings.set_inspector_reference(inspector);
    update.revision.set_revision(update.findings.revision());
    update.revision.set_inspector_reference(inspector);
    return std::optional<FindingsUpdate>(update);
  };
}

class FindingsStoreTest : public ::testing::Test {
 protected:
  void SetUp() override { Reopen(); }

  void Reopen() {
    store_.reset();
    auto store = FindingsStore::Open({dir_.Sub("store"), false});
    ASSERT_TRUE(store.ok()) << store.status();
    store_ = std::move(*store);
  }

  void Apply(const v1::Change& change) {
    auto applied = store_->ApplyChange(change);
    ASSERT_TRUE(applied.ok()) << applied.status();
    ASSERT_TRUE(*applied) << "sequence " << change.sequence();
  }

  // The whole audit trail, checked as the audit service checks it.
  common::AuditChainVerifier VerifiedTrail(std::vector<v1::AuditRecord>* out) {
    common::AuditChainVerifier verifier;
    auto entries = store_->ReadAuditEntries(0, 1000);
    EXPECT_TRUE(entries.ok()) << entries.status();
    for (const auto& entry : *entries) {
      verifier.Add(entry.sequence, entry.bytes);
      v1::AuditRecord record;
      EXPECT_TRUE(record.ParseFromString(entry.bytes));
      if (out != nullptr) out->push_back(record);
    }
    return verifier;
  }

  // Writes straight into the store's RocksDB while it is closed.
  void WriteRaw(ColumnFamily family, const std::string& key,
                const std::string& value) {
    store_.reset();
    std::vector<rocksdb::ColumnFamilyDescriptor> descriptors;
    for (absl::string_view name : kColumnFamilyNames) {
      descriptors.emplace_back(std::string(name),
                               rocksdb::ColumnFamilyOptions());
    }
    std::vector<rocksdb::ColumnFamilyHandle*> handles;
    rocksdb::DB* raw = nullptr;
    ASSERT_TRUE(rocksdb::DB::Open(rocksdb::DBOptions(), dir_.Sub("store"),
                                  descriptors, &handles, &raw)
                    .ok());
    std::unique_ptr<rocksdb::DB> db(raw);
    EXPECT_TRUE(db->Put(rocksdb::WriteOptions(),
                        handles[static_cast<size_t>(family)], key, value)
                    .ok());
    for (auto* handle : handles) db->DestroyColumnFamilyHandle(handle);
  }

  testing::TempDir dir_;
  std::unique_ptr<FindingsStore> store_;
};

TEST_F(FindingsStoreTest, AChangeIsAppliedOnceAndTheCursorSurvivesARestart) {
  Apply(InspectionChange(1));
  Apply(SampledChange(2, "c1"));
  EXPECT_EQ(store_->Cursor(), 2u);

  auto again = store_->ApplyChange(SampledChange(2, "c1"));
  ASSERT_TRUE(again.ok());
  EXPECT_FALSE(*again) << "a change at the cursor is delivered again, not "
                          "applied again";
  auto older = store_->ApplyChange(SampledChange(1, "c9"));
  ASSERT_TRUE(older.ok());
  EXPECT_FALSE(*older);

  Reopen();
  EXPECT_EQ(store_->Cursor(), 2u);
  auto inspection = store_->GetInspection(kInspection);
  ASSERT_TRUE(inspection.ok() && inspection->has_value());
  EXPECT_EQ((*inspection)->yot(), kYot);
  auto c1 = store_->GetCase(CaseName("c1"));
  ASSERT_TRUE(c1.ok() && c1->has_value());
  auto c9 = store_->GetCase(CaseName("c9"));
  ASSERT_TRUE(c9.ok());
  EXPECT_FALSE(c9->has_value());
}

google::protobuf::RepeatedPtrField<v1::Change> Batch(
    std::vector<v1::Change> changes) {
  google::protobuf::RepeatedPtrField<v1::Change> batch;
  for (auto& change : changes) *batch.Add() = std::move(change);
  return batch;
}

// A batched response: every change and the cursor in one write, each
// received case audited in order on one unbroken chain; the part at or
// before the cursor skipped.
TEST_F(FindingsStoreTest, ABatchOfChangesIsAppliedInOneWriteWithItsCursor) {
  Apply(InspectionChange(1));
  auto applied = store_->ApplyChanges(
      Batch({SampledChange(2, "c1"), SampledChange(3, "c2"),
             SampledChange(4, "c3"), ErasureChange(5, "c2")}));
  ASSERT_TRUE(applied.ok()) << applied.status();
  EXPECT_EQ(*applied, 4u);
  EXPECT_EQ(store_->Cursor(), 5u);

  // Delivered again with one new change: only that one is applied.
  applied = store_->ApplyChanges(
      Batch({SampledChange(4, "c3"), ErasureChange(5, "c2"),
             SampledChange(6, "c4")}));
  ASSERT_TRUE(applied.ok()) << applied.status();
  EXPECT_EQ(*applied, 1u);
  applied = store_->ApplyChanges(Batch({SampledChange(6, "c4")}));
  ASSERT_TRUE(applied.ok());
  EXPECT_EQ(*applied, 0u);

  Reopen();
  EXPECT_EQ(store_->Cursor(), 6u);
  for (const char* id : {"c1", "c3", "c4"}) {
    auto held = store_->GetCase(CaseName(id));
    ASSERT_TRUE(held.ok());
    EXPECT_TRUE(held->has_value()) << id;
  }
  auto erased = store_->GetCase(CaseName("c2"));
  ASSERT_TRUE(erased.ok());
  EXPECT_FALSE(erased->has_value()) << "stored and erased in one batch";

  std::vector<v1::AuditRecord> records;
  EXPECT_TRUE(VerifiedTrail(&records).intact());
  std::vector<std::string> received;
  for (const auto& record : records) {
    received.push_back(absl::StrCat(v1::AuditAction_Name(record.action()), " ",
                                    record.resource()));
  }
  EXPECT_EQ(received,
            (std::vector<std::string>{
                absl::StrCat("AUDIT_ACTION_RECEIVE_CASE ", CaseName("c1")),
                absl::StrCat("AUDIT_ACTION_RECEIVE_CASE ", CaseName("c2")),
                absl::StrCat("AUDIT_ACTION_RECEIVE_CASE ", CaseName("c3")),
                absl::StrCat("AUDIT_ACTION_APPLY_ERASURE ", CaseName("c2")),
                absl::StrCat("AUDIT_ACTION_RECEIVE_CASE ", CaseName("c4"))}));
}

// Intake greets a subscriber with a checkpoint at its head, which is 0
// while its log is empty: nothing to apply, and not out of order.
TEST_F(FindingsStoreTest, AGreetingAtSequenceZeroIsSkipped) {
  v1::Change greeting;
  auto applied = store_->ApplyChanges(Batch({greeting}));
  ASSERT_TRUE(applied.ok()) << applied.status();
  EXPECT_EQ(*applied, 0u);
  applied = store_->ApplyChanges(Batch({greeting, InspectionChange(1)}));
  ASSERT_TRUE(applied.ok()) << applied.status();
  EXPECT_EQ(*applied, 1u);
  EXPECT_EQ(store_->Cursor(), 1u);
}

TEST_F(FindingsStoreTest, ABatchOutOfOrderAppliesNothing) {
  Apply(InspectionChange(1));
  auto applied = store_->ApplyChanges(
      Batch({SampledChange(3, "c1"), SampledChange(2, "c2")}));
  EXPECT_EQ(applied.status().code(), absl::StatusCode::kDataLoss);
  EXPECT_EQ(store_->Cursor(), 1u);
  auto held = store_->GetCase(CaseName("c1"));
  ASSERT_TRUE(held.ok());
  EXPECT_FALSE(held->has_value());
  // The chain is not left with a record of the refused batch: the next
  // write extends it unbroken.
  Apply(SampledChange(2, "c2"));
  std::vector<v1::AuditRecord> records;
  EXPECT_TRUE(VerifiedTrail(&records).intact());
  ASSERT_EQ(records.size(), 1u);
  EXPECT_EQ(records[0].resource(), CaseName("c2"));
}

// A victim's case: received when sampled, replaced when stored again,
// gone when erased; each at most once, with the cursor, each audited.
TEST_F(FindingsStoreTest, AVictimCaseIsReceivedUpdatedAndErasedOnce) {
  const std::string name = "yots/northmoor/victimCases/V-1";
  v1::VictimCase victim_case =
      testing::ValidCreateVictimCaseRequest().victim_case();
  victim_case.set_name(name);
  victim_case.set_etag("e1");
  v1::Change sampled;
  sampled.set_sequence(1);
  sampled.mutable_victim_case_sampled()->set_inspection(
      common::InspectionName(kInspection));
  *sampled.mutable_victim_case_sampled()->mutable_victim_case() = victim_case;
  Apply(sampled);
  auto found = store_->GetVictimCase(name);
  ASSERT_TRUE(found.ok() && found->has_value());
  EXPECT_EQ((*found)->etag(), "e1");

  v1::Change stored;
  stored.set_sequence(2);
  *stored.mutable_victim_case_stored() = victim_case;
  stored.mutable_victim_case_stored()->set_etag("e2");
  Apply(stored);
  // Delivered again after a reconnect: skipped, the cursor says so.
  auto replay = store_->ApplyChange(sampled);
  ASSERT_TRUE(replay.ok());
  EXPECT_FALSE(*replay);
  found = store_->GetVictimCase(name);
  ASSERT_TRUE(found.ok() && found->has_value());
  EXPECT_EQ((*found)->etag(), "e2");

  v1::Change erased;
  erased.set_sequence(3);
  erased.mutable_victim_case_erased()->set_name(name);
  Apply(erased);
  Reopen();
  EXPECT_EQ(store_->Cursor(), 3u);
  found = store_->GetVictimCase(name);
  ASSERT_TRUE(found.ok());
  EXPECT_FALSE(found->has_value());
  std::vector<v1::AuditRecord> records;
  EXPECT_TRUE(VerifiedTrail(&records).intact());
  ASSERT_EQ(records.size(), 3u);
  EXPECT_EQ(records[0].action(), v1::AUDIT_ACTION_RECEIVE_CASE);
  EXPECT_EQ(records[0].resource(), name);
  EXPECT_EQ(records[2].action(), v1::AUDIT_ACTION_APPLY_ERASURE);
  EXPECT_EQ(records[2].resource(), name);
}

TEST_F(FindingsStoreTest, FindingsNeedTheirCaseAndKeepEveryRevision) {
  Apply(InspectionChange(1));
  auto refused =
      store_->UpdateFindings(kInspection, CaseName("c1"), "c1",
                             NextRevision("inspector-7"), Recording("c1"));
  EXPECT_EQ(refused.status().code(), absl::StatusCode::kFailedPrecondition);
  auto none = store_->GetFindings(kInspection, "c1");
  ASSERT_TRUE(none.ok());
  EXPECT_FALSE(none->has_value());

  Apply(SampledChange(2, "c1"));
  for (int i = 0; i < 3; ++i) {
    auto stored =
        store_->UpdateFindings(kInspection, CaseName("c1"), "c1",
                               NextRevision("inspector-7"), Recording("c1"));
    ASSERT_TRUE(stored.ok()) << stored.status();
    EXPECT_EQ(stored->revision(), i + 1);
  }
  auto history = store_->ScanHistory(kInspection, "c1", "", 2);
  ASSERT_TRUE(history.ok());
  ASSERT_EQ(history->size(), 2u);
  EXPECT_EQ((*history)[0].value.revision(), 1);
  auto rest = store_->ScanHistory(kInspection, "c1", history->back().key, 10);
  ASSERT_TRUE(rest.ok());
  ASSERT_EQ(rest->size(), 1u);
  EXPECT_EQ((*rest)[0].value.revision(), 3);

  auto listed = store_->ScanFindings(kInspection, "", 10);
  ASSERT_TRUE(listed.ok());
  ASSERT_EQ(listed->size(), 1u);
  EXPECT_EQ((*listed)[0].value.revision(), 3);
}

TEST_F(FindingsStoreTest, AnErasedCaseLeavesNoContentFindingsOrHistory) {
  Apply(InspectionChange(1));
  Apply(SampledChange(2, "c1"));
  Apply(SampledChange(3, "c2"));
  for (const char* id : {"c1", "c2"}) {
    ASSERT_TRUE(store_
                    ->UpdateFindings(kInspection, CaseName(id), id,
                                     NextRevision("inspector-7"), Recording(id))
                    .ok());
  }
  Apply(ErasureChange(4, "c1"));

  auto erased = store_->GetCase(CaseName("c1"));
  ASSERT_TRUE(erased.ok());
  EXPECT_FALSE(erased->has_value());
  auto findings = store_->GetFindings(kInspection, "c1");
  ASSERT_TRUE(findings.ok());
  EXPECT_FALSE(findings->has_value());
  auto history = store_->ScanHistory(kInspection, "c1", "", 10);
  ASSERT_TRUE(history.ok());
  EXPECT_TRUE(history->empty());
  auto kept = store_->GetFindings(kInspection, "c2");
  ASSERT_TRUE(kept.ok());
  EXPECT_TRUE(kept->has_value()) << "another case of the YOT is untouched";

  std::vector<v1::AuditRecord> records;
  VerifiedTrail(&records);
  ASSERT_FALSE(records.empty());
  EXPECT_EQ(records.back().action(), v1::AUDIT_ACTION_APPLY_ERASURE);
  EXPECT_EQ(records.back().resource(), CaseName("c1"));
  EXPECT_EQ(records.back().caller(), "intake-stream");
}

// A victim's case sharing a child's case's reference keeps findings of its
// own (under FindingsRecordId), and its erasure takes only its own.
TEST_F(FindingsStoreTest, AVictimsCaseFindingsAreItsOwnAndErasedWithIt) {
  Apply(InspectionChange(1));
  Apply(SampledChange(2, "c1"));
  const std::string victim_name = "yots/northmoor/victimCases/c1";
  v1::Change sampled;
  sampled.set_sequence(3);
  sampled.mutable_victim_case_sampled()->set_inspection(
      common::InspectionName(kInspection));
  *sampled.mutable_victim_case_sampled()->mutable_victim_case() =
      testing::ValidCreateVictimCaseRequest().victim_case();
  sampled.mutable_victim_case_sampled()->mutable_victim_case()->set_name(
      victim_name);
  const common::CaseFindingsName victim{kInspection, "c1", true};
  const std::string victim_id = FindingsRecordId(victim);
  EXPECT_EQ(victim_id, "~victim~c1");
  EXPECT_EQ(FindingsRecordId({kInspection, "c1", false}), "c1");

  // Not yet received: refused, as for a case.
  auto refused =
      store_->UpdateFindings(kInspection, victim_name, victim_id,
                             NextRevision("inspector-7"), Recording("c1"));
  EXPECT_EQ(refused.status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_THAT(refused.status().message(),
              ::testing::HasSubstr("victim's case"));
  Apply(sampled);
  ASSERT_TRUE(store_
                  ->UpdateFindings(kInspection, CaseName("c1"), "c1",
                                   NextRevision("inspector-7"), Recording("c1"))
                  .ok());
  for (int i = 0; i < 2; ++i) {
    auto stored =
        store_->UpdateFindings(kInspection, victim_name, victim_id,
                               NextRevision("inspector-9"), Recording("c1"));
    ASSERT_TRUE(stored.ok()) << stored.status();
    EXPECT_EQ(stored->revision(), i + 1);
  }
  auto child_findings = store_->GetFindings(kInspection, "c1");
  ASSERT_TRUE(child_findings.ok() && child_findings->has_value());
  EXPECT_EQ((*child_findings)->revision(), 1);
  EXPECT_EQ((*child_findings)->inspector_reference(), "inspector-7");

  v1::Change erased;
  erased.set_sequence(4);
  erased.mutable_victim_case_erased()->set_name(victim_name);
  Apply(erased);
  auto gone = store_->GetFindings(kInspection, victim_id);
  ASSERT_TRUE(gone.ok());
  EXPECT_FALSE(gone->has_value());
  auto history = store_->ScanHistory(kInspection, victim_id, "", 10);
  ASSERT_TRUE(history.ok());
  EXPECT_TRUE(history->empty());
  child_findings = store_->GetFindings(kInspection, "c1");
  ASSERT_TRUE(child_findings.ok());
  EXPECT_TRUE(child_findings->has_value())
      << "the child's case of the same reference keeps its findings";
  auto child_history = store_->ScanHistory(kInspection, "c1", "", 10);
  ASSERT_TRUE(child_history.ok());
  EXPECT_EQ(child_history->size(), 1u);
}

TEST_F(FindingsStoreTest, TheAuditChainContinuesAcrossARestart) {
  Apply(InspectionChange(1));
  Apply(SampledChange(2, "c1"));
  ASSERT_TRUE(store_
                  ->UpdateFindings(kInspection, CaseName("c1"), "c1",
                                   NextRevision("inspector-7"), Recording("c1"))
                  .ok());
  Reopen();
  ASSERT_TRUE(
      store_->AppendAudit(Recording("c1"), absl::StatusCode::kPermissionDenied)
          .ok());
  std::vector<v1::AuditRecord> records;
  common::AuditChainVerifier verifier = VerifiedTrail(&records);
  EXPECT_TRUE(verifier.intact()) << verifier.problem();
  ASSERT_EQ(records.size(), 3u);
  EXPECT_EQ(records[0].action(), v1::AUDIT_ACTION_RECEIVE_CASE);
  EXPECT_EQ(records[0].request_id(), "req-2");
  EXPECT_EQ(records[1].action(), v1::AUDIT_ACTION_RECORD_JUDGEMENTS);
  EXPECT_EQ(records[2].sequence(), 3u);
}

TEST_F(FindingsStoreTest, AClosedStoreRefusesWritesAndStillReads) {
  Apply(InspectionChange(1));
  Apply(SampledChange(2, "c1"));
  store_->Close();

  auto change = store_->ApplyChange(SampledChange(3, "c2"));
  EXPECT_EQ(change.status().code(), absl::StatusCode::kUnavailable);
  auto findings =
      store_->UpdateFindings(kInspection, CaseName("c1"), "c1",
                             NextRevision("inspector-7"), Recording("c1"));
  EXPECT_EQ(findings.status().code(), absl::StatusCode::kUnavailable);
  EXPECT_EQ(store_->AppendAudit(Recording("c1"), absl::StatusCode::kOk).code(),
            absl::StatusCode::kUnavailable);
  EXPECT_EQ(store_->Cursor(), 2u);
  auto c1 = store_->GetCase(CaseName("c1"));
  ASSERT_TRUE(c1.ok());
  EXPECT_TRUE(c1->has_value());

  Reopen();
  auto c2 = store_->GetCase(CaseName("c2"));
  ASSERT_TRUE(c2.ok());
  EXPECT_FALSE(c2->has_value()) << "nothing was written after the close";
}

TEST_F(FindingsStoreTest, AMalformedCursorIsDataLossAtOpen) {
  WriteRaw(ColumnFamily::kMeta, std::string(kCursorKey), "bad");
  auto store = FindingsStore::Open({dir_.Sub("store"), false});
  EXPECT_EQ(store.status().code(), absl::StatusCode::kDataLoss);
}

TEST_F(FindingsStoreTest, AnAuditKeyThatIsNoSequenceIsDataLossAtOpen) {
  Apply(InspectionChange(1));
  Apply(SampledChange(2, "c1"));
  WriteRaw(ColumnFamily::kAudit, "\xff not a sequence", "x");
  auto store = FindingsStore::Open({dir_.Sub("store"), false});
  EXPECT_EQ(store.status().code(), absl::StatusCode::kDataLoss);
}

// A decision that records `text` as the next revision of a recommendation,
// numbered `next_number` when new.
FindingsStore::DecideRecommendation NextRecommendation(absl::string_view text) {
  return [text = std::string(text)](
             const std::optional<v1::Recommendation>& current,
             int32_t next_number)
             -> absl::StatusOr<std::optional<RecommendationUpdate>> {
    RecommendationUpdate update;
    update.recommendation = current.value_or(v1::Recommendation());
    if (!current) update.recommendation.set_number(next_number);
    update.recommendation.set_text(text);
    update.recommendation.set_revision(update.recommendation.revision() + 1);
    update.revision.set_revision(update.recommendation.revision());
    *update.revision.mutable_recommendation() = update.recommendation;
    return std::optional<RecommendationUpdate>(update);
  };
}

TEST_F(FindingsStoreTest, RecommendationsKeepNumbersAndHistoryAcrossRestarts) {
  common::AuditEvent event = Recording("c1");
  event.action = v1::AUDIT_ACTION_RECORD_RECOMMENDATION;
  ASSERT_TRUE(store_
                  ->UpdateRecommendation(kInspection, "b",
                                         NextRecommendation("first"), event)
                  .ok());
  ASSERT_TRUE(store_
                  ->UpdateRecommendation(kInspection, "a",
                                         NextRecommendation("second"), event)
                  .ok());
  auto changed = store_->UpdateRecommendation(
      kInspection, "b", NextRecommendation("first, changed"), event);
  ASSERT_TRUE(changed.ok()) << changed.status();
  EXPECT_EQ(changed->number(), 1);
  EXPECT_EQ(changed->revision(), 2);

  Reopen();
  auto all = store_->ScanRecommendations(kInspection);
  ASSERT_TRUE(all.ok()) << all.status();
  ASSERT_EQ(all->size(), 2u);
  EXPECT_EQ((*all)[0].value.number(), 2);  // "a", in id order
  EXPECT_EQ((*all)[1].value.text(), "first, changed");
  auto history = store_->ScanRecommendationHistory(kInspection, "b", "", 10);
  ASSERT_TRUE(history.ok()) << history.status();
  ASSERT_EQ(history->size(), 2u);
  EXPECT_EQ((*history)[0].value.recommendation().text(), "first");
  auto other = store_->GetRecommendation("insp-2", "b");
  ASSERT_TRUE(other.ok());
  EXPECT_FALSE(other->has_value());
  std::vector<v1::AuditRecord> records;
  EXPECT_TRUE(VerifiedTrail(&records).intact());
  ASSERT_EQ(records.size(), 3u);
  EXPECT_EQ(records[0].action(), v1::AUDIT_ACTION_RECORD_RECOMMENDATION);
}

// A decision that records `status` as the next revision of an action.
FindingsStore::DecideAction NextAction(v1::ActionStatus status) {
  return [status](const std::optional<v1::Action>& current)
             -> absl::StatusOr<std::optional<ActionUpdate>> {
    ActionUpdate update;
    update.action = current.value_or(v1::Action());
    update.action.set_status(status);
    update.action.set_revision(update.action.revision() + 1);
    update.revision.set_revision(update.action.revision());
    *update.revision.mutable_action() = update.action;
    return std::optional<ActionUpdate>(update);
  };
}

TEST_F(FindingsStoreTest, ActionsKeepTheirHistoryUnderTheirRecommendation) {
  common::AuditEvent event = Recording("c1");
  event.action = v1::AUDIT_ACTION_RECORD_ACTION;
  for (const auto& [recommendation, action] :
       std::vector<std::pair<std::string, std::string>>{
           {"r1", "b"}, {"r1", "a"}, {"r10", "a"}, {"r2", "a"}}) {
    ASSERT_TRUE(store_
                    ->UpdateAction(kInspection, recommendation, action,
                                   NextAction(v1::ACTION_STATUS_PLANNED), event)
                    .ok());
  }
  auto changed = store_->UpdateAction(
      kInspection, "r1", "b", NextAction(v1::ACTION_STATUS_DONE), event);
  ASSERT_TRUE(changed.ok()) << changed.status();
  EXPECT_EQ(changed->revision(), 2);

  Reopen();
  // One recommendation's actions: never a recommendation whose id merely
  // starts the same ("r10").
  auto of_r1 = store_->ScanActions(kInspection, "r1", "", 10);
  ASSERT_TRUE(of_r1.ok()) << of_r1.status();
  ASSERT_EQ(of_r1->size(), 2u);
  EXPECT_EQ((*of_r1)[1].value.status(), v1::ACTION_STATUS_DONE);
  auto every = store_->ScanActions(kInspection, "", "", 10);
  ASSERT_TRUE(every.ok()) << every.status();
  EXPECT_EQ(every->size(), 4u);
  auto after_first = store_->ScanActions(kInspection, "", (*every)[0].key, 2);
  ASSERT_TRUE(after_first.ok());
  EXPECT_EQ(after_first->size(), 2u);
  auto history = store_->ScanActionHistory(kInspection, "r1", "b", "", 10);
  ASSERT_TRUE(history.ok()) << history.status();
  ASSERT_EQ(history->size(), 2u);
  EXPECT_EQ((*history)[0].value.action().status(), v1::ACTION_STATUS_PLANNED);
  auto other = store_->GetAction("insp-2", "r1", "b");
  ASSERT_TRUE(other.ok());
  EXPECT_FALSE(other->has_value());
  std::vector<v1::AuditRecord> records;
  EXPECT_TRUE(VerifiedTrail(&records).intact());
  ASSERT_EQ(records.size(), 5u);
  EXPECT_EQ(records[0].action(), v1::AUDIT_ACTION_RECORD_ACTION);
}

TEST_F(FindingsStoreTest, AnUnchangedActionIsAuditedAndNothingElse) {
  common::AuditEvent event = Recording("c1");
  ASSERT_TRUE(store_
                  ->UpdateAction(kInspection, "r1", "a",
                                 NextAction(v1::ACTION_STATUS_PLANNED), event)
                  .ok());
  auto same = store_->UpdateAction(
      kInspection, "r1", "a",
      [](const std::optional<v1::Action>&)
          -> absl::StatusOr<std::optional<ActionUpdate>> {
        return std::optional<ActionUpdate>();
      },
      event);
  ASSERT_TRUE(same.ok()) << same.status();
  EXPECT_EQ(same->revision(), 1);
  auto history = store_->ScanActionHistory(kInspection, "r1", "a", "", 10);
  ASSERT_TRUE(history.ok());
  EXPECT_EQ(history->size(), 1u);
  std::vector<v1::AuditRecord> records;
  EXPECT_TRUE(VerifiedTrail(&records).intact());
  EXPECT_EQ(records.size(), 2u);
}

TEST_F(FindingsStoreTest, ScanInspectionsListsEveryInspectionReceived) {
  ASSERT_TRUE(store_->ApplyChange(InspectionChange(1)).ok());
  auto inspections = store_->ScanInspections();
  ASSERT_TRUE(inspections.ok()) << inspections.status();
  ASSERT_EQ(inspections->size(), 1u);
  EXPECT_EQ((*inspections)[0].key, kInspection);
  EXPECT_EQ((*inspections)[0].value.yot(), kYot);
}

// A store written before recommendations existed has ten column families:
// it opens, gains the two new ones empty, and keeps what it held.
TEST_F(FindingsStoreTest, AStoreFromBeforeRecommendationsOpensAndGainsThem) {
  store_.reset();
  const std::string path = dir_.Sub("older");
  {
    std::vector<rocksdb::ColumnFamilyDescriptor> descriptors;
    for (size_t i = 0; i <= static_cast<size_t>(ColumnFamily::kVictimCases);
         ++i) {
      descriptors.emplace_back(std::string(kColumnFamilyNames[i]),
                               rocksdb::ColumnFamilyOptions());
    }
    rocksdb::DBOptions options;
    options.create_if_missing = true;
    options.create_missing_column_families = true;
    std::vector<rocksdb::ColumnFamilyHandle*> handles;
    rocksdb::DB* raw = nullptr;
    ASSERT_TRUE(
        rocksdb::DB::Open(options, path, descriptors, &handles, &raw).ok());
    std::unique_ptr<rocksdb::DB> db(raw);
    ASSERT_TRUE(db->Put(rocksdb::WriteOptions(),
                        handles[static_cast<size_t>(ColumnFamily::kMeta)],
                        std::string(kCursorKey), EncodeUint64(7))
                    .ok());
    for (auto* handle : handles) db->DestroyColumnFamilyHandle(handle);
  }
  auto store = FindingsStore::Open({path, false});
  ASSERT_TRUE(store.ok()) << store.status();
  EXPECT_EQ((*store)->Cursor(), 7u);
  auto none = (*store)->ScanRecommendations(kInspection);
  ASSERT_TRUE(none.ok()) << none.status();
  EXPECT_TRUE(none->empty());
  EXPECT_TRUE((*store)
                  ->UpdateRecommendation(kInspection, "r1",
                                         NextRecommendation("kept"),
                                         Recording("c1"))
                  .ok());
}

TEST_F(FindingsStoreTest, ASecondOpenOfTheSameFolderIsRefused) {
  auto second = FindingsStore::Open({dir_.Sub("store"), false});
  EXPECT_EQ(second.status().code(), absl::StatusCode::kFailedPrecondition);
}

}  // namespace
}  // namespace yjinspect::findings
