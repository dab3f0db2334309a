// cli/decision_commands.h: turning what a user typed into a verdict
// decision, and printing the decisions recorded.

#include "cli/decision_commands.h"

#include <sstream>

#include "gmock/gmock.h"
#include "google/protobuf/text_format.h"
#include "gtest/gtest.h"

namespace yjinspect::cli {
namespace {

using ::testing::HasSubstr;

TEST(DecisionRequestOfTest, APanelRatingNamesTheSectionAndRating) {
  auto request = DecisionRequestOf(
      {"hmip-2019", "3=Requires improvement", "", "seen at the panel", ""},
      "lead-1");
  ASSERT_TRUE(request.ok()) << request.status();
  EXPECT_EQ(request->inspection(), "inspections/hmip-2019");
  EXPECT_EQ(request->panel_rating().section_id(), "3");
  EXPECT_EQ(request->panel_rating().rating(), "Requires improvement");
  EXPECT_EQ(request->panel_rating().reason(), "seen at the panel");
}

TEST(DecisionRequestOfTest, AnOverrideIsByTheActorUnlessByIsGiven) {
  DecisionChoice choice{"inspections/nm-2014", "", "improvement:1.1=confirm",
                        "agreed", ""};
  auto by_actor = DecisionRequestOf(choice, "lead-1");
  ASSERT_TRUE(by_actor.ok()) << by_actor.status();
  EXPECT_EQ(by_actor->inspection(), "inspections/nm-2014");
  EXPECT_EQ(by_actor->verdict_override().target(), "improvement:1.1");
  EXPECT_EQ(by_actor->verdict_override().value(), "confirm");
  EXPECT_EQ(by_actor->verdict_override().reason(), "agreed");
  EXPECT_EQ(by_actor->verdict_override().by(), "lead-1");
  choice.by = "lead-2";
  EXPECT_EQ(DecisionRequestOf(choice, "lead-1")->verdict_override().by(),
            "lead-2");
  choice.by.clear();
  EXPECT_THAT(DecisionRequestOf(choice, "").status().message(),
              HasSubstr("--by or --actor"));
}

TEST(DecisionRequestOfTest, ExactlyOneWellFormedDecisionIsNeeded) {
  DecisionChoice none;
  none.inspection = "nm-2014";
  EXPECT_THAT(DecisionRequestOf(none, "lead-1").status().message(),
              HasSubstr("give one decision"));
  DecisionChoice both = none;
  both.panel_rating = "3=Good";
  both.verdict_override = "overall=Good";
  EXPECT_EQ(DecisionRequestOf(both, "lead-1").status().code(),
            absl::StatusCode::kInvalidArgument);
  for (const char* malformed : {"3", "=Good", "3=", "overall"}) {
    DecisionChoice choice = none;
    choice.verdict_override = malformed;
    EXPECT_THAT(DecisionRequestOf(choice, "lead-1").status().message(),
                HasSubstr("must be TARGET=VALUE"))
        << malformed;
  }
}

TEST(PrintDecisionsTest, OneLineADecision) {
  v1::VerdictDecisions decisions;
  ASSERT_TRUE(google::protobuf::TextFormat::ParseFromString(
      R"pb(panel_ratings { section_id: "3" rating: "Good" reason: "panel" }
           overrides {
             target: "improvement:1.1"
             value: "confirm"
             reason: "agreed"
             by: "lead-1"
           })pb",
      &decisions));
  std::ostringstream out;
  PrintDecisions(decisions, out);
  EXPECT_EQ(out.str(),
            "panel rating  section 3: Good  (panel)\n"
            "override  improvement:1.1 -> confirm  by lead-1  (agreed)\n");
}

}  // namespace
}  // namespace yjinspect::cli
