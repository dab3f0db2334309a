#include "tests/unit/findings/verdicts/verdict_fixtures.h"

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"
#include "google/protobuf/text_format.h"
#include "gtest/gtest.h"

namespace yjinspect::findings::testing {
namespace {

constexpr absl::string_view kYesNoNaScale = R"pb(
  scales {
    id: "yes_no_na"
    values { id: "yes" label: "Yes" meaning: ANSWER_MEANING_POSITIVE }
    values { id: "no" label: "No" meaning: ANSWER_MEANING_NEGATIVE }
    values {
      id: "na"
      label: "Not applicable"
      meaning: ANSWER_MEANING_NOT_APPLICABLE
    }
  }
)pb";

// The standard bands, highest first: 80% / 65% / 50% / 0 scoring
// 3 / 2 / 1 / 0.
std::string StandardBands() {
  struct Band {
    const char* rating;
    int numerator;
    int denominator;
    int points;
  };
  std::string text;
  for (const Band& band :
       {Band{"Outstanding", 4, 5, 3}, Band{"Good", 13, 20, 2},
        Band{"Requires improvement", 1, 2, 1}, Band{"Inadequate", 0, 1, 0}}) {
    absl::StrAppend(&text, "standard_bands { rating: \"", band.rating,
                    "\" min_share { numerator: ", band.numerator,
                    " denominator: ", band.denominator,
                    " } points: ", band.points, " }");
  }
  return text;
}

// A section rated by key question; $ID is its id, $SCOPE its scope.
constexpr absl::string_view kKeyQuestionSection = R"pb(
  sections {
    id: "$ID"
    title: "Assessment"
    evidence: EVIDENCE_SOURCE_CASES
    scope: $SCOPE
    scoring: SCORING_METHOD_LOWEST_KEY_QUESTION
    counted_in_overall: true
    criteria {
      id: "$ID-desistance"
      scale: "yes_no_na"
      key_question: "desistance"
      scored: true
    }
    criteria {
      id: "$ID-safety"
      scale: "yes_no_na"
      key_question: "safety_and_wellbeing"
      scored: true
    }
    criteria {
      id: "$ID-others"
      scale: "yes_no_na"
      key_question: "keeping_others_safe"
      scored: true
    }
    criteria { id: "$ID-learning-disability" scale: "yes_no_na" }
  }
)pb";

constexpr absl::string_view kPanelSections = R"pb(
  sections {
    id: "1.1"
    title: "Governance and leadership"
    evidence: EVIDENCE_SOURCE_PANEL
    scoring: SCORING_METHOD_PANEL_RATING
    counted_in_overall: true
  }
  sections {
    id: "resettlement"
    title: "Resettlement policy and provision"
    evidence: EVIDENCE_SOURCE_PANEL
    scoring: SCORING_METHOD_PANEL_RATING
  }
  thresholds {
    strength_at_least { numerator: 4 denominator: 5 }
    improvement_below { numerator: 1 denominator: 2 }
    min_applicable: 3
  }
)pb";

constexpr absl::string_view kShareFramework = R"pb(
  id: "test-sqs"
  version: "1"
  scales {
    id: "risk_level"
    values { id: "right" label: "Right" meaning: ANSWER_MEANING_POSITIVE }
    values {
      id: "under"
      label: "Under-estimated"
      meaning: ANSWER_MEANING_NEGATIVE
    }
    values {
      id: "over"
      label: "Over-estimated"
      meaning: ANSWER_MEANING_NEGATIVE
    }
  }
  sections {
    id: "1"
    title: "Reducing reoffending"
    evidence: EVIDENCE_SOURCE_CASES
    scope: CASE_SCOPE_ALL_CASES
    scoring: SCORING_METHOD_SHARE_OF_POSITIVE
    criteria {
      id: "1.1"
      scale: "yes_no_na"
      scored: true
      positive_statement: "an assessment had been undertaken"
      strength_wording: "Assessment of the factors linked to offending."
    }
    criteria {
      id: "1.4"
      scale: "yes_no_na"
      scored: true
      negative_statement: "the report made no clear proposal"
    }
    criteria { id: "1.9" scale: "yes_no_na" wording: "Learning disability?" }
  }
  sections {
    id: "2"
    title: "Protecting the public"
    evidence: EVIDENCE_SOURCE_CASES
    scope: CASE_SCOPE_ALL_CASES
    scoring: SCORING_METHOD_SHARE_OF_POSITIVE
    criteria {
      id: "2.3"
      scale: "yes_no_na"
      scored: true
      wording: "Was the nature of the violence identified?"
      improvement_wording: "Assessments of violence should identify its nature."
    }
    criteria { id: "2.5" scale: "risk_level" scored: true }
  }
  sections {
    id: "operational-management"
    title: "Operational management"
    evidence: EVIDENCE_SOURCE_STAFF_INTERVIEWS
    scope: CASE_SCOPE_ALL_CASES
    scoring: SCORING_METHOD_SHARE_OF_POSITIVE
    criteria { id: "om.1" scale: "yes_no_na" scored: true }
  }
  thresholds {
    strength_at_least { numerator: 4 denominator: 5 }
    improvement_below { numerator: 1 denominator: 2 }
    min_applicable: 3
  }
)pb";

}  // namespace

