// common/frameworks/framework_loader.h: text format syntax errors and every
// semantic rule of framework_validation.h, each refused with the file, the
// line of the offending item and a clear reason.
//
// Each broken variant edits a small valid framework. Where the problem has a
// place in the text, the edit marks the expected line with a "# HERE"
// comment (comments are allowed in text format); without a marker the
// problem must be reported without a line ("test.textproto: <reason>").

#include "common/frameworks/framework_loader.h"

#include <string>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/strings/string_view.h"
#include "common/frameworks/framework_validation.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/testing/name_of_row.h"

namespace yjinspect::common {
namespace {

using ::testing::HasSubstr;

constexpr absl::string_view kFile = "test.textproto";

// A raw string delimiter that clang-format leaves alone ("pb" would be
// reformatted as text proto and break the edits below).
constexpr absl::string_view kSamplingBlock = R"fw(sampling {
  eligible_disposals: DISPOSAL_TYPE_REFERRAL_ORDER
  eligible_disposals: DISPOSAL_TYPE_YOUTH_CAUTION
  min_weeks_supervised_before_announcement: 4
  min_weeks_into_sentence_at_fieldwork: 6
  max_months_into_sentence_at_fieldwork: 3
  z: 1.2816
  proportion: 0.5
  margin_of_error: 0.05
  min_sample: 14
  max_sample: 47
}
)fw";

constexpr absl::string_view kValidHead =
    R"fw(# A small framework using every rule.
id: "test-framework"
version: "1"
title: "Test framework"
key_questions: "desistance"
key_questions: "safety_and_wellbeing"
scales {
  id: "yes_no"
  values { id: "yes" label: "Yes" meaning: ANSWER_MEANING_POSITIVE }
  values { id: "no" label: "No" meaning: ANSWER_MEANING_NEGATIVE }
}
scales {
  id: "yes_no_na"
  values { id: "y" label: "Yes" meaning: ANSWER_MEANING_POSITIVE }
  values { id: "n" label: "No" meaning: ANSWER_MEANING_NEGATIVE }
  values { id: "na" label: "Not applicable" meaning: ANSWER_MEANING_NOT_APPLICABLE }
}
sections {
  id: "share"
  title: "Share of positive"
  evidence: EVIDENCE_SOURCE_CASES
  scope: CASE_SCOPE_ALL_CASES
  scoring: SCORING_METHOD_SHARE_OF_POSITIVE
  criteria {
    id: "s.1"
    wording: "Was it done?"
    scale: "yes_no"
    positive_statement: "it was done"
    negative_statement: "it was not done"
    scored: true
  }
  criteria {
    id: "s.2"
    wording: "Was the nature of the violence identified?"
    scale: "yes_no_na"
    not_applicable_when: "there was no violence"
    positive_statement: "the nature of the violence was identified"
    negative_statement: "there was insufficient identification of the nature of the violence"
    scored: true
  }
  criteria {
    id: "s.3"
    wording: "Does the child have a learning disability?"
    scale: "yes_no"
    scored: false
  }
}
sections {
  id: "rated"
  title: "Rated by key question"
  evidence: EVIDENCE_SOURCE_CASES
  scope: CASE_SCOPE_COURT_DISPOSALS
  scoring: SCORING_METHOD_LOWEST_KEY_QUESTION
  counted_in_overall: true
  criteria {
    id: "r.desistance"
    wording: "Does the work support desistance?"
    scale: "yes_no"
    positive_statement: "the work supported desistance"
    negative_statement: "the work did not support desistance"
    key_question: "desistance"
    scored: true
  }
  criteria {
    id: "r.safety"
    wording: "Does the work keep the child safe?"
    scale: "yes_no"
    positive_statement: "the work kept the child safe"
    negative_statement: "the work did not keep the child safe"
    key_question: "safety_and_wellbeing"
    scored: true
  }
}
sections {
  id: "panel"
  title: "Rated by the panel"
  evidence: EVIDENCE_SOURCE_PANEL
  scoring: SCORING_METHOD_PANEL_RATING
  counted_in_overall: true
}
thresholds {
  strength_at_least { numerator: 9 denominator: 10 }
  improvement_below { numerator: 3 denominator: 4 }
  min_applicable: 3
}
rating {
  standard_bands { rating: "Good" min_share { numerator: 13 denominator: 20 } points: 2 }
  standard_bands { rating: "Inadequate" min_share { numerator: 0 denominator: 1 } points: 0 }
  overall_bands { rating: "Inadequate" min_score: 0 max_score: 1 }
  overall_bands { rating: "Good" min_score: 2 max_score: 4 }
}
)fw";

struct Edit {
  absl::string_view find;
  absl::string_view replace;
};

std::string Apply(absl::string_view text, const std::vector<Edit>& edits);

