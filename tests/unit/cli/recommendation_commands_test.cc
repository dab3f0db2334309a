// cli/recommendation_commands.h: the words the command line takes for an
// addressee, the request it builds, and the line it prints.

#include "cli/recommendation_commands.h"

#include <sstream>

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace yjinspect::cli {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

RecommendationChoice Choice() {
  RecommendationChoice choice;
  choice.inspection = "northmoor-2021";
  choice.id = "board-1";
  choice.addressee = "board";
  choice.standards = {"1.1", "1.3"};
  choice.text = "Review the plans.";
  return choice;
}

TEST(AddresseeNamedTest, EachWordNamesOneAddressee) {
  EXPECT_EQ(*AddresseeNamed("service"), v1::RECOMMENDATION_ADDRESSEE_SERVICE);
  EXPECT_EQ(*AddresseeNamed("board"),
            v1::RECOMMENDATION_ADDRESSEE_MANAGEMENT_BOARD);
  EXPECT_EQ(*AddresseeNamed("childrens-services"),
            v1::RECOMMENDATION_ADDRESSEE_CHILDRENS_SERVICES);
  EXPECT_EQ(*AddresseeNamed("other"),
            v1::RECOMMENDATION_ADDRESSEE_OTHER_PARTNER);
  const absl::Status unknown = AddresseeNamed("court").status();
  EXPECT_EQ(unknown.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(std::string(unknown.message()), HasSubstr("board"));
}

TEST(RecommendationRequestOfTest, BuildsTheRequestWithTheActorByDefault) {
  auto request = RecommendationRequestOf(Choice(), "insp-anna");
  ASSERT_TRUE(request.ok()) << request.status();
  EXPECT_EQ(request->inspection(), "inspections/northmoor-2021");
  EXPECT_EQ(request->recommendation_id(), "board-1");
  EXPECT_EQ(request->inspector_reference(), "insp-anna");
  EXPECT_EQ(request->recommendation().addressee(),
            v1::RECOMMENDATION_ADDRESSEE_MANAGEMENT_BOARD);
  EXPECT_THAT(request->recommendation().section_ids(),
              ElementsAre("1.1", "1.3"));
  EXPECT_EQ(request->etag(), "");
  RecommendationChoice by = Choice();
  by.inspector = "lead-1";
  EXPECT_EQ(RecommendationRequestOf(by, "insp-anna")->inspector_reference(),
            "lead-1");
}

TEST(RecommendationRequestOfTest, NeedsSomeoneToRecordIt) {
  EXPECT_EQ(RecommendationRequestOf(Choice(), "").status().code(),
            absl::StatusCode::kInvalidArgument);
}

TEST(PrintRecommendationTest, OneLineWithNumberIdAddresseeAndStandards) {
  v1::Recommendation r;
  r.set_name("inspections/northmoor-2021/recommendations/board-1");
  r.set_number(2);
  r.set_addressee(v1::RECOMMENDATION_ADDRESSEE_MANAGEMENT_BOARD);
  r.add_section_ids("1.1");
  r.add_section_ids("1.3");
  r.set_text("Review the plans.");
  r.set_revision(3);
  r.set_inspector_reference("insp-anna");
  std::ostringstream out;
  PrintRecommendation(r, out);
  EXPECT_EQ(out.str(),
            "2. [board-1] management board (1.1, 1.3): Review the plans.  "
            "(revision 3, by insp-anna)\n");
  r.set_addressee(v1::RECOMMENDATION_ADDRESSEE_OTHER_PARTNER);
  r.set_partner_name("The youth court");
  out.str("");
  PrintRecommendation(r, out);
  EXPECT_THAT(out.str(), HasSubstr("] The youth court (1.1"));
}

}  // namespace
}  // namespace yjinspect::cli
