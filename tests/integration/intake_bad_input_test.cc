// Bad input through real gRPC: every class of malformed request gets
// INVALID_ARGUMENT whose google.rpc.BadRequest names the field, and nothing
// is stored; unknown resources are NOT_FOUND and conflicting ones
// ALREADY_EXISTS.

#include <functional>
#include <ostream>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "common/field_violations.h"
#include "common/rpc/grpc_status.h"
#include "gmock/gmock.h"
#include "google/protobuf/util/message_differencer.h"
#include "grpcpp/grpcpp.h"
#include "gtest/gtest.h"
#include "tests/testing/case_builder.h"
#include "tests/testing/intake_harness.h"
#include "tests/testing/rich_error.h"
#include "tests/testing/unary_call.h"

namespace yjinspect {
namespace {

using ::google::protobuf::util::MessageDifferencer;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using testing::IntakeHarness;
using testing::MakeDate;
using ::testing::Not;
using testing::ValidCreateCaseRequest;
using testing::ValidCreateInspectionRequest;

// The fields named by the BadRequest detail of a call's status.
std::vector<std::string> ViolatedFields(const grpc::Status& status) {
  std::vector<std::string> fields;
  for (const auto& v : common::ViolationsOf(common::FromGrpcStatus(status))) {
    fields.push_back(v.field);
  }
  return fields;
}

class IntakeBadInputTest : public ::testing::Test {
 protected:
  IntakeHarness harness_{/*sync=*/false};