// Pools instead of the sampling block: court, out-of-court and resettlement
// children's cases, and victims' cases.
constexpr absl::string_view kPoolsBlock = R"fw(pools {
  id: "court"
  title: "Court disposals"
  records: POOL_RECORDS_CHILDREN_CASES
  source: "test"
  rules {
    eligible_disposals: DISPOSAL_TYPE_REFERRAL_ORDER
    min_weeks_supervised_before_announcement: 4
    min_weeks_into_sentence_at_fieldwork: 6
    max_months_into_sentence_at_fieldwork: 3
    z: 1.2816 proportion: 0.5 margin_of_error: 0.05
    min_sample: 14 max_sample: 47
  }
}
pools {
  id: "out-of-court"
  title: "Out-of-court disposals"
  records: POOL_RECORDS_CHILDREN_CASES
  source: "test"
  rules {
    eligible_disposals: DISPOSAL_TYPE_YOUTH_CAUTION
    min_weeks_supervised_before_announcement: 4
    min_weeks_into_sentence_at_fieldwork: 1
    max_months_into_sentence_at_fieldwork: 6
    z: 1.2816 proportion: 0.5 margin_of_error: 0.05
    min_sample: 5 max_sample: 20
  }
}
pools {
  id: "resettlement"
  title: "Resettlement"
  records: POOL_RECORDS_CHILDREN_CASES
  source: "test"
  rules {
    eligible_disposals: DISPOSAL_TYPE_DETENTION_AND_TRAINING_ORDER
    min_weeks_supervised_before_announcement: 4
    min_weeks_into_sentence_at_fieldwork: 6
    max_months_into_sentence_at_fieldwork: 12
    z: 1.2816 proportion: 0.5 margin_of_error: 0.05
    min_sample: 1 max_sample: 10
  }
}
pools {
  id: "victims"
  title: "Victims' cases"
  records: POOL_RECORDS_VICTIM_CASES
  source: "test"
  rules {
    min_weeks_supervised_before_announcement: 4
    min_weeks_into_sentence_at_fieldwork: 1
    max_months_into_sentence_at_fieldwork: 12
    z: 1.2816 proportion: 0.5 margin_of_error: 0.05
    min_sample: 9 max_sample: 24
  }
}
sections {
  id: "victims"
  title: "Work with victims"
  evidence: EVIDENCE_SOURCE_CASES
  pools: "victims"
  scoring: SCORING_METHOD_LOWEST_KEY_QUESTION
  key_questions: "desistance"
  criteria {
    id: "v.1"
    wording: "Was the work with the victim sufficient?"
    scale: "yes_no"
    positive_statement: "the work with the victim was sufficient"
    negative_statement: "the work with the victim was not sufficient"
    key_question: "desistance"
    scored: true
  }
}
)fw";

// The valid base with pools: every case section names its pools.
const std::string& ValidPooled() {
  static const std::string* const valid = new std::string(Apply(
      absl::StrCat(kValidHead, kPoolsBlock),
      {{"  scope: CASE_SCOPE_ALL_CASES\n",
        "  pools: \"court\"\n  pools: \"out-of-court\"\n"},
       {"  scope: CASE_SCOPE_COURT_DISPOSALS\n", "  pools: \"court\"\n"},
       {"  evidence: EVIDENCE_SOURCE_PANEL\n",
        "  evidence: EVIDENCE_SOURCE_PANEL\n  pools: \"resettlement\"\n"}}));
  return *valid;
}

// The valid base: everything, then the sampling block.
const std::string& Valid() {
  static const std::string* const valid =
      new std::string(absl::StrCat(kValidHead, kSamplingBlock));
  return *valid;
}

struct BrokenVariant {
  const char* name;
  std::vector<Edit> edits;
  // A substring of the reason expected among the problems reported.
  absl::string_view reason;
};

// `text` with each edit applied to the single occurrence of its `find`.
std::string Apply(absl::string_view text, const std::vector<Edit>& edits) {
  std::string out(text);
  for (const Edit& edit : edits) {
    const std::string find(edit.find);
    const size_t at = out.find(find);
    EXPECT_NE(at, std::string::npos) << "not found: " << find;
    if (at == std::string::npos) continue;
    EXPECT_EQ(out.find(find, at + 1), std::string::npos)
        << "found twice: " << find;
    out.replace(at, find.size(), std::string(edit.replace));
  }
  return out;
}

// 1-based line of the "# HERE" marker in `text`, or 0 when there is none.
int MarkedLine(absl::string_view text) {
  const size_t at = text.find("# HERE");
  if (at == absl::string_view::npos) return 0;
  int line = 1;
  for (size_t i = 0; i < at; ++i) line += text[i] == '\n' ? 1 : 0;
  return line;
}

// The problems in a status message ("; "-separated).
std::vector<std::string> Problems(const absl::Status& status) {
  return absl::StrSplit(status.message(), "; ");
}

TEST(ParseFrameworkTest, AcceptsTheValidBase) {
  absl::StatusOr<v1::Framework> framework = ParseFramework(Valid(), kFile);
  ASSERT_TRUE(framework.ok()) << framework.status();
  EXPECT_EQ(framework->id(), "test-framework");
  EXPECT_EQ(framework->sections_size(), 3);
}

TEST(ParseFrameworkTest, ConcatenatesAdjacentStrings) {
  const std::string text =
      Apply(Valid(),
            {{R"(title: "Test framework")", R"(title: "Test " "framework")"}});
  absl::StatusOr<v1::Framework> framework = ParseFramework(text, kFile);
  ASSERT_TRUE(framework.ok()) << framework.status();
  EXPECT_EQ(framework->title(), "Test framework");
}

class BrokenFrameworkTest : public ::testing::TestWithParam<BrokenVariant> {};

