#include "services/findings/verdicts/verdict_engine.h"

#include <string>
#include <utility>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "common/status_macros.h"
#include "services/findings/verdicts/answer_tally.h"
#include "services/findings/verdicts/decisions.h"
#include "services/findings/verdicts/framework_index.h"
#include "services/findings/verdicts/share.h"

namespace yjinspect::findings {
namespace {

struct Sums {
  int64_t positive = 0;
  int64_t negative = 0;
  int64_t not_applicable = 0;

  void Add(const CriterionTally& t) {
    positive += t.positive;
    negative += t.negative;
    not_applicable += t.not_applicable;
  }
  int64_t applicable() const { return positive + negative; }
};

void FillCriterionCounts(const FrameworkIndex& index, const AnswerTally& tally,
                         v1::InspectionVerdicts& out) {
  const auto& criteria = index.criteria();
  out.mutable_criteria()->Reserve(static_cast<int>(criteria.size()));
  for (size_t c = 0; c < criteria.size(); ++c) {
    const IndexedCriterion& criterion = criteria[c];
    const CriterionTally& t = tally.criteria[c];
    v1::CriterionCount& count = *out.add_criteria();
    count.set_criterion_id(criterion.criterion->id());
    count.set_section_id(index.sections()[criterion.section].section->id());
    count.set_positive(t.positive);
    count.set_negative(t.negative);
    count.set_not_applicable(t.not_applicable);
    count.set_applicable(t.positive + t.negative);
    count.set_unanswered(tally.cases_in_scope[criterion.section] -
                         (t.positive + t.negative + t.not_applicable));
    count.set_out_of_scope(t.out_of_scope);
    auto& by_value = *count.mutable_by_value();
    const auto values = index.Values(criterion);
    for (size_t v = 0; v < values.size(); ++v) {
      by_value[std::string(values[v].id)] =
          tally.value_counts[criterion.first_value_counter + v];
    }
  }
}

// The first standard band `positive/applicable` reaches. FrameworkIndex
// makes the last band start at a zero share, so one always does.
const v1::RatingBand& RateShare(const v1::Framework& f, int64_t positive,
                                int64_t applicable) {
  const auto& bands = f.rating().standard_bands();
  for (const v1::RatingBand& band : bands) {
    if (ShareAtLeast(positive, applicable, band.min_share())) return band;
  }
  return bands[bands.size() - 1];
}

void SetShare(int64_t positive, int64_t applicable,
              v1::SectionVerdict& verdict) {
  *verdict.mutable_share() = MakeShare(positive, applicable);
  verdict.set_percent(FloorPercent(positive, applicable));
}

// Rates `verdict` from its share, or says why it cannot.
void RateFromShare(const v1::Framework& f, int64_t positive, int64_t applicable,
                   v1::SectionVerdict& verdict) {
  if (applicable == 0) {
    verdict.set_status(v1::RATING_STATUS_INSUFFICIENT_EVIDENCE);
    return;
  }
  SetShare(positive, applicable, verdict);
  if (f.rating().standard_bands().empty()) {
    verdict.set_status(v1::RATING_STATUS_NOT_RATED);
    return;
  }
  verdict.set_status(v1::RATING_STATUS_RATED);
  verdict.set_computed_rating(RateShare(f, positive, applicable).rating());
}

void ScoreByShare(const FrameworkIndex& index, const IndexedSection& section,
                  const AnswerTally& tally, v1::SectionVerdict& verdict) {
  Sums sums;
  for (int32_t c = section.first_criterion;
       c < section.first_criterion + section.criterion_count; ++c) {
    if (index.criteria()[c].criterion->scored()) sums.Add(tally.criteria[c]);
  }
  RateFromShare(index.framework(), sums.positive, sums.applicable(), verdict);
}

void ScoreByKeyQuestion(const FrameworkIndex& index,
                        const IndexedSection& section, const AnswerTally& tally,
                        v1::SectionVerdict& verdict) {
  std::vector<Sums> sums(section.key_questions.size());
  for (int32_t c = section.first_criterion;
       c < section.first_criterion + section.criterion_count; ++c) {
    const int32_t kq = index.criteria()[c].key_question;
    if (kq >= 0) sums[kq].Add(tally.criteria[c]);
  }
  int lowest = -1;
  for (size_t k = 0; k < sums.size(); ++k) {
    const Sums& s = sums[k];
    v1::KeyQuestionShare& share = *verdict.add_key_questions();
    share.set_key_question(std::string(section.key_questions[k]));
    share.set_positive(s.positive);
    share.set_negative(s.negative);
    share.set_not_applicable(s.not_applicable);
    share.set_applicable(s.applicable());
    if (s.applicable() == 0) continue;
    *share.mutable_share() = MakeShare(s.positive, s.applicable());
    share.set_percent(FloorPercent(s.positive, s.applicable()));
    if (lowest < 0 ||
        FractionLess(s.positive, s.applicable(), sums[lowest].positive,
                     sums[lowest].applicable())) {
      lowest = static_cast<int>(k);
    }
  }
  if (lowest < 0) {
    verdict.set_status(v1::RATING_STATUS_INSUFFICIENT_EVIDENCE);
    return;
  }
  verdict.mutable_key_questions(lowest)->set_lowest(true);
  RateFromShare(index.framework(), sums[lowest].positive,
                sums[lowest].applicable(), verdict);
}

// The final rating is the computed one, unless the lead inspector's
// recorded decision overrode it (the decision says by whom and why).
template <typename Rated>
void SetFinalRating(const v1::VerdictOverride* decision, Rated& rated) {
  if (decision == nullptr) {
    rated.set_final_rating(rated.computed_rating());
    return;
  }
  rated.set_final_rating(decision->value());
  rated.set_overridden(true);
  rated.set_override_reason(decision->reason());
  rated.set_override_by(decision->by());
}

void FillSection(const FrameworkIndex& index, size_t s,
                 const AnswerTally& tally, const RecordedDecisions& decisions,
                 v1::SectionVerdict& verdict) {
  const IndexedSection& indexed = index.sections()[s];
  const v1::Section& section = *indexed.section;
  verdict.set_section_id(section.id());
  verdict.set_title(section.title());
  verdict.set_domain(section.domain());
  verdict.set_scoring(section.scoring());
  verdict.set_cases_in_scope(tally.cases_in_scope[s]);
  verdict.set_counted_in_overall(section.counted_in_overall());
  switch (section.scoring()) {
    case v1::SCORING_METHOD_SHARE_OF_POSITIVE:
      ScoreByShare(index, indexed, tally, verdict);
      break;
    case v1::SCORING_METHOD_LOWEST_KEY_QUESTION:
      ScoreByKeyQuestion(index, indexed, tally, verdict);
      break;
    case v1::SCORING_METHOD_PANEL_RATING:
      // Informed by pools that sampled nothing (resettlement without
      // resettlement cases): nothing to rate.
      if (section.pools_size() > 0 && tally.cases_in_scope[s] == 0) {
        verdict.set_status(v1::RATING_STATUS_NOT_RATED);
      } else if (const v1::PanelRating* panel = decisions.panel_ratings[s]) {
        verdict.set_status(v1::RATING_STATUS_RATED);
        verdict.set_computed_rating(panel->rating());
        verdict.set_panel_reason(panel->reason());
      } else {
        verdict.set_status(v1::RATING_STATUS_AWAITING_PANEL);
      }
      break;
    default:
      verdict.set_status(v1::RATING_STATUS_NOT_RATED);
      break;
  }
  SetFinalRating(decisions.section_overrides[s], verdict);
  if (const v1::RatingBand* band =
          index.FindStandardBand(verdict.final_rating())) {
    verdict.set_points(band->points());
  }
}

absl::Status FillOverall(const FrameworkIndex& index,
                         const RecordedDecisions& decisions,
                         v1::InspectionVerdicts& out) {
  v1::OverallRating& overall = *out.mutable_overall();
  int32_t counted = 0;
  for (const v1::SectionVerdict& section : out.sections()) {
    if (!section.counted_in_overall()) continue;
    ++counted;
    if (section.final_rating().empty()) {
      overall.add_missing_sections(section.section_id());
    } else {
      overall.set_score(overall.score() + section.points());
    }
  }
  overall.set_max_score(counted * index.max_points());
  const auto& bands = index.framework().rating().overall_bands();
  if (counted == 0 || bands.empty()) {
    overall.set_status(v1::RATING_STATUS_NOT_RATED);
  } else if (overall.missing_sections_size() > 0) {
    overall.set_status(v1::RATING_STATUS_AWAITING_SECTIONS);
  } else {
    for (const v1::RatingBand& band : bands) {
      if (band.min_score() <= overall.score() &&
          overall.score() <= band.max_score()) {
        overall.set_computed_rating(band.rating());
        break;
      }
    }
    if (overall.computed_rating().empty()) {
      return absl::InvalidArgumentError(
          absl::StrCat("framework \"", index.framework().id(),
                       "\": no overall band covers "
                       "the score ",
                       overall.score()));
    }
    overall.set_status(v1::RATING_STATUS_RATED);
  }
  SetFinalRating(decisions.overall_override, overall);
  return absl::OkStatus();
}

// Adds the finding for criterion `c` to `out` when the thresholds propose
// it or an override decided on it.
void AddFinding(const FrameworkIndex& index, int32_t c, const CriterionTally& t,
                bool proposed, const v1::VerdictOverride* decision,
                bool strength,
                google::protobuf::RepeatedPtrField<v1::ProposedFinding>& out) {
  if (!proposed && decision == nullptr) return;
  const v1::Criterion& criterion = *index.criteria()[c].criterion;
  v1::ProposedFinding& finding = *out.Add();
  finding.set_criterion_id(criterion.id());
  finding.set_section_id(
      index.sections()[index.criteria()[c].section].section->id());
  const std::string& own =
      strength ? criterion.strength_wording() : criterion.improvement_wording();
  const std::string& statement = strength ? criterion.positive_statement()
                                          : criterion.negative_statement();
  finding.set_wording(!own.empty()         ? own
                      : !statement.empty() ? statement
                                           : criterion.wording());
  const int64_t applicable = t.positive + t.negative;
  finding.set_positive(t.positive);
  finding.set_applicable(applicable);
  if (applicable > 0)
    *finding.mutable_share() = MakeShare(t.positive, applicable);
  finding.set_percent(FloorPercent(t.positive, applicable));
  finding.set_proposed(proposed);
  if (decision == nullptr) {
    finding.set_decision(v1::FINDING_DECISION_PROPOSED);
    return;
  }
  const bool confirm = decision->value() == kConfirmFinding;
  finding.set_decision(!confirm   ? v1::FINDING_DECISION_REJECTED
                       : proposed ? v1::FINDING_DECISION_CONFIRMED
                                  : v1::FINDING_DECISION_ADDED);
  finding.set_reason(decision->reason());
  finding.set_decided_by(decision->by());
}

void FillFindings(const FrameworkIndex& index, const AnswerTally& tally,
                  const RecordedDecisions& decisions,
                  v1::InspectionVerdicts& out) {
  const v1::FindingThresholds& thresholds = index.framework().thresholds();
  const int64_t min_applicable =
      thresholds.min_applicable() > 1 ? thresholds.min_applicable() : 1;
  const auto n = static_cast<int32_t>(index.criteria().size());
  for (int32_t c = 0; c < n; ++c) {
    if (!index.criteria()[c].criterion->scored()) continue;
    const CriterionTally& t = tally.criteria[c];
    const int64_t applicable = t.positive + t.negative;
    const bool enough = applicable >= min_applicable;
    // Only criteria the framework gives wording for propose findings: the
    // framework decides what can become a key strength or an area for
    // improvement (an override can still add any other).
    const v1::Criterion& criterion = *index.criteria()[c].criterion;
    const bool strength =
        enough && !criterion.strength_wording().empty() &&
        thresholds.has_strength_at_least() &&
        ShareAtLeast(t.positive, applicable, thresholds.strength_at_least());
    const bool improvement =
        enough && !criterion.improvement_wording().empty() &&
        thresholds.has_improvement_below() &&
        !ShareAtLeast(t.positive, applicable, thresholds.improvement_below());
    AddFinding(index, c, t, strength, decisions.strength_overrides[c], true,
               *out.mutable_strengths());
    AddFinding(index, c, t, improvement, decisions.improvement_overrides[c],
               false, *out.mutable_improvements());
  }
}

}  // namespace

absl::StatusOr<v1::InspectionVerdicts> ComputeVerdicts(
    const v1::Framework& framework, const std::vector<v1::CaseAnswers>& cases,
    const std::vector<v1::PanelRating>& panel_ratings,
    const std::vector<v1::VerdictOverride>& overrides) {
  ASSIGN_OR_RETURN(const FrameworkIndex index,
                   FrameworkIndex::Build(framework));
  ASSIGN_OR_RETURN(const RecordedDecisions decisions,
                   RecordDecisions(index, panel_ratings, overrides));
  ASSIGN_OR_RETURN(const AnswerTally tally, TallyAnswers(index, cases));

  v1::InspectionVerdicts out;
  out.set_framework_id(framework.id());
  out.set_framework_version(framework.version());
  FillCriterionCounts(index, tally, out);
  for (size_t s = 0; s < index.sections().size(); ++s) {
    FillSection(index, s, tally, decisions, *out.add_sections());
  }
  RETURN_IF_ERROR(FillOverall(index, decisions, out));
  FillFindings(index, tally, decisions, out);
  return out;
}

}  // namespace yjinspect::findings
