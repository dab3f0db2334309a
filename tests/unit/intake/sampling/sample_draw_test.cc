// services/intake/sampling/sample_draw.h: the size rule, strata in
// proportion, a draw fixed by its seed whatever the frame's order, and the
// pre-sentence-report case. Pure: no store, no gRPC.

#include "services/intake/sampling/sample_draw.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "gtest/gtest.h"

namespace yjinspect::intake {
namespace {

// The ratings frameworks' rule: 80% confidence, p = 0.5, ±5%, 14 to 91.
v1::SamplingRules Rules(bool psr = false) {
  v1::SamplingRules rules;
  rules.set_z(1.2816);
  rules.set_proportion(0.5);
  rules.set_margin_of_error(0.05);
  rules.set_min_sample(14);
  rules.set_max_sample(91);
  rules.set_include_pre_sentence_report_case(psr);
  return rules;
}

// n = n0 / (1 + (n0 - 1) / N), computed here independently of the code.
int Expected(int frame) {
  const double n0 = 1.2816 * 1.2816 * 0.25 / (0.05 * 0.05);
  return static_cast<int>(std::ceil(n0 / (1.0 + (n0 - 1.0) / frame)));
}

// `counts` cases of each (type, setting), named "<prefix>-<i>".
std::vector<FrameCase> Frame(
    const std::vector<std::pair<v1::DisposalType, int>>& counts) {
  std::vector<FrameCase> frame;
  int next = 0;
  for (const auto& [type, count] : counts) {
    for (int i = 0; i < count; ++i) {
      FrameCase c;
      c.name = absl::StrCat("yots/t/cases/C-", 1000 + next++);
      c.disposal_type = type;
      c.setting = type == v1::DISPOSAL_TYPE_DETENTION_AND_TRAINING_ORDER
                      ? v1::SUPERVISION_SETTING_CUSTODY
                      : v1::SUPERVISION_SETTING_COMMUNITY;
      frame.push_back(c);
    }
  }
  return frame;
}

TEST(SampleSizeTest, FinitePopulationRuleWithinTheBounds) {
  int computed = 0;
  // 300 eligible: the rule asks for more than the maximum.
  EXPECT_EQ(SampleSize(Rules(), 300, &computed), 91);
  EXPECT_EQ(computed, Expected(300));
  EXPECT_GT(computed, 91);
  // 60 eligible: within the bounds, as computed.
  EXPECT_EQ(SampleSize(Rules(), 60, &computed), Expected(60));
  EXPECT_EQ(computed, Expected(60));
  // 14 eligible: the rule asks for 13, fewer than the minimum of 14.
  EXPECT_EQ(SampleSize(Rules(), 14, &computed), 14);
  EXPECT_EQ(computed, 13);
  EXPECT_EQ(Expected(14), 13);
  // Fewer eligible cases than the minimum: every one of them.
  EXPECT_EQ(SampleSize(Rules(), 9), 9);
}

TEST(SampleDrawTest, StrataAreInProportionAndAddUp) {
  const auto frame =
      Frame({{v1::DISPOSAL_TYPE_REFERRAL_ORDER, 120},
             {v1::DISPOSAL_TYPE_YOUTH_REHABILITATION_ORDER, 60},
             {v1::DISPOSAL_TYPE_DETENTION_AND_TRAINING_ORDER, 20}});
  const v1::InspectionSample sample = DrawFromFrame(frame, Rules(), 7);
  EXPECT_EQ(sample.frame_size(), 200);
  EXPECT_EQ(sample.sample_size(), SampleSize(Rules(), 200));
  EXPECT_EQ(sample.cases_size(), sample.sample_size());
  int sampled = 0;
  for (const v1::SampleStratum& s : sample.strata()) {
    sampled += s.sampled();
    EXPECT_LE(s.sampled(), s.eligible());
    // Largest remainder: within one case of the exact proportion.
    const double exact =
        static_cast<double>(s.eligible()) * sample.sample_size() / 200.0;
    EXPECT_LT(std::abs(s.sampled() - exact), 1.0)
        << v1::DisposalType_Name(s.disposal_type());
  }
  EXPECT_EQ(sampled, sample.sample_size());
  // No case twice.
  const std::set<std::string> unique(sample.cases().begin(),
                                     sample.cases().end());
  EXPECT_EQ(unique.size(), static_cast<size_t>(sample.cases_size()));
}

TEST(SampleDrawTest, TheSeedFixesTheDrawWhateverTheFrameOrder) {
  auto frame = Frame({{v1::DISPOSAL_TYPE_REFERRAL_ORDER, 80},
                      {v1::DISPOSAL_TYPE_YOUTH_CAUTION, 40}});
  const v1::InspectionSample first = DrawFromFrame(frame, Rules(), 2014);
  std::reverse(frame.begin(), frame.end());
  const v1::InspectionSample again = DrawFromFrame(frame, Rules(), 2014);
  EXPECT_EQ(
      std::vector<std::string>(first.cases().begin(), first.cases().end()),
      std::vector<std::string>(again.cases().begin(), again.cases().end()));
  EXPECT_EQ(first.seed(), 2014);
  EXPECT_EQ(first.method(), v1::SAMPLE_METHOD_DRAWN);
  const v1::InspectionSample other = DrawFromFrame(frame, Rules(), 2015);
  EXPECT_NE(std::set<std::string>(first.cases().begin(), first.cases().end()),
            std::set<std::string>(other.cases().begin(), other.cases().end()));
}

TEST(SampleDrawTest, APreSentenceReportCaseIsSwappedInWhereTheFrameHasOne) {
  auto frame = Frame({{v1::DISPOSAL_TYPE_REFERRAL_ORDER, 200}});
  // One case in two hundred has a PSR; find a seed whose draw misses it.
  frame[137].has_pre_sentence_report = true;
  const std::string psr = frame[137].name;
  for (int64_t seed = 1; seed < 50; ++seed) {
    const v1::InspectionSample plain = DrawFromFrame(frame, Rules(false), seed);
    const bool drawn = std::find(plain.cases().begin(), plain.cases().end(),
                                 psr) != plain.cases().end();
    if (drawn) continue;
    EXPECT_FALSE(plain.pre_sentence_report_case_added());
    const v1::InspectionSample with = DrawFromFrame(frame, Rules(true), seed);
    EXPECT_TRUE(with.pre_sentence_report_case_added());
    EXPECT_NE(std::find(with.cases().begin(), with.cases().end(), psr),
              with.cases().end());
    EXPECT_EQ(with.cases_size(), plain.cases_size());
    return;
  }
  FAIL() << "every seed drew the one PSR case";
}

TEST(StratifyTest, CountsTheNamedCasesAsSampled) {
  const auto frame =
      Frame({{v1::DISPOSAL_TYPE_REFERRAL_ORDER, 3},
             {v1::DISPOSAL_TYPE_DETENTION_AND_TRAINING_ORDER, 2}});
  const std::vector<v1::SampleStratum> strata =
      Stratify(frame, {frame[0].name, frame[3].name, frame[4].name});
  std::map<v1::DisposalType, std::pair<int, int>> by_type;
  for (const v1::SampleStratum& s : strata) {
    by_type[s.disposal_type()] = {s.eligible(), s.sampled()};
  }
  EXPECT_EQ(by_type[v1::DISPOSAL_TYPE_REFERRAL_ORDER], std::make_pair(3, 1));
  EXPECT_EQ(by_type[v1::DISPOSAL_TYPE_DETENTION_AND_TRAINING_ORDER],
            std::make_pair(2, 2));
}

}  // namespace
}  // namespace yjinspect::intake