TEST_P(BrokenFrameworkTest, IsRefusedNamingFileLineAndReason) {
  const BrokenVariant& variant = GetParam();
  const std::string text = Apply(Valid(), variant.edits);
  absl::StatusOr<v1::Framework> framework = ParseFramework(text, kFile);
  ASSERT_FALSE(framework.ok()) << "accepted:\n" << text;
  EXPECT_EQ(framework.status().code(), absl::StatusCode::kInvalidArgument);

  const int line = MarkedLine(text);
  const std::string prefix = line > 0 ? absl::StrCat(kFile, ":", line, ":")
                                      : absl::StrCat(kFile, ": ");
  bool found = false;
  for (const std::string& problem : Problems(framework.status())) {
    if (absl::StartsWith(problem, prefix) &&
        absl::StrContains(problem, variant.reason)) {
      found = true;
    }
  }
  EXPECT_TRUE(found) << "expected a problem starting \"" << prefix
                     << "\" and containing \"" << variant.reason
                     << "\"; got: " << framework.status().message();
}

// Syntax errors: reported by the text format parser at the offending token.
INSTANTIATE_TEST_SUITE_P(
    Syntax, BrokenFrameworkTest,
    ::testing::Values(
        BrokenVariant{"UnknownField",
                      {{R"(title: "Rated by the panel")",
                        R"(titel: "Rated by the panel"  # HERE)"}},
                      R"(has no field named "titel")"},
        BrokenVariant{"UnknownEnumValue",
                      {{"evidence: EVIDENCE_SOURCE_PANEL",
                        "evidence: EVIDENCE_SOURCE_GOSSIP  # HERE"}},
                      "EVIDENCE_SOURCE_GOSSIP"},
        BrokenVariant{
            "FieldSetTwice",
            {{R"(version: "1")", "version: \"1\"\nversion: \"2\"  # HERE"}},
            "specified multiple times"},
        BrokenVariant{"MissingColonBeforeString",
                      {{R"(wording: "Was it done?")",
                        R"(wording "Was it done?"  # HERE)"}},
                      "Expected \":\""},
        BrokenVariant{
            "UnterminatedString",
            {{R"(wording: "Was it done?")", "wording: \"Was it done?  # HERE"}},
            "String literals cannot cross line boundaries"}),
    testing::NameOfRow<BrokenVariant>);

INSTANTIATE_TEST_SUITE_P(
    Header, BrokenFrameworkTest,
    ::testing::Values(
        BrokenVariant{
            "MissingId", {{"id: \"test-framework\"\n", ""}}, "id is required"},
        BrokenVariant{
            "MalformedId",
            {{R"(id: "test-framework")", R"(id: "Test_Framework"  # HERE)"}},
            R"(id "Test_Framework" must be a lower-case letter)"},
        BrokenVariant{"MissingVersion",
                      {{"version: \"1\"\n", ""}},
                      "version is required"},
        BrokenVariant{"MalformedVersion",
                      {{R"(version: "1")", R"(version: "1.0"  # HERE)"}},
                      R"(version "1.0" must be)"},
        BrokenVariant{"MissingTitle",
                      {{"title: \"Test framework\"\n", ""}},
                      "title is required"}),
    testing::NameOfRow<BrokenVariant>);

INSTANTIATE_TEST_SUITE_P(
    Scales, BrokenFrameworkTest,
    ::testing::Values(
        BrokenVariant{"DuplicateScaleId",
                      {{R"(id: "yes_no_na")", R"(id: "yes_no"  # HERE)"}},
                      R"(scale "yes_no" is defined twice)"},
        BrokenVariant{"ScaleWithoutValues",
                      {{"scales {\n  id: \"yes_no_na\"",
                        "scales {  # HERE\n  id: \"empty\"\n}\n"
                        "scales {\n  id: \"yes_no_na\""}},
                      R"(scale "empty" has no values)"},
        BrokenVariant{"DuplicateValueId",
                      {{R"(values { id: "n" label: "No")",
                        R"(values { id: "y" label: "No")"},
                       {"meaning: ANSWER_MEANING_NEGATIVE }\n  values { id: "
                        "\"na\"",
                        "meaning: ANSWER_MEANING_NEGATIVE }  # HERE\n  "
                        "values { id: \"na\""}},
                      R"(value "y" is defined twice)"},
        BrokenVariant{"ValueWithoutLabel",
                      {{R"(values { id: "na" label: "Not applicable" )",
                        R"(values { id: "na" )"},
                       {"ANSWER_MEANING_NOT_APPLICABLE }",
                        "ANSWER_MEANING_NOT_APPLICABLE }  # HERE"}},
                      R"(value "na": label is required)"},
        BrokenVariant{"ValueWithoutMeaning",
                      {{"label: \"Not applicable\" meaning: "
                        "ANSWER_MEANING_NOT_APPLICABLE }",
                        "label: \"Not applicable\" }  # HERE"}},
                      R"(value "na": meaning is required)"},
        BrokenVariant{
            "ScaleWithoutNegativeValue",
            {{"scales {\n  id: \"yes_no_na\"",
              "scales {  # HERE\n  id: \"only_yes\"\n  values { id: "
              "\"yes\" label: \"Yes\" meaning: "
              "ANSWER_MEANING_POSITIVE }\n}\nscales {\n  id: "
              "\"yes_no_na\""}},
            R"(scale "only_yes" needs a positive and a negative value)"}),
    testing::NameOfRow<BrokenVariant>);

