// cli/action_commands.h: the words the command line takes for a status, the
// request it builds, and the line it prints.

#include "cli/action_commands.h"

#include <sstream>

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace yjinspect::cli {
namespace {

using ::testing::HasSubstr;

ActionChoice Choice() {
  ActionChoice choice;
  choice.inspection = "eastmoor-2026-03";
  choice.recommendation = "board-1";
  choice.id = "recruit";
  choice.owner = "Head of Service";
  choice.description = "Recruit to the vacancies.";
  choice.due = "2026-08-31";
  choice.status = "in-progress";
  return choice;
}

TEST(ActionStatusNamedTest, EachWordNamesOneStatus) {
  EXPECT_EQ(*ActionStatusNamed("planned"), v1::ACTION_STATUS_PLANNED);
  EXPECT_EQ(*ActionStatusNamed("in-progress"), v1::ACTION_STATUS_IN_PROGRESS);
  EXPECT_EQ(*ActionStatusNamed("done"), v1::ACTION_STATUS_DONE);
  EXPECT_EQ(*ActionStatusNamed("dropped"), v1::ACTION_STATUS_DROPPED);
  const absl::Status unknown = ActionStatusNamed("late").status();
  EXPECT_EQ(unknown.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(std::string(unknown.message()), HasSubstr("in-progress"));
}

TEST(ActionRequestOfTest, BuildsTheRequestUnderTheRecommendation) {
  auto request = ActionRequestOf(Choice());
  ASSERT_TRUE(request.ok()) << request.status();
  EXPECT_EQ(request->inspection(), "inspections/eastmoor-2026-03");
  EXPECT_EQ(request->recommendation(),
            "inspections/eastmoor-2026-03/recommendations/board-1");
  EXPECT_EQ(request->action_id(), "recruit");
  EXPECT_EQ(request->action().owner_role(), "Head of Service");
  EXPECT_EQ(request->action().due_date().month(), 8);
  EXPECT_EQ(request->action().status(), v1::ACTION_STATUS_IN_PROGRESS);
}

TEST(ActionRequestOfTest, ABadDateOrStatusIsRefusedBeforeAnyCall) {
  ActionChoice choice = Choice();
  choice.due = "31/08/2026";
  EXPECT_THAT(std::string(ActionRequestOf(choice).status().message()),
              HasSubstr("--due"));
  choice = Choice();
  choice.status = "late";
  EXPECT_THAT(std::string(ActionRequestOf(choice).status().message()),
              HasSubstr("--status"));
}

TEST(PrintActionTest, OneLineWithItsStateAndWhoRecordedIt) {
  v1::Action action;
  action.set_name(
      "inspections/eastmoor-2026-03/recommendations/service-1/actions/plans");
  action.set_owner_role("Victim Liaison Lead");
  action.set_description("Write safety plans.");
  action.mutable_due_date()->set_year(2026);
  action.mutable_due_date()->set_month(6);
  action.mutable_due_date()->set_day(30);
  action.set_status(v1::ACTION_STATUS_DROPPED);
  action.set_dropped_reason("The police's plans cover it.");
  action.set_revision(2);
  action.set_recorded_by("eastmoor-yot");
  std::ostringstream out;
  PrintAction(action, out);
  EXPECT_EQ(out.str(),
            "[service-1/plans] due 2026-06-30, dropped (The police's plans "
            "cover it.): Victim Liaison Lead: Write safety plans.  (revision "
            "2, by eastmoor-yot)\n");
}

}  // namespace
}  // namespace yjinspect::cli
