// What the services say about an inspection, across processes' edges: a
// superseded framework version says so in GetVerdicts and in the report; a
// report is not rendered from part of the sample; an inspection that names
// no framework version is pinned to the newest; report inputs that would
// make the report claim what it cannot are refused, and nothing is stored.

#include <string>

#include "absl/strings/str_cat.h"
#include "common/frameworks/framework_registry.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/integration/findings_fixture.h"
#include "tests/testing/case_builder.h"
#include "tests/testing/unary_call.h"

namespace yjinspect {
namespace {

using ::testing::HasSubstr;
using ::testing::UnorderedElementsAre;

class FindingsReportTest : public FindingsTest {
 protected:
  absl::StatusOr<v1::InspectionVerdicts> Verdicts() {
    v1::GetVerdictsRequest request;
    request.set_inspection(inspection());
    return testing::Call(findings_.stub(), &v1::Findings::Stub::GetVerdicts,
                         request);
  }

  absl::StatusOr<v1::RenderedReport> Render() {
    v1::RenderReportRequest request;
    request.set_inspection(inspection());
    return testing::Call(findings_.stub(), &v1::Findings::Stub::RenderReport,
                         request);
  }

  static v1::ReportInputs Inputs() {
    v1::ReportInputs inputs;
    inputs.set_addressee("Chair of the Northmoor YOT Management Board");
    inputs.set_sender("HM Assistant Chief Inspector");
    inputs.set_lead_inspector("Lead Inspector");
    *inputs.mutable_publication_date() = testing::MakeDate(2015, 1, 21);
    return inputs;
  }

  absl::StatusOr<v1::ReportInputs> SetInputs(const v1::ReportInputs& inputs) {
    v1::SetReportInputsRequest request;
    request.set_inspection(inspection());
    *request.mutable_inputs() = inputs;
    return testing::Call(findings_.stub(), &v1::Findings::Stub::SetReportInputs,
                         request);
  }