INSTANTIATE_TEST_SUITE_P(
    Sections, BrokenFrameworkTest,
    ::testing::Values(
        BrokenVariant{"DuplicateSectionId",
                      {{R"(id: "panel")", R"(id: "share"  # HERE)"}},
                      R"(section "share" is defined twice)"},
        BrokenVariant{"MalformedSectionId",
                      {{R"(id: "panel")", R"(id: "Panel 1"  # HERE)"}},
                      R"(section "Panel 1": id must be 1 to 64)"},
        BrokenVariant{"SectionWithoutEvidence",
                      {{"  evidence: EVIDENCE_SOURCE_PANEL\n", ""},
                       {"sections {\n  id: \"panel\"",
                        "sections {  # HERE\n  id: \"panel\""}},
                      R"(section "panel": evidence is required)"},
        BrokenVariant{"CaseEvidenceWithoutScope",
                      {{"  scope: CASE_SCOPE_COURT_DISPOSALS\n", ""},
                       {"sections {\n  id: \"rated\"",
                        "sections {  # HERE\n  id: \"rated\""}},
                      "evidence from cases needs a scope"},
        BrokenVariant{"PanelEvidenceNotPanelRated",
                      {{"scoring: SCORING_METHOD_PANEL_RATING",
                        "scoring: SCORING_METHOD_NONE  # HERE"}},
                      "EVIDENCE_SOURCE_PANEL goes with "
                      "SCORING_METHOD_PANEL_RATING"},
        BrokenVariant{"PanelRatedWithCriteria",
                      {{"scoring: SCORING_METHOD_PANEL_RATING\n",
                        "scoring: SCORING_METHOD_PANEL_RATING\n  criteria {  "
                        "# HERE\n    id: \"p.1\"\n    wording: \"?\"\n    "
                        "scale: \"yes_no\"\n  }\n"}},
                      "a panel-rated section has no criteria"},
        BrokenVariant{"ScoredSectionWithoutCriteria",
                      {{"sections {\n  id: \"panel\"",
                        "sections {  # HERE\n  id: \"empty\"\n  title: "
                        "\"Empty\"\n  evidence: EVIDENCE_SOURCE_CASES\n  "
                        "scope: CASE_SCOPE_ALL_CASES\n  scoring: "
                        "SCORING_METHOD_SHARE_OF_POSITIVE\n}\nsections {\n  "
                        "id: \"panel\""}},
                      R"(section "empty" has no criteria)"},
        BrokenVariant{"UnratedSectionCounted",
                      {{"scoring: SCORING_METHOD_SHARE_OF_POSITIVE\n",
                        "scoring: SCORING_METHOD_SHARE_OF_POSITIVE\n  "
                        "counted_in_overall: true  # HERE\n"}},
                      "only rated sections"}),
    testing::NameOfRow<BrokenVariant>);

INSTANTIATE_TEST_SUITE_P(
    Criteria, BrokenFrameworkTest,
    ::testing::Values(
        BrokenVariant{"DuplicateCriterionId",
                      {{R"(id: "s.2")", R"(id: "s.1"  # HERE)"}},
                      R"(criterion "s.1" is defined twice)"},
        BrokenVariant{"DuplicateCriterionIdAcrossSections",
                      {{R"(id: "r.safety")", R"(id: "s.1"  # HERE)"}},
                      R"(section "rated": criterion "s.1" is defined twice)"},
        BrokenVariant{"CriterionWithoutWording",
                      {{"    wording: \"Was it done?\"\n", ""},
                       {"criteria {\n    id: \"s.1\"",
                        "criteria {  # HERE\n    id: \"s.1\""}},
                      R"(criterion "s.1": wording is required)"},
        BrokenVariant{"CriterionWithoutScale",
                      {{"    scale: \"yes_no\"\n    scored: false\n",
                        "    scored: false\n"},
                       {"criteria {\n    id: \"s.3\"",
                        "criteria {  # HERE\n    id: \"s.3\""}},
                      R"(criterion "s.3": scale is required)"},
        BrokenVariant{
            "UndefinedScale",
            {{R"(scale: "yes_no_na")", R"(scale: "yes_no_maybe"  # HERE)"}},
            R"(scale "yes_no_maybe" is not defined in scales)"},
        BrokenVariant{
            "NotApplicableWithoutWhen",
            {{"    not_applicable_when: \"there was no violence\"\n", ""},
             {R"(scale: "yes_no_na")", R"(scale: "yes_no_na"  # HERE)"}},
            "not_applicable_when is required"},
        BrokenVariant{"ScoredWithoutPositiveStatement",
                      {{"    positive_statement: \"it was done\"\n", ""},
                       {"criteria {\n    id: \"s.1\"",
                        "criteria {  # HERE\n    id: \"s.1\""}},
                      R"(criterion "s.1": positive_statement is required)"},
        BrokenVariant{"ScoredWithoutNegativeStatement",
                      {{"    negative_statement: \"it was not done\"\n", ""},
                       {"criteria {\n    id: \"s.1\"",
                        "criteria {  # HERE\n    id: \"s.1\""}},
                      R"(criterion "s.1": negative_statement is required)"},
        BrokenVariant{"StatementWithFullStop",
                      {{R"(positive_statement: "it was done")",
                        R"(positive_statement: "it was done."  # HERE)"}},
                      "positive_statement must not end with '.'"}),
    testing::NameOfRow<BrokenVariant>);

