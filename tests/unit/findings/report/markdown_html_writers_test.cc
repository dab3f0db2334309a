// services/findings/report/{markdown,html}_writer.h: text reads as the same
// text in both formats, never as markup.

#include <string>
#include <vector>

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
  EXPECT_EQ(WriteHtmlBody(Sample()),
            "<h4>1. Title #</h4>\n"
            "<p class=\"score\">Rate<sup>1</sup><em> said </em>x</p>\n"
            "<ul class=\"findings\">\n<li><span class=\"num\">1.1.</span> In "
            "&lt;all&gt; cases.</li>\n</ul>\n"
            "<table class=\"ratings\">\n<thead><tr><th scope=\"col\">A|B</th>"
            "<th scope=\"col\">C</th></tr></thead>\n<tbody>\n"
            "<tr><td>&lt;1&gt;</td><td></td></tr>\n</tbody>\n</table>\n");
}

}  // namespace
}  // namespace yjinspect::findings
