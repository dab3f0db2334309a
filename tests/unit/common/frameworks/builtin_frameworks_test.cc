// frameworks/*.textproto as compiled into the binary: what each framework
// holds, checked against docs/domain.md and the Bolton SQS letter, and that
// every statement completes "In <count phrase>, <statement>." as English.

#include <map>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "common/frameworks/framework_registry.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace yjinspect::common {
namespace {

using ::testing::ElementsAre;
using ::testing::ElementsAreArray;
using ::testing::HasSubstr;
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
                                        "hmip-youth-2021", "hmip-youth-2025",
                                        "hmip-youth-2025-children-victims"));
}

// --- Frameworks drawn as sample pools (2018 v3, 2021 v2, 2025). ---------

// Section id -> the pools it names, for the sections that name any.
std::map<std::string, std::vector<std::string>> SectionPools(
    const v1::Framework& framework) {
  std::map<std::string, std::vector<std::string>> out;
  for (const v1::Section& s : framework.sections()) {
    if (s.pools_size() == 0) continue;
    out[s.id()] = {s.pools().begin(), s.pools().end()};
  }
  return out;
}

const v1::SamplePool* FindPool(const v1::Framework& framework,
                               absl::string_view id) {
  for (const v1::SamplePool& pool : framework.pools()) {
    if (pool.id() == id) return &pool;
  }
  return nullptr;
}

// The sum of the minimum and of the maximum sample sizes of a framework's
// pools of `records`.
std::pair<int, int> TotalBounds(const v1::Framework& framework,
                                v1::PoolRecords records) {
  std::pair<int, int> total{0, 0};
  for (const v1::SamplePool& pool : framework.pools()) {
    if (pool.records() != records) continue;
    total.first += pool.rules().min_sample();
    total.second += pool.rules().max_sample();
  }
  return total;
}

class PooledFrameworksTest : public BuiltInFrameworksTest {
 protected:
  // Every framework drawn as pools, by id and version.
  std::vector<const v1::Framework*> Pooled() {
    std::vector<const v1::Framework*> out;
    for (const v1::Framework* f : registry_->List()) {
      if (f->pools_size() > 0) out.push_back(f);
    }
    return out;
  }
};

TEST_F(PooledFrameworksTest, TheNewestOfEveryRatingsFrameworkIsPooled) {
  std::vector<std::string> pooled;
  for (const v1::Framework* f : Pooled()) {
    pooled.push_back(absl::StrCat(f->id(), "@", f->version()));
    EXPECT_FALSE(f->has_sampling()) << f->id();
  }
  EXPECT_THAT(pooled,
              UnorderedElementsAre("hmip-youth-2018@3", "hmip-youth-2021@2",
                                   "hmip-youth-2025@1",
                                   "hmip-youth-2025-children-victims@1"));
  for (absl::string_view id :
       {"hmip-youth-2018", "hmip-youth-2021", "hmip-youth-2025",
        "hmip-youth-2025-children-victims"}) {
    EXPECT_GT(registry_->Newest(id)->pools_size(), 0) << id;
  }
}

// Every pool says where its rules come from, and one marked reconstructed
// says so in its source; every criterion of a pooled framework is marked,
// since no criteria document of these programmes could be read.
TEST_F(PooledFrameworksTest, EveryPoolAndCriterionIsMarked) {
  for (const v1::Framework* f : Pooled()) {
    for (const v1::SamplePool& pool : f->pools()) {
      SCOPED_TRACE(absl::StrCat(f->id(), "@", f->version(), " ", pool.id()));
      EXPECT_FALSE(pool.title().empty());
      EXPECT_FALSE(pool.source().empty());
      EXPECT_EQ(pool.reconstructed(),
                absl::StrContains(pool.source(), "Reconstructed"));
      // Windows and sizes of every pool are reconstructed in every one.
      EXPECT_TRUE(pool.reconstructed());
    }
    for (const v1::Section& s : f->sections()) {
      for (const v1::Criterion& c : s.criteria()) {
        EXPECT_TRUE(c.reconstructed()) << f->id() << " " << c.id();
      }
    }
    EXPECT_FALSE(f->provenance().empty()) << f->id();
  }
}

// A case belongs to one pool at most: no disposal type in two pools of
// children's cases; victims' pools name none.
TEST_F(PooledFrameworksTest, NoDisposalTypeIsInTwoPools) {
  for (const v1::Framework* f : Pooled()) {
    std::map<int, std::string> seen;
    for (const v1::SamplePool& pool : f->pools()) {
      if (pool.records() == v1::POOL_RECORDS_VICTIM_CASES) {
        EXPECT_EQ(pool.rules().eligible_disposals_size(), 0) << pool.id();
        continue;
      }
      EXPECT_EQ(pool.records(), v1::POOL_RECORDS_CHILDREN_CASES) << pool.id();
      for (int d : pool.rules().eligible_disposals()) {
        const auto [it, fresh] = seen.emplace(d, pool.id());
        EXPECT_TRUE(fresh) << f->id() << ": " << v1::DisposalType_Name(d)
                           << " in " << it->second << " and " << pool.id();
      }
    }
  }
}