INSTANTIATE_TEST_SUITE_P(
    KeyQuestions, BrokenFrameworkTest,
    ::testing::Values(
        BrokenVariant{"KeyQuestionNotAsked",
                      {{"    key_question: \"safety_and_wellbeing\"\n", ""},
                       {"sections {\n  id: \"rated\"",
                        "sections {  # HERE\n  id: \"rated\""}},
                      R"(does not ask key question "safety_and_wellbeing")"},
        BrokenVariant{"KeyQuestionAskedTwice",
                      {{R"(key_question: "safety_and_wellbeing")",
                        R"(key_question: "desistance"  # HERE)"}},
                      R"(asks key question "desistance" twice)"},
        BrokenVariant{"UnknownKeyQuestion",
                      {{R"(key_question: "safety_and_wellbeing")",
                        R"(key_question: "keeping_others_safe"  # HERE)"}},
                      "is not one of the framework's key_questions"},
        BrokenVariant{"KeyQuestionOutsideKeyQuestionSection",
                      {{R"(positive_statement: "it was done")",
                        "key_question: \"desistance\"  # HERE\n    "
                        "positive_statement: \"it was done\""}},
                      "key_question is only for sections scored "
                      "SCORING_METHOD_LOWEST_KEY_QUESTION"},
        BrokenVariant{"NoKeyQuestionsListed",
                      {{"key_questions: \"desistance\"\nkey_questions: "
                        "\"safety_and_wellbeing\"\n",
                        ""},
                       {"scoring: SCORING_METHOD_LOWEST_KEY_QUESTION",
                        "scoring: SCORING_METHOD_LOWEST_KEY_QUESTION  # HERE"}},
                      "the framework lists no key_questions"},
        BrokenVariant{"KeyQuestionListedTwice",
                      {{"key_questions: \"desistance\"\n",
                        "key_questions: \"desistance\"\nkey_questions: "
                        "\"desistance\"  # HERE\n"}},
                      R"(key question "desistance" is listed twice)"}),
    testing::NameOfRow<BrokenVariant>);

INSTANTIATE_TEST_SUITE_P(
    Thresholds, BrokenFrameworkTest,
    ::testing::Values(
        BrokenVariant{"MissingThresholds",
                      {{"thresholds {\n  strength_at_least { numerator: 9 "
                        "denominator: 10 }\n  improvement_below { numerator: "
                        "3 denominator: 4 }\n  min_applicable: 3\n}\n",
                        ""}},
                      R"(thresholds are required: section "share")"},
        BrokenVariant{"ZeroDenominator",
                      {{"improvement_below { numerator: 3 denominator: 4 }",
                        "improvement_below { numerator: 3 denominator: 0 }  "
                        "# HERE"}},
                      "the denominator must be greater than 0"},
        BrokenVariant{"FractionAboveOne",
                      {{"strength_at_least { numerator: 9 denominator: 10 }",
                        "strength_at_least { numerator: 11 denominator: 10 "
                        "}  # HERE"}},
                      "thresholds.strength_at_least is 11/10: it must lie "
                      "within [0, 1]"},
        BrokenVariant{"NegativeFraction",
                      {{"min_share { numerator: 13 denominator: 20 }",
                        "min_share { numerator: -13 denominator: 20 }"},
                       {"points: 2 }", "points: 2 }  # HERE"}},
                      "must lie within [0, 1]"},
        BrokenVariant{"ImprovementAboveStrength",
                      {{"improvement_below { numerator: 3 denominator: 4 }",
                        "improvement_below { numerator: 19 denominator: 20 "
                        "}  # HERE"}},
                      "thresholds.improvement_below (19/20) is above "
                      "thresholds.strength_at_least (9/10)"},
        BrokenVariant{"MinApplicableZero",
                      {{"min_applicable: 3", "min_applicable: 0  # HERE"}},
                      "thresholds.min_applicable must be at least 1"}),
    testing::NameOfRow<BrokenVariant>);

