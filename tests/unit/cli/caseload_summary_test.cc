// cli/caseload_summary.h: a caseload counted by disposal, setting, risk and
// needs, with labels a person reads ("referral order", not
// DISPOSAL_TYPE_REFERRAL_ORDER), and its plain-text rendering. Synthetic
// cases from tests/testing/case_builder.h.

#include "cli/caseload_summary.h"

#include <map>
#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/testing/case_builder.h"

namespace yjinspect::cli {
namespace {

using ::testing::ElementsAre;
using Counts = std::map<std::string, int>;

// ValidCase: a referral order in the community, a boy of 15, with a
// pre-sentence report.
v1::Case ReferralOrder() { return testing::ValidCase("CH-0001"); }

// A girl of 17, looked after, on a detention and training order in
// custody, with high risks and no pre-sentence report.
v1::Case DetentionInCustody() {
  v1::Case c = testing::ValidCase("CH-0002");
  c.mutable_child()->set_age_at_sentence(17);
  c.mutable_child()->set_gender(v1::GENDER_FEMALE);
  c.mutable_child()->set_looked_after_status(
      v1::LOOKED_AFTER_STATUS_LOOKED_AFTER);
  c.mutable_child()->set_learning_disability(v1::NEED_STATUS_IDENTIFIED);
  c.mutable_disposal()->set_type(
      v1::DISPOSAL_TYPE_DETENTION_AND_TRAINING_ORDER);
  c.mutable_disposal()->set_setting(v1::SUPERVISION_SETTING_CUSTODY);
  c.mutable_assessment()->set_likelihood_of_reoffending(
      v1::REOFFENDING_LIKELIHOOD_HIGH);
  c.mutable_assessment()->set_risk_of_serious_harm(v1::CONCERN_LEVEL_HIGH);
  c.mutable_assessment()->mutable_mappa()->set_category(v1::MAPPA_CATEGORY_1);
  c.clear_pre_sentence_report_date();
  return c;
}

TEST(SummariseCaseloadTest, CountsEveryCaseInEveryTable) {
  CaseloadSummary s = SummariseCaseload(
      {ReferralOrder(), DetentionInCustody(), ReferralOrder()});
  EXPECT_EQ(s.cases, 3);
  std::vector<std::string> tables;
  for (const auto& [table, counts] : s.tables) {
    tables.push_back(table);
    int total = 0;
    for (const auto& [label, count] : counts) total += count;
    EXPECT_EQ(total, 3) << table;
  }
  EXPECT_THAT(
      tables,
      ElementsAre("MAPPA", "age at sentence", "disposal", "ethnicity", "gender",
                  "learning disability", "likelihood of reoffending",
                  "looked after", "pre-sentence report", "risk of serious harm",
                  "safety and wellbeing",
                  "speech, language and communication needs", "supervised in"));
}

TEST(SummariseCaseloadTest, LabelsAreTheValueNamesWithoutTheEnumPrefix) {
  CaseloadSummary s =
      SummariseCaseload({ReferralOrder(), DetentionInCustody()});
  EXPECT_EQ(s.tables["disposal"], (Counts{{"detention and training order", 1},
                                          {"referral order", 1}}));
  EXPECT_EQ(s.tables["supervised in"],
            (Counts{{"community", 1}, {"custody", 1}}));
  EXPECT_EQ(s.tables["gender"], (Counts{{"female", 1}, {"male", 1}}));
  EXPECT_EQ(s.tables["looked after"],
            (Counts{{"looked after", 1}, {"not looked after", 1}}));
  EXPECT_EQ(s.tables["learning disability"],
            (Counts{{"identified", 1}, {"not identified", 1}}));
  EXPECT_EQ(s.tables["likelihood of reoffending"],
            (Counts{{"high", 1}, {"medium", 1}}));
  EXPECT_EQ(s.tables["risk of serious harm"],
            (Counts{{"high", 1}, {"medium", 1}}));
  EXPECT_EQ(s.tables["safety and wellbeing"], (Counts{{"low", 2}}));
  EXPECT_EQ(s.tables["MAPPA"], (Counts{{"1", 1}, {"not eligible", 1}}));
  EXPECT_EQ(s.tables["ethnicity"], (Counts{{"white", 2}}));
}

TEST(SummariseCaseloadTest, AgesAndReportsAreCountedAsTheyAre) {
  CaseloadSummary s =
      SummariseCaseload({ReferralOrder(), DetentionInCustody()});
  EXPECT_EQ(s.tables["age at sentence"], (Counts{{"15", 1}, {"17", 1}}));
  EXPECT_EQ(s.tables["pre-sentence report"],
            (Counts{{"none", 1}, {"written", 1}}));
}

TEST(SummariseCaseloadTest, UnsetAndUnknownValuesAreLabelledSo) {
  v1::Case c = ReferralOrder();
  c.mutable_child()->set_gender(v1::GENDER_UNSPECIFIED);
  // A value from a newer schema than this command line knows.
  c.mutable_child()->set_ethnicity(static_cast<v1::Ethnicity>(99));
  CaseloadSummary s = SummariseCaseload({c});
  EXPECT_EQ(s.tables["gender"], (Counts{{"unspecified", 1}}));
  EXPECT_EQ(s.tables["ethnicity"], (Counts{{"unknown (99)", 1}}));
}

TEST(SummariseCaseloadTest, AnEmptyCaseloadHasNoTables) {
  CaseloadSummary s = SummariseCaseload({});
  EXPECT_EQ(s.cases, 0);
  EXPECT_TRUE(s.tables.empty());
  EXPECT_EQ(FormatSummary(s), "0 cases\n");
}

TEST(FormatSummaryTest, OneBlockPerTableWithCountsAndPercentages) {
  CaseloadSummary s;
  s.cases = 3;
  s.tables["gender"] = {{"female", 1}, {"male", 2}};
  s.tables["supervised in"] = {{"community", 3}};
  // Labels are padded to 40 characters, counts to 5.
  EXPECT_EQ(FormatSummary(s),
            "3 cases\n"
            "\n"
            "gender:\n"
            "  female" +
                std::string(34, ' ') +
                "     1   33.3%\n"
                "  male" +
                std::string(36, ' ') +
                "     2   66.7%\n"
                "\n"
                "supervised in:\n"
                "  community" +
                std::string(31, ' ') + "     3  100.0%\n");
}

TEST(FormatSummaryTest, NoCasesGiveZeroPercentNotADivisionByZero) {
  CaseloadSummary s;
  s.tables["gender"] = {{"male", 0}};
  EXPECT_EQ(FormatSummary(s), "0 cases\n\ngender:\n  male" +
                                  std::string(36, ' ') + "     0    0.0%\n");
}

TEST(FormatSummaryTest, RendersASummarisedCaseload) {
  const std::string text =
      FormatSummary(SummariseCaseload({ReferralOrder(), DetentionInCustody()}));
  EXPECT_EQ(text.rfind("2 cases\n", 0), 0u);
  EXPECT_THAT(
      text, ::testing::HasSubstr("\ndisposal:\n  detention and training order" +
                                 std::string(12, ' ') + "     1   50.0%\n"));
}

}  // namespace
}  // namespace yjinspect::cli
