// services/findings/report/{markdown,html}_writer.h: text reads as the same
// text in both formats, never as markup.

#include <string>
#include <vector>

#include "absl/strings/match.h"
#include "gtest/gtest.h"
#include "services/findings/report/html_writer.h"
#include "services/findings/report/markdown_writer.h"

namespace yjinspect::findings {
namespace {

TEST(EscapeHtmlTest, EscapesTheFiveSpecialCharacters) {
  EXPECT_EQ(EscapeHtml("<a href=\"x\">Tom & Jo's</a>"),
            "&lt;a href=&quot;x&quot;&gt;Tom &amp; Jo&#39;s&lt;/a&gt;");
  EXPECT_EQ(EscapeHtml("plain \u2013 text"), "plain \u2013 text");
}

TEST(EscapeMarkdownTest, EscapesInlineMarkupEverywhere) {
  EXPECT_EQ(EscapeMarkdown("a *b* _c_ `d` [e](f) <g> h|i ~j~ #k \\", false),
            "a \\*b\\* \\_c\\_ \\`d\\` \\[e\\](f) \\<g> h\\|i \\~j\\~ \\#k "
            "\\\\");
}

TEST(EscapeMarkdownTest, EscapesAmpersandsOnlyWhereAnEntityCouldStart) {
  EXPECT_EQ(EscapeMarkdown("R & D, &amp; &#39;", false),
            "R & D, \\&amp; \\&\\#39;");
}

TEST(EscapeMarkdownTest, EscapesBlockMarkersAtTheStartOfALine) {
  EXPECT_EQ(EscapeMarkdown("- not a bullet", true), "\\- not a bullet");
  EXPECT_EQ(EscapeMarkdown("  > not a quote", true), "\\> not a quote");
  EXPECT_EQ(EscapeMarkdown("2014. A year", true), "2014\\. A year");
  EXPECT_EQ(EscapeMarkdown("3) item", true), "3\\) item");
  EXPECT_EQ(EscapeMarkdown("1.1. In all cases", true), "1.1. In all cases");
  EXPECT_EQ(EscapeMarkdown("- mid-text", false), "- mid-text");
}

TEST(EscapeMarkdownTest, LineBreaksBecomeSpaces) {
  EXPECT_EQ(EscapeMarkdown("one\ntwo\r\nthree", false), "one two  three");
}

std::vector<Block> Sample() {
  Block table;
  table.kind = BlockKind::kTable;
  table.css_class = "ratings";
  table.rows = {{Plain("A|B"), Plain("C")}, {Plain("<1>"), Plain("")}};
  return {Heading(4, Plain("1. Title #")),
          Paragraph(
              {Run{RunStyle::kPlain, "Rate"}, Run{RunStyle::kSuperscript, "1"},
               Run{RunStyle::kEmphasis, " said "}, Run{RunStyle::kPlain, "x"}},
              "score"),
          BulletList({{Run{RunStyle::kNumber, "1.1."},
                       Run{RunStyle::kPlain, " In <all> cases."}}},
                     "findings"),
          table};
}

TEST(WriteMarkdownTest, WritesEachKindOfBlock) {
  EXPECT_EQ(WriteMarkdown(Sample()),
            "#### 1. Title \\#\n\n"
            "Rate<sup>1</sup> *said* x\n\n"
            "- 1.1. In \\<all> cases.\n\n"
            "| A\\|B | C |\n| --- | --- |\n| \\<1> |  |\n");
}

TEST(WriteHtmlBodyTest, WritesEachKindOfBlock) {
  // The highest heading becomes an h1; the mark has no footnote, so it
  // links nowhere.
  EXPECT_EQ(WriteHtmlBody(Sample()),
            "<h1>1. Title #</h1>\n"
            "<p class=\"score\">Rate<sup>1</sup><em> said </em>x</p>\n"
            "<ul class=\"findings\">\n<li><span class=\"num\">1.1.</span> In "
            "&lt;all&gt; cases.</li>\n</ul>\n"
            "<table class=\"ratings\">\n<thead><tr><th scope=\"col\">A|B</th>"
            "<th scope=\"col\">C</th></tr></thead>\n<tbody>\n"
            "<tr><td>&lt;1&gt;</td><td></td></tr>\n</tbody>\n</table>\n");
}

// Headings keep their steps, raised so that the highest is an h1.
TEST(WriteHtmlBodyTest, RaisesHeadingsSoTheHighestIsAnH1) {
  EXPECT_EQ(WriteHtmlBody({Heading(2, Plain("A")), Heading(3, Plain("B")),
                           Heading(4, Plain("C")), Heading(2, Plain("D"))}),
            "<h1>A</h1>\n<h2>B</h2>\n<h3>C</h3>\n<h1>D</h1>\n");
  EXPECT_EQ(WriteHtmlBody({Heading(1, Plain("A")), Heading(3, Plain("B"))}),
            "<h1>A</h1>\n<h3>B</h3>\n");
}

// A mark links to its footnote, and the footnote back to the first mark.
TEST(WriteHtmlBodyTest, LinksFootnoteMarksBothWays) {
  const std::vector<Block> blocks = {
      Paragraph({findings::Run{RunStyle::kPlain, "Rate"},
                 findings::Run{RunStyle::kSuperscript, "1"},
                 findings::Run{RunStyle::kPlain, " and again"},
                 findings::Run{RunStyle::kSuperscript, "1"}}),
      Paragraph({findings::Run{RunStyle::kSuperscript, "1"},
                 findings::Run{RunStyle::kPlain, " Source <MoJ>"}},
                "footnote")};
  EXPECT_EQ(WriteHtmlBody(blocks),
            "<p>Rate<sup><a href=\"#footnote-1\" id=\"footnote-ref-1\" "
            "aria-label=\"Footnote 1\">1</a></sup> and again<sup><a "
            "href=\"#footnote-1\" aria-label=\"Footnote 1\">1</a></sup></p>\n"
            "<p class=\"footnote\" id=\"footnote-1\"><sup><a "
            "href=\"#footnote-ref-1\" aria-label=\"Back to the text of "
            "footnote 1\">1</a></sup> Source &lt;MoJ&gt;</p>\n");
}

Block GroupedTable() {
  Block table;
  table.kind = BlockKind::kTable;
  table.css_class = "ratings";
  table.caption = Plain("Ratings of <A>");
  table.row_headers = true;
  table.rows = {{Plain("Standard"), Plain("Rating")},
                {Plain("Overall"), {Run{RunStyle::kRating, "Good"}}},
                {{Run{RunStyle::kStrong, "Domain 1"}}},
                {Plain("1.1 X"),
                 {Run{RunStyle::kRating, "Requires improvement"},
                  Run{RunStyle::kPlain, " (not counted)"}}}};
  return table;
}

TEST(WriteHtmlBodyTest, TablesHaveCaptionsRowHeadersAndGroups) {
  EXPECT_EQ(
      WriteHtmlBody({GroupedTable()}),
      "<table class=\"ratings\">\n<caption>Ratings of &lt;A&gt;</caption>\n"
      "<thead><tr><th scope=\"col\">Standard</th><th "
      "scope=\"col\">Rating</th></tr></thead>\n<tbody>\n"
      "<tr><th scope=\"row\">Overall</th><td><strong class=\"rating "
      "rating-good\">Good</strong></td></tr>\n</tbody>\n<tbody>\n"
      "<tr><th scope=\"rowgroup\" colspan=\"2\"><strong>Domain "
      "1</strong></th></tr>\n"
      "<tr><th scope=\"row\">1.1 X</th><td><strong class=\"rating "
      "rating-requires-improvement\">Requires improvement</strong> (not "
      "counted)</td></tr>\n</tbody>\n</table>\n");
}

TEST(WriteMarkdownTest, TablesHaveTheirCaptionAboveAndGroupRowsPadded) {
  EXPECT_EQ(WriteMarkdown({GroupedTable()}),
            "*Ratings of \\<A>*\n\n| Standard | Rating |\n| --- | --- |\n"
            "| Overall | **Good** |\n| **Domain 1** |  |\n"
            "| 1.1 X | **Requires improvement** (not counted) |\n");
}

Block Chart() {
  Block block;
  block.kind = BlockKind::kKeyQuestionChart;
  block.chart.title = "2.1 Assessing: shares";
  block.chart.bars = {{"Positive change", 3, 4, 75, "cases", false},
                      {"Safety", 1, 2, 50, "cases", true},
                      {"Others", 0, 0, 0, "cases", false}};
  block.chart.lines = {{0.8, "80%", "Outstanding"},
                       {0.5, "50%", "Requires improvement"}};
  return block;
}

TEST(WriteMarkdownTest, ChartsAreTheirTextEquivalent) {
  EXPECT_EQ(WriteMarkdown({Chart()}),
            "- Positive change: 75% (3 of 4 cases)\n"
            "- Safety: 50% (1 of 2 cases), the lowest\n"
            "- Others: no applicable answers\n");
}

// The bars are the exact shares on a 380-wide track from x = 200; the
// lines at the bands' edges; the SVG is named by its whole text equivalent,
// which is also listed under it.
TEST(WriteHtmlBodyTest, ChartsDrawEachShareAgainstTheBands) {
  const std::string html = WriteHtmlBody({Chart(), Chart()});
  for (const char* text : {
           "<figure class=\"kq-chart\">\n<figcaption>2.1 Assessing: "
           "shares</figcaption>\n",
           "role=\"img\" aria-labelledby=\"kq-chart-1\">\n<title "
           "id=\"kq-chart-1\">2.1 Assessing: shares. Positive change: 75% (3 "
           "of 4 cases); Safety: 50% (1 of 2 cases), the lowest; Others: no "
           "applicable answers. Lines mark the rating bands: Outstanding from "
           "80%, Requires improvement from 50%.</title>",
           "<rect class=\"kq-bar\" x=\"200\" y=\"22\" width=\"285.0\"",
           "<rect class=\"kq-bar kq-lowest\" x=\"200\" y=\"48\" "
           "width=\"190.0\"",
           ">Safety (lowest)</text>",
           ">no applicable answers</text>",
           "<line class=\"kq-band\" x1=\"504.0\" x2=\"504.0\"",
           "<line class=\"kq-band\" x1=\"390.0\" x2=\"390.0\"",
           "<li>Safety: 50% (1 of 2 cases), the lowest</li>",
           "aria-labelledby=\"kq-chart-2\"",
       }) {
    EXPECT_TRUE(absl::StrContains(html, text)) << text << "\n" << html;
  }
}

}  // namespace
}  // namespace yjinspect::findings
