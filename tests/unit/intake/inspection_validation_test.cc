// services/intake/inspection_validation.h: every class of bad
// CreateInspection request names exactly the field that is wrong.

#include "services/intake/inspection_validation.h"

#include <functional>
#include <ostream>
#include <string>
#include <utility>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/testing/case_builder.h"
#include "tests/unit/intake/violation_rows.h"

namespace yjinspect::intake {
namespace {

using testing::Bad;
using testing::Clear;
using ::testing::IsEmpty;
using testing::MakeDate;
using testing::Missing;
using testing::Set;
using ::testing::UnorderedElementsAreArray;
using testing::ViolatedFields;
using Request = v1::CreateInspectionRequest;

using Row = testing::ViolationRow<Request>;
using ValidRow = testing::ValidRow<Request>;

TEST(InspectionValidationTest, ValidRequestHasNoViolations) {
  EXPECT_THAT(ViolatedFields(ValidateCreateInspectionRequest(
                  testing::ValidCreateInspectionRequest())),
              IsEmpty());
}

TEST(InspectionValidationTest, MissingInspectionIsTheOnlyViolation) {
  Request request = testing::ValidCreateInspectionRequest();
  request.clear_inspection();
  EXPECT_THAT(ViolatedFields(ValidateCreateInspectionRequest(request)),
              UnorderedElementsAreArray({"inspection"}));
}

// Without a version the service pins the newest one (inspection_registry).
TEST(InspectionValidationTest, FrameworkVersionIsOptional) {
  Request request = testing::ValidCreateInspectionRequest();
  request.mutable_inspection()->clear_framework_version();
  EXPECT_THAT(ViolatedFields(ValidateCreateInspectionRequest(request)),
              IsEmpty());
}

TEST(InspectionValidationTest, EmptyInspectionNamesEveryRequiredField) {
  Request request;
  request.mutable_inspection();
  EXPECT_THAT(
      ViolatedFields(ValidateCreateInspectionRequest(request)),
      UnorderedElementsAreArray({"inspection.yot", "inspection.framework_id",
                                 "inspection.announcement_date",
                                 "inspection.fieldwork_start_date",
                                 "inspection.fieldwork_end_date"}));
}

class BadInspectionTest : public ::testing::TestWithParam<Row> {};

TEST_P(BadInspectionTest, NamesExactlyTheBadField) {
  testing::ExpectRowViolations(GetParam(),
                               testing::ValidCreateInspectionRequest(),
                               ValidateCreateInspectionRequest, "inspection");
}

INSTANTIATE_TEST_SUITE_P(
    Inspections, BadInspectionTest,
    ::testing::Values(
        Bad("IdUpperCase", "inspection_id", "Northmoor-2014"),
        Bad("IdStartsWithDigit", "inspection_id", "2014-northmoor"),
        Bad("IdWithSlash", "inspection_id", "northmoor/2014"),
        Bad("IdOf64Characters", "inspection_id", std::string(64, 'a')),
        Bad("RequestIdWithDot", "request_id", "retry.1"),
        Missing("YotMissing", "inspection.yot"),
        Bad("YotWithoutCollection", "inspection.yot", "northmoor"),
        Bad("YotWildcard", "inspection.yot", "yots/-"),
        Bad("YotIsACaseName", "inspection.yot", "yots/northmoor/cases/NM-1"),
        Bad("DisplayNameOf101Characters", "inspection.yot_display_name",
            std::string(101, 'x')),
        Bad("DisplayNameWithControlCharacter", "inspection.yot_display_name",
            "North\x02moor"),
        Missing("FrameworkIdMissing", "inspection.framework_id"),
        Bad("FrameworkIdUpperCase", "inspection.framework_id", "SQS-2014"),
        Bad("FrameworkIdWithSpace", "inspection.framework_id", "sqs 2014"),
        Bad("FrameworkVersionWithSlash", "inspection.framework_version", "1/2"),
        Bad("FrameworkVersionOf17Characters", "inspection.framework_version",
            std::string(17, '1')),
        Missing("AnnouncementMissing", "inspection.announcement_date"),
        Bad("AnnouncementOnThirtyFirstNovember", "inspection.announcement_date",
            MakeDate(2014, 11, 31)),
        Missing("FieldworkStartMissing", "inspection.fieldwork_start_date"),
        Bad("FieldworkStartBeforeAnnouncement",
            "inspection.fieldwork_start_date", MakeDate(2014, 11, 30)),
        Missing("FieldworkEndMissing", "inspection.fieldwork_end_date"),
        Bad("FieldworkEndBeforeStart", "inspection.fieldwork_end_date",
            MakeDate(2014, 12, 14)),
        Bad("FieldworkEndOnThirtiethFebruary", "inspection.fieldwork_end_date",
            MakeDate(2015, 2, 30)),
        Bad("FieldworkEndInYear2200", "inspection.fieldwork_end_date",
            MakeDate(2200, 1, 1)),
        Row{"FieldworkStartAfterItsEnd",
            Set("inspection.fieldwork_start_date", MakeDate(2014, 12, 18)),
            {"inspection.fieldwork_end_date"}}),
    testing::RowName());

class ValidInspectionTest : public ::testing::TestWithParam<ValidRow> {};

TEST_P(ValidInspectionTest, IsValid) {
  Request request = testing::ValidCreateInspectionRequest();
  GetParam().mutate(request);
  EXPECT_THAT(ViolatedFields(ValidateCreateInspectionRequest(request)),
              IsEmpty());
}

INSTANTIATE_TEST_SUITE_P(
    Boundaries, ValidInspectionTest,
    ::testing::Values(
        ValidRow{"NoIdTheServiceMakesOne", Clear("inspection_id")},
        ValidRow{"IdOf63Characters",
                 Set("inspection_id", std::string(63, 'a'))},
        ValidRow{"RequestIdOf64Characters",
                 Set("request_id", std::string(64, 'r'))},
        ValidRow{"NoDisplayName", Clear("inspection.yot_display_name")},
        ValidRow{"DisplayNameOf100Characters",
                 Set("inspection.yot_display_name", std::string(100, 'x'))},
        ValidRow{"FrameworkVersionWithDotAndDash",
                 Set("inspection.framework_version", "2.1-rc")},
        ValidRow{"FieldworkStartsOnTheDayOfAnnouncement",
                 Set("inspection.fieldwork_start_date", MakeDate(2014, 12, 1))},
        ValidRow{"OneDayOfFieldwork",
                 Set("inspection.fieldwork_end_date", MakeDate(2014, 12, 15))},
        ValidRow{"FieldworkEndsOnLeapDay",
                 [](Request& r) {
                   *r.mutable_inspection()->mutable_fieldwork_start_date() =
                       MakeDate(2016, 2, 1);
                   *r.mutable_inspection()->mutable_fieldwork_end_date() =
                       MakeDate(2016, 2, 29);
                 }}),
    testing::RowName());

}  // namespace
}  // namespace yjinspect::intake
