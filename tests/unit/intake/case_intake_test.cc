// services/intake/case_intake.h on a real intake store, without gRPC:
// cases are stored pseudonymised with an etag and a change-log entry, a
// refused request stores nothing, resubmissions are idempotent, updates
// obey the etag, reads and lists page through the store, and an erasure
// removes the case's content from the log and is audited.

#include "services/intake/case_intake.h"

#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "common/error_details.h"
#include "common/error_reasons.h"
#include "common/field_violations.h"
#include "gmock/gmock.h"
#include "google/protobuf/util/time_util.h"
#include "gtest/gtest.h"
#include "tests/testing/case_builder.h"
#include "tests/testing/empty_intake_store.h"
#include "tests/testing/matchers.h"
#include "tests/testing/status_matchers.h"
#include "tests/unit/intake/intake_domain_fixture.h"
#include "tests/unit/intake/violation_rows.h"

namespace yjinspect::intake {
namespace {

using testing::HasReason;
using testing::StatusIs;
using testing::ViolatedFields;

std::vector<std::string> Names(const v1::ListCasesResponse& page) {
  std::vector<std::string> names;
  for (const v1::Case& c : page.cases()) names.push_back(c.name());
  return names;
}

class CaseIntakeTest : public IntakeDomainTest {
 protected:
  absl::StatusOr<v1::ListCasesResponse> List(const std::string& parent,
                                             int page_size,
                                             const std::string& token = "") {
    v1::ListCasesRequest request;
    request.set_parent(parent);
    request.set_page_size(page_size);
    request.set_page_token(token);
    return cases_->ListCases(request);
  }
  absl::StatusOr<v1::Case> Get(const std::string& name) {
    v1::GetCaseRequest request;
    request.set_name(name);
    return cases_->GetCase(request);
  }
  // A change to the stored `c`, guarded by `etag` (none: unguarded).
  static v1::UpdateCaseRequest AgeChange(const v1::Case& c, int age,
                                         const std::string& etag) {
    v1::UpdateCaseRequest request;
    *request.mutable_case_() = c;
    request.mutable_case_()->mutable_child()->set_age_at_sentence(age);
    request.set_etag(etag);
    return request;
  }
};

TEST_F(CaseIntakeTest, ACreatedCaseIsStoredPseudonymisedWithEtagAndChange) {
  auto created = Create(testing::ValidCreateCaseRequest(kYot, "NM-0001"));
  ASSERT_TRUE(created.ok()) << created.status();
  EXPECT_TRUE(created->created);
  const v1::Case& c = created->stored;
  EXPECT_EQ(c.name(), "yots/northmoor/cases/NM-0001");
  // The YOT's own reference never reaches the store.
  EXPECT_NE(c.child().reference(), "CH-NM-0001");
  EXPECT_TRUE(ReferencePseudonyms::IsPseudonym(c.child().reference()));
  EXPECT_EQ(c.child().reference(), pseudonyms_.OfChild(kYot, "CH-NM-0001"));
  EXPECT_FALSE(c.etag().empty());
  EXPECT_TRUE(c.has_create_time());
  EXPECT_EQ(c.update_time(), c.create_time());

  auto stored = StoredCase(c.name());
  ASSERT_TRUE(stored.has_value());
  EXPECT_EQ(stored->case_().etag(), c.etag());
  EXPECT_THAT(stored->change_sequences(), ElementsAre(1u));
  auto changes = Changes();
  ASSERT_EQ(changes.size(), 1u);
  EXPECT_EQ(changes[0].case_stored().name(), c.name());
  // The log names the content by its etag; the content is the record.
  EXPECT_EQ(changes[0].case_stored().etag(), c.etag());
  EXPECT_FALSE(changes[0].case_stored().has_child());
  // Not for the findings service until the case is sampled.
  EXPECT_FALSE(changes[0].for_findings());
}

TEST_F(CaseIntakeTest, AnInvalidCreateNamesTheFieldsAndStoresNothing) {
  v1::CreateCaseRequest request =
      testing::ValidCreateCaseRequest(kYot, "NM-0001");
  request.set_parent("northmoor");
  request.set_case_id("");
  auto refused = Create(request);
  EXPECT_EQ(refused.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(ViolatedFields(refused.status()),
              ElementsAre("parent", "case_id"));
  EXPECT_EQ(store_->HeadSequence(), 0u);
  auto all = List("yots/-", 10);
  ASSERT_TRUE(all.ok()) << all.status();
  EXPECT_THAT(all->cases(), IsEmpty());
}

TEST_F(CaseIntakeTest, AnInvalidCreateNeverReachesTheStore) {
  testing::EmptyIntakeStore empty;
  CaseIntake cases(empty, pseudonyms_);
  v1::CreateCaseRequest bad = testing::ValidCreateCaseRequest(kYot, "NM-1");
  bad.mutable_case_()->mutable_child()->set_age_at_sentence(3);
  auto refused = Await<absl::StatusOr<StoredCaseResult>>(
      [&](auto done) { cases.CreateCase(bad, std::move(done)); });
  EXPECT_EQ(refused.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(ViolatedFields(refused.status()),
              ElementsAre("case.child.age_at_sentence"));
  EXPECT_EQ(empty.commits(), 0);
  auto accepted = Await<absl::StatusOr<StoredCaseResult>>([&](auto done) {
    cases.CreateCase(testing::ValidCreateCaseRequest(kYot, "NM-1"),
                     std::move(done));
  });
  EXPECT_TRUE(accepted.ok()) << accepted.status();
  EXPECT_EQ(empty.commits(), 1);
}

TEST_F(CaseIntakeTest, ResubmittingTheSameCaseChangesNothing) {
  auto first = Create(testing::ValidCreateCaseRequest(kYot, "NM-0001"));
  ASSERT_TRUE(first.ok()) << first.status();
  auto again = Create(testing::ValidCreateCaseRequest(kYot, "NM-0001"));
  ASSERT_TRUE(again.ok()) << again.status();
  EXPECT_FALSE(again->created);
  EXPECT_EQ(again->stored.etag(), first->stored.etag());
  EXPECT_EQ(again->stored.create_time(), first->stored.create_time());
  EXPECT_EQ(store_->HeadSequence(), 1u);
}

TEST_F(CaseIntakeTest, TheSameIdWithOtherContentIsAlreadyExists) {
  ASSERT_TRUE(Create(testing::ValidCreateCaseRequest(kYot, "NM-0001")).ok());
  v1::CreateCaseRequest changed =
      testing::ValidCreateCaseRequest(kYot, "NM-0001");
  changed.mutable_case_()->mutable_child()->set_age_at_sentence(16);
  auto refused = Create(changed);
  EXPECT_THAT(refused.status(), StatusIs(absl::StatusCode::kAlreadyExists,
                                         HasSubstr("DeleteCase")));
  EXPECT_THAT(refused.status(), HasReason(common::kCaseExistsWithOtherContent));
  EXPECT_EQ(
      common::ErrorInfoOf(refused.status())->metadata,
      (common::ErrorMetadata{{"resource", "yots/northmoor/cases/NM-0001"}}));
  EXPECT_EQ(store_->HeadSequence(), 1u);
  EXPECT_EQ(StoredCase("yots/northmoor/cases/NM-0001")
                ->case_()
                .child()
                .age_at_sentence(),
            15);
}

TEST_F(CaseIntakeTest, ARequestIdReusedForAnotherRequestIsAlreadyExists) {
  v1::CreateCaseRequest first = testing::ValidCreateCaseRequest(kYot, "NM-1");
  first.set_request_id("req-0001");
  ASSERT_TRUE(Create(first).ok());
  v1::CreateCaseRequest other = testing::ValidCreateCaseRequest(kYot, "NM-2");
  other.set_request_id("req-0001");
  auto refused = Create(other);
  EXPECT_THAT(refused.status(), StatusIs(absl::StatusCode::kAlreadyExists,
                                         HasSubstr("use a new request_id")));
  EXPECT_THAT(refused.status(), HasReason(common::kRequestIdReused));
  EXPECT_FALSE(StoredCase("yots/northmoor/cases/NM-2").has_value());
}

TEST_F(CaseIntakeTest, ARetryAfterAnUpdateAnswersTheCaseAsItIsNow) {
  v1::CreateCaseRequest request = testing::ValidCreateCaseRequest(kYot, "R");
  request.set_request_id("req-retry");
  auto first = Create(request);
  ASSERT_TRUE(first.ok()) << first.status();
  auto corrected = Update(AgeChange(first->stored, 16, first->stored.etag()));
  ASSERT_TRUE(corrected.ok()) << corrected.status();
  const uint64_t head = store_->HeadSequence();
  auto retried = Create(request);
  ASSERT_TRUE(retried.ok()) << retried.status();
  EXPECT_FALSE(retried->created);
  EXPECT_EQ(retried->stored.etag(), corrected->etag());
  EXPECT_EQ(store_->HeadSequence(), head);
}

TEST_F(CaseIntakeTest, ALateRetryDoesNotBringAnErasedCaseBack) {
  v1::CreateCaseRequest request = testing::ValidCreateCaseRequest(kYot, "E");
  request.set_request_id("req-late");
  auto first = Create(request);
  ASSERT_TRUE(first.ok()) << first.status();
  ASSERT_TRUE(Delete(first->stored.name()).ok());
  const uint64_t head = store_->HeadSequence();
  auto retried = Create(request);
  EXPECT_THAT(retried.status(), StatusIs(absl::StatusCode::kFailedPrecondition,
                                         HasSubstr("new request_id")));
  EXPECT_THAT(retried.status(), HasReason(common::kCaseErased));
  ASSERT_EQ(common::PreconditionViolationsOf(retried.status()).size(), 1u);
  EXPECT_EQ(common::PreconditionViolationsOf(retried.status())[0].subject,
            first->stored.name());
  EXPECT_FALSE(StoredCase(first->stored.name()).has_value());
  EXPECT_EQ(store_->HeadSequence(), head);
}

TEST_F(CaseIntakeTest, ABatchAnswersEachRequestInOrderAndRefusesAlone) {
  v1::CreateCaseRequest bad = testing::ValidCreateCaseRequest(kYot, "B-2");
  bad.set_parent("");
  auto results = CreateMany({testing::ValidCreateCaseRequest(kYot, "B-1"), bad,
                             testing::ValidCreateCaseRequest(kYot, "B-3"),
                             testing::ValidCreateCaseRequest(kYot, "B-1")});
  ASSERT_EQ(results.size(), 4u);
  ASSERT_TRUE(results[0].ok()) << results[0].status();
  EXPECT_TRUE(results[0]->created);
  EXPECT_EQ(results[1].status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(ViolatedFields(results[1].status()), ElementsAre("parent"));
  ASSERT_TRUE(results[2].ok()) << results[2].status();
  EXPECT_EQ(results[2]->stored.name(), "yots/northmoor/cases/B-3");
  // The repeat sees the first, stored earlier in the same commit.
  ASSERT_TRUE(results[3].ok()) << results[3].status();
  EXPECT_FALSE(results[3]->created);
  EXPECT_EQ(store_->HeadSequence(), 2u);
  EXPECT_TRUE(CreateMany({}).empty());
}

TEST_F(CaseIntakeTest, GetAnswersTheStoredCase) {
  auto created = Create(testing::ValidCreateCaseRequest(kYot, "NM-0001"));
  ASSERT_TRUE(created.ok()) << created.status();
  auto read = Get("yots/northmoor/cases/NM-0001");
  ASSERT_TRUE(read.ok()) << read.status();
  EXPECT_EQ(read->etag(), created->stored.etag());
  EXPECT_EQ(read->child().reference(), created->stored.child().reference());
}

TEST_F(CaseIntakeTest, GetOfAnUnknownOrMalformedNameIsRefused) {
  auto unknown = Get("yots/northmoor/cases/NM-9999");
  EXPECT_THAT(unknown.status(),
              StatusIs(absl::StatusCode::kNotFound,
                       HasSubstr("yots/northmoor/cases/NM-9999")));
  auto malformed = Get("cases/NM-9999");
  EXPECT_EQ(malformed.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(ViolatedFields(malformed.status()), ElementsAre("name"));
}

TEST_F(CaseIntakeTest, ListPagesThroughOneYotInNameOrder) {
  for (const char* id : {"C", "A", "B"}) {
    ASSERT_TRUE(Create(testing::ValidCreateCaseRequest(kYot, id)).ok());
  }
  ASSERT_TRUE(Create(testing::ValidCreateCaseRequest("southvale", "A")).ok());
  auto first = List("yots/northmoor", 2);
  ASSERT_TRUE(first.ok()) << first.status();
  EXPECT_THAT(Names(*first),
              ElementsAre("yots/northmoor/cases/A", "yots/northmoor/cases/B"));
  ASSERT_FALSE(first->next_page_token().empty());
  auto second = List("yots/northmoor", 2, first->next_page_token());
  ASSERT_TRUE(second.ok()) << second.status();
  EXPECT_THAT(Names(*second), ElementsAre("yots/northmoor/cases/C"));
  EXPECT_TRUE(second->next_page_token().empty());

  auto every_yot = List("yots/-", 10);
  ASSERT_TRUE(every_yot.ok()) << every_yot.status();
  EXPECT_EQ(every_yot->cases_size(), 4);
}

TEST_F(CaseIntakeTest, ListRefusesABadParentPageSizeOrAnotherListsToken) {
  ASSERT_TRUE(Create(testing::ValidCreateCaseRequest(kYot, "A")).ok());
  ASSERT_TRUE(Create(testing::ValidCreateCaseRequest(kYot, "B")).ok());
  auto bad = List("northmoor", -1);
  EXPECT_EQ(bad.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(ViolatedFields(bad.status()), ElementsAre("parent", "page_size"));
  auto missing = List("", 10);
  EXPECT_THAT(ViolatedFields(missing.status()), ElementsAre("parent"));

  auto page = List("yots/northmoor", 1);
  ASSERT_TRUE(page.ok()) << page.status();
  auto replayed = List("yots/southvale", 1, page->next_page_token());
  EXPECT_EQ(replayed.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(ViolatedFields(replayed.status()), ElementsAre("page_token"));
}

TEST_F(CaseIntakeTest, AnUpdateWithTheCurrentEtagStoresTheNewContent) {
  auto created = Create(testing::ValidCreateCaseRequest(kYot, "NM-0001"));
  ASSERT_TRUE(created.ok()) << created.status();
  const v1::Case& before = created->stored;
  auto updated = Update(AgeChange(before, 16, before.etag()));
  ASSERT_TRUE(updated.ok()) << updated.status();
  EXPECT_EQ(updated->child().age_at_sentence(), 16);
  EXPECT_NE(updated->etag(), before.etag());
  EXPECT_EQ(updated->create_time(), before.create_time());
  EXPECT_TRUE(updated->has_update_time());
  // The reference sent back is the pseudonym; it stays the same.
  EXPECT_EQ(updated->child().reference(), before.child().reference());

  auto stored = StoredCase(before.name());
  ASSERT_TRUE(stored.has_value());
  EXPECT_EQ(stored->case_().etag(), updated->etag());
  EXPECT_THAT(stored->change_sequences(), ElementsAre(1u, 2u));
  auto changes = Changes(1);
  ASSERT_EQ(changes.size(), 1u);
  EXPECT_EQ(changes[0].case_stored().etag(), updated->etag());
  EXPECT_FALSE(changes[0].for_findings());
}

TEST_F(CaseIntakeTest, AnUpdateWithAStaleEtagIsAbortedAndStoresNothing) {
  auto created = Create(testing::ValidCreateCaseRequest(kYot, "NM-0001"));
  ASSERT_TRUE(created.ok()) << created.status();
  const std::string read_etag = created->stored.etag();
  ASSERT_TRUE(Update(AgeChange(created->stored, 16, read_etag)).ok());
  const uint64_t head = store_->HeadSequence();
  auto stale = Update(AgeChange(created->stored, 17, read_etag));
  EXPECT_THAT(stale.status(),
              StatusIs(absl::StatusCode::kAborted, HasSubstr("read it again")));
  EXPECT_THAT(stale.status(), HasReason(common::kEtagMismatch));
  // The resource to read again, and no etag: the message has them for a
  // person; metadata holds facts a program needs only.
  EXPECT_EQ(common::ErrorInfoOf(stale.status())->metadata,
            (common::ErrorMetadata{{"resource", created->stored.name()}}));
  EXPECT_EQ(store_->HeadSequence(), head);
  EXPECT_EQ(
      StoredCase(created->stored.name())->case_().child().age_at_sentence(),
      16);
}

TEST_F(CaseIntakeTest, AnUpdateWithoutAnEtagOrChangingNothing) {
  auto created = Create(testing::ValidCreateCaseRequest(kYot, "NM-0001"));
  ASSERT_TRUE(created.ok()) << created.status();
  auto same = Update(AgeChange(created->stored, 15, ""));
  ASSERT_TRUE(same.ok()) << same.status();
  EXPECT_EQ(same->etag(), created->stored.etag());
  EXPECT_EQ(store_->HeadSequence(), 1u);
  auto unguarded = Update(AgeChange(created->stored, 17, ""));
  ASSERT_TRUE(unguarded.ok()) << unguarded.status();
  EXPECT_EQ(unguarded->child().age_at_sentence(), 17);
  EXPECT_EQ(store_->HeadSequence(), 2u);
}

TEST_F(CaseIntakeTest, AnUpdateOfAnUnknownOrInvalidCaseIsRefused) {
  v1::Case ghost = testing::ValidCase("CH-0001");
  ghost.set_name("yots/northmoor/cases/NM-9999");
  auto unknown = Update(AgeChange(ghost, 16, ""));
  EXPECT_EQ(unknown.status().code(), absl::StatusCode::kNotFound);
  auto missing = Update(v1::UpdateCaseRequest());
  EXPECT_EQ(missing.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(ViolatedFields(missing.status()), ElementsAre("case"));
  auto invalid = Update(AgeChange(ghost, 3, ""));
  EXPECT_THAT(ViolatedFields(invalid.status()),
              ElementsAre("case.child.age_at_sentence"));
  EXPECT_EQ(store_->HeadSequence(), 0u);
}

TEST_F(CaseIntakeTest, AnUpdateOfASampledCaseGoesToTheFindingsService) {
  v1::Inspection inspection = InspectionWithSample(/*cases=*/1);
  ASSERT_EQ(inspection.sample().cases_size(), 1);
  auto read = Get(inspection.sample().cases(0));
  ASSERT_TRUE(read.ok()) << read.status();
  const uint64_t head = store_->HeadSequence();
  ASSERT_TRUE(Update(AgeChange(*read, 16, read->etag())).ok());
  auto changes = Changes(head);
  ASSERT_EQ(changes.size(), 1u);
  EXPECT_TRUE(changes[0].has_case_stored());
  EXPECT_TRUE(changes[0].for_findings());
}

TEST_F(CaseIntakeTest, AnErasureRewritesEveryChangeThatCarriedTheCase) {
  auto created = Create(testing::ValidCreateCaseRequest(kYot, "NM-0001"));
  ASSERT_TRUE(created.ok()) << created.status();
  ASSERT_TRUE(Create(testing::ValidCreateCaseRequest(kYot, "NM-0002")).ok());
  ASSERT_TRUE(
      Update(AgeChange(created->stored, 16, created->stored.etag())).ok());
  const std::string name = created->stored.name();
  ASSERT_TRUE(Delete(name, {}, "asked for by the family").ok());
  EXPECT_FALSE(StoredCase(name).has_value());
  EXPECT_EQ(erasures_purged_.load(), 1);

  auto changes = Changes();
  ASSERT_EQ(changes.size(), 4u);
  // 1 and 3 carried the case: now erasures, in place; 2 is another case; 4
  // is the erasure itself.
  for (size_t i : {0u, 2u, 3u}) {
    EXPECT_EQ(changes[i].sequence(), i + 1);
    EXPECT_FALSE(changes[i].has_case_stored()) << i;
    EXPECT_EQ(changes[i].case_erased().name(), name) << i;
    EXPECT_TRUE(changes[i].has_commit_time()) << i;
  }
  EXPECT_EQ(changes[1].case_stored().name(), "yots/northmoor/cases/NM-0002");
}

TEST_F(CaseIntakeTest, AnErasureOfAnUnknownOrMalformedNameIsRefused) {
  EXPECT_EQ(Delete("yots/northmoor/cases/NM-9999").code(),
            absl::StatusCode::kNotFound);
  absl::Status malformed = Delete("NM-9999");
  EXPECT_EQ(malformed.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(ViolatedFields(malformed), ElementsAre("name"));
  EXPECT_EQ(store_->HeadSequence(), 0u);
  EXPECT_EQ(erasures_purged_.load(), 0);
}

// An erasure is audited with the case's name and the outcome: in the
// erasure's own batch when it succeeds, on its own when it is refused.
TEST_F(CaseIntakeTest, AnErasureIsAuditedWhetherItSucceedsOrNot) {
  ASSERT_TRUE(Create(testing::ValidCreateCaseRequest(kYot, "NM-0001")).ok());
  common::AuditEvent audit{"caller-7", "intake-admin", "req-erase",
                           v1::AUDIT_ACTION_ERASE_CASE,
                           "yots/northmoor/cases/NM-0001"};
  ASSERT_TRUE(Delete(audit.resource, audit, "asked for by the family").ok());
  common::AuditEvent unknown = audit;
  unknown.resource = "yots/northmoor/cases/NM-9999";
  EXPECT_FALSE(Delete(unknown.resource, unknown).ok());
  common::AuditEvent malformed = audit;
  malformed.resource = "-";
  EXPECT_FALSE(Delete("NM-0001", malformed).ok());

  auto records = AuditRecords();
  ASSERT_EQ(records.size(), 3u);
  EXPECT_EQ(records[0].resource(), "yots/northmoor/cases/NM-0001");
  EXPECT_EQ(records[0].action(), v1::AUDIT_ACTION_ERASE_CASE);
  EXPECT_EQ(records[0].caller(), "caller-7");
  EXPECT_EQ(records[0].request_id(), "req-erase");
  EXPECT_EQ(records[0].outcome(), 0);
  EXPECT_EQ(records[1].resource(), "yots/northmoor/cases/NM-9999");
  EXPECT_EQ(records[1].outcome(),
            static_cast<int>(absl::StatusCode::kNotFound));
  EXPECT_EQ(records[2].resource(), "-");
  EXPECT_EQ(records[2].outcome(),
            static_cast<int>(absl::StatusCode::kInvalidArgument));
  // The reason is free text: never in the trail.
  for (const auto& record : records) {
    EXPECT_THAT(record.DebugString(), Not(HasSubstr("family")));
  }
}

TEST_F(CaseIntakeTest, AnErasureThatCannotBeAuditedIsUnavailable) {
  ASSERT_TRUE(Create(testing::ValidCreateCaseRequest(kYot, "NM-0001")).ok());
  store_->Close();
  absl::Status status = Delete("yots/northmoor/cases/NM-0001");
  EXPECT_EQ(status.code(), absl::StatusCode::kUnavailable);
  EXPECT_THAT(status.message(), HasSubstr("audit trail"));
  EXPECT_EQ(erasures_purged_.load(), 0);
}

}  // namespace
}  // namespace yjinspect::intake