  grpc::Status CreateCase(const v1::CreateCaseRequest& request,
                          v1::Case* out = nullptr) {
    v1::Case ignored;
    return harness_.stub().CreateCase(IntakeHarness::Context().get(), request,
                                      out != nullptr ? out : &ignored);
  }
  grpc::Status GetCase(const std::string& name, v1::Case* out = nullptr) {
    v1::GetCaseRequest request;
    request.set_name(name);
    v1::Case ignored;
    return harness_.stub().GetCase(IntakeHarness::Context().get(), request,
                                   out != nullptr ? out : &ignored);
  }
  grpc::Status ListCases(const v1::ListCasesRequest& request,
                         v1::ListCasesResponse* out) {
    return harness_.stub().ListCases(IntakeHarness::Context().get(), request,
                                     out);
  }
  grpc::Status CreateInspection(const v1::CreateInspectionRequest& request) {
    v1::Inspection ignored;
    return harness_.stub().CreateInspection(IntakeHarness::Context().get(),
                                            request, &ignored);
  }
  // Every stored case, by a real ListCases call.
  int StoredCaseCount() {
    v1::ListCasesRequest request;
    request.set_parent("yots/-");
    request.set_page_size(1000);
    v1::ListCasesResponse response;
    grpc::Status status = ListCases(request, &response);
    EXPECT_TRUE(status.ok()) << status.error_message();
    return response.cases_size();
  }
  uint64_t Head() { return harness_.server().store().HeadSequence(); }
};

struct BadCreateRow {
  std::string name;
  std::function<void(v1::CreateCaseRequest&)> mutate;
  std::string field;
};

void PrintTo(const BadCreateRow& row, std::ostream* os) { *os << row.name; }

std::string RowName(const ::testing::TestParamInfo<BadCreateRow>& info) {
  return info.param.name;
}

class BadCreateCaseTest : public IntakeBadInputTest,
                          public ::testing::WithParamInterface<BadCreateRow> {};

TEST_P(BadCreateCaseTest, IsInvalidArgumentNamingTheFieldAndStoresNothing) {
  v1::CreateCaseRequest request = ValidCreateCaseRequest();
  GetParam().mutate(request);
  grpc::Status status = CreateCase(request);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT)
      << status.error_message();
  EXPECT_THAT(ViolatedFields(status), ElementsAre(GetParam().field));
  EXPECT_EQ(StoredCaseCount(), 0);
  EXPECT_EQ(Head(), 0u);
}

v1::Case& C(v1::CreateCaseRequest& r) { return *r.mutable_case_(); }
v1::Child& Child(v1::CreateCaseRequest& r) { return *C(r).mutable_child(); }

INSTANTIATE_TEST_SUITE_P(
    CreateCase, BadCreateCaseTest,
    ::testing::Values(
        BadCreateRow{"MissingCase", [](auto& r) { r.clear_case_(); }, "case"},
        BadCreateRow{"MissingChildReference",
                     [](auto& r) { Child(r).clear_reference(); },
                     "case.child.reference"},
        BadCreateRow{
            "UnknownGender",
            [](auto& r) { Child(r).set_gender(static_cast<v1::Gender>(99)); },
            "case.child.gender"},
        BadCreateRow{"UnspecifiedEthnicity",
                     [](auto& r) { Child(r).clear_ethnicity(); },
                     "case.child.ethnicity"},
        BadCreateRow{"BadParentName",
                     [](auto& r) { r.set_parent("yots/North Moor"); },
                     "parent"},
        BadCreateRow{"BadCaseId", [](auto& r) { r.set_case_id("NM/1"); },
                     "case_id"},
        BadCreateRow{"BadRequestId",
                     [](auto& r) { r.set_request_id("not a key"); },
                     "request_id"},
        BadCreateRow{"DisposalEndsBeforeItStarts",
                     [](auto& r) {
                       *C(r).mutable_disposal()->mutable_end_date() =
                           MakeDate(2014, 8, 1);
                     },
                     "case.disposal.end_date"},
        BadCreateRow{
            "PlanBeforeAssessment",
            [](auto& r) { *C(r).mutable_plan_date() = MakeDate(2014, 8, 1); },
            "case.plan_date"},
        BadCreateRow{"ThirtiethFebruary",
                     [](auto& r) {
                       *C(r).mutable_disposal()->mutable_end_date() =
                           MakeDate(2015, 2, 30);
                     },
                     "case.disposal.end_date"},
        BadCreateRow{"ReferralOrderOf13Months",
                     [](auto& r) {
                       *C(r).mutable_disposal()->mutable_end_date() =
                           MakeDate(2015, 10, 1);
                     },
                     "case.disposal.end_date"},
        BadCreateRow{"DescriptionOf201Characters",
                     [](auto& r) {
                       C(r).mutable_offences(0)->set_description(
                           std::string(201, 'x'));
                     },
                     "case.offences[0].description"},
        BadCreateRow{"ControlCharacterInDescription",
                     [](auto& r) {
                       C(r).mutable_offences(0)->set_description("Theft\x01");
                     },
                     "case.offences[0].description"},
        BadCreateRow{"NotLookedAfterWithAuthority",
                     [](auto& r) { Child(r).set_host_authority("Northmoor"); },
                     "case.child.host_authority"},
        BadCreateRow{"MappaLevelWhenNotEligible",
                     [](auto& r) {
                       C(r).mutable_assessment()->mutable_mappa()->set_level(
                           v1::MAPPA_LEVEL_2);
                     },
                     "case.assessment.mappa.level"},
        BadCreateRow{"TwoIndexOffences",
                     [](auto& r) { *C(r).add_offences() = C(r).offences(0); },
                     "case.offences"},
        BadCreateRow{"AgeNine",
                     [](auto& r) { Child(r).set_age_at_sentence(9); },
                     "case.child.age_at_sentence"},
        BadCreateRow{"AgeEighteen",
                     [](auto& r) { Child(r).set_age_at_sentence(18); },
                     "case.child.age_at_sentence"}),
    RowName);

TEST_F(IntakeBadInputTest, ViolationsDoNotEchoCaseContent) {
  v1::CreateCaseRequest request = ValidCreateCaseRequest();
  C(request).mutable_offences(0)->set_description("Assault on Jane Example\a");
  grpc::Status status = CreateCase(request);
  ASSERT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(status.error_message(), Not(HasSubstr("Jane")));
  EXPECT_THAT(status.error_details(), Not(HasSubstr("Jane")));
}

TEST_F(IntakeBadInputTest, MalformedCaseNameIsInvalidArgument) {
  for (const std::string name :
       {"", "yots/northmoor", "yots/-/cases/NM-1", "cases/NM-1"}) {
    grpc::Status status = GetCase(name);
    EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT) << name;
    EXPECT_THAT(ViolatedFields(status), ElementsAre("name")) << name;
  }
}

