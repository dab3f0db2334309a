// The inspection's agreement summary: per criterion on its own scale
// (lowest observed agreement first), pooled, per pair of inspectors, with
// unpaired answers counted apart.

#include "services/findings/moderation/agreement_summary.h"

#include "gtest/gtest.h"
#include "services/findings/verdicts/agreement.h"

namespace yjinspect::findings {
namespace {

v1::Framework Framework() {
  v1::Framework f;
  v1::AnswerScale* yes_no = f.add_scales();
  yes_no->set_id("yes_no_na");
  for (const char* id : {"yes", "no", "na"}) yes_no->add_values()->set_id(id);
  v1::Section* s = f.add_sections();
  s->set_id("1");
  for (const char* id : {"1.1", "1.2", "1.3"}) {
    v1::Criterion* c = s->add_criteria();
    c->set_id(id);
    c->set_scale("yes_no_na");
  }
  return f;
}

DoubleMarkedRecord Marked(const std::string& name, const std::string& first,
                          const std::string& second,
                          std::vector<std::pair<std::string, std::string>>
                              answers /* first, second per 1.1..1.3 */) {
  DoubleMarkedRecord r;
  r.record_name = name;
  r.findings_name = "inspections/x/caseFindings/" + name;
  r.second_marker_reference = second;
  r.first.emplace();
  r.first->set_inspector_reference(first);
  r.second.emplace();
  r.second->set_second_marker_reference(second);
  r.second->set_submitted(true);
  for (size_t i = 0; i < answers.size(); ++i) {
    const std::string id = "1." + std::to_string(i + 1);
    if (!answers[i].first.empty()) {
      auto* j = r.first->add_judgements();
      j->set_criterion_id(id);
      j->set_answer(answers[i].first);
    }
    if (!answers[i].second.empty()) {
      auto* j = r.second->add_judgements();
      j->set_criterion_id(id);
      j->set_answer(answers[i].second);
    }
  }
  return r;
}

TEST(AgreementSummaryTest, FiguresMatchTheArithmeticOnTheSamePairs) {
  std::vector<DoubleMarkedRecord> records = {
      Marked("A", "INSP-01", "INSP-09",
             {{"yes", "yes"}, {"no", "yes"}, {"na", "na"}}),
      Marked("B", "INSP-02", "INSP-09",
             {{"yes", "yes"}, {"yes", "yes"}, {"", "no"}}),
  };
  // Not submitted: left out of every figure.
  records.push_back(
      Marked("C", "INSP-01", "INSP-09", {{"no", "yes"}, {"no", "yes"}}));
  records.back().second->set_submitted(false);

  auto summary = SummariseAgreement(Framework(), records);
  ASSERT_TRUE(summary.ok()) << summary.status();
  EXPECT_EQ(summary->second_markers_assigned(), 3);
  EXPECT_EQ(summary->second_markings_submitted(), 2);
  EXPECT_EQ(summary->unpaired_answers(), 1);  // B's 1.3, second marker only
  EXPECT_EQ(summary->disagreements(), 1);
  EXPECT_EQ(summary->disagreements_open(), 1);

  auto reference = ComputeAgreement({{"yes", "yes"},
                                     {"no", "yes"},
                                     {"na", "na"},
                                     {"yes", "yes"},
                                     {"yes", "yes"}},
                                    {"na", "no", "yes"});
  ASSERT_TRUE(reference.ok());
  EXPECT_EQ(summary->overall().pairs(), 5);
  EXPECT_EQ(summary->overall().agreeing(), 4);
  EXPECT_EQ(summary->overall().cohens_kappa().numerator(),
            reference->cohens_kappa.numerator);
  EXPECT_EQ(summary->overall().cohens_kappa().denominator(),
            reference->cohens_kappa.denominator);
  EXPECT_EQ(summary->overall().gwets_ac1().numerator(),
            reference->gwets_ac1.numerator);

  // 1.2 agrees least (1 of 2), then 1.1 and 1.3 (all) in framework order.
  ASSERT_EQ(summary->criteria_size(), 3);
  EXPECT_EQ(summary->criteria(0).criterion_id(), "1.2");
  EXPECT_EQ(summary->criteria(1).criterion_id(), "1.1");
  EXPECT_EQ(summary->criteria(2).criterion_id(), "1.3");
  // 1.3: one pair, both "na": kappa undefined, with its reason.
  EXPECT_FALSE(summary->criteria(2).figures().cohens_kappa().defined());
  EXPECT_FALSE(
      summary->criteria(2).figures().cohens_kappa().undefined_reason().empty());
  // Every category of the scale is listed, zeros too.
  EXPECT_EQ(summary->criteria(1).figures().categories_size(), 3);

  ASSERT_EQ(summary->inspector_pairs_size(), 2);
  EXPECT_EQ(summary->inspector_pairs(0).first_marker_reference(), "INSP-01");
  EXPECT_EQ(summary->inspector_pairs(0).cases(), 1);
  EXPECT_EQ(summary->inspector_pairs(0).figures().pairs(), 3);
  EXPECT_EQ(summary->inspector_pairs(1).first_marker_reference(), "INSP-02");
  EXPECT_EQ(summary->inspector_pairs(1).figures().pairs(), 2);
}

TEST(AgreementSummaryTest, NoSubmittedMarkingSaysSoInsteadOfANumber) {
  auto summary = SummariseAgreement(Framework(), {});
  ASSERT_TRUE(summary.ok());
  EXPECT_EQ(summary->overall().pairs(), 0);
  EXPECT_FALSE(summary->overall().observed_agreement().defined());
  EXPECT_FALSE(summary->overall().cohens_kappa().defined());
  EXPECT_FALSE(summary->overall().gwets_ac1().defined());
  EXPECT_FALSE(
      summary->overall().observed_agreement().undefined_reason().empty());
  EXPECT_EQ(summary->criteria_size(), 0);
}

}  // namespace
}  // namespace yjinspect::findings
