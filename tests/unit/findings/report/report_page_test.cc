// services/findings/report/report_page.h: the page both rendered documents
// are set in.

#include "services/findings/report/report_page.h"

#include <string>

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace yjinspect::findings {
namespace {

using ::testing::HasSubstr;

TEST(ReportPageTest, TheFirstTopHeadingTitlesThePage) {
  auto page = HtmlReportPage(
      {Paragraph(Plain("before")), Heading(1, Plain("Plan <A> & B"))},
      "Fallback");
  ASSERT_TRUE(page.ok()) << page.status();
  EXPECT_THAT(*page, HasSubstr("<title>Plan &lt;A&gt; &amp; B</title>"));
  EXPECT_THAT(*page, HasSubstr("<h1>Plan &lt;A&gt; &amp; B</h1>"));
  EXPECT_THAT(*page, HasSubstr("<style>"));
}

TEST(ReportPageTest, WithoutAHeadingTheFallbackTitlesIt) {
  auto page = HtmlReportPage({Paragraph(Plain("text"))}, "Fallback");
  ASSERT_TRUE(page.ok()) << page.status();
  EXPECT_THAT(*page, HasSubstr("<title>Fallback</title>"));
}

TEST(ReportPageTest, AMissingBuiltInFileIsInternal) {
  EXPECT_EQ(BuiltInReportFile("reports/none.tmpl").status().code(),
            absl::StatusCode::kInternal);
  EXPECT_TRUE(BuiltInReportFile("reports/report.css").ok());
}

}  // namespace
}  // namespace yjinspect::findings
