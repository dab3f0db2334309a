// common/resource_names.h: strict AIP-122 names, so that a stored key always
// turns back into the name it came from.

#include "common/resource_names.h"

#include <string>
#include <vector>

#include "absl/strings/string_view.h"
#include "gtest/gtest.h"

namespace yjinspect::common {
namespace {

// Each id `valid` must accept, then each it must refuse.
void ExpectIds(bool (*valid)(absl::string_view),
               const std::vector<std::string>& accepted,
               const std::vector<std::string>& refused) {
  for (const std::string& id : accepted) EXPECT_TRUE(valid(id)) << id;
  for (const std::string& id : refused) EXPECT_FALSE(valid(id)) << id;
}

TEST(ResourceIdTest, YotIds) {
  ExpectIds(IsValidYotId,
            {"northmoor", "north-moor2", "n", std::string(63, 'a')},
            {std::string(64, 'a'), "", "Northmoor", "2northmoor", "-northmoor",
             "north_moor", "north moor", "north/moor", "-",
             std::string("north\0moor", 10)});
}

TEST(ResourceIdTest, CaseIds) {
  ExpectIds(IsValidCaseId, {"NM-0001", "nm_0001", "7", std::string(64, 'Z')},
            {std::string(65, 'Z'), "", "-NM", "_NM", "NM/1", "NM.1", "NM 1",
             "NM\xc3\xa9", std::string("NM\0", 3)});
}

TEST(ResourceIdTest, InspectionIdsAreLikeYotIds) {
  ExpectIds(IsValidInspectionId, {"northmoor-2014"},
            {"Northmoor-2014", "2014-northmoor", "", std::string(64, 'a')});
}

TEST(YotNameTest, ParsesAYot) {
  EXPECT_EQ(ParseYotName("yots/northmoor"), "northmoor");
  EXPECT_EQ(ParseYotName("yots/northmoor", /*allow_wildcard=*/true),
            "northmoor");
}

TEST(YotNameTest, WildcardOnlyWhenAllowed) {
  EXPECT_EQ(ParseYotName("yots/-"), std::nullopt);
  EXPECT_EQ(ParseYotName("yots/-", /*allow_wildcard=*/true), "-");
  EXPECT_EQ(ParseYotName("yots/--", /*allow_wildcard=*/true), std::nullopt);
  EXPECT_EQ(ParseYotName("yots/-x", /*allow_wildcard=*/true), std::nullopt);
}

class BadYotNameTest : public ::testing::TestWithParam<const char*> {};

TEST_P(BadYotNameTest, IsRefusedWithOrWithoutWildcard) {
  EXPECT_EQ(ParseYotName(GetParam()), std::nullopt);
  EXPECT_EQ(ParseYotName(GetParam(), /*allow_wildcard=*/true), std::nullopt);
}

INSTANTIATE_TEST_SUITE_P(Names, BadYotNameTest,
                         ::testing::Values("", "yots/", "yots", "northmoor",
                                           "yot/northmoor", "Yots/northmoor",
                                           "yots/Northmoor", "yots/northmoor/",
                                           "/yots/northmoor",
                                           "yots/northmoor/cases/NM-1",
                                           "yots//northmoor", "yots/north moor",
                                           "inspections/northmoor"));

TEST(CaseNameTest, ParsesYotAndCase) {
  auto name = ParseCaseName("yots/northmoor/cases/NM-0001");
  ASSERT_TRUE(name.has_value());
  EXPECT_EQ(name->yot, "northmoor");
  EXPECT_EQ(name->case_id, "NM-0001");
}

class BadCaseNameTest : public ::testing::TestWithParam<const char*> {};

TEST_P(BadCaseNameTest, IsRefused) {
  EXPECT_FALSE(ParseCaseName(GetParam()).has_value());
}

INSTANTIATE_TEST_SUITE_P(
    Names, BadCaseNameTest,
    ::testing::Values("", "yots/northmoor", "yots/northmoor/cases",
                      "yots/northmoor/cases/", "yots/-/cases/NM-1",
                      "yots/Northmoor/cases/NM-1", "yots/northmoor/case/NM-1",
                      "yot/northmoor/cases/NM-1", "yots/northmoor/cases/NM/1",
                      "yots/northmoor/cases/NM-1/",
                      "yots/northmoor/cases/-NM-1",
                      "/yots/northmoor/cases/NM-1", "yots/northmoor/cases/NM 1",
                      "inspections/northmoor/cases/NM-1"));

TEST(InspectionNameTest, ParsesAndRefuses) {
  EXPECT_EQ(ParseInspectionName("inspections/northmoor-2014"),
            "northmoor-2014");
  EXPECT_EQ(ParseInspectionName("inspections/"), std::nullopt);
  EXPECT_EQ(ParseInspectionName("inspections/-"), std::nullopt);
  EXPECT_EQ(ParseInspectionName("inspections/NM-2014"), std::nullopt);
  EXPECT_EQ(ParseInspectionName("inspection/nm-2014"), std::nullopt);
  EXPECT_EQ(ParseInspectionName("inspections/nm-2014/x"), std::nullopt);
  EXPECT_EQ(ParseInspectionName("yots/nm-2014"), std::nullopt);
}

TEST(ResourceNameTest, FormattedNamesParseBack) {
  EXPECT_EQ(YotName("northmoor"), "yots/northmoor");
  EXPECT_EQ(ParseYotName(YotName("northmoor")), "northmoor");

  EXPECT_EQ(FormatCaseName("northmoor", "NM-0001"),
            "yots/northmoor/cases/NM-0001");
  auto name = ParseCaseName(FormatCaseName("north-moor2", "a_B-9"));
  ASSERT_TRUE(name.has_value());
  EXPECT_EQ(name->yot, "north-moor2");
  EXPECT_EQ(name->case_id, "a_B-9");

  EXPECT_EQ(InspectionName("nm-2014"), "inspections/nm-2014");
  EXPECT_EQ(ParseInspectionName(InspectionName("nm-2014")), "nm-2014");

  EXPECT_EQ(FormatCaseFindingsName("nm-2014", "NM-0001"),
            "inspections/nm-2014/caseFindings/NM-0001");
  auto findings =
      ParseCaseFindingsName(FormatCaseFindingsName("nm-2014", "a_B-9"));
  ASSERT_TRUE(findings.has_value());
  EXPECT_EQ(findings->inspection_id, "nm-2014");
  EXPECT_EQ(findings->case_id, "a_B-9");
  EXPECT_FALSE(findings->victim_case);
}

// A victim's case and a child's case may share a reference: their findings
// have names (and so store keys) of their own.
TEST(CaseFindingsNameTest, VictimsCasesHaveFindingsOfTheirOwn) {
  auto child = FindingsOfRecord("nm-2025", "yots/nm/cases/NM-7");
  auto victim = FindingsOfRecord("nm-2025", "yots/nm/victimCases/NM-7");
  ASSERT_TRUE(child.has_value());
  ASSERT_TRUE(victim.has_value());
  EXPECT_FALSE(child->victim_case);
  EXPECT_TRUE(victim->victim_case);
  EXPECT_EQ(FormatCaseFindingsName(*child),
            "inspections/nm-2025/caseFindings/NM-7");
  EXPECT_EQ(FormatCaseFindingsName(*victim),
            "inspections/nm-2025/victimCaseFindings/NM-7");
  auto parsed =
      ParseCaseFindingsName("inspections/nm-2025/victimCaseFindings/NM-7");
  ASSERT_TRUE(parsed.has_value());
  EXPECT_TRUE(parsed->victim_case);
  EXPECT_EQ(parsed->inspection_id, "nm-2025");
  EXPECT_EQ(parsed->case_id, "NM-7");
  EXPECT_EQ(FindingsOfRecord("nm-2025", "yots/nm/interviews/NM-7"),
            std::nullopt);
  EXPECT_EQ(FindingsOfRecord("NM", "yots/nm/cases/NM-7"), std::nullopt);
}

TEST(CaseFindingsNameTest, RefusesWhatIsNotOne) {
  for (const char* bad :
       {"", "inspections/nm-2014", "inspections/nm-2014/caseFindings/",
        "inspections/NM/caseFindings/NM-1",
        "inspections/nm-2014/caseFindings/NM 1",
        "inspections/nm-2014/cases/NM-1", "yots/nm/caseFindings/NM-1",
        "inspections/nm-2014/caseFindings/NM-1/x",
        "inspections/nm-2014/victimCaseFindings/",
        "inspections/nm-2014/victimcasefindings/NM-1",
        "inspections/nm-2014/victimCaseFindings/NM-1/x"}) {
    EXPECT_EQ(ParseCaseFindingsName(bad), std::nullopt) << bad;
  }
}

TEST(RecommendationNameTest, RoundTripsAndRefusesWhatIsNotOne) {
  EXPECT_EQ(FormatRecommendationName("nm-2025", "board-1"),
            "inspections/nm-2025/recommendations/board-1");
  auto parsed =
      ParseRecommendationName(FormatRecommendationName("nm-2025", "board-1"));
  ASSERT_TRUE(parsed.has_value());
  EXPECT_EQ(parsed->inspection_id, "nm-2025");
  EXPECT_EQ(parsed->recommendation_id, "board-1");
  for (const char* bad :
       {"", "inspections/nm-2025", "inspections/nm-2025/recommendations/",
        "inspections/NM/recommendations/r1",
        "inspections/nm-2025/recommendations/r 1",
        "inspections/nm-2025/recommendations/-r1",
        "inspections/nm-2025/recommendations/r1/x",
        "inspections/nm-2025/caseFindings/r1"}) {
    EXPECT_EQ(ParseRecommendationName(bad), std::nullopt) << bad;
  }
}

TEST(ActionNameTest, ParsesAndFormatsUnderItsRecommendation) {
  const std::string name =
      "inspections/nm-2025/recommendations/board-1/actions/a_1";
  auto parsed = ParseActionName(name);
  ASSERT_TRUE(parsed.has_value());
  EXPECT_EQ(parsed->recommendation.inspection_id, "nm-2025");
  EXPECT_EQ(parsed->recommendation.recommendation_id, "board-1");
  EXPECT_EQ(parsed->action_id, "a_1");
  EXPECT_EQ(FormatActionName(parsed->recommendation, parsed->action_id), name);
  for (const char* bad :
       {"", "inspections/nm-2025/recommendations/board-1",
        "inspections/nm-2025/recommendations/board-1/actions/",
        "inspections/nm-2025/recommendations/-/actions/a1",
        "inspections/nm-2025/recommendations/board-1/actions/a 1",
        "inspections/nm-2025/actions/a1"}) {
    EXPECT_EQ(ParseActionName(bad), std::nullopt) << bad;
  }
}

TEST(NameViolationTest, RequiredWhenEmptyElseTheFormat) {
  EXPECT_EQ(NameViolation("", kInspectionNameFormat), "is required");
  EXPECT_EQ(NameViolation("inspection/x", kInspectionNameFormat),
            "must be inspections/{inspection}");
  EXPECT_EQ(NameViolation("x", kCaseNameFormat),
            "must be yots/{yot}/cases/{case}");
  EXPECT_EQ(NameViolation("x", kCaseFindingsNameFormat),
            "must be inspections/{inspection}/caseFindings/{case} or "
            "inspections/{inspection}/victimCaseFindings/{victim_case}");
}

}  // namespace
}  // namespace yjinspect::common