// The 2025 programme's published bounds: 14 to 91 children's cases, 9 to 24
// victims' cases. The children's bounds are for the whole sample, so the
// pools' minimums add up to 14 and their maximums to 91.
TEST_F(PooledFrameworksTest, The2025BoundsAreThePublishedOnes) {
  for (absl::string_view id :
       {"hmip-youth-2025", "hmip-youth-2025-children-victims"}) {
    SCOPED_TRACE(id);
    const v1::Framework& f = Get(id);
    EXPECT_EQ(TotalBounds(f, v1::POOL_RECORDS_CHILDREN_CASES),
              std::make_pair(14, 91));
    EXPECT_EQ(TotalBounds(f, v1::POOL_RECORDS_VICTIM_CASES),
              std::make_pair(9, 24));
    std::vector<std::string> pools;
    for (const v1::SamplePool& pool : f.pools()) pools.push_back(pool.id());
    // No bail and remand pool: the case record has no disposal type for it.
    EXPECT_THAT(pools, ElementsAre("court-disposals", "out-of-court-disposals",
                                   "resettlement", "victims"));
    const v1::SamplePool* victims = FindPool(f, "victims");
    ASSERT_NE(victims, nullptr);
    EXPECT_EQ(victims->records(), v1::POOL_RECORDS_VICTIM_CASES);
    EXPECT_EQ(victims->rules().min_sample(), 9);
    EXPECT_EQ(victims->rules().max_sample(), 24);
    const v1::SamplePool* resettlement = FindPool(f, "resettlement");
    ASSERT_NE(resettlement, nullptr);
    EXPECT_THAT(resettlement->rules().eligible_disposals(),
                ElementsAre(v1::DISPOSAL_TYPE_DETENTION_AND_TRAINING_ORDER,
                            v1::DISPOSAL_TYPE_LONGER_CUSTODIAL_SENTENCE));
  }
}

// Work with children: assessing, planning and delivery, each judged on all
// three children's pools by the three children's key questions; work with
// victims on the victims' pool by V1.1 alone; organisational standards
// (IYJS only) by the panel, from no pool.
TEST_F(PooledFrameworksTest, The2025SectionsJudgeTheirOwnPools) {
  const std::vector<std::string> children = {
      "court-disposals", "out-of-court-disposals", "resettlement"};
  const std::map<std::string, std::vector<std::string>> expected = {
      {"2.1", children},
      {"2.2", children},
      {"2.3", children},
      {"v1", {"victims"}}};
  const v1::Framework& full = Get("hmip-youth-2025");
  const v1::Framework& cv = Get("hmip-youth-2025-children-victims");
  EXPECT_THAT(SectionIds(full),
              ElementsAre("1.1", "1.2", "1.3", "2.1", "2.2", "2.3", "v1"));
  EXPECT_THAT(SectionIds(cv), ElementsAre("2.1", "2.2", "2.3", "v1"));
  for (const v1::Framework* f : {&full, &cv}) {
    SCOPED_TRACE(f->id());
    EXPECT_EQ(SectionPools(*f), expected);
    EXPECT_THAT(f->key_questions(),
                ElementsAre("positive_change", "safety_of_child",
                            "safety_of_community", "v1_1"));
    for (const v1::Section& s : f->sections()) {
      EXPECT_TRUE(s.counted_in_overall()) << s.id();
      EXPECT_EQ(s.scope(), v1::CASE_SCOPE_UNSPECIFIED) << s.id();
      if (s.id() == "v1") {
        EXPECT_EQ(s.title(), "Work with victims");
        EXPECT_THAT(s.key_questions(), ElementsAre("v1_1"));
        EXPECT_THAT(CriterionIds(s), ElementsAre("v1.1"));
        EXPECT_EQ(s.criteria(0).wording(),
                  "Is work with victims high-quality, individualised, and "
                  "responsive?");
      } else if (absl::StartsWith(s.id(), "2.")) {
        EXPECT_EQ(s.scoring(), v1::SCORING_METHOD_LOWEST_KEY_QUESTION);
        EXPECT_THAT(s.key_questions(),
                    ElementsAre("positive_change", "safety_of_child",
                                "safety_of_community"));
        EXPECT_THAT(CriterionIds(s),
                    ElementsAre(s.id() + "-positive_change",
                                s.id() + "-safety_of_child",
                                s.id() + "-safety_of_community"));
        EXPECT_EQ(s.criteria(2).scale(), "yes_no_na");
      } else {
        EXPECT_EQ(s.scoring(), v1::SCORING_METHOD_PANEL_RATING) << s.id();
        EXPECT_EQ(s.domain(), "1 Organisational delivery");
      }
    }
  }
  EXPECT_EQ(full.sections(2).title(),
            "Partnerships, services and Appropriate Adult arrangements");
  EXPECT_THAT(std::vector<std::string>({full.sections(3).title(),
                                        full.sections(4).title(),
                                        full.sections(5).title()}),
              ElementsAre("Assessing", "Planning", "Delivery"));
}

