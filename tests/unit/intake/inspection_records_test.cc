// services/intake/inspection_records.h: what "identical content" means for
// a created inspection, the stamp and log entry every stored change gets,
// the wording of states in messages, and the one-commit step on a stored
// inspection (NOT_FOUND, the change's own error undone, the answer as
// stored), on a real intake store.

#include "services/intake/inspection_records.h"

#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "google/protobuf/util/time_util.h"
#include "gtest/gtest.h"
#include "tests/testing/case_builder.h"
#include "tests/unit/intake/field_setter.h"
#include "tests/unit/intake/intake_domain_fixture.h"
#include "tests/unit/intake/violation_rows.h"

namespace yjinspect::intake {
namespace {

using ::testing::IsEmpty;

v1::Inspection ClientInspection() {
  return testing::ValidCreateInspectionRequest(kInspectionId, kYot)
      .inspection();
}

// ---- ClientContentFingerprint ----

TEST(ClientContentFingerprintTest, IgnoresWhatTheServiceAdds) {
  const v1::Inspection client = ClientInspection();
  v1::Inspection stored = client;
  stored.set_name(kInspection);
  stored.set_state(v1::INSPECTION_STATE_FIELDWORK);
  stored.set_etag("etag-1");
  stored.mutable_create_time()->set_seconds(1418601600);
  stored.add_transitions()->set_actor(kActor);
  stored.mutable_sample()->add_cases("yots/northmoor/cases/E-00");
  EXPECT_EQ(ClientContentFingerprint(stored), ClientContentFingerprint(client));
  EXPECT_FALSE(ClientContentFingerprint(client).empty());
}

struct ClientField {
  std::string name;
  testing::MessageMutation change;
};

void PrintTo(const ClientField& field, std::ostream* os) { *os << field.name; }

class ClientContentChangeTest : public ::testing::TestWithParam<ClientField> {};

TEST_P(ClientContentChangeTest, ChangesTheFingerprint) {
  const v1::Inspection client = ClientInspection();
  v1::Inspection changed = client;
  GetParam().change(changed);
  EXPECT_NE(ClientContentFingerprint(changed),
            ClientContentFingerprint(client));
}

INSTANTIATE_TEST_SUITE_P(
    EveryClientField, ClientContentChangeTest,
    ::testing::Values(
        ClientField{"Yot", testing::Set("yot", std::string("yots/southvale"))},
        ClientField{"YotDisplayName",
                    testing::Set("yot_display_name",
                                 std::string("Southvale Youth Justice"))},
        ClientField{
            "FrameworkId",
            testing::Set("framework_id", std::string("hmip-youth-2018"))},
        ClientField{"FrameworkVersion",
                    testing::Set("framework_version", std::string("2"))},
        ClientField{
            "AnnouncementDate",
            testing::Set("announcement_date", testing::MakeDate(2014, 12, 2))},
        ClientField{"FieldworkStartDate",
                    testing::Set("fieldwork_start_date",
                                 testing::MakeDate(2014, 12, 16))},
        ClientField{"FieldworkEndDate",
                    testing::Set("fieldwork_end_date",
                                 testing::MakeDate(2014, 12, 18))}),
    testing::RowName());

// ---- DescribeState, CheckInspectionName ----

TEST(DescribeStateTest, NamesTheInspectionAndItsState) {
  v1::Inspection inspection;
  inspection.set_name(kInspection);
  inspection.set_state(v1::INSPECTION_STATE_SAMPLE_DRAWN);
  EXPECT_EQ(DescribeState(inspection),
            "inspection inspections/northmoor-2014 is in state SAMPLE_DRAWN");
}

TEST(CheckInspectionNameTest, NamesTheFieldOfAMissingOrMalformedName) {
  EXPECT_TRUE(CheckInspectionName(kInspection).empty());
  for (const char* bad : {"", "northmoor-2014", "inspections/",
                          "inspections/Northmoor", "yots/northmoor"}) {
    const common::FieldViolations v = CheckInspectionName(bad);
    ASSERT_EQ(v.violations().size(), 1u) << bad;
    EXPECT_EQ(v.violations()[0].field, "name") << bad;
  }
  EXPECT_EQ(CheckInspectionName("").violations()[0].description, "is required");
}

// ---- On the store ----

class InspectionRecordsTest : public IntakeDomainTest {
 protected:
  // `inspection` stored by StoreInspectionChange, in a commit of its own.
  absl::Status StoreAndWait(const v1::Inspection& inspection) {
    IntakeStore::Mutation store = [inspection](StoreTransaction& txn) {
      StoreInspectionChange(txn, inspection);
      return absl::OkStatus();
    };
    return Await<absl::Status>(
        [&](auto done) { store_->Commit(std::move(store), std::move(done)); });
  }
  absl::StatusOr<v1::Inspection> Change(InspectionChange change,
                                        const std::string& name = kInspection) {
    return Await<absl::StatusOr<v1::Inspection>>([&](auto done) {
      CommitInspectionChange(*store_, std::move(change), name, std::move(done));
    });
  }
};

TEST_F(InspectionRecordsTest, AStoredChangeIsStampedAndLoggedForFindings) {
  v1::Inspection inspection = ClientInspection();
  inspection.set_name(kInspection);
  inspection.set_etag("stale-etag");
  ASSERT_TRUE(StoreAndWait(inspection).ok());
  auto stored = StoredInspection();
  ASSERT_TRUE(stored.has_value());
  EXPECT_FALSE(stored->etag().empty());
  EXPECT_NE(stored->etag(), "stale-etag");
  EXPECT_TRUE(stored->has_update_time());
  // A first store is also its creation.
  EXPECT_EQ(stored->create_time(), stored->update_time());

  auto changes = Changes();
  ASSERT_EQ(changes.size(), 1u);
  EXPECT_TRUE(changes[0].for_findings());
  EXPECT_EQ(changes[0].inspection_stored().DebugString(),
            stored->DebugString());
  EXPECT_EQ(stored->update_time(), changes[0].commit_time());
}

TEST_F(InspectionRecordsTest, ALaterChangeKeepsTheCreateTime) {
  auto created = CreateInspection();
  ASSERT_TRUE(created.ok()) << created.status();
  v1::Inspection changed = *created;
  changed.set_yot_display_name("Northmoor YJS");
  ASSERT_TRUE(StoreAndWait(changed).ok());
  auto stored = StoredInspection();
  ASSERT_TRUE(stored.has_value());
  EXPECT_EQ(stored->yot_display_name(), "Northmoor YJS");
  EXPECT_EQ(stored->create_time(), created->create_time());
  EXPECT_GE(stored->update_time(), created->update_time());
  EXPECT_NE(stored->etag(), created->etag());
}

TEST_F(InspectionRecordsTest, AChangeAnswersTheInspectionAsStored) {
  ASSERT_TRUE(CreateInspection().ok());
  auto changed = Change([](StoreTransaction& txn, v1::Inspection& inspection) {
    inspection.set_yot_display_name("Northmoor YJS");
    StoreInspectionChange(txn, inspection);
    return absl::OkStatus();
  });
  ASSERT_TRUE(changed.ok()) << changed.status();
  EXPECT_EQ(changed->yot_display_name(), "Northmoor YJS");
  // Stamped by the store step, not the copy the change held.
  EXPECT_EQ(changed->DebugString(), StoredInspection()->DebugString());
}

TEST_F(InspectionRecordsTest, AChangeThatStoresNothingAnswersItUnchanged) {
  auto created = CreateInspection();
  ASSERT_TRUE(created.ok()) << created.status();
  const uint64_t head = store_->HeadSequence();
  auto looked = Change([](StoreTransaction&, v1::Inspection& inspection) {
    inspection.set_yot_display_name("not stored");
    return absl::OkStatus();
  });
  ASSERT_TRUE(looked.ok()) << looked.status();
  EXPECT_EQ(looked->DebugString(), created->DebugString());
  EXPECT_EQ(store_->HeadSequence(), head);
}

TEST_F(InspectionRecordsTest, AFailedChangeIsUndoneAndAnswersItsError) {
  auto created = CreateInspection();
  ASSERT_TRUE(created.ok()) << created.status();
  const uint64_t head = store_->HeadSequence();
  auto failed = Change([](StoreTransaction& txn, v1::Inspection& inspection) {
    inspection.set_yot_display_name("half done");
    StoreInspectionChange(txn, inspection);
    return absl::FailedPreconditionError("refused after storing");
  });
  EXPECT_EQ(failed.status(),
            absl::FailedPreconditionError("refused after storing"));
  EXPECT_EQ(StoredInspection()->DebugString(), created->DebugString());
  EXPECT_EQ(store_->HeadSequence(), head);
}

TEST_F(InspectionRecordsTest, AChangeOfAnUnknownInspectionIsNotFound) {
  bool ran = false;
  auto missing = Change(
      [&ran](StoreTransaction&, v1::Inspection&) {
        ran = true;
        return absl::OkStatus();
      },
      "inspections/nobody");
  EXPECT_EQ(missing.status().code(), absl::StatusCode::kNotFound);
  EXPECT_EQ(missing.status().message(),
            "inspection inspections/nobody does not exist");
  EXPECT_FALSE(ran);
  EXPECT_THAT(Changes(), IsEmpty());
}

}  // namespace
}  // namespace yjinspect::intake
