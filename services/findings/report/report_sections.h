#pragma once

// The generated parts of a report: the commentary section by section
// (numbered findings from the counts, the inspectors' narrative, the SQS
// share score), the key strengths and areas requiring improvement, and the
// ratings table. Pure functions over the framework, the verdicts and the
// report inputs.

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "services/findings/report/finding_sentences.h"
#include "services/findings/report/report_document.h"
#include "yjinspect/v1/framework.pb.h"
#include "yjinspect/v1/report.pb.h"
#include "yjinspect/v1/verdicts.pb.h"

namespace yjinspect::findings {

// A sentence placed after one section's findings (the looked-after
// children's figures after "Protecting the child or young person").
struct PlacedSentence {
  // Section.id it follows; empty for none.
  std::string section_id;
  Inline text;
};

// True when the report states counts for `criterion_id`: every criterion
// when inputs.counted_criteria is unset, else only those it names.
bool LetterCounts(const v1::ReportInputs& inputs,
                  absl::string_view criterion_id);

// How the finding for `criterion_id` treats the rest after its lead:
// kOmitted when inputs.counted_criteria names it lead-only.
RestSentence LetterRest(const v1::ReportInputs& inputs,
                        absl::string_view criterion_id);

// True for a decision that keeps a finding in the report: proposed (and not
// yet rejected), confirmed or added by an override.
bool FindingStands(v1::FindingDecision decision);

// Narrative text as paragraphs: split at blank lines, the lines of each
// joined by spaces.
std::vector<Block> NarrativeBlocks(absl::string_view narrative);

// One section's commentary, without a heading: the letter puts it under
// the section's heading, the rated report under its standard.
struct SectionCommentary {
  std::string section_id;
  std::vector<Block> blocks;
};

// For each section in framework order that has something to say, its
// commentary:
//  - for sections judged from cases, numbered findings "1.1.", one per
//    criterion with something to say (finding_sentences.h), in framework
//    order; for staff-interview sections, the sentences as one paragraph;
//  - `placed`, when it names the section (`*placed_used` says whether it
//    did);
//  - inputs.section_narratives[id], as paragraphs;
//  - only when `with_scores` (the management board's edition; the published
//    letters print no score), for SHARE_OF_POSITIVE sections with a score:
//    "Score (not part of the published report): 84% (162/193 applicable
//    judgements)".
// Criteria that inputs.counted_criteria leaves out (when it is set) get no
// sentence: the letter describes them in the narrative, if at all; those it
// names lead-only get their lead sentence alone where the sentence rules
// allow it.
// INVALID_ARGUMENT when the verdicts lack a criterion's counts or a
// section's verdict.
absl::StatusOr<std::vector<SectionCommentary>> CommentaryBySection(
    const v1::Framework& framework, const v1::InspectionVerdicts& verdicts,
    const v1::ReportInputs& inputs, const PlacedSentence& placed,
    bool with_scores, bool* placed_used);

// The letter's commentary: each section's under a level-4 heading ("1.
// Reducing reoffending", "Operational management", "2.1 Assessment (Court
// disposals)"), in framework order.
std::vector<Block> CommentaryBlocks(const v1::Framework& framework,
                                    std::vector<SectionCommentary> commentary);

// A bullet list of the standing findings' wording, each as a sentence
// (capital first letter, full stop); no block when none stands. Findings
// whose "<target_prefix><criterion id>" is in `decision_order` come first,
// in that order; the rest follow in their given (framework) order.
std::vector<Block> FindingBullets(
    const google::protobuf::RepeatedPtrField<v1::ProposedFinding>& findings,
    absl::string_view target_prefix,
    const std::vector<std::string>& decision_order);

// Capital first letter and a closing full stop; empty for blank text.
std::string AsSentence(absl::string_view text);

// The rating that stands, in words ("Good"), or why there is none
// ("Insufficient evidence", "Awaiting the panel's rating", "Not rated").
std::string RatingWords(const v1::SectionVerdict& verdict);

// "2.1 Assessment"; the title alone for a section whose id is not a number.
std::string StandardName(const v1::Section& section);
// The same from a section's id and title (a verdict carries both).
std::string StandardName(absl::string_view id, absl::string_view title);

// True for a section judged from victims' cases alone: every pool it names
// is a pool of victims' cases.
bool JudgesVictimsOnly(const v1::Framework& framework,
                       const v1::Section& section);

// True for a section rated by key question or by the panel.
bool IsRatedSection(const v1::SectionVerdict& verdict);

// "Safety and wellbeing" of "safety_and_wellbeing"; a numbered key
// question's id ("v1_1") as the inspectorate numbers it ("V1.1").
std::string KeyQuestionLabel(absl::string_view key_question);

// "Organisational delivery" of "1 Organisational delivery".
absl::string_view DomainName(absl::string_view domain);

// True for a framework with sections rated by key question or by the panel.
bool IsRatingsFramework(const v1::Framework& framework);

// What children's cases were judged on, for the rated report's context:
// "Each case was judged against three key questions: desistance, safety and
// wellbeing, and keeping others safe." The key questions are those of the
// criteria in sections judged from children's cases (never the victims'
// pool's), in the framework's order; empty when there are none.
std::string ChildrensKeyQuestionsSentence(const v1::Framework& framework);

// "Good (24/36)"; "Not yet rated (12/36 so far; awaiting 1.1 Governance and
// leadership, ...)"; "Not rated".
std::string OverallRatingText(const v1::Framework& framework,
                              const v1::OverallRating& overall);

}  // namespace yjinspect::findings
