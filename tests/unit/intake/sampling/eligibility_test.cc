// services/intake/sampling/eligibility.h: the window of starts, and an
// out-of-court disposal judged by when it was delivered, not by whether it
// is still running at fieldwork.

#include "services/intake/sampling/eligibility.h"

#include <optional>
#include <string>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/testing/case_builder.h"

namespace yjinspect::intake {
namespace {

using ::testing::HasSubstr;
using ::testing::Optional;

google::type::Date Day(int year, int month, int day) {
  return testing::MakeDate(year, month, day);
}

// Announced 1 March 2024, fieldwork from 15 March; starts from 4 weeks
// before the announcement, 12 weeks into the disposal, at most 9 months.
struct Setting {
  v1::Inspection inspection;
  v1::SamplingRules rules;
  EligibilityWindow window;

  Setting() {
    *inspection.mutable_announcement_date() = Day(2024, 3, 1);
    *inspection.mutable_fieldwork_start_date() = Day(2024, 3, 15);
    rules.add_eligible_disposals(v1::DISPOSAL_TYPE_YOUTH_CAUTION);
    rules.add_eligible_disposals(v1::DISPOSAL_TYPE_REFERRAL_ORDER);
    rules.set_min_weeks_supervised_before_announcement(4);
    rules.set_min_weeks_into_sentence_at_fieldwork(12);
    rules.set_max_months_into_sentence_at_fieldwork(9);
    window = WindowFor(inspection, rules);
  }

  // Why a disposal of `type` from `start` to `end` is not eligible, if it
  // is not.
  std::optional<std::string> ReasonAgainst(
      v1::DisposalType type, const google::type::Date& start,
      const google::type::Date& end) const {
    v1::Case c;
    c.mutable_disposal()->set_type(type);
    *c.mutable_disposal()->mutable_start_date() = start;
    *c.mutable_disposal()->mutable_end_date() = end;
    return IneligibilityReason(c, rules, window);
  }
};

TEST(EligibilityTest, LatestStartIsTheEarlierOfTheTwoRules) {
  const Setting s;
  // 12 weeks before 15 March (22 December) is earlier than 4 weeks before
  // 1 March (2 February); 9 months before fieldwork is 15 June 2023.
  EXPECT_EQ(s.window.start_on_or_before, absl::CivilDay(2023, 12, 22));
  EXPECT_EQ(s.window.start_on_or_after, absl::CivilDay(2023, 6, 15));
}

TEST(EligibilityTest, OutOfCourtDisposalCompletedBeforeFieldworkIsEligible) {
  // A youth caution delivered in October and closed in December.
  EXPECT_EQ(Setting().ReasonAgainst(v1::DISPOSAL_TYPE_YOUTH_CAUTION,
                                    Day(2023, 10, 2), Day(2023, 12, 20)),
            std::nullopt);
}

TEST(EligibilityTest, OutOfCourtDisposalDeliveredOutsideTheWindowIsNot) {
  const Setting s;
  EXPECT_THAT(s.ReasonAgainst(v1::DISPOSAL_TYPE_YOUTH_CAUTION, Day(2023, 5, 1),
                              Day(2023, 6, 1)),
              Optional(HasSubstr("before the earliest eligible start")));
  EXPECT_THAT(s.ReasonAgainst(v1::DISPOSAL_TYPE_YOUTH_CAUTION, Day(2024, 2, 1),
                              Day(2024, 3, 1)),
              Optional(HasSubstr("after the latest eligible start")));
}

TEST(EligibilityTest, CourtDisposalMustStillRunAtFieldwork) {
  const Setting s;
  EXPECT_THAT(s.ReasonAgainst(v1::DISPOSAL_TYPE_REFERRAL_ORDER,
                              Day(2023, 10, 2), Day(2024, 1, 2)),
              Optional(HasSubstr("before fieldwork starts")));
  EXPECT_EQ(s.ReasonAgainst(v1::DISPOSAL_TYPE_REFERRAL_ORDER, Day(2023, 10, 2),
                            Day(2024, 10, 1)),
            std::nullopt);
}

TEST(EligibilityTest, TypeTheFrameworkDoesNotSampleIsNot) {
  EXPECT_THAT(Setting().ReasonAgainst(v1::DISPOSAL_TYPE_COMMUNITY_RESOLUTION,
                                      Day(2023, 10, 2), Day(2023, 10, 2)),
              Optional(HasSubstr("not sampled by this framework")));
}

}  // namespace
}  // namespace yjinspect::intake
