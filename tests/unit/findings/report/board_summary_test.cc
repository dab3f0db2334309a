// services/findings/report/board_summary.h: the management board's summary
// of an action plan, built from hand-made material: overdue actions first
// and counted exactly, statuses and ratings in words, the previous
// inspection's ratings beside this one's, and which inspection counts as
// the previous one.

#include "services/findings/report/board_summary.h"

#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "common/dates.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/testing/built_in_frameworks.h"

namespace yjinspect::findings {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

google::type::Date Day(int year, int month, int day) {
  return common::ToDate(absl::CivilDay(year, month, day));
}

v1::Recommendation Recommendation(const std::string& id, int number,
                                  const std::string& text) {
  v1::Recommendation r;
  r.set_name(absl::StrCat("inspections/eastmoor-2026/recommendations/", id));
  r.set_number(number);
  r.set_addressee(v1::RECOMMENDATION_ADDRESSEE_MANAGEMENT_BOARD);
  r.set_text(text);
  return r;
}

v1::Action Action(const std::string& recommendation, const std::string& id,
                  const std::string& description, google::type::Date due,
                  v1::ActionStatus status) {
  v1::Action a;
  a.set_name(absl::StrCat("inspections/eastmoor-2026/recommendations/",
                          recommendation, "/actions/", id));
  a.set_owner_role("Head of Service");
  a.set_description(description);
  *a.mutable_due_date() = due;
  a.set_status(status);
  return a;
}

v1::Inspection Inspection(const std::string& id, google::type::Date start,
                          v1::InspectionState state) {
  v1::Inspection inspection;
  inspection.set_name(absl::StrCat("inspections/", id));
  inspection.set_yot("yots/eastmoor");
  inspection.set_yot_display_name("Eastmoor Youth Justice Service");
  *inspection.mutable_fieldwork_start_date() = start;
  inspection.set_state(state);
  return inspection;
}

v1::SectionVerdict Rated(const std::string& id, const std::string& title,
                         const std::string& rating) {
  v1::SectionVerdict s;
  s.set_section_id(id);
  s.set_title(title);
  s.set_scoring(v1::SCORING_METHOD_PANEL_RATING);
  s.set_final_rating(rating);
  s.set_counted_in_overall(true);
  return s;
}

RatedInspection Eastmoor(const std::string& id, google::type::Date start,
                         const std::string& governance,
                         const std::string& overall, int score) {
  RatedInspection rated;
  rated.framework = testing::BuiltInFrameworks().Find("hmip-youth-2021", "1");
  rated.inspection =
      Inspection(id, start, v1::INSPECTION_STATE_REPORT_PUBLISHED);
  *rated.verdicts.add_sections() =
      Rated("1.1", "Governance and leadership", governance);
  rated.verdicts.mutable_overall()->set_final_rating(overall);
  rated.verdicts.mutable_overall()->set_score(score);
  rated.verdicts.mutable_overall()->set_max_score(36);
  return rated;
}

BoardSummaryMaterial Material() {
  BoardSummaryMaterial m;
  m.current = Eastmoor("eastmoor-2026", Day(2026, 3, 2), "Good", "Good", 24);
  m.published = absl::CivilDay(2026, 6, 15);
  m.as_of = absl::CivilDay(2026, 10, 1);
  m.recommendations = {Recommendation("service-1", 2, "Keep victims informed."),
                       Recommendation("board-1", 1, "Fill the vacancies.")};
  m.actions = {
      Action("board-1", "recruit", "Recruit two case managers.",
             Day(2026, 12, 31), v1::ACTION_STATUS_IN_PROGRESS),
      Action("board-1", "supervise", "Supervise monthly.", Day(2026, 9, 1),
             v1::ACTION_STATUS_PLANNED),
      Action("service-1", "letters", "Write to victims.", Day(2026, 7, 1),
             v1::ACTION_STATUS_DONE),
      Action("service-1", "log", "Log every request.", Day(2026, 8, 1),
             v1::ACTION_STATUS_DROPPED),
  };
  m.actions.back().set_dropped_reason("The case system now logs them.");
  return m;
}

TEST(BoardSummaryTest, OverdueActionsComeFirstAndAreCounted) {
  auto summary = RenderBoardSummary(Material());
  ASSERT_TRUE(summary.ok()) << summary.status();
  EXPECT_EQ(summary->actions(), 4);
  EXPECT_EQ(summary->overdue_actions(), 1);
  const std::string& md = summary->markdown();
  EXPECT_THAT(md, HasSubstr("# Action plan for the management board: "
                            "Eastmoor Youth Justice Service"));
  EXPECT_THAT(
      md, HasSubstr("The action plan holds 4 actions, recorded against 2 of "
                    "the report's 2 recommendations. As of 1st "
                    "October 2026, 1 is overdue"));
  // The overdue table precedes the recommendations, and within the first
  // recommendation the overdue action precedes the one on time.
  const size_t overdue = md.find("## Overdue actions");
  const size_t recommendations = md.find("## Recommendations and their");
  ASSERT_NE(overdue, std::string::npos);
  ASSERT_NE(recommendations, std::string::npos);
  EXPECT_LT(overdue, md.find("Supervise monthly."));
  EXPECT_LT(md.find("Supervise monthly.", recommendations),
            md.find("Recruit two case managers.", recommendations));
  EXPECT_THAT(md, HasSubstr("Planned (overdue)"));
  EXPECT_THAT(md, HasSubstr("Dropped: The case system now logs them."));
  // By number: recommendation 1 before 2.
  EXPECT_LT(md.find("### Recommendation 1"), md.find("### Recommendation 2"));
}

TEST(BoardSummaryTest, NothingOverdueIsSaidSo) {
  BoardSummaryMaterial m = Material();
  m.as_of = absl::CivilDay(2026, 6, 15);
  auto summary = RenderBoardSummary(m);
  ASSERT_TRUE(summary.ok()) << summary.status();
  EXPECT_EQ(summary->overdue_actions(), 0);
  EXPECT_THAT(summary->markdown(), HasSubstr("none is overdue"));
  EXPECT_THAT(summary->markdown(), HasSubstr("No action is overdue."));
  EXPECT_THAT(summary->markdown(), Not(HasSubstr("(overdue)")));
}

TEST(BoardSummaryTest, ARecommendationWithoutActionsIsSaidSo) {
  BoardSummaryMaterial m = Material();
  m.actions.resize(2);  // board-1's only
  auto summary = RenderBoardSummary(m);
  ASSERT_TRUE(summary.ok()) << summary.status();
  EXPECT_THAT(
      summary->markdown(),
      HasSubstr("recorded against 1 of the report's 2 recommendations"));
  EXPECT_THAT(summary->markdown(),
              HasSubstr("No action has been recorded for this "
                        "recommendation."));
}

TEST(BoardSummaryTest, WithoutAPreviousInspectionTheRatingsStandAlone) {
  auto summary = RenderBoardSummary(Material());
  ASSERT_TRUE(summary.ok()) << summary.status();
  EXPECT_EQ(summary->previous_inspection(), "");
  EXPECT_THAT(
      summary->markdown(),
      HasSubstr("No previous inspection of this service with a published "
                "report is stored here"));
  EXPECT_THAT(summary->markdown(),
              HasSubstr("| 1.1 Governance and leadership | **Good** |"));
  EXPECT_THAT(summary->markdown(),
              HasSubstr("| Overall | **Good** (score 24 of 36) |"));
}

TEST(BoardSummaryTest, APreviousInspectionsRatingsStandBeside) {
  BoardSummaryMaterial m = Material();
  m.previous = Eastmoor("eastmoor-2022", Day(2022, 5, 9),
                        "Requires improvement", "Requires improvement", 15);
  auto summary = RenderBoardSummary(m);
  ASSERT_TRUE(summary.ok()) << summary.status();
  EXPECT_EQ(summary->previous_inspection(), "inspections/eastmoor-2022");
  const std::string& md = summary->markdown();
  EXPECT_THAT(md, HasSubstr("| Standard | This inspection (March 2026) | "
                            "Previous inspection (May 2022) |"));
  EXPECT_THAT(md, HasSubstr("| 1.1 Governance and leadership | **Good** | "
                            "**Requires improvement** |"));
  EXPECT_THAT(md, HasSubstr("| Overall | **Good** (score 24 of 36) | "
                            "**Requires improvement** (score 15 of 36) |"));
}

TEST(BoardSummaryTest, TheHtmlPageHasOneHeadingOneAndTableHeaders) {
  auto summary = RenderBoardSummary(Material());
  ASSERT_TRUE(summary.ok()) << summary.status();
  const std::string& html = summary->html();
  EXPECT_THAT(html, HasSubstr("<title>Action plan for the management board: "
                              "Eastmoor Youth Justice Service</title>"));
  EXPECT_EQ(html.find("<h1>"), html.rfind("<h1>"));
  EXPECT_THAT(html, HasSubstr("<th scope=\"col\">Status</th>"));
  EXPECT_THAT(html, HasSubstr("<caption>Actions answering recommendation "
                              "1</caption>"));
  EXPECT_THAT(html, HasSubstr("<th scope=\"row\">Supervise monthly.</th>"));
  EXPECT_THAT(html, HasSubstr("<strong class=\"rating rating-good\">Good"));
  EXPECT_THAT(html, Not(HasSubstr("<script")));
}

TEST(BoardSummaryTest, OverdueMeansDueBeforeTheDayAndStillOpen) {
  const absl::CivilDay today(2026, 10, 1);
  EXPECT_TRUE(IsOverdue(
      Action("r", "a", "x", Day(2026, 9, 30), v1::ACTION_STATUS_IN_PROGRESS),
      today));
  EXPECT_FALSE(IsOverdue(
      Action("r", "a", "x", Day(2026, 10, 1), v1::ACTION_STATUS_PLANNED),
      today));
  EXPECT_FALSE(IsOverdue(
      Action("r", "a", "x", Day(2026, 9, 1), v1::ACTION_STATUS_DONE), today));
  EXPECT_FALSE(IsOverdue(
      Action("r", "a", "x", Day(2026, 9, 1), v1::ACTION_STATUS_DROPPED),
      today));
}

TEST(BoardSummaryTest, ThePreviousInspectionIsTheLatestEarlierPublishedOne) {
  const v1::Inspection current = Inspection(
      "eastmoor-2026", Day(2026, 3, 2), v1::INSPECTION_STATE_REPORT_PUBLISHED);
  v1::Inspection other_yot = Inspection("westmoor-2025", Day(2025, 1, 1),
                                        v1::INSPECTION_STATE_REPORT_PUBLISHED);
  other_yot.set_yot("yots/westmoor");
  const std::vector<v1::Inspection> stored = {
      current,
      Inspection("eastmoor-2018", Day(2018, 6, 1),
                 v1::INSPECTION_STATE_REPORT_PUBLISHED),
      Inspection("eastmoor-2022", Day(2022, 5, 9),
                 v1::INSPECTION_STATE_REPORT_PUBLISHED),
      // Agreed but not published, later than the current one, or not
      // agreed: never the previous one.
      Inspection("eastmoor-2023", Day(2023, 5, 9),
                 v1::INSPECTION_STATE_VERDICTS_AGREED),
      Inspection("eastmoor-2027", Day(2027, 1, 1),
                 v1::INSPECTION_STATE_REPORT_PUBLISHED),
      Inspection("eastmoor-2024", Day(2024, 1, 1),
                 v1::INSPECTION_STATE_FIELDWORK),
      other_yot};
  auto previous = PreviousInspection(current, stored);
  ASSERT_TRUE(previous.has_value());
  EXPECT_EQ(previous->name(), "inspections/eastmoor-2022");
  EXPECT_FALSE(PreviousInspection(current, {current, other_yot}).has_value());
}

}  // namespace
}  // namespace yjinspect::findings
