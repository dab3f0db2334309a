#include "cli/agreement_text.h"

#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"

namespace yjinspect::cli {
namespace {

// "yes 5/4, no 1/2, na 0/0": each category's count for the first, then the
// second marker.
std::string Categories(const v1::AgreementFigures& figures) {
  std::vector<std::string> parts;
  for (const v1::CategoryCount& c : figures.categories()) {
    parts.push_back(absl::StrCat(c.answer(), " ", c.first_marker(), "/",
                                 c.second_marker()));
  }
  return absl::StrJoin(parts, ", ");
}

std::string Figures(const v1::AgreementFigures& figures) {
  if (figures.pairs() == 0) return "no double-marked pairs";
  return absl::StrCat(
      figures.pairs(), " pairs, ", figures.agreeing(), " agreeing; observed ",
      FormatStatistic(figures.observed_agreement(), true), "; kappa ",
      FormatStatistic(figures.cohens_kappa(), false), "; AC1 ",
      FormatStatistic(figures.gwets_ac1(), false),
      "; answers (first/second marker): ", Categories(figures));
}

}  // namespace

std::string FormatStatistic(const v1::AgreementStatistic& statistic,
                            bool as_percent) {
  if (!statistic.defined()) {
    return absl::StrCat("undefined (", statistic.undefined_reason(), ")");
  }
  const std::string fraction =
      absl::StrCat(statistic.numerator(), "/", statistic.denominator());
  if (as_percent) {
    return absl::StrFormat("%s = %.1f%%", fraction, statistic.value() * 100);
  }
  return absl::StrFormat("%.3f (= %s)", statistic.value(), fraction);
}

std::string FormatAgreement(const v1::AgreementSummary& summary) {
  std::string out = absl::StrCat(
      "Inter-rater agreement of ", summary.inspection(),
      " (for the inspectors' quality assurance; not for publication)\n",
      summary.second_markings_submitted(), " of ",
      summary.second_markers_assigned(), " second markings submitted; ",
      summary.disagreements(), " disagreements, ", summary.disagreements_open(),
      " open; ", summary.unpaired_answers(),
      " answers given by one marker only\n",
      "Overall: ", Figures(summary.overall()), "\n");
  if (!summary.criteria().empty()) {
    absl::StrAppend(&out, "By criterion, lowest observed agreement first:\n");
  }
  for (const v1::CriterionAgreement& c : summary.criteria()) {
    absl::StrAppend(&out, "  ", c.criterion_id(), " (section ", c.section_id(),
                    "): ", Figures(c.figures()), "\n");
  }
  if (!summary.inspector_pairs().empty()) {
    absl::StrAppend(&out, "By pair of inspectors (first, second marker):\n");
  }
  for (const v1::InspectorPairAgreement& p : summary.inspector_pairs()) {
    absl::StrAppend(
        &out, "  ", p.first_marker_reference(), ", ",
        p.second_marker_reference(), " (", p.cases(),
        p.cases() == 1 ? " case): " : " cases): ", Figures(p.figures()), "\n");
  }
  return out;
}

}  // namespace yjinspect::cli
