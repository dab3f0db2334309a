#pragma once

// Small frameworks and case records for the verdict engine's tests, written
// here rather than read from frameworks/ so the tests pin the rules, not the
// content of a real framework.

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/string_view.h"
#include "tests/testing/name_of_row.h"
#include "yjinspect/v1/framework.pb.h"
#include "yjinspect/v1/verdicts.pb.h"

namespace yjinspect::findings::testing {

// Parses a text-format Framework; a parse error fails the test.
v1::Framework ParseFramework(absl::string_view text);

// A ratings framework: "2.1" (court) and "3.1" (out-of-court) rated by key
// question ("desistance", "safety_and_wellbeing", "keeping_others_safe"),
// "1.1" rated by the panel, "resettlement" rated by the panel but not
// counted. Standard bands 80% / 65% / 50% / 0 scoring 3 / 2 / 1 / 0;
// thresholds: strength at 4/5, improvement below 1/2, min 3 applicable.
v1::Framework KeyQuestionFramework();

// An SQS-style framework: themes "1" and "2" scored as a share of positive
// answers (with an unscored context criterion "1.9" and a risk-level
// criterion "2.5"), "operational-management" from staff interviews. No
// rating bands.
v1::Framework ShareFramework();

// Twelve counted panel-rated standards "s1".."s12" and an uncounted
// "resettlement", with the given overall bands (inclusive score ranges, in
// the order Inadequate, Requires improvement, Good, Outstanding).
v1::Framework TwelveStandardsFramework(
    const std::vector<std::pair<int32_t, int32_t>>& overall_ranges);

// A case record judged from case files.
v1::CaseAnswers Case(
    absl::string_view name, v1::DisposalType disposal,
    const std::vector<std::pair<std::string, std::string>>& answers);

// A staff-interview record.
v1::CaseAnswers Interview(
    absl::string_view name,
    const std::vector<std::pair<std::string, std::string>>& answers);

// Yes / no / not-applicable counts for one criterion.
struct AnswerMix {
  int64_t yes = 0;
  int64_t no = 0;
  int64_t na = 0;
};

// Referral-order cases answering each criterion by its mix: case i answers
// "yes" while i < yes, then "no", then "na", then leaves it unanswered.
std::vector<v1::CaseAnswers> CasesWithMixes(
    const std::vector<std::pair<std::string, AnswerMix>>& mixes,
    v1::DisposalType disposal = v1::DISPOSAL_TYPE_REFERRAL_ORDER);

v1::VerdictOverride Override(absl::string_view target, absl::string_view value,
                             absl::string_view reason,
                             absl::string_view by = "LI-01");

v1::PanelRating Panel(absl::string_view section, absl::string_view rating,
                      absl::string_view reason = "Evidence from the panel.");

using ::yjinspect::testing::NameOfRow;

}  // namespace yjinspect::findings::testing
