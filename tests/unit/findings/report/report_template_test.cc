// services/findings/report/report_template.h: blocks, sections, settings and
// placeholders; malformed templates are refused with the line named; the
// built-in templates parse.

#include "services/findings/report/report_template.h"

#include <string>
#include <vector>

#include "absl/strings/match.h"
#include "gtest/gtest.h"
#include "services/findings/report/embedded_report_files.h"
#include "services/findings/report/markdown_writer.h"
#include "tests/testing/invalid_argument.h"
#include "tests/testing/name_of_row.h"

namespace yjinspect::findings {
namespace {

absl::StatusOr<std::vector<Block>> Fill(absl::string_view text,
                                        const TemplateValues& values) {
  absl::StatusOr<ReportTemplate> t = ParseReportTemplate("t.tmpl", text);
  if (!t.ok()) return t.status();
  return FillReportTemplate(*t, values);
}

std::string FillToMarkdown(absl::string_view text,
                           const TemplateValues& values) {
  absl::StatusOr<std::vector<Block>> blocks = Fill(text, values);
  EXPECT_TRUE(blocks.ok()) << blocks.status();
  return blocks.ok() ? WriteMarkdown(*blocks) : "";
}

TEST(ReportTemplateTest, BuildsHeadingsParagraphsBulletsAndFields) {
  TemplateValues values;
  values.text = {{"yot", "Bolton"}, {"to", "Someone"}};
  EXPECT_EQ(FillToMarkdown("{{! a comment }}\n"
                           ": *To:* | {{to}}\n"
                           ": *From:* | Us\n"
                           "\n"
                           "## Report on {{yot}}\n"
                           "\n"
                           "First line\n"
                           "second line.\n"
                           "\n"
                           "- one\n"
                           "- **two**\n",
                           values),
            "*To:*\tSomeone  \n*From:*\tUs\n\n## Report on Bolton\n\n"
            "First line second line.\n\n- one\n- **two**\n");
}

TEST(ReportTemplateTest, BlockPlaceholdersInsertGeneratedBlocks) {
  TemplateValues values;
  values.blocks["findings"] = {Paragraph(Plain("A.")), Paragraph(Plain("B."))};
  EXPECT_EQ(FillToMarkdown("Before.\n\n{{findings}}\n\nAfter.", values),
            "Before.\n\nA.\n\nB.\n\nAfter.\n");
}

TEST(ReportTemplateTest, SectionsKeepTheirLinesOnlyWithAValue) {
  TemplateValues values;
  values.text = {{"staff", "6 case managers"}, {"none", ""}};
  values.blocks["list"] = {};
  EXPECT_EQ(FillToMarkdown("We examined cases.\n"
                           "{{#staff}}\n"
                           "We interviewed {{staff}}.\n"
                           "{{/staff}}\n"
                           "{{#none}}\n"
                           "Never.\n"
                           "{{/none}}\n"
                           "Thanks.\n"
                           "\n"
                           "{{#list}}\n"
                           "#### Heading\n"
                           "\n"
                           "{{list}}\n"
                           "{{/list}}\n",
                           values),
            "We examined cases. We interviewed 6 case managers. Thanks.\n");
}

TEST(ReportTemplateTest, SettingsAreReadAndDropped) {
  absl::StatusOr<ReportTemplate> t =
      ParseReportTemplate("t.tmpl", "{{set looked_after_section=3}}\nText.\n");
  ASSERT_TRUE(t.ok()) << t.status();
  EXPECT_EQ(t->settings.at("looked_after_section"), "3");
  ASSERT_EQ(t->body.size(), 2u);
  EXPECT_EQ(t->body[0].text, "Text.");
  EXPECT_EQ(t->body[0].number, 2);
}

TEST(ReportTemplateTest, ValuesAreNeverReadAsMarkupOrPlaceholders) {
  TemplateValues values;
  values.text = {{"a", "*{{b}}* <i>"}, {"b", "B"}};
  absl::StatusOr<std::vector<Block>> blocks = Fill("{{a}} and {{b}}", values);
  ASSERT_TRUE(blocks.ok()) << blocks.status();
  ASSERT_EQ(blocks->size(), 1u);
  const Inline& line = (*blocks)[0].items[0];
  ASSERT_EQ(line.size(), 1u);
  EXPECT_EQ(line[0].style, RunStyle::kPlain);
  EXPECT_EQ(line[0].text, "*{{b}}* <i> and B");
}

TEST(ReportTemplateTest, BlankParagraphsAreDropped) {
  TemplateValues values;
  values.text = {{"empty", ""}};
  EXPECT_EQ(FillToMarkdown("A.\n\n{{empty}}\n\nB.", values), "A.\n\nB.\n");
}

struct BadTemplate {
  std::string name;
  std::string text;
  std::string message;
};

class BadTemplateTest : public ::testing::TestWithParam<BadTemplate> {};

TEST_P(BadTemplateTest, IsRefusedNamingTheLine) {
  TemplateValues values;
  values.text = {{"known", "x"}};
  values.blocks["blocks"] = {Paragraph(Plain("p"))};
  ::yjinspect::testing::ExpectInvalidArgumentNaming(
      Fill(GetParam().text, values).status(), {GetParam().message});
}

INSTANTIATE_TEST_SUITE_P(
    Templates, BadTemplateTest,
    ::testing::Values(
        BadTemplate{"UnknownPlaceholder", "Text.\n\n{{unknown}} here.",
                    "t.tmpl:3: unknown placeholder {{unknown}}"},
        BadTemplate{"MalformedPlaceholder", "A {{Bad Name}}.",
                    "t.tmpl:1: malformed placeholder"},
        BadTemplate{"UnclosedPlaceholder", "A {{known.", "t.tmpl:1: a {{"},
        BadTemplate{"BlocksInline", "See {{blocks}} inline.",
                    "t.tmpl:1: {{blocks}} holds blocks"},
        BadTemplate{"UnclosedEmphasis", "An *open emphasis.",
                    "t.tmpl:1: emphasis"},
        BadTemplate{"UnclosedSection", "{{#known}}\nText.",
                    "{{#known}} is not closed"},
        BadTemplate{"StrayClose", "Text.\n{{/known}}",
                    "t.tmpl:2: {{/known}} closes no"},
        BadTemplate{"UnknownSection", "{{#nothing}}\nText.\n{{/nothing}}",
                    "t.tmpl:1: unknown section"},
        BadTemplate{"MixedBlock", "Text.\n- bullet", "t.tmpl:2: a block mixes"},
        BadTemplate{"HeadingWithoutSpace", "##Title", "t.tmpl:1: a heading"},
        BadTemplate{"FieldWithoutValue", ": Label only",
                    "t.tmpl:1: a field line"}),
    ::yjinspect::testing::NameOfRow<BadTemplate>);

TEST(SubstitutePlaceholdersTest, ReplacesVerbatimAndRefusesUnknownNames) {
  const absl::StatusOr<std::string> page =
      SubstitutePlaceholders("page", "<title>{{title}}</title>{{body}}",
                             {{"title", "A &amp; B"}, {"body", "{{title}}"}});
  ASSERT_TRUE(page.ok()) << page.status();
  EXPECT_EQ(*page, "<title>A &amp; B</title>{{title}}");
  EXPECT_FALSE(SubstitutePlaceholders("page", "{{nope}}", {}).ok());
  EXPECT_FALSE(SubstitutePlaceholders("page", "{{open", {}).ok());
}

TEST(BuiltInReportFilesTest, TemplatesParseAndTheStyleSheetIsInlineSafe) {
  int templates = 0;
  bool css = false;
  for (const common::EmbeddedFile& file : EmbeddedReportFiles()) {
    if (absl::EndsWith(file.file_name, ".md.tmpl")) {
      ++templates;
      EXPECT_TRUE(ParseReportTemplate(file.file_name, file.text).ok())
          << file.file_name;
    }
    if (file.file_name == "reports/report.css") {
      css = true;
      EXPECT_FALSE(absl::StrContains(file.text, "</"));
      EXPECT_TRUE(absl::StrContains(file.text, "@media print"));
    }
  }
  EXPECT_EQ(templates, 2);
  EXPECT_TRUE(css);
}

}  // namespace
}  // namespace yjinspect::findings
