// services/findings/report/report_renderer.h: the letter rendered from the
// real built-in frameworks and Bolton-shaped verdicts says what the
// published letter says, in both formats, and refuses incomplete input.

#include "services/findings/report/report_renderer.h"

#include <functional>
#include <string>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "gtest/gtest.h"
#include "services/findings/report/report_sections.h"
#include "tests/testing/invalid_argument.h"
#include "tests/testing/name_of_row.h"
#include "tests/unit/findings/report/report_fixtures.h"

namespace yjinspect::findings {
namespace {

using ::yjinspect::findings::testing::BoltonSqs;
using ::yjinspect::findings::testing::RatingsInspection;
using ::yjinspect::findings::testing::ReportCase;
using ::yjinspect::testing::ExpectInvalidArgumentNaming;

RenderedText Render(const ReportCase& c) {
  absl::StatusOr<RenderedText> rendered = RenderInspectionReport(c.Subject());
  EXPECT_TRUE(rendered.ok()) << rendered.status();
  return rendered.ok() ? *rendered : RenderedText();
}

const v1::SectionVerdict* FindSection(const v1::InspectionVerdicts& v,
                                      absl::string_view id) {
  for (const v1::SectionVerdict& s : v.sections()) {
    if (s.section_id() == id) return &s;
  }
  return nullptr;
}

TEST(ReportRendererTest, BoltonLetterStatesTheCountsInTheLettersWords) {
  const std::string md = Render(BoltonSqs()).markdown;
  for (const char* phrase : {
           "In all cases, an assessment of the factors linked to offending "
           "had been undertaken.",
           "In all but one case, there had been an effective review of the "
           "case.",
           "In six cases, there was insufficient identification of the exact "
           "nature of the violence.",
           "In almost half of the cases, the child or young person had a "
           "learning disability.",
           "In the majority of cases, staff had taken steps to understand the "
           "vulnerabilities",
           "In most cases, the assessed level of risk of serious harm was "
           "correct. In the remaining three, the risk of serious harm had "
           "been under-estimated.",
           "In all interviews, the case manager said that their manager had "
           "the skills needed",
           "In all but one interview, the case manager was positive about the "
           "training",
       }) {
    EXPECT_TRUE(absl::StrContains(md, phrase)) << phrase << "\n" << md;
  }
}

TEST(ReportRendererTest, BoltonLetterHasTheLettersHeaderAndContext) {
  const std::string md = Render(BoltonSqs()).markdown;
  for (const char* text : {
           "*To:*\tMargaret Asquith, Chair of Bolton YOT Management Board",
           "*Copy to:*\tSee copy list at end",
           "*From:*\tJulie Fox, HM Assistant Chief Inspector",
           "*Publication date:*\t21st January 2015",
           "## Report of Short Quality Screening (SQS) of youth offending "
           "work in Bolton",
           "The inspection was conducted from 15th \u2013 17th December 2014 "
           "as part of our programme of inspection of youth offending work.",
           "We examined 20 cases of children and young people who had "
           "recently offended and were supervised by Bolton. Wherever "
           "possible this was undertaken in conjunction with the allocated "
           "case manager",
           "#### 1. Reducing reoffending",
           "#### Operational management",
           "YOT Head of Service\t*Mick Coleman*",
           "who was Yvonne McGuckian. She can be contacted at",
       }) {
    EXPECT_TRUE(absl::StrContains(md, text)) << text << "\n" << md;
  }
}

TEST(ReportRendererTest, BoltonFiguresAreComparedAndFootnoted) {
  const std::string md = Render(BoltonSqs()).markdown;
  EXPECT_TRUE(absl::StrContains(
      md,
      "The published reoffending rate<sup>1</sup> for Bolton was 36.0%. This "
      "was better than the previous year and slightly worse than the England "
      "and Wales average of 35.7%."))
      << md;
  EXPECT_TRUE(absl::StrContains(
      md,
      "The offending rate for Looked After Children in Bolton (5.0%) was "
      "lower than the English average (5.6%)<sup>2</sup>."));
  EXPECT_TRUE(absl::StrContains(
      md,
      "<sup>1</sup> Published October 2014 based on binary reoffending rates "
      "after 12 months for the January 2012-December 2012 cohort. Source: "
      "Ministry of Justice"));
  EXPECT_TRUE(absl::StrContains(
      md,
      "<sup>2</sup> Published December 2014 by the Department for Education "
      "- Offending by Looked After Children"));
}

TEST(ReportRendererTest, LookedAfterSentenceFollowsSectionThreesFindings) {
  const std::string md = Render(BoltonSqs()).markdown;
  const size_t section3 = md.find("#### 3. Protecting the child");
  const size_t last_finding = md.find("- 3.5. ");
  const size_t sentence = md.find("The offending rate for Looked After");
  const size_t section4 = md.find("#### 4. Ensuring");
  ASSERT_NE(section3, std::string::npos);
  ASSERT_NE(last_finding, std::string::npos);
  EXPECT_LT(section3, last_finding);
  EXPECT_LT(last_finding, sentence);
  EXPECT_LT(sentence, section4);
}

TEST(ReportRendererTest, FindingsAreNumberedAndNarrativeFollows) {
  const std::string md = Render(BoltonSqs()).markdown;
  EXPECT_TRUE(absl::StrContains(md, "- 2.3. In six cases,")) << md;
  const size_t findings = md.find("- 2.8. ");
  const size_t narrative = md.find("Assessments on the violence cases");
  ASSERT_NE(findings, std::string::npos);
  EXPECT_LT(findings, narrative);
  EXPECT_LT(narrative, md.find("#### 3. "));
}

// The SQS letters printed no scores, nor any interview count.
TEST(ReportRendererTest, PublishedSqsLetterHasNoScoreOrInterviewCount) {
  const std::string md = Render(BoltonSqs()).markdown;
  EXPECT_FALSE(absl::StrContains(md, "Score")) << md;
  EXPECT_FALSE(absl::StrContains(md, "% (")) << md;
  EXPECT_FALSE(absl::StrContains(md, "applicable judgement")) << md;
  EXPECT_FALSE(absl::StrContains(md, "interviewed 6")) << md;
  EXPECT_FALSE(absl::StrContains(md, "Management board edition")) << md;
}

TEST(ReportRendererTest, BoardEditionAddsScoresMarkedAsNotPublished) {
  ReportCase c = BoltonSqs();
  c.management_board_edition = true;
  const std::string md = Render(c).markdown;
  const v1::SectionVerdict* theme1 = FindSection(c.verdicts, "1");
  ASSERT_NE(theme1, nullptr);
  EXPECT_TRUE(absl::StartsWith(md,
                               "**Management board edition, not the "
                               "published report"))
      << md;
  EXPECT_TRUE(absl::StrContains(
      md, absl::StrCat(
              "Score (not part of the published report): ", theme1->percent(),
              "% (", theme1->share().numerator(), "/",
              theme1->share().denominator(), " applicable judgements)")))
      << md;
}

TEST(ReportRendererTest, FiguresNeedTheArea) {
  ReportCase c = BoltonSqs();
  c.inputs.clear_area();
  ExpectInvalidArgumentNaming(RenderInspectionReport(c.Subject()).status(),
                              {"inputs.area"});
  // Without figures the YOT's name stands for the area.
  c.inputs.clear_reoffending();
  c.inputs.clear_looked_after();
  EXPECT_TRUE(RenderInspectionReport(c.Subject()).ok());
}

TEST(ReportRendererTest, FiguresAndTitleSpeakOfTheAreaNotTheYot) {
  ReportCase c = BoltonSqs();
  c.inspection.set_yot_display_name("Bolton YOT");
  const std::string md = Render(c).markdown;
  EXPECT_TRUE(absl::StrContains(md, "youth offending work in Bolton\n")) << md;
  EXPECT_TRUE(
      absl::StrContains(md, "reoffending rate<sup>1</sup> for Bolton "));
  EXPECT_TRUE(absl::StrContains(md, "Looked After Children in Bolton ("));
  EXPECT_TRUE(absl::StrContains(md, "were supervised by Bolton YOT."));
  EXPECT_FALSE(absl::StrContains(md, "for Bolton YOT"));
  EXPECT_FALSE(absl::StrContains(md, "in Bolton YOT ("));
}

TEST(ReportRendererTest, OnlyTheCountedCriteriaGetCountedSentences) {
  ReportCase c = BoltonSqs();
  c.inputs.mutable_counted_criteria()->add_criterion_ids("2.3");
  const std::string md = Render(c).markdown;
  EXPECT_TRUE(absl::StrContains(md,
                                "- 2.1. In six cases, there was "
                                "insufficient identification"))
      << md;
  EXPECT_FALSE(absl::StrContains(md, "In all cases")) << md;
  EXPECT_FALSE(absl::StrContains(md, "interview")) << md;
  // The narrative stays.
  EXPECT_TRUE(absl::StrContains(md, "Assessments on the violence cases"));
}

TEST(ReportRendererTest, FindingsAreListedInTheOrderTheyWereRecorded) {
  ReportCase c = BoltonSqs();
  std::vector<const v1::ProposedFinding*> standing;
  for (const v1::ProposedFinding& f : c.verdicts.improvements()) {
    if (FindingStands(f.decision())) standing.push_back(&f);
  }
  ASSERT_GE(standing.size(), 2u);
  const std::string first_wording = standing.front()->wording();
  const std::string last_wording = standing.back()->wording();
  // Unrecorded: framework order.
  std::string md = Render(c).markdown;
  EXPECT_LT(md.find(first_wording), md.find(last_wording)) << md;
  // The framework's last recorded first: it leads the list.
  c.decision_order = {"improvement:" + standing.back()->criterion_id()};
  md = Render(c).markdown;
  EXPECT_LT(md.find(last_wording), md.find(first_wording)) << md;
}

TEST(ReportRendererTest, SupersededFrameworkIsSaidToBe) {
  ReportCase c = BoltonSqs();
  c.verdicts.mutable_framework_superseded()->set_by_version("9");
  c.verdicts.mutable_framework_superseded()->set_reason(
      "its bands were wrong.");
  const std::string md = Render(c).markdown;
  EXPECT_TRUE(absl::StrContains(
      md, absl::StrCat("This inspection was judged by the framework \"",
                       c.framework->title(), "\" (sqs-2014, version ",
                       c.framework->version(),
                       "), since superseded by version 9: its bands were "
                       "wrong.")))
      << md;
  EXPECT_FALSE(absl::StrContains(Render(BoltonSqs()).markdown, "superseded"));
}

TEST(ReportRendererTest, StandingFindingsAreListedAndRejectedOnesAreNot) {
  const std::string md = Render(BoltonSqs()).markdown;
  const size_t improvements = md.find("#### Areas requiring improvement");
  ASSERT_NE(improvements, std::string::npos);
  EXPECT_NE(md.find("- Assessments of violence by children and young people "
                    "should identify how this is used and plan to manage "
                    "this accordingly.",
                    improvements),
            std::string::npos);
  // Proposed from vulnerabilities (12/20), rejected by the lead inspector.
  EXPECT_FALSE(absl::StrContains(
      md, "Assessments of vulnerability should not rely only"));
  const size_t strengths = md.find("#### Key strengths");
  ASSERT_NE(strengths, std::string::npos);
  EXPECT_NE(md.find("- Cases were reviewed effectively", strengths),
            std::string::npos);
}

TEST(ReportRendererTest, AddedFindingsAreListedAsSentences) {
  ReportCase c = BoltonSqs();
  v1::ProposedFinding* added = c.verdicts.add_strengths();
  added->set_criterion_id("1.1");
  added->set_wording("an assessment had been undertaken");
  added->set_decision(v1::FINDING_DECISION_ADDED);
  v1::ProposedFinding* rejected = c.verdicts.add_strengths();
  rejected->set_criterion_id("1.5");
  rejected->set_wording("Rejected wording.");
  rejected->set_decision(v1::FINDING_DECISION_REJECTED);
  const std::string md = Render(c).markdown;
  EXPECT_TRUE(absl::StrContains(md, "- An assessment had been undertaken.\n"))
      << md;
  EXPECT_FALSE(absl::StrContains(md, "Rejected wording."));
}

TEST(ReportRendererTest, HtmlIsOneSelfContainedDocument) {
  const std::string html = Render(BoltonSqs()).html;
  EXPECT_TRUE(absl::StartsWith(html, "<!doctype html>"));
  EXPECT_TRUE(absl::StrContains(html, "<style>"));
  EXPECT_TRUE(absl::StrContains(html, "@media print"));
  EXPECT_TRUE(absl::StrContains(html, "</html>"));
  for (const char* external : {"<script", "<link", "src=", "@import", "url("}) {
    EXPECT_FALSE(absl::StrContains(html, external)) << external;
  }
  // Links only within the page: the footnotes and their marks.
  for (absl::string_view rest = html; absl::StrContains(rest, "href=");) {
    rest.remove_prefix(rest.find("href=") + 5);
    EXPECT_TRUE(absl::StartsWith(rest, "\"#footnote-")) << rest.substr(0, 40);
  }
  // The letter's headings start at "##"; the page's at h1.
  EXPECT_TRUE(absl::StrContains(
      html,
      "<h1>Report of Short Quality Screening (SQS) of youth offending work in "
      "Bolton</h1>"));
  EXPECT_FALSE(absl::StrContains(html, "<h4>"));
  EXPECT_TRUE(absl::StrContains(
      html,
      "<title>Report of Short Quality Screening (SQS) of youth offending work "
      "in Bolton</title>"));
  EXPECT_TRUE(absl::StrContains(
      html,
      "<span class=\"num\">2.3.</span> In six cases, there was "
      "insufficient identification of the exact nature of the "
      "violence."));
  EXPECT_TRUE(absl::StrContains(
      html,
      "rate<sup><a href=\"#footnote-1\" id=\"footnote-ref-1\" "
      "aria-label=\"Footnote 1\">1</a></sup> for Bolton"));
  EXPECT_TRUE(absl::StrContains(
      html,
      "<p class=\"footnote\" id=\"footnote-1\"><sup><a "
      "href=\"#footnote-ref-1\" aria-label=\"Back to the text of footnote "
      "1\">1</a></sup> Published October 2014"));
  EXPECT_TRUE(absl::StrContains(html, "Children&#39;s Services"));
}

TEST(ReportRendererTest, UserTextIsEscapedInBothFormats) {
  ReportCase c = BoltonSqs();
  (*c.inputs.mutable_section_narratives())["1"] =
      "<script>alert('x')</script> & \"quoted\" *not emphasis* {{yot}}";
  c.inputs.set_sender("A <b>bold</b> sender");
  const RenderedText rendered = Render(c);
  EXPECT_FALSE(absl::StrContains(rendered.html, "<script"));
  EXPECT_FALSE(absl::StrContains(rendered.html, "<b>"));
  EXPECT_TRUE(
      absl::StrContains(rendered.html,
                        "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; "
                        "&quot;quoted&quot; *not emphasis* {{yot}}"));
  EXPECT_TRUE(absl::StrContains(rendered.markdown,
                                "\\<script>alert('x')\\</script> & \"quoted\" "
                                "\\*not emphasis\\* {{yot}}"))
      << rendered.markdown;
  EXPECT_TRUE(absl::StrContains(rendered.markdown, "A \\<b>bold\\</b> sender"));
}

TEST(ReportRendererTest, WithoutCopyListOrInterviewsTheirWordsGo) {
  ReportCase c = BoltonSqs();
  c.inputs.clear_copy_to();
  c.inputs.clear_looked_after();
  c.staff_interviewed = 0;
  const std::string md = Render(c).markdown;
  EXPECT_FALSE(absl::StrContains(md, "Copy to"));
  EXPECT_FALSE(absl::StrContains(md, "We also interviewed"));
  EXPECT_FALSE(absl::StrContains(md, "Looked After"));
  EXPECT_FALSE(absl::StrContains(md, "<sup>2</sup>"));
}

TEST(ReportRendererTest, RatedReportOpensWithTheRatingsThenEachStandard) {
  const ReportCase c = RatingsInspection();
  ASSERT_EQ(c.verdicts.overall().final_rating(), "Good");
  const RenderedText rendered = Render(c);
  const std::string& md = rendered.markdown;
  for (const char* text : {
           "# Inspection of youth offending services in Bolton\n",
           "*Ratings of Bolton*\n\n| Standard | Rating |\n| --- | --- |\n"
           "| Overall rating | **Good** (score 24 of 36) |\n"
           "| **Domain 1: Organisational delivery** |  |\n"
           "| 1.1 Governance and leadership | **Good** |",
           "| 4.1 Resettlement policy and provision | **Good** (not counted in "
           "the overall score) |",
           "## Domain 2: Court disposals\n\n### 2.1 Assessment\n\n"
           "Rating: **Good**.\n\n"
           "The rating from the cases is that of the key question with the "
           "lowest share judged sufficient: desistance, at 77% (14 of 18 "
           "cases). A standard is rated Outstanding from 80%, Good from 65%, "
           "Requires improvement from 50%, and Inadequate below 50%.\n\n"
           "- Desistance: 77% (14 of 18 cases), the lowest\n"
           "- Safety and wellbeing: 88% (16 of 18 cases)\n"
           "- Keeping others safe: 80% (12 of 15 cases)\n",
           "Not counted in the overall score.",
       }) {
    EXPECT_TRUE(absl::StrContains(md, text)) << text << "\n" << md;
  }
  // The ratings first, the standards after the context.
  EXPECT_LT(md.find("## Ratings"), md.find("## About this inspection"));
  EXPECT_LT(md.find("## About this inspection"), md.find("### 2.1 Assessment"));
  const std::string& html = rendered.html;
  EXPECT_TRUE(absl::StrContains(
      html,
      "<caption>Ratings of Bolton</caption>\n<thead><tr><th "
      "scope=\"col\">Standard</th><th scope=\"col\">Rating</th></tr></thead>"));
  EXPECT_TRUE(absl::StrContains(
      html,
      "<tr><th scope=\"row\">Overall rating</th><td><strong class=\"rating "
      "rating-good\">Good</strong> (score 24 of 36)</td></tr>"));
  EXPECT_TRUE(absl::StrContains(
      html,
      "<th scope=\"rowgroup\" colspan=\"2\"><strong>Domain 2: Court "
      "disposals</strong></th>"));
  EXPECT_TRUE(absl::StrContains(html, "<figure class=\"kq-chart\">"));
  EXPECT_TRUE(absl::StrContains(html, "<h1>Inspection of youth offending"));
}

// The context names the key questions the framework asks of children's
// cases, never the victims' section's.
TEST(ReportRendererTest, ContextNamesTheFrameworksKeyQuestions) {
  EXPECT_EQ(ChildrensKeyQuestionsSentence(
                testing::BuiltInFramework("hmip-youth-2021")),
            "Each case was judged against three key questions: desistance, "
            "safety and wellbeing, and keeping others safe.");
  EXPECT_EQ(ChildrensKeyQuestionsSentence(
                testing::BuiltInFramework("hmip-youth-2025")),
            "Each case was judged against three key questions: positive "
            "change, safety of child, and safety of community.");
  EXPECT_EQ(
      ChildrensKeyQuestionsSentence(testing::BuiltInFramework("sqs-2014")), "");
  const RenderedText rendered = Render(RatingsInspection());
  EXPECT_TRUE(absl::StrContains(rendered.markdown,
                                "Each case was judged against three key "
                                "questions: desistance,"))
      << rendered.markdown;
}

// Victims' cases are examined beside the children's, and said to be: never
// counted among the children's cases, never mentioned when there are none.
TEST(ReportRendererTest, VictimsCasesAreStatedApartFromChildrensCases) {
  ReportCase c = RatingsInspection();
  const std::string without = Render(c).markdown;
  EXPECT_FALSE(absl::StrContains(without, "victim")) << without;
  c.victim_cases_examined = 12;
  const RenderedText rendered = Render(c);
  EXPECT_TRUE(absl::StrContains(
      rendered.markdown, absl::StrCat("We examined ", c.cases_examined,
                                      " cases of children and young people")))
      << rendered.markdown;
  EXPECT_TRUE(absl::StrContains(rendered.markdown,
                                "We also examined 12 victims' cases, sampled "
                                "on their own, and judged"))
      << rendered.markdown;
  c.victim_cases_examined = 1;
  EXPECT_TRUE(absl::StrContains(Render(c).markdown,
                                "We also examined 1 victim's case,"));
}

// Every class of incomplete input is refused with INVALID_ARGUMENT, naming
// what is missing.
struct BadSubject {
  std::string name;
  std::function<void(ReportCase&)> spoil;
  std::string message;
};

class ReportRendererBadInputTest : public ::testing::TestWithParam<BadSubject> {
};

TEST_P(ReportRendererBadInputTest, IsRefused) {
  ReportCase c = BoltonSqs();
  GetParam().spoil(c);
  ExpectInvalidArgumentNaming(RenderInspectionReport(c.Subject()).status(),
                              {GetParam().message});
}

INSTANTIATE_TEST_SUITE_P(
    Inputs, ReportRendererBadInputTest,
    ::testing::Values(
        BadSubject{"NoFramework", [](ReportCase& c) { c.framework = nullptr; },
                   "no framework"},
        BadSubject{"NoPublicationDate",
                   [](ReportCase& c) { c.inputs.clear_publication_date(); },
                   "no publication_date"},
        BadSubject{"ImpossiblePublicationDate",
                   [](ReportCase& c) {
                     c.inputs.mutable_publication_date()->set_day(30);
                     c.inputs.mutable_publication_date()->set_month(2);
                   },
                   "not a real calendar date"},
        BadSubject{"PublishedBeforeFieldworkEnds",
                   [](ReportCase& c) {
                     c.inputs.mutable_publication_date()->set_year(2014);
                   },
                   "before the end of fieldwork"},
        BadSubject{
            "NoFieldworkDates",
            [](ReportCase& c) { c.inspection.clear_fieldwork_start_date(); },
            "no fieldwork_start_date"},
        BadSubject{"NoAddressee",
                   [](ReportCase& c) { c.inputs.set_addressee("  "); },
                   "no addressee"},
        BadSubject{"NoSender", [](ReportCase& c) { c.inputs.clear_sender(); },
                   "no sender"},
        BadSubject{"NoYotName",
                   [](ReportCase& c) {
                     c.inspection.clear_yot_display_name();
                     c.inspection.clear_yot();
                   },
                   "no YOT name"},
        BadSubject{"VerdictsOfAnotherFramework",
                   [](ReportCase& c) {
                     c.verdicts.set_framework_id("hmip-youth-2021");
                   },
                   "must both be of framework sqs-2014"},
        BadSubject{"NoCasesExamined",
                   [](ReportCase& c) { c.cases_examined = 0; },
                   "cases_examined is 0"},
        BadSubject{"NegativeVictimsCases",
                   [](ReportCase& c) { c.victim_cases_examined = -1; },
                   "victim_cases_examined is -1"},
        BadSubject{"ReoffendingWithoutTheYotsRate",
                   [](ReportCase& c) {
                     c.inputs.mutable_reoffending()->set_yot_rate_tenths(0);
                   },
                   "reoffending.yot_rate_tenths"},
        BadSubject{"RateOverAHundredPercent",
                   [](ReportCase& c) {
                     c.inputs.mutable_looked_after()->set_local_rate_tenths(
                         1001);
                   },
                   "looked_after.local_rate_tenths"},
        BadSubject{
            "VerdictsLackingACriterion",
            [](ReportCase& c) { c.verdicts.mutable_criteria()->RemoveLast(); },
            "no counts for criterion"}),
    ::yjinspect::testing::NameOfRow<BadSubject>);

}  // namespace
}  // namespace yjinspect::findings
