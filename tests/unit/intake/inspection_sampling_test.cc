// services/intake/inspection_sampling.h on a real intake store, without
// gRPC: a draw is fixed by its seed (an unseeded draw takes one from the
// injected random source and records it), a named sample takes exactly the
// cases named when each is eligible, every sampled case is marked and sent
// to the findings service, and redraws and resets keep the marks and the
// revisions straight. Refusals say what to do and store nothing.

#include "services/intake/inspection_sampling.h"

#include <set>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "common/error_details.h"
#include "common/error_reasons.h"
#include "common/field_violations.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/testing/case_builder.h"
#include "tests/testing/empty_intake_store.h"
#include "tests/testing/matchers.h"
#include "tests/testing/sampled_caseload.h"
#include "tests/testing/status_matchers.h"
#include "tests/unit/intake/intake_domain_fixture.h"
#include "tests/unit/intake/malformed_steps.h"
#include "tests/unit/intake/violation_rows.h"

namespace yjinspect::intake {
namespace {

using testing::Bad;
using testing::HasReason;
using testing::Missing;
using testing::StatusIs;

constexpr char kResetReason[] = "a sampled case was wrongly recorded";

std::vector<std::string> CasesOf(const v1::Inspection& inspection) {
  return {inspection.sample().cases().begin(),
          inspection.sample().cases().end()};
}

std::string DateText(const google::type::Date& date) {
  return absl::StrFormat("%04d-%02d-%02d", date.year(), date.month(),
                         date.day());
}

class InspectionSamplingTest : public IntakeDomainTest {
 protected:
  // Every stored case of kYot that lists the inspection as sampling it,
  // each as often as it does.
  std::vector<std::string> MarkedCases() {
    std::vector<std::string> marked;
    auto all = store_->ScanCases(kYot, "", 1000);
    EXPECT_TRUE(all.ok()) << all.status();
    if (!all.ok()) return marked;
    for (const auto& entry : *all) {
      for (const std::string& by : entry.value.sampled_by()) {
        if (by == kInspection) marked.push_back(entry.value.case_().name());
      }
    }
    return marked;
  }
};

TEST_F(InspectionSamplingTest, TheSameSeedDrawsTheSameSample) {
  ASSERT_TRUE(AnnouncedOver(20));
  auto first = Draw(11);
  ASSERT_TRUE(first.ok()) << first.status();
  // 20 eligible cases at z 1.2816, p 0.5, e 0.05: 18.
  EXPECT_THAT(CasesOf(*first), SizeIs(18));
  EXPECT_EQ(first->sample().seed(), 11);
  EXPECT_EQ(first->sample().method(), v1::SAMPLE_METHOD_DRAWN);
  EXPECT_EQ(first->sample().frame_size(), 20);

  auto other_seed = Draw(12);
  ASSERT_TRUE(other_seed.ok()) << other_seed.status();
  EXPECT_NE(CasesOf(*other_seed), CasesOf(*first));
  auto again = Draw(11);
  ASSERT_TRUE(again.ok()) << again.status();
  // The same cases in the same draw order.
  EXPECT_EQ(CasesOf(*again), CasesOf(*first));
  EXPECT_EQ(again->sample().revision(), 3);
}

TEST_F(InspectionSamplingTest, AnUnseededDrawRecordsTheSeedItWasGiven) {
  ASSERT_TRUE(AnnouncedOver(20));
  auto unseeded = Draw(/*seed=*/0);
  ASSERT_TRUE(unseeded.ok()) << unseeded.status();
  // Never 0, which would mean "no seed".
  EXPECT_EQ(unseeded->sample().seed(), static_cast<int64_t>(kRandomBits | 1));
  EXPECT_THAT(unseeded->transitions().rbegin()->reason(),
              HasSubstr("drawn with seed 43"));
  auto redrawn = Draw(unseeded->sample().seed());
  ASSERT_TRUE(redrawn.ok()) << redrawn.status();
  EXPECT_EQ(CasesOf(*redrawn), CasesOf(*unseeded));
}

TEST_F(InspectionSamplingTest, ADrawTakesTheCaseloadAndRecordsTheSteps) {
  AddEligibleCases(3);
  ASSERT_TRUE(Create(testing::IneligibleCreateCaseRequest(kYot, "I-0")).ok());
  ASSERT_TRUE(CreateInspection().ok());
  auto drawn = Draw(11);
  ASSERT_TRUE(drawn.ok()) << drawn.status();
  EXPECT_EQ(drawn->state(), v1::INSPECTION_STATE_SAMPLE_DRAWN);
  ASSERT_EQ(drawn->transitions_size(), 3);
  const v1::StateTransition& received = drawn->transitions(1);
  EXPECT_EQ(received.from(), v1::INSPECTION_STATE_ANNOUNCED);
  EXPECT_EQ(received.to(), v1::INSPECTION_STATE_CASELOAD_RECEIVED);
  EXPECT_EQ(received.actor(), kActor);
  EXPECT_THAT(received.reason(), HasSubstr("caseload taken as received"));
  const v1::StateTransition& sampled = drawn->transitions(2);
  EXPECT_EQ(sampled.to(), v1::INSPECTION_STATE_SAMPLE_DRAWN);
  EXPECT_EQ(sampled.reason(), "sample revision 1 drawn with seed 11");
  EXPECT_TRUE(sampled.has_time());

  const v1::InspectionSample& sample = drawn->sample();
  EXPECT_EQ(sample.revision(), 1);
  // The ineligible case is outside the frame; below the minimum sample
  // every eligible case is taken.
  EXPECT_EQ(sample.frame_size(), 3);
  EXPECT_THAT(CasesOf(*drawn),
              ::testing::UnorderedElementsAre("yots/northmoor/cases/E-00",
                                              "yots/northmoor/cases/E-01",
                                              "yots/northmoor/cases/E-02"));
  EXPECT_EQ(DateText(sample.start_on_or_after()), "2014-09-15");
  EXPECT_EQ(DateText(sample.start_on_or_before()), "2014-11-03");
  EXPECT_TRUE(sample.has_draw_time());
  EXPECT_EQ(StoredInspection()->etag(), drawn->etag());
}

TEST_F(InspectionSamplingTest, SampledCasesAreMarkedAndSentToFindings) {
  ASSERT_TRUE(AnnouncedOver(2));
  const uint64_t head = store_->HeadSequence();
  auto drawn = Draw(11);
  ASSERT_TRUE(drawn.ok()) << drawn.status();
  for (const std::string& name : CasesOf(*drawn)) {
    auto stored = StoredCase(name);
    ASSERT_TRUE(stored.has_value()) << name;
    EXPECT_THAT(stored->sampled_by(), ElementsAre(kInspection));
    EXPECT_TRUE(stored->delivered_to_findings());
  }
  // One entry per sampled case, carrying its content, then the inspection;
  // all for the findings service.
  auto changes = Changes(head);
  ASSERT_EQ(changes.size(), 3u);
  std::vector<std::string> sampled;
  for (size_t i = 0; i < 2; ++i) {
    EXPECT_TRUE(changes[i].for_findings());
    EXPECT_EQ(changes[i].case_sampled().inspection(), kInspection);
    sampled.push_back(changes[i].case_sampled().case_().name());
  }
  EXPECT_EQ(sampled, CasesOf(*drawn));
  EXPECT_TRUE(changes[2].for_findings());
  EXPECT_EQ(changes[2].inspection_stored().state(),
            v1::INSPECTION_STATE_SAMPLE_DRAWN);
}

TEST_F(InspectionSamplingTest, ARedrawMarksOnlyTheCasesOfTheNewSample) {
  ASSERT_TRUE(AnnouncedOver(20));
  ASSERT_TRUE(Draw(11).ok());
  auto redrawn = Draw(12);
  ASSERT_TRUE(redrawn.ok()) << redrawn.status();
  EXPECT_EQ(redrawn->sample().revision(), 2);
  EXPECT_EQ(redrawn->state(), v1::INSPECTION_STATE_SAMPLE_DRAWN);
  // Each case of the new sample marked once; none of the old one left over.
  EXPECT_THAT(MarkedCases(),
              ::testing::UnorderedElementsAreArray(CasesOf(*redrawn)));
}

TEST_F(InspectionSamplingTest, AResetReleasesTheSampleAndKeepsItsRecord) {
  ASSERT_TRUE(AnnouncedOver(3));
  ASSERT_TRUE(Draw(11).ok());
  auto reset = Reset(kResetReason);
  ASSERT_TRUE(reset.ok()) << reset.status();
  EXPECT_EQ(reset->state(), v1::INSPECTION_STATE_CASELOAD_RECEIVED);
  EXPECT_FALSE(reset->has_sample());
  ASSERT_EQ(reset->sample_resets_size(), 1);
  EXPECT_EQ(reset->sample_resets(0).revision(), 1);
  EXPECT_EQ(reset->sample_resets(0).reason(), kResetReason);
  EXPECT_TRUE(reset->sample_resets(0).has_reset_time());
  EXPECT_EQ(reset->transitions().rbegin()->reason(),
            std::string("sample reset: ") + kResetReason);
  EXPECT_THAT(MarkedCases(), IsEmpty());
  // Revisions count every sample ever drawn.
  auto redrawn = Draw(11);
  ASSERT_TRUE(redrawn.ok()) << redrawn.status();
  EXPECT_EQ(redrawn->sample().revision(), 2);
}

TEST_F(InspectionSamplingTest, AfterFieldworkOnlyAResetAllowsANewSample) {
  InspectionWithSample();
  ASSERT_TRUE(StartFieldwork().ok());
  const uint64_t head = store_->HeadSequence();
  auto refused = Draw(12);
  EXPECT_THAT(refused.status(),
              StatusIs(absl::StatusCode::kFailedPrecondition,
                       HasSubstr("call ResetSample with a reason first")));
  EXPECT_THAT(refused.status(), HasReason(common::kSampleFixed));
  EXPECT_EQ(common::ErrorInfoOf(refused.status())->metadata.at("state"),
            "INSPECTION_STATE_FIELDWORK");
  auto violated = common::PreconditionViolationsOf(refused.status());
  ASSERT_EQ(violated.size(), 1u);
  EXPECT_EQ(violated[0].type, "SAMPLE");
  EXPECT_EQ(violated[0].subject, kInspection);
  EXPECT_EQ(violated[0].description, refused.status().message());
  EXPECT_EQ(store_->HeadSequence(), head);

  auto reset = Reset(kResetReason);
  ASSERT_TRUE(reset.ok()) << reset.status();
  EXPECT_EQ(reset->transitions().rbegin()->from(),
            v1::INSPECTION_STATE_FIELDWORK);
  EXPECT_EQ(reset->state(), v1::INSPECTION_STATE_CASELOAD_RECEIVED);
  auto redrawn = Draw(12);
  ASSERT_TRUE(redrawn.ok()) << redrawn.status();
  EXPECT_EQ(redrawn->sample().revision(), 2);
}

TEST_F(InspectionSamplingTest, ANamedSampleTakesExactlyTheNamedCases) {
  std::vector<std::string> cases = AddEligibleCases(20);
  ASSERT_TRUE(CreateInspection().ok());
  auto named = Draw(0, {cases[4], cases[1]});
  ASSERT_TRUE(named.ok()) << named.status();
  const v1::InspectionSample& sample = named->sample();
  EXPECT_EQ(sample.method(), v1::SAMPLE_METHOD_NAMED);
  EXPECT_EQ(sample.seed(), 0);
  EXPECT_THAT(CasesOf(*named), ElementsAre(cases[4], cases[1]));
  EXPECT_EQ(sample.sample_size(), 2);
  EXPECT_EQ(sample.frame_size(), 20);
  EXPECT_EQ(sample.computed_size(), 18);
  ASSERT_EQ(sample.strata_size(), 1);
  EXPECT_EQ(sample.strata(0).eligible(), 20);
  EXPECT_EQ(sample.strata(0).sampled(), 2);
  EXPECT_EQ(named->transitions().rbegin()->reason(),
            "sample revision 1 named by the caller");
  EXPECT_THAT(MarkedCases(),
              ::testing::UnorderedElementsAre(cases[4], cases[1]));
}

TEST_F(InspectionSamplingTest, NamedCasesThatCannotBeSampledAreEachNamed) {
  std::vector<std::string> cases = AddEligibleCases(1);
  ASSERT_TRUE(Create(testing::IneligibleCreateCaseRequest(kYot, "I-0")).ok());
  ASSERT_TRUE(
      Create(testing::EligibleCreateCaseRequest("southvale", "S-0")).ok());
  ASSERT_TRUE(CreateInspection().ok());
  const uint64_t head = store_->HeadSequence();
  auto refused =
      Draw(0, {cases[0], "yots/northmoor/cases/I-0", "yots/southvale/cases/S-0",
               "yots/northmoor/cases/NOBODY", "E-00"});
  EXPECT_EQ(refused.status().code(), absl::StatusCode::kInvalidArgument);
  const auto violations = common::ViolationsOf(refused.status());
  ASSERT_EQ(violations.size(), 4u);
  EXPECT_EQ(violations[0].field, "named_cases[1]");
  EXPECT_THAT(violations[0].description, HasSubstr("is not eligible: "));
  EXPECT_EQ(violations[1].field, "named_cases[2]");
  EXPECT_EQ(violations[1].description, "is not a case of yots/northmoor");
  EXPECT_EQ(violations[2].field, "named_cases[3]");
  EXPECT_EQ(violations[2].description, "does not exist");
  EXPECT_EQ(violations[3].field, "named_cases[4]");
  // Nothing of the refused draw is kept, not even the caseload's receipt.
  EXPECT_EQ(store_->HeadSequence(), head);
  EXPECT_EQ(StoredInspection()->state(), v1::INSPECTION_STATE_ANNOUNCED);
  EXPECT_THAT(MarkedCases(), IsEmpty());
}

TEST_F(InspectionSamplingTest, NoEligibleCaseIsRefusedNamingTheWindow) {
  ASSERT_TRUE(Create(testing::IneligibleCreateCaseRequest(kYot, "I-0")).ok());
  ASSERT_TRUE(CreateInspection().ok());
  const uint64_t head = store_->HeadSequence();
  auto refused = Draw(11);
  EXPECT_THAT(refused.status(), StatusIs(absl::StatusCode::kFailedPrecondition,
                                         HasSubstr("1 cases are stored")));
  EXPECT_THAT(refused.status().message(),
              HasSubstr("between 2014-09-15 and 2014-11-03"));
  EXPECT_THAT(refused.status(), HasReason(common::kNoEligibleCases));
  EXPECT_EQ(common::ErrorInfoOf(refused.status())->metadata.at("cases_stored"),
            "1");
  EXPECT_EQ(common::PreconditionViolationsOf(refused.status()).at(0).subject,
            "yots/northmoor");
  EXPECT_EQ(store_->HeadSequence(), head);
  EXPECT_EQ(StoredInspection()->state(), v1::INSPECTION_STATE_ANNOUNCED);
}

TEST_F(InspectionSamplingTest, AnUnknownInspectionIsNotFound) {
  AddEligibleCases(1);
  auto drawn = Draw(11);
  EXPECT_THAT(drawn.status(),
              StatusIs(absl::StatusCode::kNotFound, HasSubstr(kInspection)));
  EXPECT_EQ(Reset(kResetReason).status().code(), absl::StatusCode::kNotFound);
}

TEST_F(InspectionSamplingTest, AnInspectionOfAnUnknownFrameworkIsRefused) {
  AddEligibleCases(1);
  auto created = CreateInspection();
  ASSERT_TRUE(created.ok()) << created.status();
  // As if a framework version were withdrawn from the service after the
  // inspection was pinned to it.
  v1::Inspection orphan = *created;
  orphan.set_framework_version("99");
  ASSERT_TRUE(Await<absl::Status>([&](auto done) {
                store_->Commit(
                    [orphan](StoreTransaction& txn) {
                      txn.PutInspection(kInspectionId, orphan);
                      return absl::OkStatus();
                    },
                    std::move(done));
              }).ok());
  auto refused = Draw(11);
  EXPECT_THAT(
      refused.status(),
      StatusIs(absl::StatusCode::kFailedPrecondition,
               HasSubstr("sqs-2014 version 99, which this service does not "
                         "know")));
  EXPECT_THAT(refused.status(), HasReason(common::kFrameworkUnknown));
}

TEST_F(InspectionSamplingTest, ResetWithoutASampleIsRefused) {
  ASSERT_TRUE(AnnouncedOver(1));
  auto refused = Reset(kResetReason);
  EXPECT_THAT(
      refused.status(),
      StatusIs(absl::StatusCode::kFailedPrecondition,
               HasSubstr("is in state ANNOUNCED and has no sample to reset")));
  EXPECT_THAT(refused.status(), HasReason(common::kNoSample));
}

// Malformed requests: refused with the field named before the store is
// reached.
using DrawRow = testing::ViolationRow<v1::DrawSampleRequest>;
using ResetRow = testing::ViolationRow<v1::ResetSampleRequest>;

// `row`'s change to a DrawSample of kInspection.
MalformedStep MalformedDraw(DrawRow row) {
  return Malformed(&InspectionSampling::DrawSample,
                   ForInspection<v1::DrawSampleRequest>(), std::move(row));
}

// `row`'s change to a ResetSample of kInspection that gives its reason.
MalformedStep MalformedReset(ResetRow row) {
  auto request = ForInspection<v1::ResetSampleRequest>();
  request.set_reason(kResetReason);
  return Malformed(&InspectionSampling::ResetSample, request, std::move(row));
}

class MalformedSampleStepTest : public ::testing::TestWithParam<MalformedStep> {
};

TEST_P(MalformedSampleStepTest, IsRefusedNamingTheFieldAndStoresNothing) {
  ExpectRefusedBeforeTheStore(GetParam());
}

INSTANTIATE_TEST_SUITE_P(
    DrawSample, MalformedSampleStepTest,
    ::testing::Values(
        MalformedDraw(Bad("MalformedName", "name", "northmoor-2014")),
        MalformedDraw(Missing("MissingName", "name")),
        MalformedDraw(DrawRow("CaseNamedTwice",
                              [](v1::DrawSampleRequest& r) {
                                r.add_named_cases("yots/northmoor/cases/E-00");
                                r.add_named_cases("yots/northmoor/cases/E-00");
                              },
                              {"named_cases[1]"})),
        MalformedDraw(DrawRow("SeedWithNamedCases",
                              [](v1::DrawSampleRequest& r) {
                                r.add_named_cases("yots/northmoor/cases/E-00");
                                r.set_seed(11);
                              },
                              {"seed"})),
        MalformedDraw(DrawRow("TooManyNamedCases",
                              [](v1::DrawSampleRequest& r) {
                                for (int i = 0; i < 501; ++i) {
                                  r.add_named_cases(absl::StrCat(
                                      "yots/northmoor/cases/E-", i));
                                }
                              },
                              {"named_cases"}))),
    testing::RowName());

INSTANTIATE_TEST_SUITE_P(
    ResetSample, MalformedSampleStepTest,
    ::testing::Values(
        MalformedReset(Bad("MalformedName", "name", "inspections/")),
        MalformedReset(Missing("NoReason", "reason")),
        MalformedReset(Bad("ReasonTooShortToSayWhy", "reason", "redo")),
        MalformedReset(Bad("ReasonTooLong", "reason", std::string(501, 'x')))),
    testing::RowName());

}  // namespace
}  // namespace yjinspect::intake
