// frameworks/*.textproto as compiled into the binary: what each framework
// holds, checked against docs/domain.md and the Bolton SQS letter, and that
// every statement completes "In <count phrase>, <statement>." as English.

#include <optional>
#include <set>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "common/frameworks/framework_registry.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace yjinspect::common {
namespace {

using ::testing::ElementsAre;
using ::testing::ElementsAreArray;
using ::testing::UnorderedElementsAre;

class BuiltInFrameworksTest : public ::testing::Test {
 protected:
  void SetUp() override {
    absl::StatusOr<FrameworkRegistry> loaded = FrameworkRegistry::LoadBuiltIn();
    ASSERT_TRUE(loaded.ok()) << loaded.status();
    registry_.emplace(*std::move(loaded));
  }

  const v1::Framework& Get(absl::string_view id,
                           absl::string_view version = "1") {
    const v1::Framework* framework = registry_->Find(id, version);
    EXPECT_NE(framework, nullptr) << id;
    return framework != nullptr ? *framework
                                : v1::Framework::default_instance();
  }

  static std::vector<std::string> SectionIds(const v1::Framework& framework) {
    std::vector<std::string> ids;
    for (const v1::Section& s : framework.sections()) ids.push_back(s.id());
    return ids;
  }

  static std::vector<std::string> CriterionIds(const v1::Section& section) {
    std::vector<std::string> ids;
    for (const v1::Criterion& c : section.criteria()) ids.push_back(c.id());
    return ids;
  }

  static const v1::Criterion* FindCriterion(const v1::Framework& framework,
                                            absl::string_view id) {
    for (const v1::Section& s : framework.sections()) {
      for (const v1::Criterion& c : s.criteria()) {
        if (c.id() == id) return &c;
      }
    }
    return nullptr;
  }

