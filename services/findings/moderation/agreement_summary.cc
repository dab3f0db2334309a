#include "services/findings/moderation/agreement_summary.h"

#include <algorithm>
#include <map>
#include <set>
#include <string>
#include <utility>

#include "services/findings/verdicts/agreement.h"

namespace yjinspect::findings {
namespace {

struct CriterionFacts {
  std::string section_id;
  int order = 0;
  std::vector<std::string> categories;
};

std::map<std::string, CriterionFacts> CriteriaOf(
    const v1::Framework& framework) {
  std::map<std::string, std::vector<std::string>> scales;
  for (const v1::AnswerScale& scale : framework.scales()) {
    for (const v1::AnswerValue& value : scale.values()) {
      scales[scale.id()].push_back(value.id());
    }
  }
  std::map<std::string, CriterionFacts> criteria;
  int order = 0;
  for (const v1::Section& section : framework.sections()) {
    for (const v1::Criterion& criterion : section.criteria()) {
      criteria[criterion.id()] = {section.id(), order++,
                                  scales[criterion.scale()]};
    }
  }
  return criteria;
}

void ToProto(const AgreementStatistic& in, v1::AgreementStatistic* out) {
  out->set_defined(in.defined);
  if (in.defined) {
    out->set_numerator(in.numerator);
    out->set_denominator(in.denominator);
    out->set_value(in.value);
  } else {
    out->set_undefined_reason(in.undefined_because);
  }
}

absl::StatusOr<v1::AgreementFigures> Figures(
    const std::vector<MarkedPair>& pairs,
    const std::set<std::string>& categories) {
  absl::StatusOr<AgreementFigures> computed = ComputeAgreement(
      pairs, std::vector<std::string>(categories.begin(), categories.end()));
  if (!computed.ok()) return computed.status();
  v1::AgreementFigures out;
  out.set_pairs(computed->pairs);
  out.set_agreeing(computed->agreeing);
  for (const auto& [answer, counts] : computed->categories) {
    v1::CategoryCount* c = out.add_categories();
    c->set_answer(answer);
    c->set_first_marker(counts.first);
    c->set_second_marker(counts.second);
  }
  ToProto(computed->observed, out.mutable_observed_agreement());
  ToProto(computed->cohens_kappa, out.mutable_cohens_kappa());
  ToProto(computed->gwets_ac1, out.mutable_gwets_ac1());
  return out;
}

// Pairs and categories gathered for one figure.
struct Pool {
  std::vector<MarkedPair> pairs;
  std::set<std::string> categories;
  std::set<std::string> records;
};

}  // namespace

absl::StatusOr<v1::AgreementSummary> SummariseAgreement(
    const v1::Framework& framework,
    const std::vector<DoubleMarkedRecord>& records) {
  const std::map<std::string, CriterionFacts> criteria = CriteriaOf(framework);
  v1::AgreementSummary summary;
  summary.set_second_markers_assigned(static_cast<int32_t>(records.size()));
  Pool overall;
  std::map<std::string, Pool> by_criterion;
  std::map<std::pair<std::string, std::string>, Pool> by_pair;
  for (const DoubleMarkedRecord& record : records) {
    if (!record.submitted()) continue;
    summary.set_second_markings_submitted(summary.second_markings_submitted() +
                                          1);
    for (const v1::Disagreement& d : DisagreementsOf(record)) {
      summary.set_disagreements(summary.disagreements() + 1);
      if (!d.has_resolution()) {
        summary.set_disagreements_open(summary.disagreements_open() + 1);
      }
    }
    std::map<std::string, std::string> first;
    if (record.first) {
      for (const v1::Judgement& j : record.first->judgements()) {
        first[j.criterion_id()] = j.answer();
      }
    }
    std::set<std::string> paired;
    const std::string first_marker =
        record.first ? record.first->inspector_reference() : "";
    for (const v1::Judgement& j : record.second->judgements()) {
      auto it = first.find(j.criterion_id());
      auto facts = criteria.find(j.criterion_id());
      if (it == first.end() || facts == criteria.end()) continue;
      paired.insert(j.criterion_id());
      const MarkedPair pair{it->second, j.answer()};
      for (Pool* pool :
           {&overall, &by_criterion[j.criterion_id()],
            &by_pair[{first_marker,
                      record.second->second_marker_reference()}]}) {
        pool->pairs.push_back(pair);
        pool->categories.insert(facts->second.categories.begin(),
                                facts->second.categories.end());
        pool->records.insert(record.record_name);
      }
    }
    summary.set_unpaired_answers(
        summary.unpaired_answers() +
        static_cast<int64_t>(first.size() - paired.size()) +
        (record.second->judgements_size() -
         static_cast<int64_t>(paired.size())));
  }
  absl::StatusOr<v1::AgreementFigures> pooled =
      Figures(overall.pairs, overall.categories);
  if (!pooled.ok()) return pooled.status();
  *summary.mutable_overall() = *std::move(pooled);
  std::vector<v1::CriterionAgreement> rows;
  for (const auto& [id, pool] : by_criterion) {
    v1::CriterionAgreement row;
    row.set_criterion_id(id);
    row.set_section_id(criteria.at(id).section_id);
    absl::StatusOr<v1::AgreementFigures> figures =
        Figures(pool.pairs, pool.categories);
    if (!figures.ok()) return figures.status();
    *row.mutable_figures() = *std::move(figures);
    rows.push_back(std::move(row));
  }
  // Lowest observed agreement first, compared exactly (a/n < b/m as a*m <
  // b*n); then framework order.
  std::stable_sort(
      rows.begin(), rows.end(),
      [&](const v1::CriterionAgreement& a, const v1::CriterionAgreement& b) {
        const int64_t lhs = a.figures().agreeing() * b.figures().pairs();
        const int64_t rhs = b.figures().agreeing() * a.figures().pairs();
        if (lhs != rhs) return lhs < rhs;
        return criteria.at(a.criterion_id()).order <
               criteria.at(b.criterion_id()).order;
      });
  for (auto& row : rows) *summary.add_criteria() = std::move(row);
  for (const auto& [markers, pool] : by_pair) {
    v1::InspectorPairAgreement* row = summary.add_inspector_pairs();
    row->set_first_marker_reference(markers.first);
    row->set_second_marker_reference(markers.second);
    row->set_cases(static_cast<int32_t>(pool.records.size()));
    absl::StatusOr<v1::AgreementFigures> figures =
        Figures(pool.pairs, pool.categories);
    if (!figures.ok()) return figures.status();
    *row->mutable_figures() = *std::move(figures);
  }
  return summary;
}

}  // namespace yjinspect::findings
