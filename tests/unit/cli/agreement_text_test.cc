// The agreement summary as the inspectors read it.

#include "cli/agreement_text.h"

#include "gtest/gtest.h"

namespace yjinspect::cli {
namespace {

v1::AgreementStatistic Defined(int64_t numerator, int64_t denominator) {
  v1::AgreementStatistic s;
  s.set_defined(true);
  s.set_numerator(numerator);
  s.set_denominator(denominator);
  s.set_value(static_cast<double>(numerator) / denominator);
  return s;
}

TEST(AgreementTextTest, StatisticsShowTheirExactFractionOrWhyNone) {
  EXPECT_EQ(FormatStatistic(Defined(2, 3), true), "2/3 = 66.7%");
  EXPECT_EQ(FormatStatistic(Defined(-1, 4), false), "-0.250 (= -1/4)");
  v1::AgreementStatistic none;
  none.set_undefined_reason("no double-marked pairs");
  EXPECT_EQ(FormatStatistic(none, false), "undefined (no double-marked pairs)");
}

TEST(AgreementTextTest, TheSummarySaysItIsNotForPublication) {
  v1::AgreementSummary summary;
  summary.set_inspection("inspections/x");
  summary.set_second_markers_assigned(2);
  summary.set_second_markings_submitted(1);
  v1::CriterionAgreement* c = summary.add_criteria();
  c->set_criterion_id("1.2");
  c->set_section_id("1");
  c->mutable_figures()->set_pairs(2);
  c->mutable_figures()->set_agreeing(1);
  *c->mutable_figures()->mutable_observed_agreement() = Defined(1, 2);
  *c->mutable_figures()->mutable_cohens_kappa() = Defined(0, 1);
  *c->mutable_figures()->mutable_gwets_ac1() = Defined(1, 3);
  const std::string text = FormatAgreement(summary);
  EXPECT_NE(text.find("not for publication"), std::string::npos);
  EXPECT_NE(text.find("1 of 2 second markings submitted"), std::string::npos);
  EXPECT_NE(text.find("Overall: no double-marked pairs"), std::string::npos);
  EXPECT_NE(text.find("  1.2 (section 1): 2 pairs, 1 agreeing; observed 1/2 "
                      "= 50.0%; kappa 0.000 (= 0/1); AC1 0.333 (= 1/3)"),
            std::string::npos)
      << text;
}

}  // namespace
}  // namespace yjinspect::cli
