// Victims' cases over real gRPC, intake and findings in this process: the
// six RPCs (idempotent create, a bulk, etag, list pages, erasure), bad
// input refused with field violations and nothing stored, no victim's
// content in either service's log, and the findings service following a
// victim's case put in a sample (through the store hook the sampling code
// will call), then its update and its erasure, down to the disk.

#include <chrono>
#include <future>
#include <memory>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "common/error_reasons.h"
#include "common/field_violations.h"
#include "gmock/gmock.h"
#include "google/protobuf/util/time_util.h"
#include "gtest/gtest.h"
#include "services/intake/privacy/reference_pseudonyms.h"
#include "services/intake/victim_case_sampling.h"
#include "tests/integration/findings_fixture.h"
#include "tests/testing/captured_log.h"
#include "tests/testing/case_builder.h"
#include "tests/testing/disk_search.h"
#include "tests/testing/status_matchers.h"
#include "tests/testing/wait_until.h"

namespace yjinspect {
namespace {

using testing::Call;
using testing::HasReason;
using ::testing::HasSubstr;
using ::testing::Not;

using Stub = v1::CaseIntake::Stub;

// A distinctive reference, so a search of logs and files can find it.
constexpr char kRawReference[] = "QZVICTIM-7Q3X";

class VictimCasesTest : public FindingsTest {
 protected:
  void SetUp() override {
    FindingsTest::SetUp();
    auto related = common::ParseCaseName(caseload_.sampled[0]);
    ASSERT_TRUE(related.has_value());
    yot_ = related->yot;
    related_id_ = related->case_id;
  }

  v1::CreateVictimCaseRequest Valid(const std::string& id) {
    auto request = testing::ValidCreateVictimCaseRequest(yot_, id, related_id_);
    request.mutable_victim_case()->set_victim_reference(
        absl::StrCat(kRawReference, "-", id));
    return request;
  }
  absl::StatusOr<v1::VictimCase> CreateVictim(
      const v1::CreateVictimCaseRequest& request) {
    return Call(intake_.stub(), &Stub::CreateVictimCase, request);
  }
  absl::StatusOr<v1::VictimCase> GetVictim(const std::string& name) {
    v1::GetVictimCaseRequest request;
    request.set_name(name);
    return Call(intake_.stub(), &Stub::GetVictimCase, request);
  }
  absl::Status DeleteVictim(const std::string& name) {
    v1::DeleteVictimCaseRequest request;
    request.set_name(name);
    request.set_reason("retention period ended");
    return Call(intake_.stub(), &Stub::DeleteVictimCase, request).status();
  }
  // The sampling code's step, run in one intake commit.
  absl::Status Sample(const std::string& name) {
    auto done = std::make_shared<std::promise<absl::Status>>();
    auto answered = done->get_future();
    intake_.server().store().Commit(
        [inspection = caseload_.inspection.name(),
         name](intake::StoreTransaction& txn) {
          return intake::TakeVictimCaseIntoSample(txn, inspection, name);
        },
        [done](absl::Status status) { done->set_value(std::move(status)); });
    if (answered.wait_for(std::chrono::seconds(30)) !=
        std::future_status::ready) {
      return absl::DeadlineExceededError("no answer");
    }
    return answered.get();
  }
  std::optional<v1::VictimCase> AtFindings(const std::string& name) {
    auto found = findings_.server().store().GetVictimCase(name);
    EXPECT_TRUE(found.ok()) << found.status();
    return found.ok() ? *found : std::nullopt;
  }