INSTANTIATE_TEST_SUITE_P(
    Bands, BrokenFrameworkTest,
    ::testing::Values(
        BrokenVariant{"MissingStandardBands",
                      {{"  standard_bands { rating: \"Good\" min_share { "
                        "numerator: 13 denominator: 20 } points: 2 }\n  "
                        "standard_bands { rating: \"Inadequate\" min_share { "
                        "numerator: 0 denominator: 1 } points: 0 }\n",
                        ""},
                       {"rating {", "rating {  # HERE"}},
                      R"(rating.standard_bands are required: section "rated")"},
        BrokenVariant{"StandardBandsNotHighestFirst",
                      {{"  standard_bands { rating: \"Inadequate\"",
                        "  standard_bands { rating: \"Outstanding\" "
                        "min_share { numerator: 4 denominator: 5 } points: 2 "
                        "}  # HERE\n  standard_bands { rating: "
                        "\"Inadequate\""}},
                      "rating.standard_bands must be ordered highest first: "
                      "\"Outstanding\" (4/5) is not below \"Good\" (13/20)"},
        BrokenVariant{"LowestStandardBandAboveZero",
                      {{"min_share { numerator: 0 denominator: 1 } points: 0 "
                        "}",
                        "min_share { numerator: 1 denominator: 10 } points: "
                        "0 }  # HERE"}},
                      "the lowest of rating.standard_bands must start at 0"},
        BrokenVariant{"LowerBandScoresMore",
                      {{"denominator: 1 } points: 0 }",
                        "denominator: 1 } points: 3 }  # HERE"}},
                      R"("Inadequate" scores more points than the band above)"},
        BrokenVariant{"MissingOverallBands",
                      {{"  overall_bands { rating: \"Inadequate\" min_score: "
                        "0 max_score: 1 }\n  overall_bands { rating: "
                        "\"Good\" min_score: 2 max_score: 4 }\n",
                        ""},
                       {"rating {", "rating {  # HERE"}},
                      "rating.overall_bands are required: 2 sections are "
                      "counted_in_overall"},
        BrokenVariant{"OverallBandsNotFromZero",
                      {{"min_score: 0 max_score: 1 }",
                        "min_score: 1 max_score: 1 }  # HERE"}},
                      "rating.overall_bands must start at 0"},
        BrokenVariant{"OverallBandsOverlap",
                      {{"min_score: 2 max_score: 4 }",
                        "min_score: 1 max_score: 4 }  # HERE"}},
                      R"("Good" (1-4) and "Inadequate" (0-1) overlap)"},
        BrokenVariant{"OverallBandsLeaveAGap",
                      {{"min_score: 2 max_score: 4 }",
                        "min_score: 3 max_score: 4 }  # HERE"}},
                      "leave scores 2 to 2 without a band"},
        BrokenVariant{"OverallBandsShortOfTheMaximum",
                      {{"min_score: 2 max_score: 4 }",
                        "min_score: 2 max_score: 3 }  # HERE"}},
                      "rating.overall_bands end at 3, but the greatest "
                      "possible score is 4"},
        BrokenVariant{"OverallBandInverted",
                      {{"min_score: 2 max_score: 4 }",
                        "min_score: 5 max_score: 4 }  # HERE"}},
                      R"("Good" covers 5 to 4)"}),
    testing::NameOfRow<BrokenVariant>);

INSTANTIATE_TEST_SUITE_P(
    Sampling, BrokenFrameworkTest,
    ::testing::Values(
        BrokenVariant{"MissingSampling",
                      {{kSamplingBlock, ""}},
                      "sampling or pools is required"},
        BrokenVariant{"NoEligibleDisposals",
                      {{"  eligible_disposals: DISPOSAL_TYPE_REFERRAL_ORDER\n"
                        "  eligible_disposals: DISPOSAL_TYPE_YOUTH_CAUTION\n",
                        ""},
                       {"sampling {", "sampling {  # HERE"}},
                      "sampling.eligible_disposals is required"},
        BrokenVariant{"DuplicateEligibleDisposal",
                      {{"eligible_disposals: DISPOSAL_TYPE_YOUTH_CAUTION",
                        "eligible_disposals: DISPOSAL_TYPE_REFERRAL_ORDER  # "
                        "HERE"}},
                      "lists DISPOSAL_TYPE_REFERRAL_ORDER twice"},
        BrokenVariant{"ZeroWeeksSupervised",
                      {{"min_weeks_supervised_before_announcement: 4",
                        "min_weeks_supervised_before_announcement: 0  # "
                        "HERE"}},
                      "sampling.min_weeks_supervised_before_announcement "
                      "must be greater than 0"},
        BrokenVariant{"NegativeMonths",
                      {{"max_months_into_sentence_at_fieldwork: 3",
                        "max_months_into_sentence_at_fieldwork: -3  # HERE"}},
                      "sampling.max_months_into_sentence_at_fieldwork must "
                      "be greater than 0"},
        BrokenVariant{"EmptyWindow",
                      {{"min_weeks_into_sentence_at_fieldwork: 6",
                        "min_weeks_into_sentence_at_fieldwork: 14"},
                       {"max_months_into_sentence_at_fieldwork: 3",
                        "max_months_into_sentence_at_fieldwork: 3  # HERE"}},
                      "sampling window is empty: 14 weeks into the sentence "
                      "is after 3 months"},
        BrokenVariant{"ZeroZ",
                      {{"z: 1.2816", "z: 0  # HERE"}},
                      "sampling.z must be greater than 0"},
        BrokenVariant{"ProportionAboveOne",
                      {{"proportion: 0.5", "proportion: 1.5  # HERE"}},
                      "sampling.proportion must lie strictly between 0 and 1"},
        BrokenVariant{"ZeroMargin",
                      {{"margin_of_error: 0.05", "margin_of_error: 0  # HERE"}},
                      "sampling.margin_of_error must lie strictly between"},
        BrokenVariant{"MinSampleAboveMax",
                      {{"min_sample: 14", "min_sample: 48  # HERE"}},
                      "sampling.min_sample (48) is above sampling.max_sample "
                      "(47)"},
        BrokenVariant{"ZeroMinSample",
                      {{"min_sample: 14", "min_sample: 0  # HERE"}},
                      "sampling.min_sample must be at least 1"}),
    testing::NameOfRow<BrokenVariant>);

TEST(ParseFrameworkTest, AcceptsTheValidBaseWithPools) {
  absl::StatusOr<v1::Framework> framework =
      ParseFramework(ValidPooled(), kFile);
  ASSERT_TRUE(framework.ok()) << framework.status();
  EXPECT_EQ(framework->pools_size(), 4);
  EXPECT_EQ(framework->sections(3).key_questions_size(), 1);
}

