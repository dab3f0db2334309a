// services/intake/inspection_sampling.h with a framework of several pools
// (hmip-youth-2021 version 2: court disposals, out-of-court disposals and
// resettlement, each with its own window and bounds), on a real intake
// store: each pool drawn on its own and recorded, an empty pool recorded
// empty, each pool's eligibility edges, and a named sample checked pool by
// pool.

#include <string>
#include <vector>

#include "absl/strings/str_format.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/testing/case_builder.h"
#include "tests/testing/sampled_caseload.h"
#include "tests/unit/intake/intake_domain_fixture.h"

namespace yjinspect::intake {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

// hmip-youth-2021 version 2 for the inspection of ValidCreateInspectionRequest
// (announced 2014-12-01, fieldwork from 2014-12-15): every pool's window is
// disposals started (out-of-court: delivered) 2014-03-15 to 2014-09-22, the
// earlier of 4 weeks before the announcement and 12 weeks before fieldwork.
google::type::Date Shifted(const google::type::Date& date,
                           absl::civil_diff_t days) {
  const absl::CivilDay day =
      absl::CivilDay(date.year(), date.month(), date.day()) + days;
  return testing::MakeDate(static_cast<int>(day.year()), day.month(),
                           day.day());
}

class PooledSamplingTest : public IntakeDomainTest {
 protected:
  absl::StatusOr<v1::Inspection> CreatePooledInspection() {
    v1::CreateInspectionRequest request =
        testing::ValidCreateInspectionRequest(kInspectionId, kYot);
    request.mutable_inspection()->set_framework_id("hmip-youth-2021");
    request.mutable_inspection()->set_framework_version("2");
    return Await<absl::StatusOr<v1::Inspection>>([&](auto done) {
      registry_->CreateInspection(request, kActor, std::move(done));
    });
  }

  // A case of kYot with `type`, started on `start` and ending on `end`.
  std::string AddCase(const std::string& id, v1::DisposalType type,
                      absl::CivilDay start, absl::CivilDay end) {
    v1::CreateCaseRequest request =
        testing::EligibleCreateCaseRequest(kYot, id);
    v1::Disposal& disposal = *request.mutable_case_()->mutable_disposal();
    disposal.set_type(type);
    *disposal.mutable_start_date() = testing::MakeDate(
        static_cast<int>(start.year()), start.month(), start.day());
    *disposal.mutable_end_date() =
        testing::MakeDate(static_cast<int>(end.year()), end.month(), end.day());
    // The case's other dates move with its start, so that they keep their
    // order (a PSR before sentence, a plan after the assessment).
    const absl::civil_diff_t shift = start - absl::CivilDay(2014, 10, 1);
    v1::Case& c = *request.mutable_case_();
    for (google::type::Date* date :
         {c.mutable_assessment_date(), c.mutable_plan_date(),
          c.mutable_pre_sentence_report_date()}) {
      *date = Shifted(*date, shift);
    }
    for (google::type::Date& date : *c.mutable_review_dates()) {
      date = Shifted(date, shift);
    }
    if (type == v1::DISPOSAL_TYPE_DETENTION_AND_TRAINING_ORDER) {
      disposal.set_setting(v1::SUPERVISION_SETTING_CUSTODY);
    }
    auto created = Create(std::move(request));
    EXPECT_TRUE(created.ok()) << id << ": " << created.status();
    return created.ok() ? created->stored.name() : "";
  }

  std::vector<std::string> AddCases(const std::string& prefix, int count,
                                    v1::DisposalType type, absl::CivilDay end) {
    std::vector<std::string> names;
    for (int i = 0; i < count; ++i) {
      names.push_back(AddCase(absl::StrFormat("%s-%02d", prefix, i), type,
                              absl::CivilDay(2014, 8, 1), end));
    }
    return names;
  }