  std::optional<FrameworkRegistry> registry_;
};

TEST_F(BuiltInFrameworksTest, SqsHasFourThemesAndOperationalManagement) {
  const v1::Framework& sqs = Get("sqs-2014");
  EXPECT_THAT(SectionIds(sqs),
              ElementsAre("1", "2", "3", "4", "operational-management"));
  for (const v1::Section& section : sqs.sections()) {
    EXPECT_EQ(section.scoring(), v1::SCORING_METHOD_SHARE_OF_POSITIVE);
    EXPECT_FALSE(section.counted_in_overall());
    EXPECT_EQ(section.evidence(), section.id() == "operational-management"
                                      ? v1::EVIDENCE_SOURCE_STAFF_INTERVIEWS
                                      : v1::EVIDENCE_SOURCE_CASES);
  }
  EXPECT_THAT(CriterionIds(sqs.sections(0)),
              ElementsAre("1.1", "1.2", "1.3", "1.4", "1.5", "1.6", "1.7",
                          "1.8", "1.9", "1.10", "1.11"));
  EXPECT_THAT(
      CriterionIds(sqs.sections(1)),
      ElementsAre("2.1", "2.2", "2.3", "2.4", "2.5", "2.6", "2.7", "2.8"));
  EXPECT_THAT(CriterionIds(sqs.sections(2)),
              ElementsAre("3.1", "3.2", "3.3", "3.4", "3.5"));
  EXPECT_THAT(CriterionIds(sqs.sections(3)),
              ElementsAre("4.1", "4.2", "4.3", "4.4"));
  EXPECT_THAT(CriterionIds(sqs.sections(4)),
              ElementsAre("om.1", "om.2", "om.3"));
}

TEST_F(BuiltInFrameworksTest, SqsCriteriaAreMarkedReconstructed) {
  for (const v1::Section& section : Get("sqs-2014").sections()) {
    for (const v1::Criterion& c : section.criteria()) {
      EXPECT_TRUE(c.reconstructed()) << c.id();
    }
  }
}

TEST_F(BuiltInFrameworksTest, SqsLearningDisabilityIsContextNotScored) {
  const v1::Criterion* c = FindCriterion(Get("sqs-2014"), "1.6");
  ASSERT_NE(c, nullptr);
  EXPECT_FALSE(c->scored());
  EXPECT_EQ(c->positive_statement(),
            "the child or young person had a learning disability");
}

TEST_F(BuiltInFrameworksTest, SqsRiskLevelScaleCountsOnlyRightAsPositive) {
  const v1::Framework& sqs = Get("sqs-2014");
  const v1::Criterion* c = FindCriterion(sqs, "2.5");
  ASSERT_NE(c, nullptr);
  EXPECT_EQ(c->scale(), "risk_level");
  std::vector<std::string> values;
  for (const v1::AnswerScale& scale : sqs.scales()) {
    if (scale.id() != "risk_level") continue;
    for (const v1::AnswerValue& v : scale.values()) {
      values.push_back(
          absl::StrCat(v.id(), "=", v1::AnswerMeaning_Name(v.meaning())));
    }
  }
  EXPECT_THAT(values, ElementsAre("right=ANSWER_MEANING_POSITIVE",
                                  "under_estimated=ANSWER_MEANING_NEGATIVE",
                                  "over_estimated=ANSWER_MEANING_NEGATIVE",
                                  "na=ANSWER_MEANING_NOT_APPLICABLE"));
}

TEST_F(BuiltInFrameworksTest, SqsSpeaksInTheLettersIdiom) {
  const v1::Framework& sqs = Get("sqs-2014");
  const v1::Criterion* assessment = FindCriterion(sqs, "1.1");
  const v1::Criterion* violence = FindCriterion(sqs, "2.3");
  const v1::Criterion* proposal = FindCriterion(sqs, "1.8");
  ASSERT_NE(assessment, nullptr);
  ASSERT_NE(violence, nullptr);
  ASSERT_NE(proposal, nullptr);
  EXPECT_EQ(
      absl::StrCat("In all cases, ", assessment->positive_statement(), "."),
      "In all cases, an assessment of the factors linked to offending "
      "had been undertaken.");
  EXPECT_EQ(absl::StrCat("In six cases, ", violence->negative_statement(), "."),
            "In six cases, there was insufficient identification of the "
            "exact nature of the violence.");
  EXPECT_EQ(violence->improvement_wording(),
            "Assessments of violence by children and young people should "
            "identify how this is used and plan to manage this accordingly.");
  EXPECT_EQ(proposal->not_applicable_when(),
            "no pre-sentence report was written");
}

TEST_F(BuiltInFrameworksTest, SqsThresholdsAndSampling) {
  const v1::Framework& sqs = Get("sqs-2014");
  EXPECT_EQ(sqs.thresholds().strength_at_least().numerator(), 9);
  EXPECT_EQ(sqs.thresholds().strength_at_least().denominator(), 10);
  EXPECT_EQ(sqs.thresholds().improvement_below().numerator(), 3);
  EXPECT_EQ(sqs.thresholds().improvement_below().denominator(), 4);
  EXPECT_EQ(sqs.thresholds().min_applicable(), 3);
  const v1::SamplingRules& s = sqs.sampling();
  EXPECT_THAT(s.eligible_disposals(),
              ElementsAre(v1::DISPOSAL_TYPE_REFERRAL_ORDER,
                          v1::DISPOSAL_TYPE_YOUTH_REHABILITATION_ORDER,
                          v1::DISPOSAL_TYPE_DETENTION_AND_TRAINING_ORDER,
                          v1::DISPOSAL_TYPE_LONGER_CUSTODIAL_SENTENCE));
  EXPECT_EQ(s.min_weeks_supervised_before_announcement(), 4);
  EXPECT_EQ(s.min_weeks_into_sentence_at_fieldwork(), 6);
  EXPECT_EQ(s.max_months_into_sentence_at_fieldwork(), 3);
  EXPECT_DOUBLE_EQ(s.z(), 1.2816);
  EXPECT_EQ(s.min_sample(), 14);
  EXPECT_EQ(s.max_sample(), 47);
  EXPECT_TRUE(s.include_pre_sentence_report_case());
}

TEST_F(BuiltInFrameworksTest, RatingsFrameworksHaveTheirStandards) {
  EXPECT_THAT(SectionIds(Get("hmip-youth-2018")),
              ElementsAre("1.1", "1.2", "1.3", "1.4", "2.1", "2.2", "2.3",
                          "2.4", "3.1", "3.2", "3.3", "3.4"));
  EXPECT_THAT(SectionIds(Get("hmip-youth-2021")),
              ElementsAre("1.1", "1.2", "1.3", "1.4", "2.1", "2.2", "2.3",
                          "2.4", "3.1", "3.2", "3.3", "3.4", "4.1"));
}

TEST_F(BuiltInFrameworksTest, Standard34ChangesFromJointWorkingToPanel) {
  const v1::Section& joint = Get("hmip-youth-2018").sections(11);
  EXPECT_EQ(joint.title(), "Joint working");
  EXPECT_EQ(joint.scoring(), v1::SCORING_METHOD_LOWEST_KEY_QUESTION);
  EXPECT_EQ(joint.scope(), v1::CASE_SCOPE_OUT_OF_COURT_DISPOSALS);
  const v1::Section& policy = Get("hmip-youth-2021").sections(11);
  EXPECT_EQ(policy.title(), "Out-of-court disposal policy and provision");
  EXPECT_EQ(policy.scoring(), v1::SCORING_METHOD_PANEL_RATING);
  const v1::Section& resettlement = Get("hmip-youth-2021").sections(12);
  EXPECT_EQ(resettlement.title(), "Resettlement policy and provision");
  EXPECT_EQ(resettlement.scoring(), v1::SCORING_METHOD_PANEL_RATING);
  EXPECT_FALSE(resettlement.counted_in_overall());
}

TEST_F(BuiltInFrameworksTest, TwelveStandardsCountTowardsThirtySix) {
  for (absl::string_view id : {"hmip-youth-2018", "hmip-youth-2021"}) {
    int counted = 0;
    for (const v1::Section& s : Get(id).sections()) {
      counted += s.counted_in_overall() ? 1 : 0;
    }
    EXPECT_EQ(counted, 12) << id;
    EXPECT_EQ(Get(id).rating().overall_bands(0).max_score(), 36) << id;
  }
}

TEST_F(BuiltInFrameworksTest, CaseStandardsAskTheThreeKeyQuestions) {
  for (absl::string_view id : {"hmip-youth-2018", "hmip-youth-2021"}) {
    const v1::Framework& framework = Get(id);
    EXPECT_THAT(framework.key_questions(),
                ElementsAre("desistance", "safety_and_wellbeing",
                            "keeping_others_safe"));
    for (const v1::Section& s : framework.sections()) {
      if (s.scoring() != v1::SCORING_METHOD_LOWEST_KEY_QUESTION) continue;
      EXPECT_THAT(
          CriterionIds(s),
          ElementsAre(s.id() + "-desistance", s.id() + "-safety_and_wellbeing",
                      s.id() + "-keeping_others_safe"));
      EXPECT_EQ(s.criteria(0).scale(), "yes_no");
      EXPECT_EQ(s.criteria(1).scale(), "yes_no");
      EXPECT_EQ(s.criteria(2).scale(), "yes_no_na");
    }
  }
}

TEST_F(BuiltInFrameworksTest, RatingBandsAreVersionedData) {
  auto bands = [](const v1::Framework& framework) {
    std::vector<std::string> out;
    for (const v1::RatingBand& b : framework.rating().standard_bands()) {
      out.push_back(absl::StrCat(b.rating(), ">=", b.min_share().numerator(),
                                 "/", b.min_share().denominator(), ":",
                                 b.points()));
    }
    for (const v1::RatingBand& b : framework.rating().overall_bands()) {
      out.push_back(
          absl::StrCat(b.rating(), " ", b.min_score(), "-", b.max_score()));
    }
    return out;
  };
  const std::vector<std::string> standard = {
      "Outstanding>=4/5:3", "Good>=13/20:2", "Requires improvement>=1/2:1",
      "Inadequate>=0/1:0"};
  std::vector<std::string> expected_2018 = standard;
  for (const char* b : {"Outstanding 26-36", "Good 16-25",
                        "Requires improvement 6-15", "Inadequate 0-5"}) {
    expected_2018.push_back(b);
  }
  std::vector<std::string> expected_2021 = standard;
  for (const char* b : {"Outstanding 31-36", "Good 19-30",
                        "Requires improvement 7-18", "Inadequate 0-6"}) {
    expected_2021.push_back(b);
  }
  EXPECT_THAT(bands(Get("hmip-youth-2018")), ElementsAreArray(expected_2018));
  EXPECT_THAT(bands(Get("hmip-youth-2021")), ElementsAreArray(expected_2021));
  // Version 2 of the 2018 rules corrects the overall bands to those the
  // published scores of 2018-standard inspections fit, the same as 2021's.
  EXPECT_THAT(bands(Get("hmip-youth-2018", "2")),
              ElementsAreArray(expected_2021));
}

// A correction is a new version that differs from the one it supersedes
// only where it says: every other part is the same.
TEST_F(BuiltInFrameworksTest, CorrectionsChangeOnlyWhatTheySay) {
  v1::Framework old_2018 = Get("hmip-youth-2018");
  v1::Framework new_2018 = Get("hmip-youth-2018", "2");
  for (v1::Framework* f : {&old_2018, &new_2018}) {
    f->clear_version();
    f->clear_provenance();
    f->clear_supersedes();
    f->mutable_rating()->clear_overall_bands();
  }
  EXPECT_EQ(old_2018.SerializeAsString(), new_2018.SerializeAsString());

  v1::Framework old_sqs = Get("sqs-2014");
  v1::Framework new_sqs = Get("sqs-2014", "2");
  const v1::Criterion* vulnerability = FindCriterion(new_sqs, "3.1");
  ASSERT_NE(vulnerability, nullptr);
  EXPECT_EQ(vulnerability->negative_statement(),
            "staff had not done enough to understand the vulnerabilities of "
            "the child or young person");
  const v1::Criterion* risk = FindCriterion(new_sqs, "2.5");
  ASSERT_NE(risk, nullptr);
  EXPECT_EQ(risk->value_statements().at("under_estimated"),
            "the risk of serious harm had been under-estimated");
  EXPECT_EQ(new_sqs.sections(3).title(),
            "Ensuring that the sentence is served");
  for (v1::Framework* f : {&old_sqs, &new_sqs}) {
    f->clear_version();
    f->clear_provenance();
    f->clear_supersedes();
    f->mutable_sections(3)->clear_title();
    for (v1::Section& section : *f->mutable_sections()) {
      for (v1::Criterion& c : *section.mutable_criteria()) {
        if (c.id() == "3.1") c.clear_negative_statement();
        if (c.id() == "2.5") c.clear_value_statements();
      }
    }
  }
  EXPECT_EQ(old_sqs.SerializeAsString(), new_sqs.SerializeAsString());
}

// Every version but the newest of a framework is superseded, with a reason:
// no stale version is left unmarked.
TEST_F(BuiltInFrameworksTest, OnlyTheNewestVersionIsCurrent) {
  for (const v1::Framework* framework : registry_->List()) {
    const bool newest = registry_->Newest(framework->id()) == framework;
    const auto superseded =
        registry_->SupersessionOf(framework->id(), framework->version());
    EXPECT_EQ(superseded.has_value(), !newest)
        << framework->id() << " version " << framework->version();
    if (superseded.has_value()) {
      EXPECT_FALSE(superseded->reason().empty());
    }
  }
}

TEST_F(BuiltInFrameworksTest, RatingsSamplingTakesBothKindsOfDisposal) {
  for (absl::string_view id : {"hmip-youth-2018", "hmip-youth-2021"}) {
    const v1::SamplingRules& s = Get(id).sampling();
    EXPECT_EQ(s.eligible_disposals_size(), 7) << id;
    EXPECT_EQ(s.min_sample(), 14) << id;
    EXPECT_EQ(s.max_sample(), 91) << id;
  }
}

// "In <count phrase>, <statement>." needs a statement that starts in lower
// case and has no full stop of its own.
TEST_F(BuiltInFrameworksTest, EveryStatementCompletesACountPhrase) {
  for (const v1::Framework* framework : registry_->List()) {
    for (const v1::Section& s : framework->sections()) {
      for (const v1::Criterion& c : s.criteria()) {
        std::vector<std::string> statements = {c.positive_statement(),
                                               c.negative_statement()};
        for (const auto& [value, statement] : c.value_statements()) {
          statements.push_back(statement);
        }
        for (const std::string& statement : statements) {
          ASSERT_FALSE(statement.empty()) << framework->id() << " " << c.id();
          EXPECT_TRUE(statement.front() >= 'a' && statement.front() <= 'z')
              << framework->id() << " " << c.id() << ": " << statement;
          EXPECT_NE(statement.back(), '.') << framework->id() << " " << c.id();
        }
        for (const std::string& wording :
             {c.strength_wording(), c.improvement_wording()}) {
          if (wording.empty()) continue;
          EXPECT_EQ(wording.back(), '.') << framework->id() << " " << c.id();
        }
      }
    }
  }
}

TEST_F(BuiltInFrameworksTest, EveryFrameworkSaysWhereItComesFrom) {
  std::set<std::string> ids;
  for (const v1::Framework* framework : registry_->List()) {
    ids.insert(framework->id());
    EXPECT_FALSE(framework->provenance().empty()) << framework->id();
    EXPECT_FALSE(framework->title().empty()) << framework->id();
  }
  EXPECT_THAT(ids, UnorderedElementsAre("sqs-2014", "hmip-youth-2018",
                                        "hmip-youth-2021"));
}

}  // namespace
}  // namespace yjinspect::common
