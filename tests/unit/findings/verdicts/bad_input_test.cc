// Every class of bad input to services/findings/verdicts/verdict_engine.h is
// refused with INVALID_ARGUMENT naming what is wrong.

#include <ostream>
#include <string>
#include <utility>
#include <vector>

#include "gtest/gtest.h"
#include "services/findings/verdicts/verdict_engine.h"
#include "tests/testing/invalid_argument.h"
#include "tests/unit/findings/verdicts/verdict_fixtures.h"

namespace yjinspect::findings {
namespace {

using testing::Case;
using testing::KeyQuestionFramework;
using testing::Override;
using testing::Panel;
using ::yjinspect::testing::ExpectInvalidArgumentNaming;

struct BadInputRow {
  std::string name;
  std::vector<v1::CaseAnswers> cases;
  std::vector<v1::PanelRating> panel;
  std::vector<v1::VerdictOverride> overrides;
  // Every one of these must appear in the error message.
  std::vector<std::string> message_parts;
};
// Test logs name the row, not its bytes.
void PrintTo(const BadInputRow& row, std::ostream* os) { *os << row.name; }

class BadInputTest : public ::testing::TestWithParam<BadInputRow> {};

TEST_P(BadInputTest, IsRefusedNamingTheProblem) {
  const BadInputRow& row = GetParam();
  ExpectInvalidArgumentNaming(ComputeVerdicts(KeyQuestionFramework(), row.cases,
                                              row.panel, row.overrides)
                                  .status(),
                              row.message_parts);
}

constexpr auto kCourt = v1::DISPOSAL_TYPE_REFERRAL_ORDER;

v1::CaseAnswers WithoutSource() {
  v1::CaseAnswers record = Case("cases/no-source", kCourt, {});
  record.set_source(v1::EVIDENCE_SOURCE_UNSPECIFIED);
  return record;
}

// Rows of one kind of bad input, the other kinds left empty.
BadInputRow BadCases(std::string name, std::vector<v1::CaseAnswers> cases,
                     std::vector<std::string> message_parts) {
  return {std::move(name), std::move(cases), {}, {}, std::move(message_parts)};
}
BadInputRow BadOverrides(std::string name,
                         std::vector<v1::VerdictOverride> overrides,
                         std::vector<std::string> message_parts) {
  return {
      std::move(name), {}, {}, std::move(overrides), std::move(message_parts)};
}
BadInputRow BadPanel(std::string name, std::vector<v1::PanelRating> panel,
                     std::vector<std::string> message_parts) {
  return {std::move(name), {}, std::move(panel), {}, std::move(message_parts)};
}

INSTANTIATE_TEST_SUITE_P(
    Answers, BadInputTest,
    ::testing::Values(
        BadCases("UnknownCriterion",
                 {Case("cases/C7", kCourt,
                       {{"2.1-desistance", "yes"}, {"9.9", "yes"}})},
                 {"cases/C7", "unknown criterion", "\"9.9\""}),
        BadCases("UnknownValue",
                 {Case("cases/C8", kCourt, {{"2.1-safety", "maybe"}})},
                 {"cases/C8", "\"2.1-safety\"", "\"maybe\""}),
        BadCases("UnknownValueOfAnOutOfScopeCase",
                 {Case("cases/C9", v1::DISPOSAL_TYPE_YOUTH_CAUTION,
                       {{"2.1-safety", "Yes"}})},
                 {"cases/C9", "\"2.1-safety\"", "\"Yes\""}),
        BadCases("SmallestBadCriterionReported",
                 {Case("cases/C10", kCourt,
                       {{"2.1-zz", "yes"},
                        {"2.1-aa", "yes"},
                        {"2.1-others", "no"}})},
                 {"cases/C10", "\"2.1-aa\""}),
        BadCases("NoEvidenceSource", {WithoutSource()},
                 {"cases/no-source", "source"})),
    testing::NameOfRow<BadInputRow>);

INSTANTIATE_TEST_SUITE_P(
    Overrides, BadInputTest,
    ::testing::Values(
        BadOverrides("SectionWithoutReason", {Override("2.1", "Good", "")},
                     {"override 0", "\"2.1\"", "reason is required"}),
        BadOverrides("OverallWithoutReason",
                     {Override("overall", "Good", "Fine.", "LI-01"),
                      Override("strength:2.1-safety", "confirm", "")},
                     {"override 1", "strength:2.1-safety",
                      "reason is required"}),
        BadOverrides("UnknownTarget", {Override("9.9", "Good", "Because.")},
                     {"\"9.9\"", "unknown target"}),
        BadOverrides("UnknownSectionRating",
                     {Override("2.1", "Excellent", "Because.")},
                     {"\"2.1\"", "\"Excellent\" is not a rating"}),
        BadOverrides("UnknownOverallRating",
                     {Override("overall", "Excellent", "Because.")},
                     {"\"overall\"", "not an overall rating"}),
        BadOverrides("FindingOfUnknownCriterion",
                     {Override("strength:9.9", "confirm", "Because.")},
                     {"strength:9.9", "unknown criterion"}),
        BadOverrides("FindingOfUnscoredCriterion",
                     {Override("improvement:2.1-learning-disability", "confirm",
                               "Because.")},
                     {"improvement:2.1-learning-disability", "not scored"}),
        BadOverrides("FindingDecisionNeitherConfirmNorReject",
                     {Override("strength:2.1-safety", "maybe", "Because.")},
                     {"strength:2.1-safety", "\"confirm\" or \"reject\""}),
        BadOverrides("TargetRepeated",
                     {Override("2.1", "Good", "Because."),
                      Override("2.1", "Inadequate", "Because.")},
                     {"override 1", "\"2.1\"", "repeated"})),
    testing::NameOfRow<BadInputRow>);

INSTANTIATE_TEST_SUITE_P(
    PanelRatings, BadInputTest,
    ::testing::Values(BadPanel("WithoutReason", {Panel("1.1", "Good", "")},
                               {"\"1.1\"", "reason is required"}),
                      BadPanel("UnknownSection", {Panel("1.9", "Good")},
                               {"\"1.9\"", "unknown section"}),
                      BadPanel("SectionRatedFromCases", {Panel("2.1", "Good")},
                               {"\"2.1\"", "not rated by the panel"}),
                      BadPanel("UnknownRating", {Panel("1.1", "Very good")},
                               {"\"1.1\"", "\"Very good\" is not a rating"}),
                      BadPanel("SectionRepeated",
                               {Panel("1.1", "Good"),
                                Panel("1.1", "Inadequate")},
                               {"panel rating 1", "repeated"})),
    testing::NameOfRow<BadInputRow>);

// Frameworks the engine cannot rate by.
struct BadFrameworkRow {
  std::string name;
  void (*spoil)(v1::Framework&);
  std::string message_part;
};
// Test logs name the row, not its bytes.
void PrintTo(const BadFrameworkRow& row, std::ostream* os) { *os << row.name; }

class BadFrameworkTest : public ::testing::TestWithParam<BadFrameworkRow> {};

TEST_P(BadFrameworkTest, IsRefused) {
  v1::Framework framework = KeyQuestionFramework();
  GetParam().spoil(framework);
  ExpectInvalidArgumentNaming(ComputeVerdicts(framework, {}, {}, {}).status(),
                              {GetParam().message_part});
}

INSTANTIATE_TEST_SUITE_P(
    Frameworks, BadFrameworkTest,
    ::testing::Values(
        BadFrameworkRow{"CriterionRepeated",
                        [](v1::Framework& f) {
                          f.mutable_sections(1)->mutable_criteria(0)->set_id(
                              "2.1-safety");
                        },
                        "\"2.1-safety\" is empty or repeated"},
        BadFrameworkRow{"UnknownScale",
                        [](v1::Framework& f) {
                          f.mutable_sections(0)->mutable_criteria(0)->set_scale(
                              "stars");
                        },
                        "unknown scale \"stars\""},
        BadFrameworkRow{"ValueWithoutMeaning",
                        [](v1::Framework& f) {
                          f.mutable_scales(0)->mutable_values(2)->set_meaning(
                              v1::ANSWER_MEANING_UNSPECIFIED);
                        },
                        "\"na\""},
        BadFrameworkRow{
            "SectionRepeated",
            [](v1::Framework& f) { f.mutable_sections(1)->set_id("2.1"); },
            "section \"2.1\" repeated"},
        BadFrameworkRow{
            "SectionNamedOverall",
            [](v1::Framework& f) { f.mutable_sections(2)->set_id("overall"); },
            "reserved"},
        BadFrameworkRow{
            "BandsLowestFirst",
            [](v1::Framework& f) {
              f.mutable_rating()->mutable_standard_bands()->SwapElements(0, 3);
            },
            "highest band first"},
        BadFrameworkRow{
            "LastBandAboveZero",
            [](v1::Framework& f) {
              f.mutable_rating()->mutable_standard_bands()->RemoveLast();
            },
            "zero share"},
        BadFrameworkRow{"ZeroDenominator",
                        [](v1::Framework& f) {
                          f.mutable_rating()
                              ->mutable_standard_bands(1)
                              ->mutable_min_share()
                              ->set_denominator(0);
                        },
                        "min_share"},
        BadFrameworkRow{"KeyQuestionSectionWithoutKeyQuestions",
                        [](v1::Framework& f) {
                          for (auto& c :
                               *f.mutable_sections(0)->mutable_criteria()) {
                            c.clear_key_question();
                          }
                        },
                        "no scored criterion with one"}),
    testing::NameOfRow<BadFrameworkRow>);

}  // namespace
}  // namespace yjinspect::findings
