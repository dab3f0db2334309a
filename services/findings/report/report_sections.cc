#include "services/findings/report/report_sections.h"

#include <algorithm>
#include <map>
#include <set>
#include <utility>

#include "absl/status/status.h"
#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_replace.h"
#include "absl/strings/str_split.h"
#include "services/findings/report/finding_sentences.h"
#include "services/findings/verdicts/count_phrases.h"

namespace yjinspect::findings {
namespace {

// "1", "2.1": digits and dots, starting with a digit.
bool IsNumberedId(absl::string_view id) {
  if (id.empty() || !absl::ascii_isdigit(id[0])) return false;
  for (char c : id) {
    if (!absl::ascii_isdigit(c) && c != '.') return false;
  }
  return true;
}

}  // namespace

absl::string_view DomainName(absl::string_view domain) {
  const size_t space = domain.find(' ');
  if (space != absl::string_view::npos &&
      IsNumberedId(domain.substr(0, space))) {
    return absl::StripLeadingAsciiWhitespace(domain.substr(space + 1));
  }
  return domain;
}

std::string StandardName(absl::string_view id, absl::string_view title) {
  if (!IsNumberedId(id)) return std::string(title);
  return absl::StrCat(id, " ", title);
}

std::string StandardName(const v1::Section& section) {
  return StandardName(section.id(), section.title());
}

bool JudgesVictimsOnly(const v1::Framework& framework,
                       const v1::Section& section) {
  if (section.pools_size() == 0) return false;
  for (const std::string& id : section.pools()) {
    const bool victims =
        std::any_of(framework.pools().begin(), framework.pools().end(),
                    [&](const v1::SamplePool& pool) {
                      return pool.id() == id &&
                             pool.records() == v1::POOL_RECORDS_VICTIM_CASES;
                    });
    if (!victims) return false;
  }
  return true;
}

bool IsRatedSection(const v1::SectionVerdict& verdict) {
  return verdict.scoring() == v1::SCORING_METHOD_LOWEST_KEY_QUESTION ||
         verdict.scoring() == v1::SCORING_METHOD_PANEL_RATING;
}

namespace {

// "1. Reducing reoffending", "2.1 Assessment (Court disposals)",
// "Operational management".
std::string SectionHeading(const v1::Section& section) {
  if (!IsNumberedId(section.id())) return section.title();
  std::string text = absl::StrContains(section.id(), '.')
                         ? StandardName(section)
                         : absl::StrCat(section.id(), ". ", section.title());
  const absl::string_view domain = DomainName(section.domain());
  if (!domain.empty()) absl::StrAppend(&text, " (", domain, ")");
  return text;
}

}  // namespace

std::string KeyQuestionLabel(absl::string_view key_question) {
  // "v1_1": a letter, then numbers joined by "_", as the inspectorate
  // numbers the victims' key questions (V1.1, V1.2).
  const std::vector<absl::string_view> parts =
      absl::StrSplit(key_question, '_');
  const bool numbered =
      key_question.size() > 1 && absl::ascii_isalpha(key_question[0]) &&
      std::all_of(parts.begin(), parts.end(), [&](absl::string_view part) {
        const absl::string_view digits =
            part.data() == key_question.data() ? part.substr(1) : part;
        return !digits.empty() &&
               std::all_of(digits.begin(), digits.end(),
                           [](char c) { return absl::ascii_isdigit(c); });
      });
  if (numbered) {
    std::string label = absl::StrJoin(parts, ".");
    label[0] = absl::ascii_toupper(label[0]);
    return label;
  }
  std::string label = absl::StrReplaceAll(key_question, {{"_", " "}});
  if (!label.empty()) label[0] = absl::ascii_toupper(label[0]);
  return label;
}

std::string AsSentence(absl::string_view text) {
  std::string sentence(absl::StripAsciiWhitespace(text));
  if (sentence.empty()) return sentence;
  sentence[0] = absl::ascii_toupper(sentence[0]);
  const char last = sentence.back();
  if (last != '.' && last != '!' && last != '?') sentence += '.';
  return sentence;
}

std::string RatingWords(const v1::SectionVerdict& verdict) {
  std::string text = verdict.final_rating();
  if (text.empty()) {
    switch (verdict.status()) {
      case v1::RATING_STATUS_INSUFFICIENT_EVIDENCE:
        text = "Insufficient evidence";
        break;
      case v1::RATING_STATUS_AWAITING_PANEL:
        text = "Awaiting the panel's rating";
        break;
      default:
        text = "Not rated";
        break;
    }
  }
  return text;
}

bool LetterCounts(const v1::ReportInputs& inputs,
                  absl::string_view criterion_id) {
  if (!inputs.has_counted_criteria()) return true;
  const auto& ids = inputs.counted_criteria().criterion_ids();
  return std::find(ids.begin(), ids.end(), criterion_id) != ids.end();
}

RestSentence LetterRest(const v1::ReportInputs& inputs,
                        absl::string_view criterion_id) {
  const auto& ids = inputs.counted_criteria().lead_only_criterion_ids();
  return std::find(ids.begin(), ids.end(), criterion_id) != ids.end()
             ? RestSentence::kOmitted
             : RestSentence::kStated;
}

bool FindingStands(v1::FindingDecision decision) {
  return decision == v1::FINDING_DECISION_PROPOSED ||
         decision == v1::FINDING_DECISION_CONFIRMED ||
         decision == v1::FINDING_DECISION_ADDED;
}

std::vector<Block> NarrativeBlocks(absl::string_view narrative) {
  const std::string text =
      absl::StrReplaceAll(narrative, {{"\r\n", "\n"}, {"\r", "\n"}});
  std::vector<Block> blocks;
  std::vector<absl::string_view> lines;
  auto flush = [&] {
    if (!lines.empty())
      blocks.push_back(Paragraph(Plain(absl::StrJoin(lines, " "))));
    lines.clear();
  };
  for (absl::string_view line : absl::StrSplit(text, '\n')) {
    line = absl::StripAsciiWhitespace(line);
    if (line.empty()) {
      flush();
    } else {
      lines.push_back(line);
    }
  }
  flush();
  return blocks;
}

absl::StatusOr<std::vector<SectionCommentary>> CommentaryBySection(
    const v1::Framework& framework, const v1::InspectionVerdicts& verdicts,
    const v1::ReportInputs& inputs, const PlacedSentence& placed,
    bool with_scores, bool* placed_used) {
  *placed_used = false;
  std::map<std::string, const v1::CriterionCount*> counts;
  for (const v1::CriterionCount& c : verdicts.criteria()) {
    counts[c.criterion_id()] = &c;
  }
  std::map<std::string, const v1::SectionVerdict*> section_verdicts;
  for (const v1::SectionVerdict& v : verdicts.sections()) {
    section_verdicts[v.section_id()] = &v;
  }
  std::set<std::string> improvements;
  for (const v1::ProposedFinding& f : verdicts.improvements()) {
    if (FindingStands(f.decision())) improvements.insert(f.criterion_id());
  }

  std::vector<SectionCommentary> commentaries;
  for (const v1::Section& section : framework.sections()) {
    const auto verdict = section_verdicts.find(section.id());
    if (verdict == section_verdicts.end()) {
      return absl::InvalidArgumentError(absl::StrCat(
          "the verdicts have no verdict for section \"", section.id(), "\""));
    }
    const bool from_cases = section.evidence() == v1::EVIDENCE_SOURCE_CASES;
    const bool from_staff =
        section.evidence() == v1::EVIDENCE_SOURCE_STAFF_INTERVIEWS;
    std::vector<std::string> sentences;
    for (const v1::Criterion& criterion : section.criteria()) {
      const auto count = counts.find(criterion.id());
      if (count == counts.end()) {
        return absl::InvalidArgumentError(
            absl::StrCat("the verdicts have no counts for criterion \"",
                         criterion.id(), "\""));
      }
      if ((!from_cases && !from_staff) ||
          !LetterCounts(inputs, criterion.id())) {
        continue;
      }
      std::string sentence = CriterionFinding(
          criterion, *count->second, improvements.count(criterion.id()) > 0,
          from_staff ? CountedRecords::kInterviews : CountedRecords::kCases,
          LetterRest(inputs, criterion.id()));
      if (!sentence.empty()) sentences.push_back(std::move(sentence));
    }
    const bool place_here =
        placed.section_id == section.id() && !IsBlank(placed.text);
    const auto narrative = inputs.section_narratives().find(section.id());
    std::vector<Block> narrative_blocks;
    if (narrative != inputs.section_narratives().end()) {
      narrative_blocks = NarrativeBlocks(narrative->second);
    }
    if (sentences.empty() && !place_here && narrative_blocks.empty()) continue;

    commentaries.push_back({section.id(), {}});
    std::vector<Block>& out = commentaries.back().blocks;
    if (from_cases && !sentences.empty()) {
      std::vector<Inline> items;
      for (size_t i = 0; i < sentences.size(); ++i) {
        const std::string number =
            IsNumberedId(section.id())
                ? absl::StrCat(section.id(), ".", i + 1, ".")
                : absl::StrCat(i + 1, ".");
        items.push_back({Run{RunStyle::kNumber, number},
                         Run{RunStyle::kPlain, " " + sentences[i]}});
      }
      out.push_back(BulletList(std::move(items), "findings"));
    } else if (!sentences.empty()) {
      out.push_back(Paragraph(Plain(absl::StrJoin(sentences, " "))));
    }
    if (place_here) {
      out.push_back(Paragraph(placed.text));
      *placed_used = true;
    }
    for (Block& block : narrative_blocks) out.push_back(std::move(block));
    const v1::SectionVerdict& v = *verdict->second;
    if (with_scores &&
        section.scoring() == v1::SCORING_METHOD_SHARE_OF_POSITIVE &&
        v.has_share() && v.share().denominator() > 0) {
      out.push_back(Paragraph(
          Plain(absl::StrCat("Score (not part of the published report): ",
                             v.percent(), "% (", v.share().numerator(), "/",
                             v.share().denominator(), " applicable judgement",
                             v.share().denominator() == 1 ? "" : "s", ")")),
          "score"));
    }
  }
  return commentaries;
}

std::vector<Block> CommentaryBlocks(const v1::Framework& framework,
                                    std::vector<SectionCommentary> commentary) {
  std::vector<Block> out;
  auto next = commentary.begin();
  for (const v1::Section& section : framework.sections()) {
    if (next == commentary.end()) break;
    if (next->section_id != section.id()) continue;
    out.push_back(Heading(4, Plain(SectionHeading(section))));
    for (Block& block : next->blocks) out.push_back(std::move(block));
    ++next;
  }
  return out;
}

std::vector<Block> FindingBullets(
    const google::protobuf::RepeatedPtrField<v1::ProposedFinding>& findings,
    absl::string_view target_prefix,
    const std::vector<std::string>& decision_order) {
  // Where each finding's target was last recorded; unrecorded ones last.
  std::map<std::string, size_t> recorded_at;
  for (size_t i = 0; i < decision_order.size(); ++i) {
    recorded_at[decision_order[i]] = i;
  }
  std::vector<std::pair<size_t, const v1::ProposedFinding*>> standing;
  for (const v1::ProposedFinding& f : findings) {
    if (!FindingStands(f.decision())) continue;
    const auto at =
        recorded_at.find(absl::StrCat(target_prefix, f.criterion_id()));
    standing.emplace_back(
        at == recorded_at.end() ? decision_order.size() : at->second, &f);
  }
  std::stable_sort(
      standing.begin(), standing.end(),
      [](const auto& a, const auto& b) { return a.first < b.first; });
  std::vector<Inline> items;
  for (const auto& [order, f] : standing) {
    const std::string text = AsSentence(f->wording());
    if (!text.empty()) items.push_back(Plain(text));
  }
  if (items.empty()) return {};
  return {BulletList(std::move(items))};
}

bool IsRatingsFramework(const v1::Framework& framework) {
  for (const v1::Section& section : framework.sections()) {
    if (section.scoring() == v1::SCORING_METHOD_LOWEST_KEY_QUESTION ||
        section.scoring() == v1::SCORING_METHOD_PANEL_RATING) {
      return true;
    }
  }
  return false;
}

std::string ChildrensKeyQuestionsSentence(const v1::Framework& framework) {
  std::set<std::string> asked;
  for (const v1::Section& section : framework.sections()) {
    if (section.evidence() != v1::EVIDENCE_SOURCE_CASES) continue;
    if (JudgesVictimsOnly(framework, section)) continue;
    for (const v1::Criterion& criterion : section.criteria()) {
      if (!criterion.key_question().empty()) {
        asked.insert(criterion.key_question());
      }
    }
  }
  std::vector<std::string> labels;
  for (const std::string& kq : framework.key_questions()) {
    if (asked.count(kq) > 0) {
      labels.push_back(absl::AsciiStrToLower(KeyQuestionLabel(kq)));
    }
  }
  if (labels.empty()) return "";
  const int64_t count = static_cast<int64_t>(labels.size());
  std::string list = labels.back();
  if (labels.size() > 1) {
    labels.pop_back();
    list = absl::StrCat(absl::StrJoin(labels, ", "),
                        labels.size() > 1 ? ", and " : " and ", list);
  }
  return absl::StrCat("Each case was judged against ", NumberInWords(count),
                      count == 1 ? " key question: " : " key questions: ", list,
                      ".");
}

std::string OverallRatingText(const v1::Framework& framework,
                              const v1::OverallRating& overall) {
  const std::string score =
      absl::StrCat(overall.score(), "/", overall.max_score());
  if (!overall.final_rating().empty()) {
    std::string text = absl::StrCat(overall.final_rating(), " (", score);
    if (overall.overridden() && !overall.computed_rating().empty() &&
        overall.computed_rating() != overall.final_rating()) {
      absl::StrAppend(&text, "; overridden from ", overall.computed_rating());
    }
    return absl::StrCat(text, ")");
  }
  if (overall.status() == v1::RATING_STATUS_AWAITING_SECTIONS) {
    std::vector<std::string> missing;
    for (const std::string& id : overall.missing_sections()) {
      std::string name = id;
      for (const v1::Section& s : framework.sections()) {
        if (s.id() == id) name = StandardName(s);
      }
      missing.push_back(std::move(name));
    }
    return absl::StrCat("Not yet rated (", score, " so far; awaiting ",
                        absl::StrJoin(missing, ", "), ")");
  }
  return "Not rated";
}

}  // namespace yjinspect::findings