class BrokenPooledFrameworkTest
    : public ::testing::TestWithParam<BrokenVariant> {};

TEST_P(BrokenPooledFrameworkTest, IsRefusedNamingLineAndReason) {
  const BrokenVariant& variant = GetParam();
  const std::string text = Apply(ValidPooled(), variant.edits);
  absl::StatusOr<v1::Framework> framework = ParseFramework(text, kFile);
  ASSERT_FALSE(framework.ok()) << "accepted:\n" << text;
  const int line = MarkedLine(text);
  // Unmarked variants check the reason only.
  const std::string prefix =
      line > 0 ? absl::StrCat(kFile, ":", line, ":") : std::string(kFile);
  bool found = false;
  for (const std::string& problem : Problems(framework.status())) {
    found |= absl::StartsWith(problem, prefix) &&
             absl::StrContains(problem, variant.reason);
  }
  EXPECT_TRUE(found) << "expected \"" << prefix << "\" and \"" << variant.reason
                     << "\"; got: " << framework.status().message();
}

INSTANTIATE_TEST_SUITE_P(
    Pools, BrokenPooledFrameworkTest,
    ::testing::Values(
        BrokenVariant{"SamplingBesidePools",
                      {{"title: \"Test framework\"\n",
                        "title: \"Test framework\"\nsampling {  # HERE\n"
                        "  eligible_disposals: DISPOSAL_TYPE_REFERRAL_ORDER\n"
                        "  min_weeks_supervised_before_announcement: 4\n"
                        "  min_weeks_into_sentence_at_fieldwork: 6\n"
                        "  max_months_into_sentence_at_fieldwork: 3\n"
                        "  z: 1.2816 proportion: 0.5 margin_of_error: 0.05\n"
                        "  min_sample: 1 max_sample: 2\n}\n"}},
                      "a framework with pools has no sampling block"},
        BrokenVariant{"PoolDefinedTwice",
                      {{R"(id: "out-of-court")", R"(id: "court"  # HERE)"},
                       {R"(  pools: "out-of-court")", ""}},
                      R"(pool "court" is defined twice)"},
        BrokenVariant{"BadPoolId",
                      {{R"(id: "resettlement")", R"(id: "Resettle"  # HERE)"}},
                      "id must be 1 to 40 lower-case letters"},
        BrokenVariant{"PoolWithoutTitle",
                      {{R"(title: "Resettlement")", ""}},
                      R"(pool "resettlement": title is required)"},
        BrokenVariant{"PoolWithoutRecords",
                      {{"records: POOL_RECORDS_VICTIM_CASES", ""}},
                      R"(pool "victims": records is required)"},
        BrokenVariant{"DisposalInTwoPools",
                      {{"eligible_disposals: DISPOSAL_TYPE_DETENTION_AND_"
                        "TRAINING_ORDER",
                        "eligible_disposals: DISPOSAL_TYPE_REFERRAL_ORDER  "
                        "# HERE"}},
                      "which pool \"court\" samples too"},
        BrokenVariant{"VictimsPoolWithDisposals",
                      {{"  rules {\n    min_weeks_supervised",
                        "  rules {\n    eligible_disposals: "
                        "DISPOSAL_TYPE_YOUTH_CAUTION  # HERE\n    "
                        "min_weeks_supervised"}},
                      "must be empty for victims' cases"},
        BrokenVariant{"TwoVictimsPools",
                      {{"records: POOL_RECORDS_CHILDREN_CASES\n  source: "
                        "\"test\"\n  rules {\n    eligible_disposals: "
                        "DISPOSAL_TYPE_DETENTION_AND_TRAINING_ORDER\n",
                        "records: POOL_RECORDS_VICTIM_CASES\n  "
                        "source: \"test\"\n  rules {\n"},
                       {"  pools: \"resettlement\"\n", ""}},
                      "is a second pool of victims' cases"},
        BrokenVariant{"PoolRulesChecked",
                      {{"min_sample: 9 max_sample: 24",
                        "min_sample: 0  # HERE\n max_sample: 24"}},
                      R"(pool "victims" rules.min_sample must be at least 1)"},
        BrokenVariant{"UnknownSectionPool",
                      {{"  pools: \"court\"\n  scoring: "
                        "SCORING_METHOD_LOWEST",
                        "  pools: \"crown\"  # HERE\n  scoring: "
                        "SCORING_METHOD_LOWEST"}},
                      R"(pool "crown" is not one of the framework's pools)"},
        BrokenVariant{"CasesSectionWithoutPools",
                      {{"  pools: \"court\"\n  scoring: "
                        "SCORING_METHOD_LOWEST",
                        "  scoring: SCORING_METHOD_LOWEST"}},
                      "names the pools whose cases it judges"},
        BrokenVariant{"ScopeBesidePools",
                      {{"  pools: \"court\"\n  scoring: "
                        "SCORING_METHOD_LOWEST",
                        "  pools: \"court\"\n  scope: "
                        "CASE_SCOPE_COURT_DISPOSALS  # HERE\n  scoring: "
                        "SCORING_METHOD_LOWEST"}},
                      "chooses a section's cases by its pools, not by scope"},
        BrokenVariant{"ChildrenAndVictimsTogether",
                      {{"  pools: \"court\"\n  scoring: "
                        "SCORING_METHOD_LOWEST",
                        "  pools: \"court\"\n  pools: \"victims\"\n  "
                        "scoring: SCORING_METHOD_LOWEST"}},
                      "judges children's and victims' cases together"},
        BrokenVariant{"SectionKeyQuestionsOnlyForLowestKeyQuestion",
                      {{"  evidence: EVIDENCE_SOURCE_PANEL\n",
                        "  evidence: EVIDENCE_SOURCE_PANEL\n  key_questions: "
                        "\"desistance\"  # HERE\n"}},
                      "key_questions is only for sections scored"},
        BrokenVariant{
            "SectionKeyQuestionNotTheFrameworks",
            {{"  key_questions: \"desistance\"\n",
              "  key_questions: \"remorse\"  # HERE\n"}},
            R"(key question "remorse" is not one of the framework's)"},
        BrokenVariant{"SectionAsksAQuestionItDoesNotList",
                      {{"  key_questions: \"desistance\"\n",
                        "  key_questions: \"safety_and_wellbeing\"\n"}},
                      R"(key_question "desistance" is not one of the )"
                      R"(section's key_questions (safety_and_wellbeing))"}),
    testing::NameOfRow<BrokenVariant>);

