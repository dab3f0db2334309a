// services/findings/report/finding_sentences.h: which statement leads, when
// the remainder is stated, and interviews instead of cases.

#include "services/findings/report/finding_sentences.h"

#include <string>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "gtest/gtest.h"
#include "services/findings/verdicts/count_phrases.h"

namespace yjinspect::findings {
namespace {

v1::Criterion Violence() {
  v1::Criterion c;
  c.set_id("2.3");
  c.set_scored(true);
  c.set_positive_statement(
      "the exact nature of the violence had been identified");
  c.set_negative_statement(
      "there was insufficient identification of the exact nature of the "
      "violence");
  return c;
}

v1::CriterionCount Count(int64_t positive, int64_t negative,
                         int64_t not_applicable = 0, int64_t unanswered = 0) {
  v1::CriterionCount count;
  count.set_positive(positive);
  count.set_negative(negative);
  count.set_not_applicable(not_applicable);
  count.set_unanswered(unanswered);
  count.set_applicable(positive + negative);
  return count;
}

// A scored criterion whose statements are "POS" and "NEG", so that a
// sentence shows which side it states.
v1::Criterion PosNeg() {
  v1::Criterion c;
  c.set_scored(true);
  c.set_positive_statement("POS");
  c.set_negative_statement("NEG");
  return c;
}

// The violence criterion's sentences over cases, as an area for improvement
// or not.
std::string ViolenceFinding(const v1::CriterionCount& count,
                            bool area_for_improvement = false) {
  return CriterionFinding(Violence(), count, area_for_improvement,
                          CountedRecords::kCases);
}

TEST(CriterionFindingTest, AreaForImprovementLeadsWithTheNegativeCount) {
  // The letter's sentence alone (Bolton 2.3): a counted minority of
  // negative answers hides no shortfall, so the rest is not counted.
  EXPECT_EQ(ViolenceFinding(Count(10, 6, 4), true),
            "In six cases, there was insufficient identification of the "
            "exact nature of the violence.");
  EXPECT_EQ(ViolenceFinding(Count(3, 2), true),
            "In two of the five cases, there was insufficient identification "
            "of the exact nature of the violence.");
  EXPECT_EQ(
      ViolenceFinding(Count(5, 15), true),
      "In most cases, there was insufficient identification of the exact "
      "nature of the violence. In the remaining five, the exact nature of "
      "the violence had been identified.");
}

TEST(CriterionFindingTest, PositiveMinorityNeverLeadsAlone) {
  // "In three cases, the nature was identified" would hide seven that were
  // not: the majority leads, and the three follow.
  EXPECT_EQ(
      ViolenceFinding(Count(3, 7)),
      "In the majority of cases, there was insufficient identification of "
      "the exact nature of the violence. In the remaining three, the exact "
      "nature of the violence had been identified.");
  EXPECT_EQ(ViolenceFinding(Count(1, 11)),
            "In all but one case, there was insufficient identification of the "
            "exact nature of the violence.");
}

TEST(CriterionFindingTest, HalfStatesBothHalves) {
  EXPECT_EQ(
      ViolenceFinding(Count(2, 2)),
      "In two of the four cases, the exact nature of the violence had been "
      "identified. In the remaining two, there was insufficient "
      "identification of the exact nature of the violence.");
}

TEST(CriterionFindingTest, SmallTotalsNameTheCounts) {
  EXPECT_EQ(
      ViolenceFinding(Count(3, 2)),
      "In three of the five cases, the exact nature of the violence had been "
      "identified.");
  EXPECT_EQ(ViolenceFinding(Count(3, 2, 4)),
            "In three of the five relevant cases, the exact nature of the "
            "violence had been identified.");
}

TEST(CriterionFindingTest, OneNegativeValueIsNamed) {
  v1::Criterion risk;
  risk.set_scored(true);
  risk.set_positive_statement("the assessed level of risk was correct");
  risk.set_negative_statement(
      "the level of risk had not been assessed "
      "correctly");
  (*risk.mutable_value_statements())["under_estimated"] =
      "the risk had been under-estimated";
  (*risk.mutable_value_statements())["over_estimated"] =
      "the risk had been over-estimated";
  v1::CriterionCount count = Count(17, 3);
  (*count.mutable_by_value())["right"] = 17;
  (*count.mutable_by_value())["under_estimated"] = 3;
  (*count.mutable_by_value())["over_estimated"] = 0;
  EXPECT_EQ(CriterionFinding(risk, count, false, CountedRecords::kCases),
            "In most cases, the assessed level of risk was correct. In the "
            "remaining three, the risk had been under-estimated.");
  // Mixed negative values: neither wording alone is true of all three.
  (*count.mutable_by_value())["under_estimated"] = 2;
  (*count.mutable_by_value())["over_estimated"] = 1;
  EXPECT_EQ(CriterionFinding(risk, count, false, CountedRecords::kCases),
            "In most cases, the assessed level of risk was correct. In the "
            "remaining three, the level of risk had not been assessed "
            "correctly.");
}

TEST(CriterionFindingTest, OtherwiseLeadsWithThePositiveCount) {
  EXPECT_EQ(ViolenceFinding(Count(16, 0, 4)),
            "In each relevant case, the exact nature of the violence had "
            "been identified.");
  EXPECT_EQ(ViolenceFinding(Count(19, 1)),
            "In all but one case, the exact nature of the violence had been "
            "identified.");
}

TEST(CriterionFindingTest, RelativePhrasesCountOnlyTheRelevantCases) {
  // With 4 cases not applicable, "most" and "all" speak of the 16 relevant
  // ones; an absolute count stays as it is.
  EXPECT_EQ(ViolenceFinding(Count(13, 3, 4)),
            "In most of the sixteen relevant cases, the exact nature of the "
            "violence had been identified. In the remaining three relevant "
            "cases, there was insufficient identification of the exact nature "
            "of the violence.");
  EXPECT_EQ(ViolenceFinding(Count(15, 1, 4)),
            "In all but one of the sixteen relevant cases, the exact nature "
            "of the violence had been identified.");
  EXPECT_EQ(ViolenceFinding(Count(5, 7, 4), true),
            "In the majority of the twelve relevant cases, there was "
            "insufficient identification of the exact nature of the violence. "
            "In the "
            "remaining five relevant cases, the exact nature of the violence "
            "had been identified.");
}

TEST(CriterionFindingTest, ProportionPhrasesStateTheRemainder) {
  EXPECT_EQ(ViolenceFinding(Count(17, 3)),
            "In most cases, the exact nature of the violence had been "
            "identified. In the remaining three, there was insufficient "
            "identification of the exact nature of the violence.");
  EXPECT_TRUE(absl::StartsWith(
      ViolenceFinding(Count(12, 8)),
      "In the majority of cases, the exact nature of the violence had been "
      "identified. In the remaining eight, "));
}

// Bolton 3.2 "In the majority of cases, staff took steps ...": where the
// inspectors choose the lead alone, a proportion stands alone; a positive
// lead of half or fewer, or a negative minority before a positive rest,
// keeps the sentences the rules give.
TEST(CriterionFindingTest, LeadOnlyOmitsTheRestOnlyWhereNothingHides) {
  auto lead_only = [](v1::CriterionCount count, bool improvement) {
    return CriterionFinding(Violence(), count, improvement,
                            CountedRecords::kCases, RestSentence::kOmitted);
  };
  EXPECT_EQ(lead_only(Count(12, 8), false),
            "In the majority of cases, the exact nature of the violence had "
            "been identified.");
  EXPECT_EQ(lead_only(Count(17, 3), false),
            "In most cases, the exact nature of the violence had been "
            "identified.");
  EXPECT_EQ(lead_only(Count(3, 17), true),
            "In most cases, there was insufficient identification of the "
            "exact nature of the violence.");
  // Half is never stated alone.
  EXPECT_EQ(lead_only(Count(10, 10), false), ViolenceFinding(Count(10, 10)));
  EXPECT_NE(lead_only(Count(10, 10), false).find("In the remaining ten"),
            std::string::npos);
  // A positive minority never leads: the negative majority does, and may
  // stand alone, claiming nothing of the rest.
  EXPECT_EQ(lead_only(Count(4, 16), false),
            "In most cases, there was insufficient identification of the "
            "exact nature of the violence.");
  // Counted leads already stand alone or state the rest as before.
  EXPECT_EQ(lead_only(Count(10, 6), true), ViolenceFinding(Count(10, 6), true));
  EXPECT_EQ(lead_only(Count(20, 0), false), ViolenceFinding(Count(20, 0)));
}

TEST(CriterionFindingTest, NoPositiveAnswerSpeaksOfAllWithTheNegative) {
  EXPECT_EQ(ViolenceFinding(Count(0, 5)),
            "In all cases, there was insufficient identification of the exact "
            "nature of the violence.");
}

TEST(CriterionFindingTest, NothingApplicableSaysNothing) {
  EXPECT_EQ(ViolenceFinding(Count(0, 0, 20), true), "");
}

TEST(CriterionFindingTest, ContextCriterionCountsEveryCoveredCase) {
  v1::Criterion disability;
  disability.set_scored(false);
  disability.set_positive_statement(
      "the child or young person had a learning disability");
  EXPECT_EQ(
      CriterionFinding(disability, Count(9, 11), false, CountedRecords::kCases),
      "In almost half of the cases, the child or young person had a "
      "learning disability.");
  // Unanswered and not-applicable records are still cases in the sample.
  EXPECT_EQ(CriterionFinding(disability, Count(9, 5, 3, 3), false,
                             CountedRecords::kCases),
            "In almost half of the cases, the child or young person had a "
            "learning disability.");
  EXPECT_EQ(
      CriterionFinding(disability, Count(0, 20), false, CountedRecords::kCases),
      "");
}

TEST(CriterionFindingTest, InterviewsAreCountedAsInterviews) {
  v1::Criterion skills;
  skills.set_scored(true);
  skills.set_positive_statement("the case manager said so");
  skills.set_negative_statement("the case manager did not");
  EXPECT_EQ(
      CriterionFinding(skills, Count(6, 0), false, CountedRecords::kInterviews),
      "In all interviews, the case manager said so.");
  EXPECT_EQ(
      CriterionFinding(skills, Count(5, 1), false, CountedRecords::kInterviews),
      "In all but one interview, the case manager said so.");
  EXPECT_EQ(RecordCountPhrase(1, 2, CountedRecords::kInterviews),
            "one of the two interviews");
  EXPECT_EQ(RecordCountPhrase(0, 1, CountedRecords::kInterviews),
            "no interview");
  EXPECT_EQ(RecordCountPhrase(4, 12, CountedRecords::kInterviews),
            "four interviews");
}

// Every split of every total from 1 to 100, for an area and not: the
// sentences speak of every applicable case exactly once when they name a
// rest, never state a positive minority alone, and never leave the rest
// unstated behind a proportion. A counted negative minority may stand alone.
TEST(CriterionFindingTest, NeverStatesAPositiveMinorityAlone) {
  const v1::Criterion c = PosNeg();
  for (int64_t total = 1; total <= 100; ++total) {
    for (int64_t positive = 0; positive <= total; ++positive) {
      for (bool area : {false, true}) {
        const int64_t negative = total - positive;
        const std::string text = CriterionFinding(c, Count(positive, negative),
                                                  area, CountedRecords::kCases);
        SCOPED_TRACE(absl::StrCat(positive, "/", total, area ? " area" : "",
                                  ": ", text));
        ASSERT_FALSE(text.empty());
        const bool two = absl::StrContains(text, ". In the remaining ");
        const bool pos_first =
            absl::StartsWith(text, "In ") &&
            absl::StrContains(text.substr(0, text.find('.')), "POS");
        const int64_t lead = pos_first ? positive : negative;
        const int64_t rest = total - lead;
        if (!two) {
          // Alone: the whole, "all but one", a strict majority whose
          // phrase names its count, or the counted negative minority of an
          // area for improvement.
          EXPECT_TRUE(rest == 0 || rest == 1 ||
                      (2 * lead > total && !IsNamedProportion(lead, total)) ||
                      (area && !pos_first && 2 * lead <= total &&
                       !IsNamedProportion(lead, total)));
        } else {
          EXPECT_GT(rest, 0);
          EXPECT_TRUE(absl::StrContains(
              text, absl::StrCat(" ",
                                 rest == 1 ? "remaining case"
                                           : absl::StrCat("remaining ",
                                                          NumberInWords(rest)),
                                 ", ", pos_first ? "NEG" : "POS", ".")));
        }
        // The lead is never the positive minority.
        if (pos_first) {
          EXPECT_GE(2 * positive, total);
        }
        if (area && negative > 0) {
          EXPECT_FALSE(pos_first);
        }
      }
    }
  }
}

// Lead-only findings may drop the rest of a proportion, but a positive lead
// that stands alone is always a strict majority, and the lead is the same
// as without the choice.
TEST(CriterionFindingTest, LeadOnlyNeverStatesHalfOrAPositiveMinorityAlone) {
  const v1::Criterion c = PosNeg();
  for (int64_t total = 1; total <= 100; ++total) {
    for (int64_t positive = 0; positive <= total; ++positive) {
      for (bool area : {false, true}) {
        const v1::CriterionCount count = Count(positive, total - positive);
        const std::string text = CriterionFinding(
            c, count, area, CountedRecords::kCases, RestSentence::kOmitted);
        const std::string stated =
            CriterionFinding(c, count, area, CountedRecords::kCases);
        SCOPED_TRACE(absl::StrCat(positive, "/", total, area ? " area" : "",
                                  ": ", text));
        ASSERT_FALSE(text.empty());
        // The same lead sentence; at most the rest is left out.
        EXPECT_TRUE(absl::StartsWith(stated, text));
        const bool pos_first =
            absl::StrContains(text.substr(0, text.find('.')), "POS");
        if (pos_first && !absl::StrContains(text, ". In the remaining ") &&
            positive < total) {
          EXPECT_GT(2 * positive, total);
        }
      }
    }
  }
}

}  // namespace
}  // namespace yjinspect::findings
