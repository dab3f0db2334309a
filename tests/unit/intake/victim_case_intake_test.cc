// services/intake/victim_case_intake.h on a real intake store, without
// gRPC: victims' cases are stored with the victim's reference pseudonymised
// in its own domain, only when the related child's case is stored; a
// refused request stores nothing; resubmissions are idempotent; updates
// obey the etag and an update mask; lists page and filter; an erasure
// removes the content from the log and is audited.

#include "services/intake/victim_case_intake.h"

#include <memory>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "common/error_reasons.h"
#include "gmock/gmock.h"
#include "google/protobuf/util/time_util.h"
#include "gtest/gtest.h"
#include "tests/testing/case_builder.h"
#include "tests/testing/status_matchers.h"
#include "tests/unit/intake/intake_domain_fixture.h"
#include "tests/unit/intake/violation_rows.h"

namespace yjinspect::intake {
namespace {

using ::testing::ElementsAre;
using testing::HasReason;
using ::testing::HasSubstr;
using ::testing::Not;
using testing::ViolatedFields;

constexpr char kVictimCase[] = "yots/northmoor/victimCases/V-0001";

class VictimCaseIntakeTest : public IntakeDomainTest {
 protected:
  void SetUp() override {
    IntakeDomainTest::SetUp();
    victims_ = std::make_unique<VictimCaseIntake>(
        *store_, pseudonyms_, [this] { erasures_purged_.fetch_add(1); });
    ASSERT_TRUE(Create(testing::ValidCreateCaseRequest(kYot, "NM-0001")).ok());
  }
  void TearDown() override {
    victims_.reset();
    IntakeDomainTest::TearDown();
  }

  absl::StatusOr<StoredVictimCaseResult> CreateVictim(
      v1::CreateVictimCaseRequest request) {
    return Await<absl::StatusOr<StoredVictimCaseResult>>([&](auto done) {
      victims_->CreateVictimCase(std::move(request), std::move(done));
    });
  }
  absl::StatusOr<v1::VictimCase> UpdateVictim(
      const v1::UpdateVictimCaseRequest& request) {
    return Await<absl::StatusOr<v1::VictimCase>>([&](auto done) {
      victims_->UpdateVictimCase(request, std::move(done));
    });
  }
  absl::Status DeleteVictim(const std::string& name,
                            const common::AuditEvent& audit = {}) {
    v1::DeleteVictimCaseRequest request;
    request.set_name(name);
    request.set_reason("retention period ended");
    return Await<absl::Status>(
        [&](auto done) { victims_->DeleteVictimCase(request, audit, done); });
  }
  absl::StatusOr<v1::ListVictimCasesResponse> ListVictims(
      int page_size, const std::string& token = "",
      const std::string& related = "") {
    v1::ListVictimCasesRequest request;
    request.set_parent("yots/northmoor");
    request.set_page_size(page_size);
    request.set_page_token(token);
    request.set_related_case(related);
    return victims_->ListVictimCases(request);
  }
  std::optional<storage::v1::StoredVictimCase> StoredVictim(
      const std::string& id) {
    auto found = store_->GetVictimCase(kYot, id);
    EXPECT_TRUE(found.ok()) << found.status();
    return found.ok() ? *found : std::nullopt;
  }
  // Runs `mutation` in one commit, as the sampling code would.
  absl::Status InCommit(IntakeStore::Mutation mutation) {
    return Await<absl::Status>(
        [&](auto done) { store_->Commit(std::move(mutation), done); });
  }

