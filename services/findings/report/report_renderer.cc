#include "services/findings/report/report_renderer.h"

#include <map>
#include <optional>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"
#include "common/dates.h"
#include "common/status_macros.h"
#include "services/findings/report/markdown_writer.h"
#include "services/findings/report/rated_standards.h"
#include "services/findings/report/recommendation_blocks.h"
#include "services/findings/report/report_page.h"
#include "services/findings/report/report_sections.h"
#include "services/findings/report/report_template.h"
#include "services/findings/report/report_wording.h"

namespace yjinspect::findings {
namespace {

constexpr absl::string_view kSqsTemplate = "reports/sqs-letter.md.tmpl";
constexpr absl::string_view kRatingsTemplate = "reports/rated-report.md.tmpl";
// The template setting naming the section the looked-after children's
// figures follow; without it (or without that section) they follow the
// reoffending figures.
constexpr absl::string_view kLookedAfterSetting = "looked_after_section";
constexpr int32_t kMaxRateTenths = 1000;

absl::Status Invalid(absl::string_view what) {
  return absl::InvalidArgumentError(
      absl::StrCat("cannot render the report: ", what));
}

absl::StatusOr<ReportTemplate> BuiltInTemplate(absl::string_view name) {
  ASSIGN_OR_RETURN(absl::string_view text, BuiltInReportFile(name));
  absl::StatusOr<ReportTemplate> parsed = ParseReportTemplate(name, text);
  if (!parsed.ok()) return absl::InternalError(parsed.status().message());
  return parsed;
}

absl::StatusOr<absl::CivilDay> RequiredDay(absl::string_view what, bool present,
                                           const google::type::Date& date) {
  if (!present) return Invalid(absl::StrCat("no ", what));
  std::optional<absl::CivilDay> day = common::ToCivilDay(date);
  if (!day.has_value()) {
    return Invalid(absl::StrCat(what, " ", common::FormatDate(date),
                                " is not a real calendar date"));
  }
  return *day;
}

absl::Status CheckRate(absl::string_view field, int32_t tenths, int32_t least) {
  if (tenths < least || tenths > kMaxRateTenths) {
    return Invalid(absl::StrCat(field, " is ", tenths, " tenths; it must be ",
                                least, " to ", kMaxRateTenths,
                                least > 0 ? " (required)" : ""));
  }
  return absl::OkStatus();
}

absl::Status CheckFigures(const v1::ReportInputs& inputs) {
  if (inputs.has_reoffending()) {
    const v1::ReoffendingFigures& r = inputs.reoffending();
    RETURN_IF_ERROR(
        CheckRate("reoffending.yot_rate_tenths", r.yot_rate_tenths(), 1));
    RETURN_IF_ERROR(CheckRate("reoffending.previous_year_rate_tenths",
                              r.previous_year_rate_tenths(), 0));
    RETURN_IF_ERROR(CheckRate("reoffending.national_rate_tenths",
                              r.national_rate_tenths(), 0));
  }
  if (inputs.has_looked_after()) {
    const v1::LookedAfterFigures& l = inputs.looked_after();
    RETURN_IF_ERROR(
        CheckRate("looked_after.local_rate_tenths", l.local_rate_tenths(), 0));
    RETURN_IF_ERROR(CheckRate("looked_after.national_rate_tenths",
                              l.national_rate_tenths(), 1));
  }
  return absl::OkStatus();
}

// The checked facts a report needs beyond the messages themselves.
struct CheckedSubject {
  absl::CivilDay published;
  absl::CivilDay fieldwork_start;
  absl::CivilDay fieldwork_end;
  std::string yot;
  // The local authority area the report speaks of ("Bolton"); the YOT's name
  // where the inputs give none (then no figures are stated).
  std::string area;
};

absl::StatusOr<CheckedSubject> CheckSubject(const ReportSubject& s) {
  if (s.framework == nullptr) return Invalid("no framework");
  if (s.inspection == nullptr) return Invalid("no inspection");
  if (s.verdicts == nullptr) return Invalid("no verdicts");
  if (s.inputs == nullptr) return Invalid("no report inputs");
  const v1::Framework& fw = *s.framework;
  const v1::Inspection& inspection = *s.inspection;
  const v1::ReportInputs& inputs = *s.inputs;
  if (inspection.framework_id() != fw.id() ||
      inspection.framework_version() != fw.version() ||
      s.verdicts->framework_id() != fw.id() ||
      s.verdicts->framework_version() != fw.version()) {
    return Invalid(absl::StrCat(
        "the inspection (", inspection.framework_id(), " version ",
        inspection.framework_version(), ") and the verdicts (",
        s.verdicts->framework_id(), " version ",
        s.verdicts->framework_version(), ") must both be of framework ",
        fw.id(), " version ", fw.version()));
  }
  CheckedSubject c;
  ASSIGN_OR_RETURN(c.published, RequiredDay("publication_date",
                                            inputs.has_publication_date(),
                                            inputs.publication_date()));
  ASSIGN_OR_RETURN(
      c.fieldwork_start,
      RequiredDay("fieldwork_start_date", inspection.has_fieldwork_start_date(),
                  inspection.fieldwork_start_date()));
  ASSIGN_OR_RETURN(
      c.fieldwork_end,
      RequiredDay("fieldwork_end_date", inspection.has_fieldwork_end_date(),
                  inspection.fieldwork_end_date()));
  if (c.fieldwork_end < c.fieldwork_start) {
    return Invalid("fieldwork_end_date is before fieldwork_start_date");
  }
  if (c.published < c.fieldwork_end) {
    return Invalid("publication_date is before the end of fieldwork");
  }
  if (absl::StripAsciiWhitespace(inputs.addressee()).empty()) {
    return Invalid("no addressee");
  }
  if (absl::StripAsciiWhitespace(inputs.sender()).empty()) {
    return Invalid("no sender");
  }
  c.yot =
      std::string(absl::StripAsciiWhitespace(inspection.yot_display_name()));
  if (c.yot.empty()) {
    absl::string_view id = inspection.yot();
    absl::ConsumePrefix(&id, "yots/");
    c.yot = std::string(id);
  }
  if (c.yot.empty()) return Invalid("no YOT name (yot_display_name or yot)");
  c.area = std::string(absl::StripAsciiWhitespace(inputs.area()));
  if (c.area.empty()) {
    if (inputs.has_reoffending() || inputs.has_looked_after()) {
      return Invalid(
          "the reoffending and looked-after figures are the area's, not the "
          "YOT's: set the area they belong to (inputs.area)");
    }
    c.area = c.yot;
  }
  if (s.cases_examined < 1) {
    return Invalid(absl::StrCat("cases_examined is ", s.cases_examined,
                                "; a report needs at least one case"));
  }
  if (s.victim_cases_examined < 0) {
    return Invalid(
        absl::StrCat("victim_cases_examined is ", s.victim_cases_examined));
  }
  if (s.staff_interviewed < 0) {
    return Invalid(absl::StrCat("staff_interviewed is ", s.staff_interviewed));
  }
  RETURN_IF_ERROR(CheckFigures(inputs));
  return c;
}

Block Footnote(absl::string_view mark, absl::string_view text) {
  return Paragraph({Run{RunStyle::kSuperscript, std::string(mark)},
                    Run{RunStyle::kPlain, absl::StrCat(" ", text)}},
                   "footnote");
}

std::vector<Block> CopyList(const v1::ReportInputs& inputs) {
  Block fields;
  fields.kind = BlockKind::kFields;
  fields.css_class = "copy-list";
  for (const v1::CopyRecipient& r : inputs.copy_to()) {
    fields.rows.push_back(
        {Plain(r.role()), {Run{RunStyle::kEmphasis, r.name()}}});
  }
  if (fields.rows.empty()) return {};
  return {std::move(fields)};
}

// "This inspection was judged by <title>, version 1, since superseded by
// version 2: <reason>"; empty for a current version.
std::string FrameworkNote(const v1::Framework& framework,
                          const v1::InspectionVerdicts& verdicts) {
  if (!verdicts.has_framework_superseded()) return "";
  const v1::FrameworkSuperseded& by = verdicts.framework_superseded();
  return absl::StrCat("This inspection was judged by the framework \"",
                      framework.title(), "\" (", framework.id(), ", version ",
                      framework.version(), "), since superseded by version ",
                      by.by_version(), ": ",
                      absl::StripSuffix(by.reason(), "."), ".");
}

// What the management board's edition adds, said at its top: each theme's
// score where the framework scores themes by their share of positive
// answers, which a published letter leaves out; else nothing.
std::string EditionNotice(const v1::Framework& framework) {
  for (const v1::Section& section : framework.sections()) {
    if (section.scoring() == v1::SCORING_METHOD_SHARE_OF_POSITIVE) {
      return "Management board edition, not the published report: it adds "
             "each theme's score, which the published report does not "
             "print.";
    }
  }
  return "Management board edition: its text is the published report's.";
}

}  // namespace

absl::StatusOr<RenderedText> RenderInspectionReport(
    const ReportSubject& subject) {
  ASSIGN_OR_RETURN(const CheckedSubject checked, CheckSubject(subject));
  const v1::Framework& framework = *subject.framework;
  const v1::InspectionVerdicts& verdicts = *subject.verdicts;
  const v1::ReportInputs& inputs = *subject.inputs;
  ASSIGN_OR_RETURN(
      const ReportTemplate letter,
      BuiltInTemplate(IsRatingsFramework(framework) ? kRatingsTemplate
                                                    : kSqsTemplate));

  // Footnotes are numbered in the order their marks appear: the reoffending
  // figures, then the looked-after children's.
  int next_mark = 1;
  std::vector<Block> figures;
  std::vector<Block> footnotes;
  if (inputs.has_reoffending()) {
    const std::string source = ReoffendingSource(inputs.reoffending());
    const std::string mark = source.empty() ? "" : absl::StrCat(next_mark++);
    figures.push_back(Paragraph(
        ReoffendingSentences(inputs.reoffending(), checked.area, mark)));
    if (!mark.empty()) footnotes.push_back(Footnote(mark, source));
  }
  PlacedSentence looked_after;
  if (inputs.has_looked_after()) {
    const std::string source = LookedAfterSource(inputs.looked_after());
    const std::string mark = source.empty() ? "" : absl::StrCat(next_mark++);
    if (const auto it = letter.settings.find(std::string(kLookedAfterSetting));
        it != letter.settings.end()) {
      looked_after.section_id = it->second;
    }
    looked_after.text =
        LookedAfterSentence(inputs.looked_after(), checked.area, mark);
    if (!mark.empty()) footnotes.push_back(Footnote(mark, source));
  }
  const bool rated = IsRatingsFramework(framework);
  bool looked_after_placed = false;
  ASSIGN_OR_RETURN(std::vector<SectionCommentary> commentary,
                   CommentaryBySection(
                       framework, verdicts, inputs, looked_after,
                       subject.management_board_edition, &looked_after_placed));
  if (!looked_after.text.empty() && !looked_after_placed) {
    figures.push_back(Paragraph(looked_after.text));
  }
  // The letter gives the commentary section by section; the rated report
  // places each section's under its standard, with its rating.
  std::vector<Block> sections;
  std::vector<Block> standards;
  if (rated) {
    ASSIGN_OR_RETURN(standards, StandardBlocks(framework, verdicts,
                                               {std::move(commentary),
                                                subject.decision_order}));
  } else {
    sections = CommentaryBlocks(framework, std::move(commentary));
  }
  const std::string fieldwork =
      FieldworkPeriod(checked.fieldwork_start, checked.fieldwork_end);

  TemplateValues values;
  values.text = {
      {"addressee", inputs.addressee()},
      {"sender", inputs.sender()},
      {"publication_date", LetterDate(checked.published)},
      {"yot", checked.yot},
      {"area", checked.area},
      {"edition_notice",
       subject.management_board_edition ? EditionNotice(framework) : ""},
      {"framework_note", FrameworkNote(framework, verdicts)},
      {"fieldwork", fieldwork},
      {"fieldwork_dates", std::string(absl::StripPrefix(
                              absl::StripPrefix(fieldwork, "from "), "on "))},
      {"cases_examined",
       CountInFigures(subject.cases_examined, "case", "cases")},
      {"key_questions", ChildrensKeyQuestionsSentence(framework)},
      {"victim_cases_examined",
       subject.victim_cases_examined > 0
           ? CountInFigures(subject.victim_cases_examined, "victim's case",
                            "victims' cases")
           : ""},
      {"staff_interviewed",
       subject.staff_interviewed > 0
           ? CountInFigures(subject.staff_interviewed, "case manager",
                            "case managers")
           : ""},
      {"lead_inspector", inputs.lead_inspector()},
      {"lead_inspector_contact", inputs.lead_inspector_contact()},
      {"overall_rating", OverallRatingText(framework, verdicts.overall())},
  };
  values.blocks = {
      {"summary", NarrativeBlocks(inputs.summary())},
      {"figures", std::move(figures)},
      {"sections", std::move(sections)},
      {"strengths", FindingBullets(verdicts.strengths(),
                                   "strength:", subject.decision_order)},
      {"improvements", FindingBullets(verdicts.improvements(),
                                      "improvement:", subject.decision_order)},
      {"standards", std::move(standards)},
      {"ratings_table",
       RatedReportRatingsTable(framework, verdicts, checked.yot)},
      // The SQS letter has no placeholder for them, and never had any.
      {"recommendations",
       rated ? RecommendationBlocks(subject.recommendations, checked.yot)
             : std::vector<Block>()},
      {"copy_list", CopyList(inputs)},
      {"footnotes", std::move(footnotes)},
  };
  absl::StatusOr<std::vector<Block>> blocks =
      FillReportTemplate(letter, values);
  if (!blocks.ok()) return absl::InternalError(blocks.status().message());

  RenderedText rendered;
  rendered.markdown = WriteMarkdown(*blocks);
  ASSIGN_OR_RETURN(rendered.html, HtmlReportPage(*blocks, "Inspection report"));
  return rendered;
}

}  // namespace yjinspect::findings