TEST(ParseFrameworkTest, SectionPoolsNeedAFrameworkWithPools) {
  const std::string text =
      Apply(Valid(), {{"  scope: CASE_SCOPE_ALL_CASES\n",
                       "  scope: CASE_SCOPE_ALL_CASES\n  pools: \"court\"\n"}});
  absl::StatusOr<v1::Framework> framework = ParseFramework(text, kFile);
  ASSERT_FALSE(framework.ok());
  EXPECT_THAT(std::string(framework.status().message()),
              HasSubstr("names pools, but the framework declares none"));
}

TEST(ParseFrameworkTest, ReportsEveryBrokenRuleAtOnce) {
  const std::string text = Apply(
      Valid(),
      {{R"(id: "s.2")", R"(id: "s.1")"}, {"min_sample: 14", "min_sample: 0"}});
  absl::StatusOr<v1::Framework> framework = ParseFramework(text, kFile);
  ASSERT_FALSE(framework.ok());
  EXPECT_THAT(std::string(framework.status().message()),
              HasSubstr("defined twice"));
  EXPECT_THAT(std::string(framework.status().message()),
              HasSubstr("min_sample must be at least 1"));
  EXPECT_EQ(Problems(framework.status()).size(), 2u);
}

TEST(ParseFrameworkTest, SyntaxErrorNamesLineAndColumn) {
  absl::StatusOr<v1::Framework> framework =
      ParseFramework("id: \"x\"\nversion \"1\"\n", "f.textproto");
  ASSERT_FALSE(framework.ok());
  EXPECT_EQ(framework.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(framework.status().message(),
            "f.textproto:2:9: Expected \":\", found \"\"1\"\".");
}

TEST(ParseFrameworkTest, UnknownEnumValueAtEndOfLineIsPlacedOnItsOwnLine) {
  // The parser reports it at the next token, on the next line.
  const std::string text =
      Apply(Valid(), {{"scoring: SCORING_METHOD_PANEL_RATING",
                       "scoring: SCORING_METHOD_PANEL_RATINGS"}});
  absl::StatusOr<v1::Framework> framework = ParseFramework(text, kFile);
  ASSERT_FALSE(framework.ok());
  const int line = MarkedLine(
      Apply(Valid(), {{"scoring: SCORING_METHOD_PANEL_RATING",
                       "scoring: SCORING_METHOD_PANEL_RATING  # HERE"}}));
  EXPECT_EQ(framework.status().message(),
            absl::StrCat(kFile, ":", line,
                         ":12: Unknown enumeration value of "
                         "\"SCORING_METHOD_PANEL_RATINGS\" for field "
                         "\"scoring\"."));
}

TEST(ParseFrameworkTest, SemanticProblemNamesLineColumnAndItem) {
  const std::string text =
      Apply(Valid(), {{R"(id: "s.2")", R"(id: "s.1"  # HERE)"}});
  absl::StatusOr<v1::Framework> framework = ParseFramework(text, kFile);
  ASSERT_FALSE(framework.ok());
  EXPECT_EQ(framework.status().message(),
            absl::StrCat(kFile, ":", MarkedLine(text),
                         ":5: section \"share\": criterion \"s.1\" is "
                         "defined twice"));
}

TEST(ValidateFrameworkTest, WithoutLocationsNamesOnlyTheFile) {
  absl::StatusOr<v1::Framework> framework = ParseFramework(Valid(), kFile);
  ASSERT_TRUE(framework.ok()) << framework.status();
  framework->mutable_sections(0)->mutable_criteria(0)->set_scale("nope");
  EXPECT_EQ(ValidateFramework(*framework, "built.in").message(),
            "built.in: section \"share\": criterion \"s.1\": scale "
            "\"nope\" is not defined in scales");
}

TEST(ParseFrameworkTest, EmptyTextIsRefusedWithoutALine) {
  absl::StatusOr<v1::Framework> framework = ParseFramework("", kFile);
  ASSERT_FALSE(framework.ok());
  EXPECT_THAT(std::string(framework.status().message()),
              HasSubstr("test.textproto: id is required"));
}

}  // namespace
}  // namespace yjinspect::common