  static const v1::PoolSample* Pool(const v1::Inspection& inspection,
                                    const std::string& id) {
    for (const auto& pool : inspection.sample().pools()) {
      if (pool.pool_id() == id) return &pool;
    }
    return nullptr;
  }
};

constexpr absl::CivilDay kRunsOn(2015, 6, 1);
constexpr absl::CivilDay kOverBeforeFieldwork(2014, 10, 1);

TEST_F(PooledSamplingTest, EachPoolIsDrawnOnItsOwnAndAnEmptyPoolIsRecorded) {
  AddCases("CO", 40, v1::DISPOSAL_TYPE_REFERRAL_ORDER, kRunsOn);
  AddCases("OC", 10, v1::DISPOSAL_TYPE_YOUTH_CAUTION, kOverBeforeFieldwork);
  ASSERT_TRUE(CreatePooledInspection().ok());
  auto drawn = Draw(5);
  ASSERT_TRUE(drawn.ok()) << drawn.status();
  const v1::InspectionSample& sample = drawn->sample();
  ASSERT_EQ(sample.pools_size(), 3);
  const v1::PoolSample* court = Pool(*drawn, "court-disposals");
  const v1::PoolSample* out_of_court = Pool(*drawn, "out-of-court-disposals");
  const v1::PoolSample* resettlement = Pool(*drawn, "resettlement");
  ASSERT_NE(court, nullptr);
  ASSERT_NE(out_of_court, nullptr);
  ASSERT_NE(resettlement, nullptr);
  EXPECT_EQ(court->frame_size(), 40);
  EXPECT_EQ(out_of_court->frame_size(), 10);
  // Of ten out-of-court cases the rule takes every one.
  EXPECT_EQ(out_of_court->sample_size(), 10);
  for (const std::string& name : court->cases()) {
    EXPECT_THAT(name, HasSubstr("/cases/CO-"));
  }
  for (const std::string& name : out_of_court->cases()) {
    EXPECT_THAT(name, HasSubstr("/cases/OC-"));
  }
  EXPECT_EQ(resettlement->frame_size(), 0);
  EXPECT_EQ(resettlement->sample_size(), 0);
  EXPECT_EQ(sample.sample_size(),
            court->sample_size() + out_of_court->sample_size());
  EXPECT_EQ(sample.cases_size(), sample.sample_size());
  EXPECT_EQ(court->start_on_or_after().month(), 3);
  EXPECT_EQ(court->start_on_or_before().day(), 22);
  // The same seed draws the same pools again.
  auto again = Draw(5);
  ASSERT_TRUE(again.ok()) << again.status();
  EXPECT_EQ(again->sample().pools(0).SerializeAsString(),
            sample.pools(0).SerializeAsString());
}

TEST_F(PooledSamplingTest, EachPoolHasItsOwnEligibilityEdges) {
  const std::string court_first =
      AddCase("CO-FIRST", v1::DISPOSAL_TYPE_YOUTH_REHABILITATION_ORDER,
              absl::CivilDay(2014, 3, 15), kRunsOn);
  AddCase("CO-EARLY", v1::DISPOSAL_TYPE_YOUTH_REHABILITATION_ORDER,
          absl::CivilDay(2014, 3, 14), kRunsOn);
  const std::string court_last =
      AddCase("CO-LAST", v1::DISPOSAL_TYPE_REFERRAL_ORDER,
              absl::CivilDay(2014, 9, 22), kRunsOn);
  AddCase("CO-LATE", v1::DISPOSAL_TYPE_REFERRAL_ORDER,
          absl::CivilDay(2014, 9, 23), kRunsOn);
  // (Youth rehabilitation orders: a referral order lasts 3 to 12 months.)
  // A court disposal over before fieldwork is not sampled; an out-of-court
  // disposal is, by when it was delivered.
  AddCase("CO-OVER", v1::DISPOSAL_TYPE_YOUTH_REHABILITATION_ORDER,
          absl::CivilDay(2014, 8, 1), kOverBeforeFieldwork);
  const std::string caution =
      AddCase("OC-OVER", v1::DISPOSAL_TYPE_YOUTH_CAUTION,
              absl::CivilDay(2014, 9, 22), kOverBeforeFieldwork);
  AddCase("OC-LATE", v1::DISPOSAL_TYPE_YOUTH_CAUTION,
          absl::CivilDay(2014, 9, 23), kOverBeforeFieldwork);
  const std::string custody =
      AddCase("DT-IN", v1::DISPOSAL_TYPE_DETENTION_AND_TRAINING_ORDER,
              absl::CivilDay(2014, 6, 1), kRunsOn);
  ASSERT_TRUE(CreatePooledInspection().ok());
  auto drawn = Draw(9);
  ASSERT_TRUE(drawn.ok()) << drawn.status();
  EXPECT_THAT(Pool(*drawn, "court-disposals")->cases(),
              ::testing::UnorderedElementsAre(court_first, court_last));
  EXPECT_THAT(Pool(*drawn, "out-of-court-disposals")->cases(),
              ElementsAre(caution));
  EXPECT_THAT(Pool(*drawn, "resettlement")->cases(), ElementsAre(custody));
}

TEST_F(PooledSamplingTest, ANamedSampleIsCheckedAndRecordedPoolByPool) {
  const std::vector<std::string> court =
      AddCases("CO", 3, v1::DISPOSAL_TYPE_REFERRAL_ORDER, kRunsOn);
  const std::string custody =
      AddCase("DT-IN", v1::DISPOSAL_TYPE_DETENTION_AND_TRAINING_ORDER,
              absl::CivilDay(2014, 6, 1), kRunsOn);
  const std::string late =
      AddCase("OC-LATE", v1::DISPOSAL_TYPE_YOUTH_CAUTION,
              absl::CivilDay(2014, 9, 23), kOverBeforeFieldwork);
  ASSERT_TRUE(CreatePooledInspection().ok());
  auto refused = Draw(0, {court[0], late});
  EXPECT_EQ(refused.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(std::string(refused.status().message()),
              HasSubstr("after the latest eligible start 2014-09-22"));

  auto named = Draw(0, {custody, court[1]});
  ASSERT_TRUE(named.ok()) << named.status();
  EXPECT_EQ(named->sample().method(), v1::SAMPLE_METHOD_NAMED);
  EXPECT_THAT(Pool(*named, "court-disposals")->cases(), ElementsAre(court[1]));
  EXPECT_EQ(Pool(*named, "court-disposals")->frame_size(), 3);
  EXPECT_THAT(Pool(*named, "resettlement")->cases(), ElementsAre(custody));
  EXPECT_EQ(Pool(*named, "out-of-court-disposals")->sample_size(), 0);
  EXPECT_EQ(named->sample().sample_size(), 2);
}

}  // namespace
}  // namespace yjinspect::intake