  std::unique_ptr<VictimCaseIntake> victims_;
};

TEST_F(VictimCaseIntakeTest, ACreatedVictimCaseIsStoredPseudonymised) {
  auto created = CreateVictim(testing::ValidCreateVictimCaseRequest());
  ASSERT_TRUE(created.ok()) << created.status();
  EXPECT_TRUE(created->created);
  const v1::VictimCase& c = created->stored;
  EXPECT_EQ(c.name(), kVictimCase);
  EXPECT_EQ(c.victim_reference(), pseudonyms_.OfVictim(kYot, "VR-V-0001"));
  EXPECT_NE(c.victim_reference(), pseudonyms_.OfChild(kYot, "VR-V-0001"));
  EXPECT_FALSE(c.etag().empty());
  EXPECT_EQ(c.update_time(), c.create_time());
  auto changes = Changes();
  ASSERT_EQ(changes.size(), 2u);  // the child's case, then the victim's
  EXPECT_EQ(changes[1].victim_case_stored().name(), kVictimCase);
  EXPECT_FALSE(changes[1].for_findings());
  // The YOT's reference is nowhere in the store's records.
  EXPECT_THAT(changes[1].DebugString(), Not(HasSubstr("VR-V-0001")));
  EXPECT_THAT(StoredVictim("V-0001")->DebugString(),
              Not(HasSubstr("VR-V-0001")));
}

TEST_F(VictimCaseIntakeTest, AnInvalidCreateStoresNothing) {
  v1::CreateVictimCaseRequest request = testing::ValidCreateVictimCaseRequest();
  request.mutable_victim_case()->set_victim_reference("Jane Example");
  auto refused = CreateVictim(request);
  EXPECT_EQ(refused.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(ViolatedFields(refused.status()),
              ElementsAre("victim_case.victim_reference"));
  EXPECT_EQ(store_->HeadSequence(), 1u);
}

TEST_F(VictimCaseIntakeTest, AnUnstoredRelatedCaseIsAFailedPrecondition) {
  auto refused = CreateVictim(
      testing::ValidCreateVictimCaseRequest(kYot, "V-0001", "NM-0404"));
  EXPECT_EQ(refused.status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_THAT(refused.status(), HasReason(common::kRelatedCaseNotStored));
  EXPECT_FALSE(StoredVictim("V-0001").has_value());
  EXPECT_EQ(store_->HeadSequence(), 1u);
}

TEST_F(VictimCaseIntakeTest, ResubmissionIsIdempotentAndOtherContentIsNot) {
  v1::CreateVictimCaseRequest request = testing::ValidCreateVictimCaseRequest();
  request.set_request_id("req-1");
  auto first = CreateVictim(request);
  ASSERT_TRUE(first.ok()) << first.status();
  auto again = CreateVictim(request);
  ASSERT_TRUE(again.ok()) << again.status();
  EXPECT_FALSE(again->created);
  EXPECT_EQ(again->stored.etag(), first->stored.etag());
  request.clear_request_id();
  auto same_content = CreateVictim(request);
  ASSERT_TRUE(same_content.ok());
  EXPECT_FALSE(same_content->created);
  request.mutable_victim_case()->set_safety_planning(
      v1::VICTIM_SAFETY_PLANNING_NOT_PLANNED);
  EXPECT_THAT(CreateVictim(request).status(),
              HasReason(common::kCaseExistsWithOtherContent));
  request.set_request_id("req-1");
  EXPECT_THAT(CreateVictim(request).status(),
              HasReason(common::kRequestIdReused));
  EXPECT_EQ(store_->HeadSequence(), 2u);
}

TEST_F(VictimCaseIntakeTest, ABatchAnswersEachInOrderOrRefusesItWhole) {
  v1::BatchCreateVictimCasesRequest batch;
  batch.set_parent("yots/northmoor");
  *batch.add_requests() = testing::ValidCreateVictimCaseRequest();
  *batch.add_requests() =
      testing::ValidCreateVictimCaseRequest(kYot, "V-0002", "NM-0404");
  batch.mutable_requests(1)->clear_parent();
  *batch.add_requests() = testing::ValidCreateVictimCaseRequest(kYot, "V-0003");
  using Results = std::vector<absl::StatusOr<StoredVictimCaseResult>>;
  auto results = Await<absl::StatusOr<Results>>([&](auto done) {
    victims_->BatchCreateVictimCases(batch, std::move(done));
  });
  ASSERT_TRUE(results.ok()) << results.status();
  ASSERT_EQ(results->size(), 3u);
  EXPECT_TRUE((*results)[0].ok());
  EXPECT_THAT((*results)[1].status(), HasReason(common::kRelatedCaseNotStored));
  EXPECT_TRUE((*results)[2].ok());

  // A request of another YOT refuses the whole batch: nothing stored.
  const uint64_t head = store_->HeadSequence();
  batch.mutable_requests(1)->set_parent("yots/southmoor");
  auto refused = Await<absl::StatusOr<Results>>([&](auto done) {
    victims_->BatchCreateVictimCases(batch, std::move(done));
  });
  EXPECT_EQ(refused.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(ViolatedFields(refused.status()),
              ElementsAre("requests[1].parent"));
  EXPECT_EQ(store_->HeadSequence(), head);
}

TEST_F(VictimCaseIntakeTest, ListPagesAndFiltersByRelatedCase) {
  ASSERT_TRUE(Create(testing::ValidCreateCaseRequest(kYot, "NM-0002")).ok());
  for (int i = 1; i <= 5; ++i) {
    ASSERT_TRUE(CreateVictim(testing::ValidCreateVictimCaseRequest(
                                 kYot, absl::StrCat("V-000", i),
                                 i % 2 == 0 ? "NM-0002" : "NM-0001"))
                    .ok());
  }
  std::vector<std::string> names;
  std::string token;
  int pages = 0;
  do {
    auto page = ListVictims(2, token);
    ASSERT_TRUE(page.ok()) << page.status();
    for (const auto& c : page->victim_cases()) names.push_back(c.name());
    token = page->next_page_token();
    ++pages;
  } while (!token.empty());
  EXPECT_EQ(pages, 3);
  ASSERT_EQ(names.size(), 5u);
  EXPECT_EQ(names[4], "yots/northmoor/victimCases/V-0005");
  auto related = ListVictims(1, "", "yots/northmoor/cases/NM-0002");
  ASSERT_TRUE(related.ok());
  ASSERT_EQ(related->victim_cases_size(), 1);
  EXPECT_EQ(related->victim_cases(0).name(),
            "yots/northmoor/victimCases/V-0002");
  auto second = ListVictims(1, related->next_page_token(),
                            "yots/northmoor/cases/NM-0002");
  ASSERT_TRUE(second.ok());
  EXPECT_EQ(second->victim_cases(0).name(),
            "yots/northmoor/victimCases/V-0004");
  // A token of the filtered list is not one of the unfiltered list.
  EXPECT_EQ(ListVictims(2, related->next_page_token()).status().code(),
            absl::StatusCode::kInvalidArgument);
}

TEST_F(VictimCaseIntakeTest, AnUpdateObeysTheEtagAndTheMask) {
  auto created = CreateVictim(testing::ValidCreateVictimCaseRequest());
  ASSERT_TRUE(created.ok());
  v1::UpdateVictimCaseRequest update;
  update.mutable_victim_case()->set_name(kVictimCase);
  update.mutable_victim_case()->set_safety_planning(
      v1::VICTIM_SAFETY_PLANNING_NOT_PLANNED);
  update.mutable_update_mask()->add_paths("safety_planning");
  update.set_etag("stale");
  EXPECT_THAT(UpdateVictim(update).status(), HasReason(common::kEtagMismatch));
  update.set_etag(created->stored.etag());
  auto updated = UpdateVictim(update);
  ASSERT_TRUE(updated.ok()) << updated.status();
  EXPECT_EQ(updated->safety_planning(), v1::VICTIM_SAFETY_PLANNING_NOT_PLANNED);
  // Every other field kept its stored value.
  EXPECT_EQ(updated->victim_reference(), created->stored.victim_reference());
  EXPECT_EQ(updated->services_wanted_size(), 2);
  EXPECT_NE(updated->etag(), created->stored.etag());
  EXPECT_EQ(updated->create_time(), created->stored.create_time());

  // A masked change that breaks a rule is refused as a whole record.
  update.clear_etag();
  update.mutable_update_mask()->set_paths(0, "safety_assessment");
  update.mutable_victim_case()->set_safety_assessment(
      v1::VICTIM_SAFETY_ASSESSMENT_NOT_ASSESSED);
  EXPECT_THAT(ViolatedFields(UpdateVictim(update).status()),
              ElementsAre("victim_case.safety_planning"));
  // Output-only fields and unknown paths may not be named.
  update.mutable_update_mask()->set_paths(0, "etag");
  EXPECT_THAT(ViolatedFields(UpdateVictim(update).status()),
              ElementsAre("update_mask.paths[0]"));
  update.mutable_update_mask()->set_paths(0, "victim_name");
  EXPECT_THAT(ViolatedFields(UpdateVictim(update).status()),
              ElementsAre("update_mask.paths[0]"));
  // Relating it to a case that is not stored.
  update.mutable_update_mask()->set_paths(0, "related_case");
  update.mutable_victim_case()->set_related_case("yots/northmoor/cases/NM-9");
  EXPECT_THAT(UpdateVictim(update).status(),
              HasReason(common::kRelatedCaseNotStored));
  update.mutable_victim_case()->set_name("yots/northmoor/victimCases/V-404");
  EXPECT_EQ(UpdateVictim(update).status().code(), absl::StatusCode::kNotFound);
}

TEST_F(VictimCaseIntakeTest, AWholeUpdatePseudonymisesTheReference) {
  auto created = CreateVictim(testing::ValidCreateVictimCaseRequest());
  ASSERT_TRUE(created.ok());
  v1::UpdateVictimCaseRequest update;
  *update.mutable_victim_case() = created->stored;
  update.mutable_victim_case()->set_victim_reference("VR-OTHER");
  auto updated = UpdateVictim(update);
  ASSERT_TRUE(updated.ok()) << updated.status();
  EXPECT_EQ(updated->victim_reference(),
            pseudonyms_.OfVictim(kYot, "VR-OTHER"));
}

TEST_F(VictimCaseIntakeTest, AnErasureRewritesTheLogAndIsAudited) {
  auto created = CreateVictim(testing::ValidCreateVictimCaseRequest());
  ASSERT_TRUE(created.ok());
  common::AuditEvent audit{"caller-7", "yot-submitter", "req-erase",
                           v1::AUDIT_ACTION_ERASE_CASE, kVictimCase};
  ASSERT_TRUE(DeleteVictim(kVictimCase, audit).ok());
  EXPECT_FALSE(StoredVictim("V-0001").has_value());
  EXPECT_EQ(erasures_purged_.load(), 1);
  auto changes = Changes();
  ASSERT_EQ(changes.size(), 3u);
  for (size_t i : {1u, 2u}) {
    EXPECT_EQ(changes[i].victim_case_erased().name(), kVictimCase) << i;
    EXPECT_EQ(changes[i].sequence(), i + 1);
  }
  EXPECT_EQ(DeleteVictim(kVictimCase).code(), absl::StatusCode::kNotFound);
  EXPECT_EQ(DeleteVictim("V-0001").code(), absl::StatusCode::kInvalidArgument);
  auto records = AuditRecords();
  ASSERT_EQ(records.size(), 3u);
  EXPECT_EQ(records[0].resource(), kVictimCase);
  EXPECT_EQ(records[0].outcome(), 0);
  for (const auto& record : records) {
    EXPECT_THAT(record.DebugString(), Not(HasSubstr("retention")));
  }
  // A late retry of the create does not bring it back.
  v1::CreateVictimCaseRequest request = testing::ValidCreateVictimCaseRequest();
  EXPECT_TRUE(CreateVictim(request).ok());  // no request id: a new create
}

}  // namespace
}  // namespace yjinspect::intake