// The two 2025 inspection types differ only in the organisational
// standards, the overall bands and what the header says.
TEST_F(PooledFrameworksTest, The2025TypesDifferOnlyInOrganisationAndBands) {
  v1::Framework full = Get("hmip-youth-2025");
  v1::Framework cv = Get("hmip-youth-2025-children-victims");
  auto bands = [](const v1::Framework& f) {
    std::vector<std::string> out;
    for (const v1::RatingBand& b : f.rating().overall_bands()) {
      out.push_back(
          absl::StrCat(b.rating(), " ", b.min_score(), "-", b.max_score()));
    }
    return out;
  };
  // The 2018/2021 bands over 36 (0-6, 7-18, 19-30, 31-36) scaled to each
  // maximum: at most 1/6, 1/2 and 5/6 of it.
  EXPECT_THAT(bands(full),
              ElementsAre("Outstanding 18-21", "Good 11-17",
                          "Requires improvement 4-10", "Inadequate 0-3"));
  EXPECT_THAT(bands(cv),
              ElementsAre("Outstanding 11-12", "Good 7-10",
                          "Requires improvement 3-6", "Inadequate 0-2"));
  full.mutable_sections()->DeleteSubrange(0, 3);
  for (v1::Framework* f : {&full, &cv}) {
    f->clear_id();
    f->clear_title();
    f->clear_provenance();
    f->mutable_rating()->clear_overall_bands();
  }
  EXPECT_EQ(full.SerializeAsString(), cv.SerializeAsString());
}

// A version that draws pools differs from the one it supersedes only in its
// pools, in the sections naming pools instead of a scope (and 4.1 naming
// resettlement), and in what its header says.
TEST_F(PooledFrameworksTest, PoolVersionsChangeOnlyTheSample) {
  struct Pair {
    const char* id;
    const char* before;
    const char* after;
  };
  for (const Pair& pair :
       {Pair{"hmip-youth-2021", "1", "2"}, Pair{"hmip-youth-2018", "2", "3"}}) {
    SCOPED_TRACE(pair.id);
    v1::Framework before = Get(pair.id, pair.before);
    v1::Framework after = Get(pair.id, pair.after);
    // The pools take every disposal type the one sample took, each once.
    std::multiset<int> drawn;
    for (const v1::SamplePool& pool : after.pools()) {
      EXPECT_EQ(pool.records(), v1::POOL_RECORDS_CHILDREN_CASES);
      EXPECT_EQ(pool.rules().min_weeks_supervised_before_announcement(),
                before.sampling().min_weeks_supervised_before_announcement());
      EXPECT_EQ(pool.rules().min_weeks_into_sentence_at_fieldwork(),
                before.sampling().min_weeks_into_sentence_at_fieldwork());
      EXPECT_EQ(pool.rules().max_months_into_sentence_at_fieldwork(),
                before.sampling().max_months_into_sentence_at_fieldwork());
      EXPECT_DOUBLE_EQ(pool.rules().z(), before.sampling().z());
      drawn.insert(pool.rules().eligible_disposals().begin(),
                   pool.rules().eligible_disposals().end());
    }
    EXPECT_EQ(drawn,
              std::multiset<int>(before.sampling().eligible_disposals().begin(),
                                 before.sampling().eligible_disposals().end()));
    EXPECT_EQ(TotalBounds(after, v1::POOL_RECORDS_CHILDREN_CASES),
              std::make_pair(before.sampling().min_sample(),
                             before.sampling().max_sample()));
    // Each section judged from cases judges the same kinds of case.
    for (int i = 0; i < after.sections_size(); ++i) {
      const v1::Section& b = before.sections(i);
      const v1::Section& a = after.sections(i);
      if (b.evidence() != v1::EVIDENCE_SOURCE_CASES) continue;
      std::set<int> from_pools;
      for (const std::string& id : a.pools()) {
        const v1::SamplePool* pool = FindPool(after, id);
        ASSERT_NE(pool, nullptr) << id;
        from_pools.insert(pool->rules().eligible_disposals().begin(),
                          pool->rules().eligible_disposals().end());
      }
      const std::set<int> court = {
          v1::DISPOSAL_TYPE_REFERRAL_ORDER,
          v1::DISPOSAL_TYPE_YOUTH_REHABILITATION_ORDER,
          v1::DISPOSAL_TYPE_DETENTION_AND_TRAINING_ORDER,
          v1::DISPOSAL_TYPE_LONGER_CUSTODIAL_SENTENCE};
      const std::set<int> out_of_court = {
          v1::DISPOSAL_TYPE_COMMUNITY_RESOLUTION,
          v1::DISPOSAL_TYPE_YOUTH_CAUTION,
          v1::DISPOSAL_TYPE_YOUTH_CONDITIONAL_CAUTION};
      EXPECT_EQ(from_pools, b.scope() == v1::CASE_SCOPE_COURT_DISPOSALS
                                ? court
                                : out_of_court)
          << a.id();
    }
    for (v1::Framework* f : {&before, &after}) {
      f->clear_version();
      f->clear_provenance();
      f->clear_supersedes();
      f->clear_sampling();
      f->clear_pools();
      for (v1::Section& s : *f->mutable_sections()) {
        s.clear_scope();
        s.clear_pools();
      }
    }
    // Version 1 of 2018 had other bands; version 2, the one compared, has
    // the same as version 3.
    EXPECT_EQ(before.SerializeAsString(), after.SerializeAsString());
  }
}

