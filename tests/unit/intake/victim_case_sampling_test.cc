// services/intake/victim_case_sampling.h, called inside a commit as the
// sampling code will: the frame is the YOT's victims' cases; a victim's
// case put in a sample goes to the findings feed with its content, and so
// do its later updates and its erasure; a release keeps that.

#include "services/intake/victim_case_sampling.h"

#include <memory>
#include <string>
#include <vector>

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
