// services/findings/action_validation.h: every class of bad RecordAction
// request names its field; a due date before publication is refused; the
// content kept is trimmed and carries no output-only field.

#include "services/findings/action_validation.h"

#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/testing/name_of_row.h"
#include "tests/testing/status_matchers.h"

namespace yjinspect::findings {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;

v1::RecordActionRequest ValidRequest() {
  v1::RecordActionRequest request;
  request.set_inspection("inspections/northmoor-2026");
  request.set_recommendation(
      "inspections/northmoor-2026/recommendations/board-1");
  request.set_action_id("a1");
  v1::Action& a = *request.mutable_action();
  a.set_owner_role("Head of Service");
  a.set_description("Report caseloads to every board meeting.");
  a.mutable_due_date()->set_year(2026);
  a.mutable_due_date()->set_month(9);
  a.mutable_due_date()->set_day(30);
  a.set_status(v1::ACTION_STATUS_PLANNED);
  return request;
}

TEST(ActionValidationTest, AValidRequestHasNoViolations) {
  EXPECT_TRUE(ValidateActionRequest(ValidRequest()).empty());
}

TEST(ActionValidationTest, ADroppedActionWithItsReasonIsValid) {
  v1::RecordActionRequest request = ValidRequest();
  request.mutable_action()->set_status(v1::ACTION_STATUS_DROPPED);
  request.mutable_action()->set_dropped_reason(
      "The board merged with another.");
  EXPECT_TRUE(ValidateActionRequest(request).empty());
}

// One bad request per row, and the one field it must name.
struct BadRequest {
  // The test's name: letters and digits only.
  std::string name;
  void (*spoil)(v1::RecordActionRequest&);
  const char* field;
};

class BadActionTest : public ::testing::TestWithParam<BadRequest> {};

TEST_P(BadActionTest, NamesTheField) {
  v1::RecordActionRequest request = ValidRequest();
  GetParam().spoil(request);
  EXPECT_THAT(testing::ViolatedFields(ValidateActionRequest(request)),
              ElementsAre(GetParam().field));
}

INSTANTIATE_TEST_SUITE_P(
    EveryClass, BadActionTest,
    ::testing::Values(
        BadRequest{"NoInspection",
                   [](auto& r) { r.set_inspection("northmoor-2026"); },
                   "inspection"},
        BadRequest{"NoRecommendation",
                   [](auto& r) { r.clear_recommendation(); }, "recommendation"},
        BadRequest{"RecommendationOfAnotherInspection",
                   [](auto& r) {
                     r.set_recommendation(
                         "inspections/eastmoor-2026/recommendations/board-1");
                   },
                   "recommendation"},
        BadRequest{"NoActionId", [](auto& r) { r.clear_action_id(); },
                   "action_id"},
        BadRequest{"ActionIdWithASlash",
                   [](auto& r) { r.set_action_id("a/1"); }, "action_id"},
        BadRequest{"NoAction", [](auto& r) { r.clear_action(); }, "action"},
        BadRequest{"NoOwner",
                   [](auto& r) { r.mutable_action()->set_owner_role("  "); },
                   "action.owner_role"},
        BadRequest{"OwnerOver100Characters",
                   [](auto& r) {
                     r.mutable_action()->set_owner_role(std::string(101, 'a'));
                   },
                   "action.owner_role"},
        BadRequest{"NoDescription",
                   [](auto& r) { r.mutable_action()->clear_description(); },
                   "action.description"},
        BadRequest{"DescriptionOver1000Characters",
                   [](auto& r) {
                     r.mutable_action()->set_description(
                         std::string(1001, 'a'));
                   },
                   "action.description"},
        BadRequest{"DescriptionOfTwoParagraphs",
                   [](auto& r) {
                     r.mutable_action()->set_description("One.\n\nTwo.");
                   },
                   "action.description"},
        BadRequest{"NoDueDate",
                   [](auto& r) { r.mutable_action()->clear_due_date(); },
                   "action.due_date"},
        BadRequest{"ImpossibleDueDate",
                   [](auto& r) {
                     r.mutable_action()->mutable_due_date()->set_day(31);
                   },
                   "action.due_date"},
        BadRequest{"NoStatus",
                   [](auto& r) { r.mutable_action()->clear_status(); },
                   "action.status"},
        BadRequest{"UnknownStatus",
                   [](auto& r) {
                     r.mutable_action()->set_status(
                         static_cast<v1::ActionStatus>(9));
                   },
                   "action.status"},
        BadRequest{"DroppedWithoutReason",
                   [](auto& r) {
                     r.mutable_action()->set_status(v1::ACTION_STATUS_DROPPED);
                   },
                   "action.dropped_reason"},
        BadRequest{"ReasonWithoutDropping",
                   [](auto& r) {
                     r.mutable_action()->set_dropped_reason("Not needed.");
                   },
                   "action.dropped_reason"}),
    testing::NameOfRow<BadRequest>);

TEST(ActionValidationTest, TextIsMeasuredOnceTrimmed) {
  v1::RecordActionRequest request = ValidRequest();
  request.mutable_action()->set_description(
      absl::StrCat("  ", std::string(1000, 'a'), "\n  "));
  EXPECT_TRUE(ValidateActionRequest(request).empty());
}

TEST(ActionValidationTest, ADueDateBeforePublicationIsRefused) {
  const v1::Action action = ValidRequest().action();  // due 2026-09-30
  EXPECT_THAT(testing::ViolatedFields(
                  ValidateDueDate(action, absl::CivilDay(2026, 9, 30))),
              IsEmpty());
  EXPECT_THAT(testing::ViolatedFields(
                  ValidateDueDate(action, absl::CivilDay(2026, 10, 1))),
              ElementsAre("action.due_date"));
}

TEST(ActionValidationTest, ContentIsTrimmedWithoutOutputFields) {
  v1::Action given = ValidRequest().action();
  given.set_owner_role("  Head of Service ");
  given.set_name("inspections/x/recommendations/y/actions/z");
  given.set_revision(3);
  given.set_recorded_by("someone");
  given.set_etag("e");
  const v1::Action kept = ActionContent(given);
  EXPECT_EQ(kept.owner_role(), "Head of Service");
  EXPECT_EQ(kept.name(), "");
  EXPECT_EQ(kept.revision(), 0);
  EXPECT_EQ(kept.recorded_by(), "");
  EXPECT_EQ(kept.etag(), "");
  EXPECT_EQ(kept.due_date().day(), 30);
}

}  // namespace
}  // namespace yjinspect::findings