  // Answers every case criterion of the pinned framework for `case_name`,
  // with the first value of its scale.
  absl::Status JudgeWhole(const std::string& case_name) {
    auto registry = common::FrameworkRegistry::LoadBuiltIn();
    if (!registry.ok()) return registry.status();
    const v1::Framework* framework =
        registry->Find(caseload_.inspection.framework_id(),
                       caseload_.inspection.framework_version());
    if (framework == nullptr) return absl::NotFoundError("framework");
    v1::RecordJudgementsRequest request;
    request.set_inspection(inspection());
    request.set_case_(case_name);
    request.set_inspector_reference("INSP-01");
    for (const v1::Section& section : framework->sections()) {
      if (section.evidence() != v1::EVIDENCE_SOURCE_CASES) continue;
      for (const v1::Criterion& criterion : section.criteria()) {
        for (const v1::AnswerScale& scale : framework->scales()) {
          if (scale.id() == criterion.scale()) {
            *request.add_judgements() =
                Answer(criterion.id(), scale.values(0).id());
          }
        }
      }
    }
    return Record(request).status();
  }
};

TEST_F(FindingsReportTest, VerdictsOfASupersededVersionSaySo) {
  // The test caseload is pinned to sqs-2014 version 1, which version 2
  // supersedes.
  ASSERT_EQ(caseload_.inspection.framework_version(), "1");
  auto verdicts = Verdicts();
  ASSERT_TRUE(verdicts.ok()) << verdicts.status();
  EXPECT_EQ(verdicts->framework_version(), "1");
  ASSERT_TRUE(verdicts->has_framework_superseded());
  EXPECT_EQ(verdicts->framework_superseded().by_version(), "2");
  EXPECT_THAT(verdicts->framework_superseded().reason(),
              HasSubstr("Ensuring that the sentence is served"));
}

TEST_F(FindingsReportTest, ReportWaitsForEverySampledCase) {
  const size_t sampled = caseload_.sampled.size();
  ASSERT_TRUE(JudgeWhole(caseload_.sampled.front()).ok());
  ASSERT_TRUE(SetInputs(Inputs()).ok());
  auto refused = Render();
  ASSERT_EQ(refused.status().code(), absl::StatusCode::kFailedPrecondition)
      << refused.status();
  EXPECT_THAT(std::string(refused.status().message()),
              HasSubstr(absl::StrCat(sampled - 1, " of the ", sampled,
                                     " sampled cases")));
  for (size_t i = 1; i < sampled; ++i) {
    ASSERT_TRUE(JudgeWhole(caseload_.sampled[i]).ok());
  }
  auto report = Render();
  ASSERT_TRUE(report.ok()) << report.status();
  EXPECT_THAT(report->markdown(),
              HasSubstr(absl::StrCat("We examined ", sampled, " cases")));
  // Pinned to a superseded version, the report says so and why.
  EXPECT_THAT(report->markdown(),
              HasSubstr("(sqs-2014, version 1), since superseded by version "
                        "2: "));
}

TEST_F(FindingsReportTest, CountedCriterionLeftUnansweredHoldsTheReport) {
  for (const std::string& case_name : caseload_.sampled) {
    ASSERT_TRUE(Record(ValidRecording(case_name)).ok());
  }
  // Every case is judged, but only three criteria are answered: the report
  // counts them all by default, so it waits ...
  ASSERT_TRUE(SetInputs(Inputs()).ok());
  auto refused = Render();
  ASSERT_EQ(refused.status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_THAT(std::string(refused.status().message()),
              HasSubstr("not answered: 1.2 ("));
  // ... until the inspectors count only what was answered.
  auto read = testing::Call(findings_.stub(),
                            &v1::Findings::Stub::GetReportInputs, [&] {
                              v1::GetReportInputsRequest r;
                              r.set_inspection(inspection());
                              return r;
                            }());
  ASSERT_TRUE(read.ok()) << read.status();
  v1::SetReportInputsRequest set;
  set.set_inspection(inspection());
  set.set_etag(read->etag());
  *set.mutable_inputs() = Inputs();
  set.mutable_inputs()->mutable_counted_criteria()->add_criterion_ids("1.1");
  ASSERT_TRUE(
      testing::Call(findings_.stub(), &v1::Findings::Stub::SetReportInputs, set)
          .ok());
  auto report = Render();
  ASSERT_TRUE(report.ok()) << report.status();
  EXPECT_THAT(report->markdown(),
              HasSubstr("In all cases, an assessment of the factors linked to "
                        "offending had been undertaken."));
}

TEST_F(FindingsReportTest, InputsThatWouldMisleadAreRefusedAndNotStored) {
  v1::ReportInputs inputs = Inputs();
  inputs.mutable_counted_criteria()->add_criterion_ids("9.9");
  inputs.mutable_counted_criteria()->add_criterion_ids("1.1");
  inputs.mutable_counted_criteria()->add_criterion_ids("1.1");
  inputs.mutable_reoffending()->set_yot_rate_tenths(360);
  inputs.mutable_reoffending()->set_national_rate_tenths(357);
  inputs.mutable_reoffending()->set_cohort("January 2012-December 2012");
  inputs.mutable_reoffending()->set_source("Ministry of Justice");
  inputs.mutable_reoffending()->set_published("October 2014");
  auto refused = SetInputs(inputs);
  ASSERT_EQ(refused.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(FieldsOf(refused.status()),
              UnorderedElementsAre("inputs.area",
                                   "inputs.counted_criteria.criterion_ids[0]",
                                   "inputs.counted_criteria.criterion_ids[2]"));
  v1::GetReportInputsRequest get;
  get.set_inspection(inspection());
  EXPECT_EQ(
      testing::Call(findings_.stub(), &v1::Findings::Stub::GetReportInputs, get)
          .status()
          .code(),
      absl::StatusCode::kNotFound);
}

TEST_F(FindingsReportTest, InspectionWithoutAVersionTakesTheNewest) {
  v1::CreateInspectionRequest request =
      testing::ValidCreateInspectionRequest("northmoor-2015", "northmoor");
  request.mutable_inspection()->clear_framework_version();
  auto created = testing::Call(
      intake_.stub(), &v1::CaseIntake::Stub::CreateInspection, request);
  ASSERT_TRUE(created.ok()) << created.status();
  EXPECT_EQ(created->framework_version(), "2");
  // Named, an older version is still pinned as asked.
  request =
      testing::ValidCreateInspectionRequest("northmoor-2016", "northmoor");
  request.mutable_inspection()->set_framework_version("1");
  created = testing::Call(intake_.stub(),
                          &v1::CaseIntake::Stub::CreateInspection, request);
  ASSERT_TRUE(created.ok()) << created.status();
  EXPECT_EQ(created->framework_version(), "1");
  // An unknown framework without a version is refused, naming the id.
  request =
      testing::ValidCreateInspectionRequest("northmoor-2017", "northmoor");
  request.mutable_inspection()->set_framework_id("sqs-2099");
  request.mutable_inspection()->clear_framework_version();
  auto unknown = testing::Call(
      intake_.stub(), &v1::CaseIntake::Stub::CreateInspection, request);
  ASSERT_EQ(unknown.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(FieldsOf(unknown.status()),
              UnorderedElementsAre("inspection.framework_id"));
}

}  // namespace
}  // namespace yjinspect
