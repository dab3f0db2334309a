// services/findings/recommendation_validation.h: every class of bad
// RecordRecommendation request names its field; the content kept is
// trimmed and carries no output-only field.

#include "services/findings/recommendation_validation.h"

#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/testing/built_in_frameworks.h"
#include "tests/testing/name_of_row.h"
#include "tests/testing/status_matchers.h"

namespace yjinspect::findings {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;

v1::RecordRecommendationRequest ValidRequest() {
  v1::RecordRecommendationRequest request;
  request.set_inspection("inspections/northmoor-2021");
  request.set_recommendation_id("board-1");
  request.set_inspector_reference("insp-anna");
  v1::Recommendation& r = *request.mutable_recommendation();
  r.set_addressee(v1::RECOMMENDATION_ADDRESSEE_MANAGEMENT_BOARD);
  r.add_section_ids("1.1");
  r.set_text("Make sure that board members understand the service's work.");
  return request;
}

TEST(RecommendationValidationTest, AValidRequestHasNoViolations) {
  EXPECT_TRUE(ValidateRecommendationRequest(ValidRequest()).empty());
}

// One bad request per row, and the one field it must name.
struct BadRequest {
  // The test's name: letters and digits only.
  std::string name;
  void (*spoil)(v1::RecordRecommendationRequest&);
  const char* field;
};

class BadRecommendationTest : public ::testing::TestWithParam<BadRequest> {};

TEST_P(BadRecommendationTest, NamesTheField) {
  v1::RecordRecommendationRequest request = ValidRequest();
  GetParam().spoil(request);
  EXPECT_THAT(testing::ViolatedFields(ValidateRecommendationRequest(request)),
              ElementsAre(GetParam().field));
}

INSTANTIATE_TEST_SUITE_P(
    EveryClass, BadRecommendationTest,
    ::testing::Values(
        BadRequest{"NoInspection", [](auto& r) { r.clear_inspection(); },
                   "inspection"},
        BadRequest{"NoId", [](auto& r) { r.clear_recommendation_id(); },
                   "recommendation_id"},
        BadRequest{"IdWithASpace",
                   [](auto& r) { r.set_recommendation_id("board 1"); },
                   "recommendation_id"},
        BadRequest{"NoInspector",
                   [](auto& r) { r.clear_inspector_reference(); },
                   "inspector_reference"},
        BadRequest{"NoRecommendation",
                   [](auto& r) { r.clear_recommendation(); }, "recommendation"},
        BadRequest{
            "NoAddressee",
            [](auto& r) { r.mutable_recommendation()->clear_addressee(); },
            "recommendation.addressee"},
        BadRequest{"UnknownAddressee",
                   [](auto& r) {
                     r.mutable_recommendation()->set_addressee(
                         static_cast<v1::RecommendationAddressee>(99));
                   },
                   "recommendation.addressee"},
        BadRequest{"OtherPartnerUnnamed",
                   [](auto& r) {
                     r.mutable_recommendation()->set_addressee(
                         v1::RECOMMENDATION_ADDRESSEE_OTHER_PARTNER);
                     r.mutable_recommendation()->set_partner_name("   ");
                   },
                   "recommendation.partner_name"},
        BadRequest{"PartnerNameForTheBoard",
                   [](auto& r) {
                     r.mutable_recommendation()->set_partner_name("The court");
                   },
                   "recommendation.partner_name"},
        BadRequest{
            "NoStandard",
            [](auto& r) { r.mutable_recommendation()->clear_section_ids(); },
            "recommendation.section_ids"},
        BadRequest{
            "AStandardTwice",
            [](auto& r) { r.mutable_recommendation()->add_section_ids("1.1"); },
            "recommendation.section_ids[1]"},
        BadRequest{
            "NoText",
            [](auto& r) { r.mutable_recommendation()->set_text(" \t "); },
            "recommendation.text"},
        BadRequest{"TextOver1000Characters",
                   [](auto& r) {
                     r.mutable_recommendation()->set_text(
                         std::string(1001, 'a'));
                   },
                   "recommendation.text"},
        BadRequest{"TextOfTwoParagraphs",
                   [](auto& r) {
                     r.mutable_recommendation()->set_text("One.\n\nTwo.");
                   },
                   "recommendation.text"}),
    testing::NameOfRow<BadRequest>);

TEST(RecommendationValidationTest, TextIsMeasuredOnceTrimmed) {
  v1::RecordRecommendationRequest request = ValidRequest();
  request.mutable_recommendation()->set_text(
      absl::StrCat("  ", std::string(1000, 'a'), "\n  "));
  EXPECT_TRUE(ValidateRecommendationRequest(request).empty());
}

TEST(RecommendationValidationTest, SectionsMustBeOfTheFramework) {
  const v1::Framework* framework =
      testing::BuiltInFrameworks().Find("hmip-youth-2021", "1");
  ASSERT_NE(framework, nullptr);
  v1::Recommendation r = ValidRequest().recommendation();
  r.add_section_ids("2.3");
  EXPECT_THAT(
      testing::ViolatedFields(ValidateRecommendationSections(r, *framework)),
      IsEmpty());
  r.add_section_ids("9.9");
  EXPECT_THAT(
      testing::ViolatedFields(ValidateRecommendationSections(r, *framework)),
      ElementsAre("recommendation.section_ids[2]"));
}

TEST(RecommendationValidationTest, ContentIsTrimmedWithoutOutputFields) {
  v1::Recommendation given = ValidRequest().recommendation();
  given.set_text("  Do this.  ");
  given.set_name("inspections/x/recommendations/y");
  given.set_number(7);
  given.set_etag("e");
  const v1::Recommendation kept = RecommendationContent(given);
  EXPECT_EQ(kept.text(), "Do this.");
  EXPECT_EQ(kept.name(), "");
  EXPECT_EQ(kept.number(), 0);
  EXPECT_EQ(kept.etag(), "");
  EXPECT_EQ(kept.section_ids_size(), 1);
}

}  // namespace
}  // namespace yjinspect::findings