v1::Framework ParseFramework(absl::string_view text) {
  v1::Framework framework;
  EXPECT_TRUE(google::protobuf::TextFormat::ParseFromString(std::string(text),
                                                            &framework))
      << text;
  return framework;
}

v1::Framework KeyQuestionFramework() {
  return ParseFramework(absl::StrCat(
      R"pb(id: "test-ratings" version: "1")pb", kYesNoNaScale,
      absl::StrReplaceAll(
          kKeyQuestionSection,
          {{"$ID", "2.1"}, {"$SCOPE", "CASE_SCOPE_COURT_DISPOSALS"}}),
      absl::StrReplaceAll(
          kKeyQuestionSection,
          {{"$ID", "3.1"}, {"$SCOPE", "CASE_SCOPE_OUT_OF_COURT_DISPOSALS"}}),
      kPanelSections, "rating {", StandardBands(), R"pb(
        overall_bands { rating: "Inadequate" min_score: 0 max_score: 2 }
        overall_bands { rating: "Requires improvement" min_score: 3 max_score: 4 }
        overall_bands { rating: "Good" min_score: 5 max_score: 7 }
        overall_bands { rating: "Outstanding" min_score: 8 max_score: 9 }
      })pb"));
}

v1::Framework ShareFramework() {
  return ParseFramework(absl::StrCat(kYesNoNaScale, kShareFramework));
}

v1::Framework TwelveStandardsFramework(
    const std::vector<std::pair<int32_t, int32_t>>& overall_ranges) {
  std::string text = absl::StrCat(R"pb(id: "test-twelve" version: "1")pb",
                                  "rating {", StandardBands());
  const char* const kNames[] = {"Inadequate", "Requires improvement", "Good",
                                "Outstanding"};
  for (size_t i = 0; i < overall_ranges.size() && i < 4; ++i) {
    absl::StrAppend(&text, "overall_bands { rating: \"", kNames[i],
                    "\" min_score: ", overall_ranges[i].first,
                    " max_score: ", overall_ranges[i].second, " }");
  }
  absl::StrAppend(&text, "}");
  for (int s = 1; s <= 12; ++s) {
    absl::StrAppend(&text, "sections { id: \"s", s,
                    "\" evidence: EVIDENCE_SOURCE_PANEL "
                    "scoring: SCORING_METHOD_PANEL_RATING "
                    "counted_in_overall: true }");
  }
  absl::StrAppend(&text,
                  "sections { id: \"resettlement\" "
                  "evidence: EVIDENCE_SOURCE_PANEL "
                  "scoring: SCORING_METHOD_PANEL_RATING }");
  return ParseFramework(text);
}

v1::CaseAnswers Case(
    absl::string_view name, v1::DisposalType disposal,
    const std::vector<std::pair<std::string, std::string>>& answers) {
  v1::CaseAnswers record;
  record.set_case_name(std::string(name));
  record.set_disposal_type(disposal);
  record.set_source(v1::EVIDENCE_SOURCE_CASES);
  for (const auto& [criterion, value] : answers) {
    (*record.mutable_answers())[criterion] = value;
  }
  return record;
}

v1::CaseAnswers Interview(
    absl::string_view name,
    const std::vector<std::pair<std::string, std::string>>& answers) {
  v1::CaseAnswers record = Case(name, v1::DISPOSAL_TYPE_UNSPECIFIED, answers);
  record.set_source(v1::EVIDENCE_SOURCE_STAFF_INTERVIEWS);
  return record;
}

std::vector<v1::CaseAnswers> CasesWithMixes(
    const std::vector<std::pair<std::string, AnswerMix>>& mixes,
    v1::DisposalType disposal) {
  int64_t count = 0;
  for (const auto& [criterion, mix] : mixes) {
    count = std::max(count, mix.yes + mix.no + mix.na);
  }
  std::vector<v1::CaseAnswers> cases;
  for (int64_t i = 0; i < count; ++i) {
    v1::CaseAnswers record =
        Case(absl::StrCat("inspections/test/cases/C", i), disposal, {});
    for (const auto& [criterion, mix] : mixes) {
      const char* value = i < mix.yes                     ? "yes"
                          : i < mix.yes + mix.no          ? "no"
                          : i < mix.yes + mix.no + mix.na ? "na"
                                                          : nullptr;
      if (value != nullptr) (*record.mutable_answers())[criterion] = value;
    }
    cases.push_back(std::move(record));
  }
  return cases;
}

v1::VerdictOverride Override(absl::string_view target, absl::string_view value,
                             absl::string_view reason, absl::string_view by) {
  v1::VerdictOverride o;
  o.set_target(std::string(target));
  o.set_value(std::string(value));
  o.set_reason(std::string(reason));
  o.set_by(std::string(by));
  return o;
}

v1::PanelRating Panel(absl::string_view section, absl::string_view rating,
                      absl::string_view reason) {
  v1::PanelRating p;
  p.set_section_id(std::string(section));
  p.set_rating(std::string(rating));
  p.set_reason(std::string(reason));
  return p;
}

}  // namespace yjinspect::findings::testing