TEST_F(PooledFrameworksTest, ResettlementIsItsOwnPoolFrom2021) {
  const v1::Framework& v2021 = Get("hmip-youth-2021", "2");
  const std::map<std::string, std::vector<std::string>> expected_2021 = {
      {"2.1", {"court-disposals", "resettlement"}},
      {"2.2", {"court-disposals", "resettlement"}},
      {"2.3", {"court-disposals", "resettlement"}},
      {"2.4", {"court-disposals", "resettlement"}},
      {"3.1", {"out-of-court-disposals"}},
      {"3.2", {"out-of-court-disposals"}},
      {"3.3", {"out-of-court-disposals"}},
      {"4.1", {"resettlement"}}};
  EXPECT_EQ(SectionPools(v2021), expected_2021);
  const v1::SamplePool* court = FindPool(v2021, "court-disposals");
  ASSERT_NE(court, nullptr);
  EXPECT_THAT(court->rules().eligible_disposals(),
              ElementsAre(v1::DISPOSAL_TYPE_REFERRAL_ORDER,
                          v1::DISPOSAL_TYPE_YOUTH_REHABILITATION_ORDER));
  // 4.1 is rated by the panel, informed by the resettlement cases, and not
  // counted.
  const v1::Section& resettlement = v2021.sections(12);
  EXPECT_EQ(resettlement.id(), "4.1");
  EXPECT_EQ(resettlement.scoring(), v1::SCORING_METHOD_PANEL_RATING);
  EXPECT_FALSE(resettlement.counted_in_overall());

  // 2018 has no resettlement standard: custodial sentences are court
  // disposals, and 3.4 Joint working is judged on out-of-court cases.
  const v1::Framework& v2018 = Get("hmip-youth-2018", "3");
  const std::map<std::string, std::vector<std::string>> expected_2018 = {
      {"2.1", {"court-disposals"}},        {"2.2", {"court-disposals"}},
      {"2.3", {"court-disposals"}},        {"2.4", {"court-disposals"}},
      {"3.1", {"out-of-court-disposals"}}, {"3.2", {"out-of-court-disposals"}},
      {"3.3", {"out-of-court-disposals"}}, {"3.4", {"out-of-court-disposals"}}};
  EXPECT_EQ(SectionPools(v2018), expected_2018);
  EXPECT_EQ(FindPool(v2018, "resettlement"), nullptr);
}

TEST_F(PooledFrameworksTest, PoolVersionsSayWhyTheySupersede) {
  const auto v2021 = registry_->SupersessionOf("hmip-youth-2021", "1");
  ASSERT_TRUE(v2021.has_value());
  EXPECT_EQ(v2021->by_version(), "2");
  EXPECT_THAT(v2021->reason(), HasSubstr("no resettlement case"));
  // Version 1 of 2018 is told of both corrections, by the newest version.
  const auto v2018_1 = registry_->SupersessionOf("hmip-youth-2018", "1");
  ASSERT_TRUE(v2018_1.has_value());
  EXPECT_EQ(v2018_1->by_version(), "3");
  EXPECT_THAT(v2018_1->reason(), HasSubstr("overall bands"));
  EXPECT_THAT(v2018_1->reason(), HasSubstr("one sample"));
  const auto v2018_2 = registry_->SupersessionOf("hmip-youth-2018", "2");
  ASSERT_TRUE(v2018_2.has_value());
  EXPECT_EQ(v2018_2->by_version(), "3");
}

}  // namespace
}  // namespace yjinspect::common