TEST_F(IntakeBadInputTest, UnknownCaseIsNotFound) {
  EXPECT_EQ(GetCase("yots/northmoor/cases/NM-404").error_code(),
            grpc::StatusCode::NOT_FOUND);
}

TEST_F(IntakeBadInputTest, PageTokenOfAnotherListIsInvalidArgument) {
  for (int i = 0; i < 3; ++i) {
    ASSERT_TRUE(
        CreateCase(ValidCreateCaseRequest("northmoor", absl::StrCat("NM-", i)))
            .ok());
  }
  v1::ListCasesRequest list;
  list.set_parent("yots/northmoor");
  list.set_page_size(1);
  v1::ListCasesResponse page;
  ASSERT_TRUE(ListCases(list, &page).ok());
  ASSERT_FALSE(page.next_page_token().empty());

  list.set_parent("yots/southvale");
  list.set_page_token(page.next_page_token());
  grpc::Status status = ListCases(list, &page);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(ViolatedFields(status), ElementsAre("page_token"));

  list.set_page_token("garbage!");
  status = ListCases(list, &page);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(ViolatedFields(status), ElementsAre("page_token"));
}

TEST_F(IntakeBadInputTest, NegativePageSizeIsInvalidArgument) {
  v1::ListCasesRequest list;
  list.set_parent("yots/-");
  list.set_page_size(-1);
  v1::ListCasesResponse page;
  grpc::Status status = ListCases(list, &page);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(ViolatedFields(status), ElementsAre("page_size"));
}

TEST_F(IntakeBadInputTest, BadListParentIsInvalidArgument) {
  v1::ListCasesRequest list;
  list.set_parent("yots/North Moor");
  v1::ListCasesResponse page;
  grpc::Status status = ListCases(list, &page);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(ViolatedFields(status), ElementsAre("parent"));
}

TEST_F(IntakeBadInputTest, BadInspectionsAreRefusedAndNotStored) {
  v1::CreateInspectionRequest ends_early = ValidCreateInspectionRequest();
  *ends_early.mutable_inspection()->mutable_fieldwork_end_date() =
      MakeDate(2014, 12, 14);
  grpc::Status status = CreateInspection(ends_early);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(ViolatedFields(status),
              ElementsAre("inspection.fieldwork_end_date"));

  v1::CreateInspectionRequest no_yot = ValidCreateInspectionRequest();
  no_yot.mutable_inspection()->clear_yot();
  status = CreateInspection(no_yot);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(ViolatedFields(status), ElementsAre("inspection.yot"));

  v1::ListInspectionsResponse listed;
  ASSERT_TRUE(harness_.stub()
                  .ListInspections(IntakeHarness::Context().get(),
                                   v1::ListInspectionsRequest(), &listed)
                  .ok());
  EXPECT_EQ(listed.inspections_size(), 0);
  EXPECT_EQ(Head(), 0u);
}

TEST_F(IntakeBadInputTest, UnknownInspectionIsNotFound) {
  v1::GetInspectionRequest get;
  get.set_name("inspections/nm-1999");
  v1::Inspection inspection;
  EXPECT_EQ(harness_.stub()
                .GetInspection(IntakeHarness::Context().get(), get, &inspection)
                .error_code(),
            grpc::StatusCode::NOT_FOUND);
  get.set_name("inspections/NM 1999");
  grpc::Status status = harness_.stub().GetInspection(
      IntakeHarness::Context().get(), get, &inspection);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(ViolatedFields(status), ElementsAre("name"));
}

TEST_F(IntakeBadInputTest, DeletingAnUnknownCaseIsNotFoundAndLogsNothing) {
  v1::DeleteCaseRequest erase;
  erase.set_name("yots/northmoor/cases/NM-404");
  google::protobuf::Empty empty;
  EXPECT_EQ(harness_.stub()
                .DeleteCase(IntakeHarness::Context().get(), erase, &empty)
                .error_code(),
            grpc::StatusCode::NOT_FOUND);
  EXPECT_EQ(Head(), 0u);
}

