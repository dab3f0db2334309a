// services/findings/report/recommendation_blocks.h, and the renderer's use
// of it: a ratings report lists its recommendations, numbered, each with
// its addressee in words, in both formats; the SQS letter lists none.

#include "services/findings/report/recommendation_blocks.h"

#include <string>
#include <vector>

#include "absl/strings/match.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "services/findings/report/markdown_writer.h"
#include "services/findings/report/report_renderer.h"
#include "tests/unit/findings/report/report_fixtures.h"

namespace yjinspect::findings {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

v1::Recommendation Recommendation(int32_t number,
                                  v1::RecommendationAddressee addressee,
                                  const std::string& text,
                                  std::vector<std::string> sections) {
  v1::Recommendation r;
  r.set_number(number);
  r.set_addressee(addressee);
  r.set_text(text);
  for (auto& s : sections) r.add_section_ids(std::move(s));
  return r;
}

TEST(AddresseeInWordsTest, NamesEachAddressee) {
  v1::Recommendation r;
  const std::vector<std::pair<v1::RecommendationAddressee, std::string>>
      expected = {
          {v1::RECOMMENDATION_ADDRESSEE_SERVICE, "Northmoor YOT"},
          {v1::RECOMMENDATION_ADDRESSEE_MANAGEMENT_BOARD,
           "The management board"},
          {v1::RECOMMENDATION_ADDRESSEE_POLICE, "The police"},
          {v1::RECOMMENDATION_ADDRESSEE_CHILDRENS_SERVICES,
           "Children's services"},
          {v1::RECOMMENDATION_ADDRESSEE_HEALTH, "Health services"},
      };
  for (const auto& [addressee, words] : expected) {
    r.set_addressee(addressee);
    EXPECT_EQ(AddresseeInWords(r, "Northmoor YOT"), words);
  }
  r.set_addressee(v1::RECOMMENDATION_ADDRESSEE_OTHER_PARTNER);
  r.set_partner_name("The youth court");
  EXPECT_EQ(AddresseeInWords(r, "Northmoor YOT"), "The youth court");
}

TEST(RecommendationBlocksTest, NoneGiveNoBlock) {
  EXPECT_TRUE(RecommendationBlocks({}, "Northmoor YOT").empty());
}

TEST(RecommendationBlocksTest, ListedInNumberOrderWithTheirStandards) {
  const std::vector<Block> blocks = RecommendationBlocks(
      {Recommendation(2, v1::RECOMMENDATION_ADDRESSEE_POLICE,
                      "Share arrest information promptly.", {"3.4"}),
       Recommendation(1, v1::RECOMMENDATION_ADDRESSEE_MANAGEMENT_BOARD,
                      "Review the service's plans.", {"1.1", "1.3", "2.2"})},
      "Northmoor YOT");
  ASSERT_EQ(blocks.size(), 1u);
  ASSERT_EQ(blocks[0].items.size(), 2u);
  EXPECT_EQ(InlineText(blocks[0].items[0]),
            "1. The management board: Review the service's plans. "
            "(standards 1.1, 1.3 and 2.2)");
  EXPECT_EQ(InlineText(blocks[0].items[1]),
            "2. The police: Share arrest information promptly. (standard 3.4)");
}

TEST(RecommendationBlocksTest, ARatingsReportListsThemAfterTheRatings) {
  testing::ReportCase c = testing::RatingsInspection();
  c.recommendations = {
      Recommendation(2, v1::RECOMMENDATION_ADDRESSEE_HEALTH,
                     "Make health workers part of the case team.", {"1.3"}),
      Recommendation(1, v1::RECOMMENDATION_ADDRESSEE_SERVICE,
                     "Assess <every> child's safety.", {"2.1"})};
  auto rendered = RenderInspectionReport(c.Subject());
  ASSERT_TRUE(rendered.ok()) << rendered.status();
  const std::string& md = rendered->markdown;
  EXPECT_THAT(md, HasSubstr("## Recommendations"));
  const size_t heading = md.find("## Recommendations");
  EXPECT_LT(md.find("| Overall rating |"), heading);
  EXPECT_LT(heading, md.find("## About this inspection"));
  EXPECT_LT(md.find("Assess"), md.find("Make health workers"));
  EXPECT_THAT(md, HasSubstr("**Health services:** Make health workers part of "
                            "the case team. (standard 1.3)"));
  EXPECT_THAT(rendered->html, HasSubstr("<h2>Recommendations</h2>"));
  EXPECT_THAT(rendered->html, HasSubstr("Assess &lt;every&gt; child"));
  EXPECT_THAT(rendered->html, Not(HasSubstr("<every>")));
}

TEST(RecommendationBlocksTest, ARatingsReportWithoutAnyHasNoSection) {
  auto rendered =
      RenderInspectionReport(testing::RatingsInspection().Subject());
  ASSERT_TRUE(rendered.ok()) << rendered.status();
  EXPECT_THAT(rendered->markdown, Not(HasSubstr("Recommendations")));
}

TEST(RecommendationBlocksTest, TheSqsLetterNeverListsThem) {
  testing::ReportCase c = testing::BoltonSqs();
  const auto without = RenderInspectionReport(c.Subject());
  ASSERT_TRUE(without.ok()) << without.status();
  c.recommendations = {Recommendation(1, v1::RECOMMENDATION_ADDRESSEE_SERVICE,
                                      "Improve the plans.", {"1"})};
  const auto with = RenderInspectionReport(c.Subject());
  ASSERT_TRUE(with.ok()) << with.status();
  EXPECT_EQ(with->markdown, without->markdown);
  EXPECT_EQ(with->html, without->html);
  EXPECT_THAT(with->markdown, Not(HasSubstr("Improve the plans")));
}

}  // namespace
}  // namespace yjinspect::findings
