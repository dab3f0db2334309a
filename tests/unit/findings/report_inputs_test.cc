// services/findings/report_inputs.h through the in-memory findings store
// (tests/testing), without gRPC: what is refused and why, the etag rules,
// and that a refused request stores nothing.

#include "services/findings/report_inputs.h"

#include <string>

#include "common/error_details.h"
#include "common/error_reasons.h"
#include "common/frameworks/framework_registry.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/testing/built_in_frameworks.h"
#include "tests/testing/case_builder.h"
#include "tests/testing/in_memory_findings_store.h"
#include "tests/testing/northmoor_inspection.h"
#include "tests/testing/status_matchers.h"

namespace yjinspect::findings {
namespace {

using testing::NorthmoorInspection;
using ::yjinspect::testing::HasReason;

constexpr const char* kInspection = testing::kNorthmoorInspection;

v1::SetReportInputsRequest ValidRequest(const std::string& etag = "") {
  v1::SetReportInputsRequest request;
  request.set_inspection(kInspection);
  request.set_etag(etag);
  v1::ReportInputs& in = *request.mutable_inputs();
  in.set_addressee("Head of Youth Justice Services, Northmoor");
  in.set_sender("HM Inspectorate of Probation");
  *in.mutable_publication_date() = testing::MakeDate(2026, 11, 20);
  in.set_lead_inspector("Lead Inspector");
  return request;
}

class ReportInputsTest : public ::testing::Test {
 protected:
  testing::InMemoryFindingsStore store_{
      NorthmoorInspection(v1::INSPECTION_STATE_FIELDWORK), {}};
  ReportInputsDesk desk_{store_, testing::BuiltInFrameworks()};