  std::string yot_;
  std::string related_id_;
};

TEST_F(VictimCasesTest, CreateIsIdempotentAndGetAnswersIt) {
  auto created = CreateVictim(Valid("V-1"));
  ASSERT_TRUE(created.ok()) << created.status();
  EXPECT_EQ(created->name(), absl::StrCat("yots/", yot_, "/victimCases/V-1"));
  // Pseudonymised with the server's key, in the victims' domain.
  auto pseudonyms =
      intake::ReferencePseudonyms::FromKeyFile(intake_.pseudonym_key_file());
  ASSERT_TRUE(pseudonyms.ok()) << pseudonyms.status();
  const std::string raw = absl::StrCat(kRawReference, "-V-1");
  EXPECT_EQ(created->victim_reference(), pseudonyms->OfVictim(yot_, raw));
  EXPECT_NE(created->victim_reference(), intake_.PseudonymOf(yot_, raw));
  auto again = CreateVictim(Valid("V-1"));
  ASSERT_TRUE(again.ok()) << again.status();
  EXPECT_EQ(again->create_time(), created->create_time());
  EXPECT_EQ(again->etag(), created->etag());
  auto read = GetVictim(created->name());
  ASSERT_TRUE(read.ok());
  EXPECT_EQ(read->etag(), created->etag());
  EXPECT_EQ(GetVictim(absl::StrCat("yots/", yot_, "/victimCases/V-404"))
                .status()
                .code(),
            absl::StatusCode::kNotFound);
}

TEST_F(VictimCasesTest, BadInputIsRefusedWithFieldViolationsAndNotStored) {
  const uint64_t head = intake_.server().store().HeadSequence();
  auto request = Valid("V-1");
  request.mutable_victim_case()->clear_first_contact_date();
  request.mutable_victim_case()->set_restorative_justice_offer(
      v1::RESTORATIVE_JUSTICE_OFFER_NOT_OFFERED);
  auto refused = CreateVictim(request);
  ASSERT_EQ(refused.status().code(), absl::StatusCode::kInvalidArgument);
  std::vector<std::string> fields;
  for (const auto& v : common::ViolationsOf(refused.status())) {
    fields.push_back(v.field);
  }
  EXPECT_THAT(fields, ::testing::UnorderedElementsAre(
                          "victim_case.first_contact_date",
                          "victim_case.restorative_justice_uptake"));
  auto unrelated = Valid("V-2");
  unrelated.mutable_victim_case()->set_related_case(
      absl::StrCat("yots/", yot_, "/cases/NOT-STORED"));
  EXPECT_THAT(CreateVictim(unrelated).status(),
              HasReason(common::kRelatedCaseNotStored));
  EXPECT_EQ(intake_.server().store().HeadSequence(), head);
}

TEST_F(VictimCasesTest, AStaleEtagIsAbortedAndListsPage) {
  for (int i = 1; i <= 5; ++i) {
    ASSERT_TRUE(CreateVictim(Valid(absl::StrCat("V-", i))).ok());
  }
  auto current = GetVictim(absl::StrCat("yots/", yot_, "/victimCases/V-1"));
  ASSERT_TRUE(current.ok());
  v1::UpdateVictimCaseRequest update;
  *update.mutable_victim_case() = *current;
  update.mutable_victim_case()->set_safety_planning(
      v1::VICTIM_SAFETY_PLANNING_NOT_NEEDED);
  update.set_etag(current->etag());
  auto updated = Call(intake_.stub(), &Stub::UpdateVictimCase, update);
  ASSERT_TRUE(updated.ok()) << updated.status();
  // The etag read before is stale now.
  auto stale = Call(intake_.stub(), &Stub::UpdateVictimCase, update);
  EXPECT_EQ(stale.status().code(), absl::StatusCode::kAborted);
  EXPECT_THAT(stale.status(), HasReason(common::kEtagMismatch));

  v1::ListVictimCasesRequest list;
  list.set_parent(absl::StrCat("yots/", yot_));
  list.set_page_size(2);
  std::vector<std::string> names;
  do {
    auto page = Call(intake_.stub(), &Stub::ListVictimCases, list);
    ASSERT_TRUE(page.ok()) << page.status();
    for (const auto& c : page->victim_cases()) names.push_back(c.name());
    list.set_page_token(page->next_page_token());
  } while (!list.page_token().empty());
  EXPECT_EQ(names.size(), 5u);
}

TEST_F(VictimCasesTest, ABatchHasOneResultPerVictimCase) {
  v1::BatchCreateVictimCasesRequest batch;
  batch.set_parent(absl::StrCat("yots/", yot_));
  *batch.add_requests() = Valid("V-1");
  *batch.add_requests() = Valid("V-2");
  batch.mutable_requests(1)->mutable_victim_case()->clear_victim_kind();
  auto answered = Call(intake_.stub(), &Stub::BatchCreateVictimCases, batch);
  ASSERT_TRUE(answered.ok()) << answered.status();
  ASSERT_EQ(answered->results_size(), 2);
  EXPECT_EQ(answered->created_count(), 1);
  EXPECT_EQ(answered->failed_count(), 1);
  EXPECT_EQ(answered->results(1).name(),
            absl::StrCat("yots/", yot_, "/victimCases/V-2"));
  EXPECT_EQ(answered->results(1).status().code(),
            static_cast<int>(absl::StatusCode::kInvalidArgument));
  answered = Call(intake_.stub(), &Stub::BatchCreateVictimCases, batch);
  ASSERT_TRUE(answered.ok());
  EXPECT_EQ(answered->unchanged_count(), 1);
}

TEST_F(VictimCasesTest, FindingsFollowsASampledVictimCaseToItsErasure) {
  testing::CapturedLog log{spdlog::level::debug};
  auto created = CreateVictim(Valid("V-1"));
  ASSERT_TRUE(created.ok()) << created.status();
  auto kept = CreateVictim(Valid("V-2"));
  ASSERT_TRUE(kept.ok());
  const std::string name = created->name();
  ASSERT_TRUE(CaughtUp());
  // Not sampled: findings does not have it.
  EXPECT_FALSE(AtFindings(name).has_value());

  ASSERT_TRUE(Sample(name).ok());
  ASSERT_TRUE(Sample(kept->name()).ok());
  ASSERT_TRUE(CaughtUp());
  auto received = AtFindings(name);
  ASSERT_TRUE(received.has_value());
  EXPECT_EQ(received->etag(), created->etag());

  v1::UpdateVictimCaseRequest update;
  update.mutable_victim_case()->set_name(name);
  update.mutable_victim_case()->add_services_wanted(
      v1::VICTIM_SERVICE_REPARATION);
  update.mutable_update_mask()->add_paths("services_wanted");
  auto updated = Call(intake_.stub(), &Stub::UpdateVictimCase, update);
  ASSERT_TRUE(updated.ok()) << updated.status();
  ASSERT_TRUE(CaughtUp());
  received = AtFindings(name);
  ASSERT_TRUE(received.has_value());
  EXPECT_EQ(received->etag(), updated->etag());
  EXPECT_EQ(received->services_wanted_size(), 1);

  // Applying is idempotent: a fresh follower from nothing ends the same.
  ASSERT_TRUE(DeleteVictim(name).ok());
  ASSERT_TRUE(CaughtUp());
  EXPECT_FALSE(AtFindings(name).has_value());
  EXPECT_TRUE(AtFindings(kept->name()).has_value());
  testing::FindingsHarness fresh(intake_.address(), /*sync=*/false);
  ASSERT_TRUE(fresh.server().feed().WaitForCursor(
      intake_.server().store().HeadSequence(), kCatchUpTimeout));
  auto all = fresh.server().store().AllVictimCasesForTest();
  ASSERT_TRUE(all.ok());
  ASSERT_EQ(all->size(), 1u);
  EXPECT_EQ((*all)[0].name(), kept->name());

  // The findings trail holds the erasure and the receipt, by name only.
  auto trail = findings_.server().store().ReadAuditEntries(0, 1000);
  ASSERT_TRUE(trail.ok());
  bool erased = false;
  for (const auto& entry : *trail) {
    v1::AuditRecord record;
    ASSERT_TRUE(record.ParseFromString(entry.bytes));
    if (record.action() == v1::AUDIT_ACTION_APPLY_ERASURE &&
        record.resource() == name) {
      erased = true;
    }
  }
  EXPECT_TRUE(erased);

  // Both services purge; then no byte of the erased content is on disk,
  // while the kept victim's case is found by the same search.
  ASSERT_TRUE(
      intake_.server().purger().WaitForPurgedForTest(absl::Seconds(30)));
  ASSERT_TRUE(testing::WaitUntil(
      [this] { return findings_.server().purger().completed() >= 1; },
      absl::Seconds(30)));
  ASSERT_TRUE(
      findings_.server().purger().WaitForPurgedForTest(absl::Seconds(30)));
  const std::string text = log.Text();
  findings_.Stop();
  fresh.Stop();
  intake_.Stop();
  auto hits = [&](const std::string& value) {
    auto found = testing::FilesContaining(intake_.data_dir(), value);
    auto more = testing::FilesContaining(findings_.data_dir(), value);
    found.insert(found.end(), more.begin(), more.end());
    return found;
  };
  EXPECT_TRUE(hits(created->victim_reference()).empty());
  EXPECT_FALSE(hits(kept->victim_reference()).empty());
  EXPECT_TRUE(hits(kRawReference).empty());  // never stored at all

  // No victim's content in either service's log: neither the YOT's
  // reference nor its pseudonym.
  EXPECT_THAT(text, Not(HasSubstr(kRawReference)));
  EXPECT_THAT(text, Not(HasSubstr(created->victim_reference())));
  EXPECT_THAT(text, Not(HasSubstr(kept->victim_reference())));
  // The log does show the calls, by resource name.
  EXPECT_THAT(text, HasSubstr("DeleteVictimCase"));
}

}  // namespace
}  // namespace yjinspect
