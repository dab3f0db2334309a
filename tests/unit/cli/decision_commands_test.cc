// cli/decision_commands.h: turning what a user typed into a verdict
// decision, and printing the decisions recorded.

#include "cli/decision_commands.h"

#include <sstream>

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace yjinspect::cli {
namespace {

using ::testing::HasSubstr;

TEST(DecisionRequestOfTest, APanelRatingNamesTheSectionAndRating) {
  DecisionChoice choice;
  choice.inspection = "hmip-2019";
  choice.panel_rating = "3=Requires improvement";
  choice.reason = "seen at the panel";
  auto request = DecisionRequestOf(choice, "lead-1");
  ASSERT_TRUE(request.ok()) << request.status();
  EXPECT_EQ(request->inspection(), "inspections/hmip-2019");
  EXPECT_EQ(request->panel_rating().section_id(), "3");
  EXPECT_EQ(request->panel_rating().rating(), "Requires improvement");
  EXPECT_EQ(request->panel_rating().reason(), "seen at the panel");
}

TEST(DecisionRequestOfTest, AnOverrideIsByTheActorUnlessByIsGiven) {
  DecisionChoice choice;
  choice.inspection = "inspections/nm-2014";
  choice.verdict_override = "improvement:1.1=confirm";
  choice.reason = "agreed";
  auto by_actor = DecisionRequestOf(choice, "lead-1");
  ASSERT_TRUE(by_actor.ok()) << by_actor.status();
  EXPECT_EQ(by_actor->verdict_override().target(), "improvement:1.1");
  EXPECT_EQ(by_actor->verdict_override().value(), "confirm");
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
  v1::PanelRating& rating = *decisions.add_panel_ratings();
  rating.set_section_id("3");
  rating.set_rating("Good");
  rating.set_reason("panel");
  v1::VerdictOverride& o = *decisions.add_overrides();
  o.set_target("improvement:1.1");
  o.set_value("confirm");
  o.set_by("lead-1");
  o.set_reason("agreed");
  std::ostringstream out;
  PrintDecisions(decisions, out);
  EXPECT_EQ(out.str(),
            "panel rating  section 3: Good  (panel)\n"
            "override  improvement:1.1 -> confirm  by lead-1  (agreed)\n");
}

}  // namespace
}  // namespace yjinspect::cli