TEST_F(IntakeBadInputTest, SameCaseIdWithOtherContentIsAlreadyExists) {
  v1::CreateCaseRequest request = ValidCreateCaseRequest("northmoor", "NM-1");
  v1::Case first;
  ASSERT_TRUE(CreateCase(request, &first).ok());
  Child(request).set_age_at_sentence(16);
  const grpc::Status taken = CreateCase(request);
  EXPECT_EQ(taken.error_code(), grpc::StatusCode::ALREADY_EXISTS);
  // A program tells this from a reused request_id by the reason.
  const testing::RichError error = testing::ReadRichError(taken);
  ASSERT_TRUE(error.info.has_value());
  EXPECT_EQ(error.info->reason(), "CASE_EXISTS_WITH_OTHER_CONTENT");
  EXPECT_EQ(error.info->domain(), "yjinspect");
  EXPECT_EQ(error.info->metadata().at("resource"), "yots/northmoor/cases/NM-1");
  EXPECT_FALSE(error.precondition.has_value());

  v1::Case stored;
  ASSERT_TRUE(GetCase("yots/northmoor/cases/NM-1", &stored).ok());
  EXPECT_TRUE(MessageDifferencer::Equals(stored, first));
  EXPECT_EQ(stored.child().age_at_sentence(), 15);
  EXPECT_EQ(Head(), 1u);
}

TEST_F(IntakeBadInputTest, RequestIdReusedForAnotherRequestIsAlreadyExists) {
  v1::CreateCaseRequest first = ValidCreateCaseRequest("northmoor", "NM-1");
  first.set_request_id("7d1e2f30-aaaa-4bbb-8ccc-000000000001");
  ASSERT_TRUE(CreateCase(first).ok());
  v1::CreateCaseRequest second = ValidCreateCaseRequest("northmoor", "NM-2");
  second.set_request_id(first.request_id());
  const grpc::Status reused = CreateCase(second);
  EXPECT_EQ(reused.error_code(), grpc::StatusCode::ALREADY_EXISTS);
  ASSERT_TRUE(testing::ReadRichError(reused).info.has_value());
  EXPECT_EQ(testing::ReadRichError(reused).info->reason(), "REQUEST_ID_REUSED");
  EXPECT_EQ(GetCase("yots/northmoor/cases/NM-2").error_code(),
            grpc::StatusCode::NOT_FOUND);
  EXPECT_EQ(Head(), 1u);
}

TEST_F(IntakeBadInputTest, BadCaseInABatchCarriesItsBadRequest) {
  v1::BatchCreateCasesRequest chunk;
  *chunk.add_requests() = ValidCreateCaseRequest("northmoor", "B-1");
  Child(*chunk.mutable_requests(0)).set_age_at_sentence(9);
  v1::BatchCreateCasesResponse response;
  ASSERT_TRUE(testing::SendBatch(harness_.stub(), {chunk}, &response).ok());
  ASSERT_EQ(response.results_size(), 1);
  absl::Status status = common::FromRpcStatus(response.results(0).status());
  EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument);
  auto violations = common::ViolationsOf(status);
  ASSERT_EQ(violations.size(), 1u);
  EXPECT_EQ(violations[0].field, "case.child.age_at_sentence");
  EXPECT_EQ(response.failed_count(), 1);
  EXPECT_EQ(Head(), 0u);
}

TEST_F(IntakeBadInputTest, OversizedBatchChunkIsRefused) {
  v1::BatchCreateCasesRequest chunk;
  for (int i = 0; i < 1001; ++i) {
    *chunk.add_requests() =
        ValidCreateCaseRequest("northmoor", absl::StrCat("B-", i));
  }
  v1::BatchCreateCasesResponse response;
  grpc::Status status = testing::SendBatch(harness_.stub(), {chunk}, &response);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(ViolatedFields(status), ElementsAre("requests"));
  EXPECT_EQ(Head(), 0u);
}

}  // namespace
}  // namespace yjinspect
