// The intake service through real gRPC calls: creation, idempotency,
// pagination, bulk loads, erasure, inspections, health and reflection.

#include <set>
#include <string>

#include "absl/strings/str_cat.h"
#include "common/rpc/grpc_status.h"
#include "gmock/gmock.h"
#include "google/protobuf/util/message_differencer.h"
#include "grpc/health/v1/health.grpc.pb.h"
#include "grpcpp/grpcpp.h"
#include "gtest/gtest.h"
#include "tests/testing/case_builder.h"
#include "tests/testing/intake_harness.h"
#include "tests/testing/unary_call.h"

namespace yjinspect {
namespace {

using ::google::protobuf::util::MessageDifferencer;
using testing::IntakeHarness;
using testing::ValidCreateCaseRequest;
using testing::ValidCreateInspectionRequest;

class IntakeServiceTest : public ::testing::Test {
 protected:
  IntakeHarness harness_{/*sync=*/false};

  grpc::Status Create(const v1::CreateCaseRequest& request, v1::Case* out) {
    return harness_.stub().CreateCase(IntakeHarness::Context().get(), request,
                                      out);
  }
};

TEST_F(IntakeServiceTest, CreateThenGetReturnsTheStoredCase) {
  v1::Case created;
  ASSERT_TRUE(
      Create(ValidCreateCaseRequest("northmoor", "NM-1"), &created).ok());
  EXPECT_EQ(created.name(), "yots/northmoor/cases/NM-1");
  EXPECT_TRUE(created.has_create_time());
  EXPECT_FALSE(created.etag().empty());

  v1::GetCaseRequest get;
  get.set_name("yots/northmoor/cases/NM-1");
  auto fetched = harness_.Call(&v1::CaseIntake::Stub::GetCase, get);
  ASSERT_TRUE(fetched.ok()) << fetched.status();
  EXPECT_TRUE(MessageDifferencer::Equals(created, *fetched));
}

TEST_F(IntakeServiceTest, OutputOnlyFieldsFromTheClientAreIgnored) {
  v1::CreateCaseRequest request = ValidCreateCaseRequest("northmoor", "NM-2");
  request.mutable_case_()->set_name("yots/elsewhere/cases/X");
  request.mutable_case_()->set_etag("forged");
  v1::Case created;
  ASSERT_TRUE(Create(request, &created).ok());
  EXPECT_EQ(created.name(), "yots/northmoor/cases/NM-2");
  EXPECT_NE(created.etag(), "forged");
}

TEST_F(IntakeServiceTest, IdenticalResubmissionReturnsTheStoredCase) {
  v1::Case first, second;
  auto request = ValidCreateCaseRequest("northmoor", "NM-3");
  ASSERT_TRUE(Create(request, &first).ok());
  ASSERT_TRUE(Create(request, &second).ok());
  EXPECT_TRUE(MessageDifferencer::Equals(first, second));
  EXPECT_EQ(harness_.server().store().HeadSequence(), 1u);
}

TEST_F(IntakeServiceTest, SameRequestIdReturnsTheStoredCase) {
  auto request = ValidCreateCaseRequest("northmoor", "NM-4");
  request.set_request_id("0b7c6a5e-1d7e-4c43-9f0a-1f4d3c2b1a00");
  v1::Case first, second;
  ASSERT_TRUE(Create(request, &first).ok());
  ASSERT_TRUE(Create(request, &second).ok());
  EXPECT_EQ(first.create_time().seconds(), second.create_time().seconds());
  EXPECT_EQ(first.create_time().nanos(), second.create_time().nanos());
  EXPECT_EQ(harness_.server().store().HeadSequence(), 1u);
}

TEST_F(IntakeServiceTest, SameReferenceDifferentContentIsAlreadyExists) {
  auto request = ValidCreateCaseRequest("northmoor", "NM-5");
  v1::Case created;
  ASSERT_TRUE(Create(request, &created).ok());
  request.mutable_case_()->mutable_child()->set_age_at_sentence(16);
  grpc::Status status = Create(request, &created);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::ALREADY_EXISTS);
  EXPECT_THAT(status.error_message(),
              ::testing::HasSubstr("yots/northmoor/cases/NM-5"));
}

TEST_F(IntakeServiceTest, ListCasesPagesThroughOneYotInOrder) {
  for (int i = 0; i < 7; ++i) {
    v1::Case created;
    ASSERT_TRUE(
        Create(ValidCreateCaseRequest("northmoor", absl::StrCat("NM-", i)),
               &created)
            .ok());
  }
  v1::Case other;
  ASSERT_TRUE(Create(ValidCreateCaseRequest("southvale", "SV-1"), &other).ok());

  std::vector<std::string> names;
  v1::ListCasesRequest list;
  list.set_parent("yots/northmoor");
  list.set_page_size(3);
  int pages = 0;
  do {
    v1::ListCasesResponse page;
    ASSERT_TRUE(harness_.stub()
                    .ListCases(IntakeHarness::Context().get(), list, &page)
                    .ok());
    EXPECT_LE(page.cases_size(), 3);
    for (const auto& c : page.cases()) names.push_back(c.name());
    list.set_page_token(page.next_page_token());
    ++pages;
  } while (!list.page_token().empty());
  EXPECT_EQ(pages, 3);
  ASSERT_EQ(names.size(), 7u);
  EXPECT_TRUE(std::is_sorted(names.begin(), names.end()));
  EXPECT_EQ(std::set<std::string>(names.begin(), names.end()).size(), 7u);

  v1::ListCasesRequest all;
  all.set_parent("yots/-");
  v1::ListCasesResponse everything;
  ASSERT_TRUE(harness_.stub()
                  .ListCases(IntakeHarness::Context().get(), all, &everything)
                  .ok());
  EXPECT_EQ(everything.cases_size(), 8);
  EXPECT_TRUE(everything.next_page_token().empty());
}

TEST_F(IntakeServiceTest, BatchCreateReportsOneResultPerCase) {
  v1::BatchCreateCasesRequest chunk;
  for (int i = 0; i < 5; ++i) {
    *chunk.add_requests() =
        ValidCreateCaseRequest("northmoor", absl::StrCat("B-", i));
  }
  // Position 2 is invalid, position 3 repeats position 0 exactly.
  chunk.mutable_requests(2)
      ->mutable_case_()
      ->mutable_child()
      ->set_age_at_sentence(30);
  *chunk.mutable_requests(3) = chunk.requests(0);
  v1::BatchCreateCasesRequest second;
  *second.add_requests() = ValidCreateCaseRequest("northmoor", "B-9");
  v1::BatchCreateCasesResponse response;
  ASSERT_TRUE(
      testing::SendBatch(harness_.stub(), {chunk, second}, &response).ok());

  ASSERT_EQ(response.results_size(), 6);
  for (int i = 0; i < 6; ++i) EXPECT_EQ(response.results(i).index(), i);
  EXPECT_EQ(response.created_count(), 4);
  EXPECT_EQ(response.unchanged_count(), 1);
  EXPECT_EQ(response.failed_count(), 1);
  EXPECT_EQ(response.results(2).status().code(),
            static_cast<int>(grpc::StatusCode::INVALID_ARGUMENT));
  EXPECT_FALSE(response.results(3).created());
  EXPECT_EQ(response.results(3).status().code(), 0);
  EXPECT_EQ(response.results(5).name(), "yots/northmoor/cases/B-9");
  EXPECT_EQ(harness_.server().store().HeadSequence(), 4u);
}

TEST_F(IntakeServiceTest, DeleteErasesTheCaseAndItsLogContent) {
  v1::Case created;
  ASSERT_TRUE(
      Create(ValidCreateCaseRequest("northmoor", "NM-E"), &created).ok());
  v1::DeleteCaseRequest erase;
  erase.set_name(created.name());
  erase.set_reason("retention period ended");
  google::protobuf::Empty empty;
  ASSERT_TRUE(harness_.stub()
                  .DeleteCase(IntakeHarness::Context().get(), erase, &empty)
                  .ok());

  v1::GetCaseRequest get;
  get.set_name(created.name());
  v1::Case fetched;
  EXPECT_EQ(harness_.stub()
                .GetCase(IntakeHarness::Context().get(), get, &fetched)
                .error_code(),
            grpc::StatusCode::NOT_FOUND);
  auto changes = harness_.server().store().ReadChanges(0, 10);
  ASSERT_TRUE(changes.ok());
  ASSERT_EQ(changes->size(), 2u);
  for (const v1::Change& change : *changes) {
    EXPECT_TRUE(change.has_case_erased()) << change.DebugString();
    EXPECT_EQ(change.case_erased().name(), created.name());
  }
  EXPECT_EQ((*changes)[1].sequence(), 2u);
}

TEST_F(IntakeServiceTest, InspectionIsCreatedAnnouncedAndListedByYot) {
  v1::Inspection created;
  ASSERT_TRUE(harness_.stub()
                  .CreateInspection(IntakeHarness::Context().get(),
                                    ValidCreateInspectionRequest("nm-2014"),
                                    &created)
                  .ok());
  EXPECT_EQ(created.name(), "inspections/nm-2014");
  EXPECT_EQ(created.state(), v1::INSPECTION_STATE_ANNOUNCED);
  v1::Inspection other;
  ASSERT_TRUE(harness_.stub()
                  .CreateInspection(
                      IntakeHarness::Context().get(),
                      ValidCreateInspectionRequest("sv-2015", "southvale"),
                      &other)
                  .ok());

  v1::GetInspectionRequest get;
  get.set_name("inspections/nm-2014");
  auto fetched = harness_.Call(&v1::CaseIntake::Stub::GetInspection, get);
  ASSERT_TRUE(fetched.ok()) << fetched.status();
  EXPECT_TRUE(MessageDifferencer::Equals(created, *fetched));

  v1::ListInspectionsRequest list;
  list.set_yot("yots/southvale");
  v1::ListInspectionsResponse listed;
  ASSERT_TRUE(
      harness_.stub()
          .ListInspections(IntakeHarness::Context().get(), list, &listed)
          .ok());
  ASSERT_EQ(listed.inspections_size(), 1);
  EXPECT_EQ(listed.inspections(0).name(), "inspections/sv-2015");
}

TEST_F(IntakeServiceTest, InspectionWithoutIdGetsOneAndRetryFindsIt) {
  auto request = ValidCreateInspectionRequest("");
  request.set_request_id("retry-key-1");
  v1::Inspection first, second;
  ASSERT_TRUE(
      harness_.stub()
          .CreateInspection(IntakeHarness::Context().get(), request, &first)
          .ok());
  ASSERT_TRUE(
      harness_.stub()
          .CreateInspection(IntakeHarness::Context().get(), request, &second)
          .ok());
  EXPECT_THAT(first.name(), ::testing::StartsWith("inspections/insp-"));
  EXPECT_EQ(first.name(), second.name());
}

TEST_F(IntakeServiceTest, HealthServiceReportsServing) {
  auto health = grpc::health::v1::Health::NewStub(harness_.channel());
  for (const char* service : {"", "yjinspect.v1.CaseIntake"}) {
    grpc::health::v1::HealthCheckRequest request;
    request.set_service(service);
    grpc::health::v1::HealthCheckResponse response;
    ASSERT_TRUE(
        health->Check(IntakeHarness::Context().get(), request, &response).ok());
    EXPECT_EQ(response.status(),
              grpc::health::v1::HealthCheckResponse::SERVING);
  }
}

}  // namespace
}  // namespace yjinspect
