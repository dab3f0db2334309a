// services/intake/victim_case_sampling.h, called inside a commit as the
// sampling code will: the frame is the YOT's victims' cases; a victim's
// case put in a sample goes to the findings feed with its content, and so
// do its later updates and its erasure; a release keeps that.

#include "services/intake/victim_case_sampling.h"

#include <memory>
#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "services/intake/victim_case_intake.h"
#include "tests/testing/case_builder.h"
#include "tests/unit/intake/intake_domain_fixture.h"

namespace yjinspect::intake {
namespace {

constexpr char kVictimCase[] = "yots/northmoor/victimCases/V-0001";

class VictimCaseSamplingTest : public IntakeDomainTest {
 protected:
  void SetUp() override {
    IntakeDomainTest::SetUp();
    victims_ = std::make_unique<VictimCaseIntake>(*store_, pseudonyms_);
    ASSERT_TRUE(Create(testing::ValidCreateCaseRequest(kYot, "NM-0001")).ok());
    for (const char* id : {"V-0001", "V-0002"}) {
      auto created =
          Await<absl::StatusOr<StoredVictimCaseResult>>([&](auto done) {
            victims_->CreateVictimCase(
                testing::ValidCreateVictimCaseRequest(kYot, id), done);
          });
      ASSERT_TRUE(created.ok()) << created.status();
    }
  }
  void TearDown() override {
    victims_.reset();
    IntakeDomainTest::TearDown();
  }
  absl::Status InCommit(IntakeStore::Mutation mutation) {
    return Await<absl::Status>(
        [&](auto done) { store_->Commit(std::move(mutation), done); });
  }
  std::unique_ptr<VictimCaseIntake> victims_;
};

TEST_F(VictimCaseSamplingTest, TheFrameIsEveryVictimCaseOfTheYot) {
  std::vector<v1::VictimCase> frame;
  ASSERT_TRUE(InCommit([&](StoreTransaction& txn) -> absl::Status {
                auto found = VictimCaseFrame(txn, kYot);
                if (!found.ok()) return found.status();
                frame = *found;
                return absl::OkStatus();
              }).ok());
  ASSERT_EQ(frame.size(), 2u);
  EXPECT_EQ(frame[0].name(), kVictimCase);
  EXPECT_TRUE(frame[0].has_first_contact_date());
}

TEST_F(VictimCaseSamplingTest, ASampledVictimCaseAndItsChangesGoToFindings) {
  ASSERT_TRUE(InCommit([](StoreTransaction& txn) {
                return TakeVictimCaseIntoSample(txn, kInspection, kVictimCase);
              }).ok());
  auto feed = store_->ReadFeed(0, 100);
  ASSERT_TRUE(feed.ok());
  ASSERT_EQ(feed->size(), 1u);
  EXPECT_EQ((*feed)[0].victim_case_sampled().inspection(), kInspection);
  EXPECT_EQ((*feed)[0].victim_case_sampled().victim_case().name(), kVictimCase);
  auto stored = store_->GetVictimCase(kYot, "V-0001");
  ASSERT_TRUE(stored.ok() && stored->has_value());
  EXPECT_TRUE((*stored)->delivered_to_findings());
  EXPECT_EQ((*stored)->sampled_by_size(), 1);

  // Released from the sample, its update still goes to findings.
  ASSERT_TRUE(InCommit([](StoreTransaction& txn) {
                return ReleaseVictimCaseFromSample(txn, kInspection,
                                                   kVictimCase);
              }).ok());
  v1::UpdateVictimCaseRequest update;
  update.mutable_victim_case()->set_name(kVictimCase);
  update.mutable_victim_case()->add_services_wanted(v1::VICTIM_SERVICE_SUPPORT);
  update.mutable_update_mask()->add_paths("services_wanted");
  auto updated = Await<absl::StatusOr<v1::VictimCase>>(
      [&](auto done) { victims_->UpdateVictimCase(update, done); });
  ASSERT_TRUE(updated.ok()) << updated.status();
  feed = store_->ReadFeed(0, 100);
  ASSERT_TRUE(feed.ok());
  ASSERT_EQ(feed->size(), 2u);
  EXPECT_EQ((*feed)[1].victim_case_stored().name(), kVictimCase);

  // Its erasure too; the earlier feed entries become erasures.
  v1::DeleteVictimCaseRequest erase;
  erase.set_name(kVictimCase);
  ASSERT_TRUE(Await<absl::Status>([&](auto done) {
                victims_->DeleteVictimCase(erase, {}, done);
              }).ok());
  feed = store_->ReadFeed(0, 100);
  ASSERT_TRUE(feed.ok());
  ASSERT_EQ(feed->size(), 3u);
  for (const v1::Change& change : *feed) {
    EXPECT_EQ(change.victim_case_erased().name(), kVictimCase);
  }
}

// hmip-youth-2025 draws its victims' pool from the YOT's victims' cases
// first contacted in the pool's window (for the inspection announced
// 2014-12-01 with fieldwork from 2014-12-15: 2013-12-15 to 2014-11-03).
class VictimsPoolTest : public VictimCaseSamplingTest {
 protected:
  absl::StatusOr<v1::Inspection> Create2025Inspection() {
    v1::CreateInspectionRequest request =
        testing::ValidCreateInspectionRequest(kInspectionId, kYot);
    request.mutable_inspection()->set_framework_id("hmip-youth-2025");
    request.mutable_inspection()->set_framework_version("1");
    return Await<absl::StatusOr<v1::Inspection>>([&](auto done) {
      registry_->CreateInspection(request, kActor, std::move(done));
    });
  }
  void AddVictimFirstContacted(const std::string& id, int year, int month,
                               int day) {
    v1::CreateVictimCaseRequest request =
        testing::ValidCreateVictimCaseRequest(kYot, id);
    *request.mutable_victim_case()->mutable_first_contact_date() =
        testing::MakeDate(year, month, day);
    request.mutable_victim_case()->clear_police_information_date();
    auto created = Await<absl::StatusOr<StoredVictimCaseResult>>(
        [&](auto done) { victims_->CreateVictimCase(request, done); });
    ASSERT_TRUE(created.ok()) << created.status();
  }
  static const v1::PoolSample* Victims(const v1::Inspection& inspection) {
    for (const auto& pool : inspection.sample().pools()) {
      if (pool.pool_id() == "victims") return &pool;
    }
    return nullptr;
  }
};

TEST_F(VictimsPoolTest, TheDrawTakesTheVictimsCasesContactedInTheWindow) {
  AddVictimFirstContacted("V-LAST", 2014, 11, 3);
  AddVictimFirstContacted("V-LATE", 2014, 11, 4);
  ASSERT_TRUE(Create2025Inspection().ok());
  auto drawn = Draw(3);
  ASSERT_TRUE(drawn.ok()) << drawn.status();
  const v1::PoolSample* victims = Victims(*drawn);
  ASSERT_NE(victims, nullptr);
  EXPECT_EQ(victims->records(), v1::POOL_RECORDS_VICTIM_CASES);
  // Three in the window, fewer than the pool's minimum of nine: all taken.
  EXPECT_EQ(victims->frame_size(), 3);
  EXPECT_THAT(victims->cases(),
              ::testing::UnorderedElementsAre(
                  kVictimCase, "yots/northmoor/victimCases/V-0002",
                  "yots/northmoor/victimCases/V-LAST"));
  // Stratified by the related child's disposal.
  ASSERT_EQ(victims->strata_size(), 1);
  EXPECT_EQ(victims->strata(0).disposal_type(),
            v1::DISPOSAL_TYPE_REFERRAL_ORDER);
  auto stored = store_->GetVictimCase(kYot, "V-LAST");
  ASSERT_TRUE(stored.ok() && stored->has_value());
  EXPECT_EQ((*stored)->sampled_by_size(), 1);
  EXPECT_TRUE((*stored)->delivered_to_findings());

  // A reset releases them.
  ASSERT_TRUE(Reset("a victim's case was wrongly recorded").ok());
  stored = store_->GetVictimCase(kYot, "V-LAST");
  ASSERT_TRUE(stored.ok() && stored->has_value());
  EXPECT_EQ((*stored)->sampled_by_size(), 0);
}

TEST_F(VictimsPoolTest, NamedVictimsCasesAreCheckedAgainstTheirPool) {
  AddVictimFirstContacted("V-LATE", 2014, 11, 4);
  ASSERT_TRUE(Create2025Inspection().ok());
  auto refused = Draw(0, {"yots/northmoor/victimCases/V-LATE",
                          "yots/northmoor/victimCases/V-404",
                          "yots/southvale/victimCases/V-0001"});
  ASSERT_EQ(refused.status().code(), absl::StatusCode::kInvalidArgument);
  const std::string message(refused.status().message());
  EXPECT_THAT(message, ::testing::HasSubstr(
                           "first contacted 2014-11-04, after the latest "
                           "eligible day 2014-11-03"));
  EXPECT_THAT(message, ::testing::HasSubstr("does not exist"));
  EXPECT_THAT(message, ::testing::HasSubstr("is not a victim's case of"));

  auto named = Draw(0, {kVictimCase, "yots/northmoor/cases/NM-0001"});
  ASSERT_TRUE(named.ok()) << named.status();
  EXPECT_THAT(Victims(*named)->cases(), ::testing::ElementsAre(kVictimCase));
  EXPECT_EQ(named->sample().sample_size(), 2);
}

TEST_F(VictimCaseSamplingTest, AFrameworkWithoutVictimsRefusesANamedOne) {
  ASSERT_TRUE(CreateInspection().ok());  // sqs-2014
  auto refused = Draw(0, {kVictimCase});
  ASSERT_EQ(refused.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(std::string(refused.status().message()),
              ::testing::HasSubstr("samples no victims' cases"));
}

TEST_F(VictimCaseSamplingTest, AnUnknownOrMalformedVictimCaseIsRefused) {
  EXPECT_EQ(InCommit([](StoreTransaction& txn) {
              return TakeVictimCaseIntoSample(
                  txn, kInspection, "yots/northmoor/victimCases/V-404");
            }).code(),
            absl::StatusCode::kNotFound);
  EXPECT_EQ(InCommit([](StoreTransaction& txn) {
              return TakeVictimCaseIntoSample(txn, kInspection, "V-0001");
            }).code(),
            absl::StatusCode::kInvalidArgument);
  auto feed = store_->ReadFeed(0, 100);
  ASSERT_TRUE(feed.ok());
  EXPECT_TRUE(feed->empty());
}

}  // namespace
}  // namespace yjinspect::intake
