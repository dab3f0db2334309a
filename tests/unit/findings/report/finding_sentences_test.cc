// services/findings/report/finding_sentences.h: which statement leads, when
// the remainder is stated, and interviews instead of cases.

#include "services/findings/report/finding_sentences.h"

#include <string>

#include "absl/strings/match.h"
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

TEST(CriterionFindingTest, AreaForImprovementLeadsWithTheNegativeCount) {
  EXPECT_EQ(CriterionFinding(Violence(), Count(10, 6, 4), true,
                             CountedRecords::kCases),
            "In six cases, there was insufficient identification of the "
            "exact nature of the violence.");
}

TEST(CriterionFindingTest, OtherwiseLeadsWithThePositiveCount) {
  EXPECT_EQ(CriterionFinding(Violence(), Count(16, 0, 4), false,
                             CountedRecords::kCases),
            "In each relevant case, the exact nature of the violence had "
            "been identified.");
  EXPECT_EQ(
      CriterionFinding(Violence(), Count(19, 1), false, CountedRecords::kCases),
      "In all but one case, the exact nature of the violence had been "
      "identified.");
}

TEST(CriterionFindingTest, RelativePhrasesCountOnlyTheRelevantCases) {
  // With 4 cases not applicable, "most" and "all" speak of the 16 relevant
  // ones; an absolute count stays as it is.
  EXPECT_EQ(CriterionFinding(Violence(), Count(13, 3, 4), false,
                             CountedRecords::kCases),
            "In most of the sixteen relevant cases, the exact nature of the "
            "violence had been identified. In the remaining three, there was "
            "insufficient identification of the exact nature of the violence.");
  EXPECT_EQ(CriterionFinding(Violence(), Count(15, 1, 4), false,
                             CountedRecords::kCases),
            "In all but one of the sixteen relevant cases, the exact nature "
            "of the violence had been identified.");
  EXPECT_EQ(CriterionFinding(Violence(), Count(10, 6, 4), true,
                             CountedRecords::kCases),
            "In six cases, there was insufficient identification of the "
            "exact nature of the violence.");
}

TEST(CriterionFindingTest, ProportionPhrasesStateTheRemainder) {
  EXPECT_EQ(
      CriterionFinding(Violence(), Count(17, 3), false, CountedRecords::kCases),
      "In most cases, the exact nature of the violence had been "
      "identified. In the remaining three, there was insufficient "
      "identification of the exact nature of the violence.");
  EXPECT_TRUE(absl::StartsWith(
      CriterionFinding(Violence(), Count(12, 8), false, CountedRecords::kCases),
      "In the majority of cases, the exact nature of the violence had been "
      "identified. In the remaining eight, "));
}

TEST(CriterionFindingTest, NoPositiveAnswerSpeaksOfAllWithTheNegative) {
  EXPECT_EQ(
      CriterionFinding(Violence(), Count(0, 5), false, CountedRecords::kCases),
      "In all cases, there was insufficient identification of the exact "
      "nature of the violence.");
}

TEST(CriterionFindingTest, NothingApplicableSaysNothing) {
  EXPECT_EQ(CriterionFinding(Violence(), Count(0, 0, 20), true,
                             CountedRecords::kCases),
            "");
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

// IsProportionPhrase agrees with the phrases CountPhrase actually chooses.
TEST(IsProportionPhraseTest, AgreesWithCountPhrase) {
  for (int64_t total = 1; total <= 60; ++total) {
    for (int64_t count = 0; count <= total; ++count) {
      const std::string phrase = CountPhrase(count, total);
      const bool proportion = absl::StartsWith(phrase, "most ") ||
                              absl::StartsWith(phrase, "the majority ") ||
                              absl::StartsWith(phrase, "half ") ||
                              absl::StartsWith(phrase, "almost half ");
      EXPECT_EQ(IsProportionPhrase(count, total), proportion)
          << count << " of " << total << ": " << phrase;
    }
  }
}

}  // namespace
}  // namespace yjinspect::findings