  bool Stored() {
    auto inputs = store_.GetReportInputs("northmoor-2026");
    return inputs.ok() && inputs->has_value();
  }
};

TEST_F(ReportInputsTest, TheFirstSetStoresTheInputsWithAnEtag) {
  auto set = desk_.Set(ValidRequest());
  ASSERT_TRUE(set.ok()) << set.status();
  EXPECT_EQ(set->name(), std::string(kInspection) + "/reportInputs");
  EXPECT_FALSE(set->etag().empty());
  v1::GetReportInputsRequest get;
  get.set_inspection(kInspection);
  auto read = desk_.Get(get);
  ASSERT_TRUE(read.ok()) << read.status();
  EXPECT_EQ(read->etag(), set->etag());
}

TEST_F(ReportInputsTest, ALaterSetNeedsTheCurrentEtag) {
  auto first = desk_.Set(ValidRequest());
  ASSERT_TRUE(first.ok());
  v1::SetReportInputsRequest changed = ValidRequest();
  changed.mutable_inputs()->set_summary("A changed summary.");
  EXPECT_EQ(desk_.Set(changed).status().code(), absl::StatusCode::kAborted);
  changed.set_etag("stale");
  const absl::Status stale = desk_.Set(changed).status();
  EXPECT_EQ(stale.code(), absl::StatusCode::kAborted);
  EXPECT_THAT(stale, HasReason(common::kEtagMismatch));
  EXPECT_EQ(common::ErrorInfoOf(stale)->metadata.at("resource"),
            "inspections/northmoor-2026/reportInputs");
  changed.set_etag(first->etag());
  auto second = desk_.Set(changed);
  ASSERT_TRUE(second.ok()) << second.status();
  EXPECT_NE(second->etag(), first->etag());
  // The same content again (a retry) is the stored inputs, not a conflict.
  auto retry = desk_.Set(changed);
  ASSERT_TRUE(retry.ok()) << retry.status();
  EXPECT_EQ(retry->etag(), second->etag());
}

TEST_F(ReportInputsTest, AnEtagOnTheFirstSetIsAborted) {
  const absl::Status refused = desk_.Set(ValidRequest("made-up")).status();
  EXPECT_EQ(refused.code(), absl::StatusCode::kAborted);
  EXPECT_THAT(refused, HasReason(common::kEtagMismatch));
  EXPECT_FALSE(Stored());
}

TEST_F(ReportInputsTest, WhatTheFrameworkDoesNotHaveIsRefusedAndNothingStored) {
  v1::SetReportInputsRequest request = ValidRequest();
  (*request.mutable_inputs()->mutable_section_narratives())["no-such"] = "x";
  auto* counted = request.mutable_inputs()->mutable_counted_criteria();
  counted->add_criterion_ids("9.99");
  const std::string real = testing::BuiltInFrameworks()
                               .Find("sqs-2014", "2")
                               ->sections(0)
                               .criteria(0)
                               .id();
  counted->add_criterion_ids(real);
  counted->add_criterion_ids(real);
  auto set = desk_.Set(request);
  ASSERT_EQ(set.status().code(), absl::StatusCode::kInvalidArgument);
  const std::string message(set.status().message());
  EXPECT_NE(message.find("inputs.section_narratives[no-such]"),
            std::string::npos)
      << message;
  EXPECT_NE(message.find("criterion_ids[0]"), std::string::npos) << message;
  EXPECT_NE(message.find("criterion_ids[2]"), std::string::npos) << message;
  EXPECT_EQ(message.find("criterion_ids[1]"), std::string::npos) << message;
  EXPECT_FALSE(Stored());
}

TEST_F(ReportInputsTest, LeadOnlyCriteriaMustBeCountedOnceEach) {
  const auto& criteria = testing::BuiltInFrameworks()
                             .Find("sqs-2014", "2")
                             ->sections(0)
                             .criteria();
  ASSERT_GE(criteria.size(), 2);
  v1::SetReportInputsRequest request = ValidRequest();
  auto* counted = request.mutable_inputs()->mutable_counted_criteria();
  counted->add_criterion_ids(criteria[0].id());
  counted->add_lead_only_criterion_ids(criteria[0].id());
  counted->add_lead_only_criterion_ids(criteria[1].id());
  counted->add_lead_only_criterion_ids(criteria[0].id());
  auto set = desk_.Set(request);
  ASSERT_EQ(set.status().code(), absl::StatusCode::kInvalidArgument);
  const std::string message(set.status().message());
  EXPECT_EQ(message.find("lead_only_criterion_ids[0]"), std::string::npos)
      << message;
  EXPECT_NE(message.find("lead_only_criterion_ids[1]"), std::string::npos)
      << message;
  EXPECT_NE(message.find("not in criterion_ids"), std::string::npos) << message;
  EXPECT_NE(message.find("lead_only_criterion_ids[2]"), std::string::npos)
      << message;
  EXPECT_FALSE(Stored());

  counted->mutable_lead_only_criterion_ids()->RemoveLast();
  counted->mutable_lead_only_criterion_ids()->RemoveLast();
  ASSERT_TRUE(desk_.Set(request).ok());
  EXPECT_TRUE(Stored());
}

TEST_F(ReportInputsTest, RequiredFieldsAndNamesAreChecked) {
  v1::SetReportInputsRequest request = ValidRequest();
  request.mutable_inputs()->clear_addressee();
  EXPECT_EQ(desk_.Set(request).status().code(),
            absl::StatusCode::kInvalidArgument);
  request = ValidRequest();
  request.set_inspection("inspection/northmoor");
  EXPECT_EQ(desk_.Set(request).status().code(),
            absl::StatusCode::kInvalidArgument);
  request = ValidRequest();
  request.set_inspection("inspections/elsewhere");
  EXPECT_EQ(desk_.Set(request).status().code(), absl::StatusCode::kNotFound);
  EXPECT_FALSE(Stored());
  v1::GetReportInputsRequest get;
  get.set_inspection(kInspection);
  EXPECT_EQ(desk_.Get(get).status().code(), absl::StatusCode::kNotFound);
}

TEST(ReportInputsPublishedTest, APublishedReportsInputsCannotChange) {
  testing::InMemoryFindingsStore store(
      NorthmoorInspection(v1::INSPECTION_STATE_REPORT_PUBLISHED), {});
  ReportInputsDesk desk(store, testing::BuiltInFrameworks());
  const absl::Status refused = desk.Set(ValidRequest()).status();
  EXPECT_EQ(refused.code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_THAT(refused, HasReason(common::kWrongState));
  EXPECT_EQ(common::ErrorInfoOf(refused)->metadata.at("state"),
            "INSPECTION_STATE_REPORT_PUBLISHED");
}

}  // namespace
}  // namespace yjinspect::findings
