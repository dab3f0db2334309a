#include "services/findings/report/rated_standards.h"

#include <map>
#include <utility>

#include "absl/status/status.h"
#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/strip.h"
#include "services/findings/verdicts/count_phrases.h"

namespace yjinspect::findings {
namespace {

// "Domain 2: Work with children" of "2 Work with children"; an unnumbered
// domain as it is.
std::string DomainHeading(absl::string_view domain) {
  const absl::string_view name = DomainName(domain);
  if (name.size() == domain.size()) return std::string(domain);
  const absl::string_view number = absl::StripTrailingAsciiWhitespace(
      domain.substr(0, domain.size() - name.size()));
  return absl::StrCat("Domain ", number, ": ", name);
}

}  // namespace

Inline RatingCell(const v1::SectionVerdict& v) {
  Inline cell;
  const std::string words = RatingWords(v);
  cell.push_back(Run{
      v.final_rating().empty() ? RunStyle::kPlain : RunStyle::kRating, words});
  if (v.overridden() && v.computed_rating().empty()) {
    cell.push_back(Run{RunStyle::kPlain,
                       " (set by the lead inspector; the evidence gave no "
                       "rating)"});
  } else if (v.overridden() && v.computed_rating() != v.final_rating()) {
    cell.push_back(
        Run{RunStyle::kPlain,
            absl::StrCat(" (overridden from ", v.computed_rating(), ")")});
  }
  if (!v.counted_in_overall()) {
    cell.push_back(
        Run{RunStyle::kPlain, " (not counted in the overall score)"});
  }
  return cell;
}

Inline OverallCell(const v1::Framework& framework,
                   const v1::OverallRating& overall) {
  if (overall.final_rating().empty()) {
    return Plain(OverallRatingText(framework, overall));
  }
  std::string rest =
      absl::StrCat(" (score ", overall.score(), " of ", overall.max_score());
  if (overall.overridden() && overall.computed_rating().empty()) {
    // Set before every counted standard had a rating: the score is a
    // part-sum, and says so.
    const int missing = overall.missing_sections_size();
    absl::StrAppend(&rest, " so far, ", missing,
                    missing == 1 ? " standard" : " standards",
                    " not yet rated; set by the lead inspector");
  } else if (overall.overridden() &&
             overall.computed_rating() != overall.final_rating()) {
    absl::StrAppend(&rest, "; overridden from ", overall.computed_rating());
  }
  return {Run{RunStyle::kRating, overall.final_rating()},
          Run{RunStyle::kPlain, rest + ")"}};
}

namespace {

// "Rating: Good." and what qualifies it.
Block RatingParagraph(const v1::SectionVerdict& v) {
  Inline line = {Run{RunStyle::kPlain, "Rating: "}};
  line.push_back(
      Run{v.final_rating().empty() ? RunStyle::kPlain : RunStyle::kRating,
          RatingWords(v)});
  std::string rest = ".";
  if (!v.counted_in_overall()) {
    absl::StrAppend(&rest, " Not counted in the overall score.");
  }
  if (v.overridden() && v.computed_rating() != v.final_rating()) {
    absl::StrAppend(&rest,
                    v.computed_rating().empty()
                        ? " The evidence gave no rating; the lead inspector "
                          "set it"
                        : absl::StrCat(" The lead inspector changed it from ",
                                       v.computed_rating()));
    const std::string reason = AsSentence(v.override_reason());
    absl::StrAppend(&rest, reason.empty() ? "." : absl::StrCat(": ", reason));
  }
  line.push_back(Run{RunStyle::kPlain, rest});
  return Paragraph(std::move(line), "standard-rating");
}

// "Outstanding from 80%, Good from 65%, Requires improvement from 50%, and
// Inadequate below 50%".
std::string BandsInWords(const v1::RatingRules& rules) {
  std::vector<std::string> bands;
  std::string last_edge;
  for (const v1::RatingBand& band : rules.standard_bands()) {
    if (band.min_share().numerator() > 0 &&
        band.min_share().denominator() > 0) {
      last_edge = BandEdge(band.min_share());
      bands.push_back(absl::StrCat(band.rating(), " from ", last_edge));
    } else if (!last_edge.empty()) {
      bands.push_back(absl::StrCat(band.rating(), " below ", last_edge));
    }
  }
  if (bands.size() < 2) return absl::StrJoin(bands, "");
  const std::string last = bands.back();
  bands.pop_back();
  return absl::StrCat(absl::StrJoin(bands, ", "), ", and ", last);
}

// What a key question's share counts: the section's records when one
// scored criterion asks it (one answer a record), else answers.
std::string ShareUnit(const v1::Framework& framework,
                      const v1::Section& section, absl::string_view kq) {
  int askers = 0;
  for (const v1::Criterion& c : section.criteria()) {
    if (c.scored() && c.key_question() == kq) ++askers;
  }
  if (askers != 1) return "answers";
  return JudgesVictimsOnly(framework, section) ? "victims' cases" : "cases";
}

std::vector<Block> KeyQuestionBlocks(const v1::Framework& framework,
                                     const v1::Section& section,
                                     const v1::SectionVerdict& v) {
  std::vector<Block> out;
  Block chart;
  chart.kind = BlockKind::kKeyQuestionChart;
  chart.css_class = "kq-chart";
  chart.chart.title = absl::StrCat(StandardName(section),
                                   ": the share judged sufficient on each "
                                   "key question");
  // The verdicts mark the first of equal lowest shares; every one of them
  // is the lowest, and is said to be.
  const v1::KeyQuestionShare* marked = nullptr;
  for (const v1::KeyQuestionShare& share : v.key_questions()) {
    if (share.lowest()) marked = &share;
  }
  std::vector<const v1::KeyQuestionShare*> lowest;
  for (const v1::KeyQuestionShare& share : v.key_questions()) {
    const bool equal = marked != nullptr && share.applicable() > 0 &&
                       share.positive() * marked->applicable() ==
                           marked->positive() * share.applicable();
    if (equal) lowest.push_back(&share);
    ChartBar bar;
    bar.label = KeyQuestionLabel(share.key_question());
    bar.positive = share.positive();
    bar.applicable = share.applicable();
    bar.percent = share.percent();
    bar.unit = ShareUnit(framework, section, share.key_question());
    bar.lowest = equal;
    chart.chart.bars.push_back(std::move(bar));
  }
  for (const v1::RatingBand& band : framework.rating().standard_bands()) {
    const v1::Fraction& edge = band.min_share();
    if (edge.numerator() <= 0 || edge.denominator() <= 0) continue;
    chart.chart.lines.push_back({static_cast<double>(edge.numerator()) /
                                     static_cast<double>(edge.denominator()),
                                 BandEdge(edge), band.rating()});
  }
  if (!lowest.empty()) {
    std::vector<std::string> named;
    for (const v1::KeyQuestionShare* share : lowest) {
      // "safety of child" mid-sentence; a numbered one ("V1.1") as it is.
      std::string label = KeyQuestionLabel(share->key_question());
      if (label.size() > 1 && !absl::ascii_isdigit(label[1])) {
        label[0] = absl::ascii_tolower(label[0]);
      }
      named.push_back(absl::StrCat(
          label, ", at ", share->percent(), "% (", share->positive(), " of ",
          share->applicable(), " ",
          ShareUnit(framework, section, share->key_question()), ")"));
    }
    std::string text =
        named.size() == 1
            ? absl::StrCat(
                  "The rating from the cases is that of the key question "
                  "with the lowest share judged sufficient: ",
                  named[0], ".")
            : absl::StrCat(
                  "The rating from the cases is that of the lowest share "
                  "judged sufficient, which ",
                  NumberInWords(static_cast<int64_t>(named.size())),
                  " key questions share equally: ",
                  absl::StrJoin(named.begin(), named.end() - 1, "; "), "; and ",
                  named.back(), ".");
    const std::string bands = BandsInWords(framework.rating());
    if (!bands.empty()) {
      absl::StrAppend(&text, " A standard is rated ", bands, ".");
    }
    out.push_back(Paragraph(Plain(text)));
  }
  if (!chart.chart.bars.empty()) out.push_back(std::move(chart));
  return out;
}

std::vector<Block> FindingsOf(
    const google::protobuf::RepeatedPtrField<v1::ProposedFinding>& all,
    absl::string_view section_id, absl::string_view target_prefix,
    const std::vector<std::string>& decision_order) {
  google::protobuf::RepeatedPtrField<v1::ProposedFinding> mine;
  for (const v1::ProposedFinding& f : all) {
    if (f.section_id() == section_id) *mine.Add() = f;
  }
  return FindingBullets(mine, target_prefix, decision_order);
}

}  // namespace

std::string BandEdge(const v1::Fraction& share) {
  const int64_t n = share.numerator();
  const int64_t d = share.denominator();
  if (d <= 0) return "0%";
  if ((n * 100) % d == 0) return absl::StrCat(n * 100 / d, "%");
  if ((n * 1000) % d == 0) {
    return absl::StrCat(n * 1000 / d / 10, ".", n * 1000 / d % 10, "%");
  }
  // Not a whole tenth of a percent: the exact fraction, never a rounded
  // edge that some shares would fall on the wrong side of.
  return absl::StrCat(n, "/", d);
}

std::vector<Block> RatedReportRatingsTable(
    const v1::Framework& framework, const v1::InspectionVerdicts& verdicts,
    absl::string_view yot) {
  Block table;
  table.kind = BlockKind::kTable;
  table.css_class = "ratings";
  table.row_headers = true;
  table.caption = Plain(absl::StrCat("Ratings of ", yot));
  table.rows.push_back({Plain("Standard"), Plain("Rating")});
  table.rows.push_back(
      {Plain("Overall rating"), OverallCell(framework, verdicts.overall())});
  std::map<std::string, const v1::Section*> sections;
  for (const v1::Section& s : framework.sections()) sections[s.id()] = &s;
  std::string last_domain;
  bool any = false;
  for (const v1::SectionVerdict& v : verdicts.sections()) {
    const auto section = sections.find(v.section_id());
    if (!IsRatedSection(v) || section == sections.end()) continue;
    // A group row per domain; a standard without one after a domain gets
    // a group of its own, so that it is never read as part of the last.
    if (v.domain() != last_domain || (v.domain().empty() && any)) {
      const std::string group = v.domain().empty()
                                    ? StandardName(*section->second)
                                    : DomainHeading(v.domain());
      table.rows.push_back({{Run{RunStyle::kStrong, group}}});
    }
    last_domain = v.domain();
    table.rows.push_back(
        {Plain(StandardName(*section->second)), RatingCell(v)});
    any = true;
  }
  if (!any) return {};
  return {std::move(table)};
}

absl::StatusOr<std::vector<Block>> StandardBlocks(
    const v1::Framework& framework, const v1::InspectionVerdicts& verdicts,
    StandardsMaterial material) {
  std::map<std::string, const v1::SectionVerdict*> section_verdicts;
  for (const v1::SectionVerdict& v : verdicts.sections()) {
    section_verdicts[v.section_id()] = &v;
  }
  std::map<std::string, std::vector<Block>*> commentary;
  for (SectionCommentary& c : material.commentary) {
    commentary[c.section_id] = &c.blocks;
  }
  std::vector<Block> out;
  // The domain whose level-2 heading the standards now sit under.
  std::string headed_domain;
  for (const v1::Section& section : framework.sections()) {
    const auto found = section_verdicts.find(section.id());
    if (found == section_verdicts.end()) {
      return absl::InvalidArgumentError(absl::StrCat(
          "the verdicts have no verdict for section \"", section.id(), "\""));
    }
    const v1::SectionVerdict& v = *found->second;
    std::vector<Block> body;
    if (IsRatedSection(v)) body.push_back(RatingParagraph(v));
    if (v.scoring() == v1::SCORING_METHOD_LOWEST_KEY_QUESTION) {
      for (Block& b : KeyQuestionBlocks(framework, section, v)) {
        body.push_back(std::move(b));
      }
    }
    if (v.scoring() == v1::SCORING_METHOD_PANEL_RATING &&
        !v.panel_reason().empty()) {
      for (Block& b : NarrativeBlocks(v.panel_reason())) {
        body.push_back(std::move(b));
      }
    }
    // Placed after the lists: their headings are one level down.
    std::vector<std::pair<std::string, std::vector<Block>>> parts = {
        {"Strengths", FindingsOf(verdicts.strengths(), section.id(),
                                 "strength:", material.decision_order)},
        {"Areas for improvement",
         FindingsOf(verdicts.improvements(), section.id(),
                    "improvement:", material.decision_order)},
    };
    if (const auto c = commentary.find(section.id()); c != commentary.end()) {
      parts.emplace_back("What we found", std::move(*c->second));
    }
    bool has_parts = false;
    for (const auto& part : parts) has_parts |= !part.second.empty();
    if (body.empty() && !has_parts) continue;

    // A domain's heading comes before the first of its standards that is
    // not named as the domain itself ("Work with victims"); such a
    // standard is a heading of the domain's level.
    const std::string name = StandardName(section);
    const bool under_domain = !section.domain().empty() &&
                              section.domain() != name &&
                              DomainName(section.domain()) != section.title();
    if (under_domain && section.domain() != headed_domain) {
      out.push_back(Heading(2, Plain(DomainHeading(section.domain()))));
      headed_domain = section.domain();
    }
    if (!under_domain) headed_domain.clear();
    const int level = under_domain ? 3 : 2;
    out.push_back(Heading(level, Plain(name)));
    for (Block& b : body) out.push_back(std::move(b));
    for (auto& [title, blocks] : parts) {
      if (blocks.empty()) continue;
      out.push_back(Heading(level + 1, Plain(title)));
      for (Block& b : blocks) out.push_back(std::move(b));
    }
  }
  return out;
}

}  // namespace yjinspect::findings
