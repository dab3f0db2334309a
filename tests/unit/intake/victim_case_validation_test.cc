// services/intake/victim_case_validation.h: a valid victim's case has no
// violations; every class of bad input names exactly its field (table);
// the follow-up answers (uptake, safety planning, a person's age group)
// are required only after the answer they follow; violations never echo
// the value.

#include "services/intake/victim_case_validation.h"

#include <string>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/testing/case_builder.h"
#include "tests/unit/intake/violation_rows.h"

namespace yjinspect::intake {
namespace {

using testing::Bad;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using testing::Missing;
using ::testing::Not;
using ::testing::UnorderedElementsAreArray;
using testing::ViolatedFields;

using Request = v1::CreateVictimCaseRequest;
using Row = testing::ViolationRow<Request>;

v1::VictimCase& Victim(Request& request) {
  return *request.mutable_victim_case();
}

TEST(VictimCaseValidationTest, ValidRequestHasNoViolations) {
  common::FieldViolations v =
      ValidateCreateVictimCaseRequest(testing::ValidCreateVictimCaseRequest());
  EXPECT_THAT(ViolatedFields(v), IsEmpty());
}

TEST(VictimCaseValidationTest, ViolationsDoNotEchoTheValue) {
  Request request = testing::ValidCreateVictimCaseRequest();
  Victim(request).set_victim_reference("Jane Example, 4 Mill Lane");
  common::FieldViolations v = ValidateCreateVictimCaseRequest(request);
  ASSERT_EQ(v.violations().size(), 1u);
  EXPECT_THAT(v.violations()[0].description, Not(HasSubstr("Jane")));
  EXPECT_THAT(std::string(v.ToStatus("victim's case").message()),
              Not(HasSubstr("Mill")));
}

class BadVictimCaseTest : public ::testing::TestWithParam<Row> {};

TEST_P(BadVictimCaseTest, NamesExactlyTheBadField) {
  testing::ExpectRowViolations(
      GetParam(), testing::ValidCreateVictimCaseRequest(),
      ValidateCreateVictimCaseRequest, "victim's case");
}

INSTANTIATE_TEST_SUITE_P(
    Request, BadVictimCaseTest,
    ::testing::Values(
        Missing("ParentMissing", "parent"),
        Bad("ParentWildcard", "parent", "yots/-"),
        Missing("VictimCaseIdMissing", "victim_case_id"),
        Bad("VictimCaseIdWithSlash", "victim_case_id", "V/1"),
        Bad("RequestIdWithSpace", "request_id", "retry key"),
        Missing("VictimCaseMissing", "victim_case"),
        Missing("ReferenceMissing", "victim_case.victim_reference"),
        Bad("ReferenceWithSpaces", "victim_case.victim_reference",
            "Jane Example"),
        Bad("ReferenceOf33Characters", "victim_case.victim_reference",
            std::string(33, 'a')),
        Missing("RelatedCaseMissing", "victim_case.related_case"),
        Bad("RelatedCaseNotACaseName", "victim_case.related_case",
            "yots/northmoor/victimCases/V-1"),
        Bad("RelatedCaseOfAnotherYot", "victim_case.related_case",
            "yots/southmoor/cases/NM-0001"),
        Missing("KindMissing", "victim_case.victim_kind"),
        Bad("KindUnknown", "victim_case.victim_kind", 99),
        Bad("AgeGroupUnknown", "victim_case.victim_age_group", 99),
        Missing("FirstContactMissing", "victim_case.first_contact_date"),
        Bad("FirstContactNotADate", "victim_case.first_contact_date",
            testing::MakeDate(2014, 2, 30)),
        Bad("PoliceInformationNotADate", "victim_case.police_information_date",
            testing::MakeDate(2014, 13, 1)),
        Missing("OfferMissing", "victim_case.restorative_justice_offer"),
        Missing("UptakeMissingWhenOffered",
                "victim_case.restorative_justice_uptake"),
        Bad("UptakeUnknown", "victim_case.restorative_justice_uptake", 99),
        Missing("SafetyAssessmentMissing", "victim_case.safety_assessment"),
        Missing("SafetyPlanningMissingWhenAssessed",
                "victim_case.safety_planning"),
        Missing("ServicesWantedMissing", "victim_case.services_wanted")),
    testing::RowName());

INSTANTIATE_TEST_SUITE_P(
    Rules, BadVictimCaseTest,
    ::testing::Values(
        Row("FirstContactBeforePoliceInformation",
            [](Request& r) {
              *Victim(r).mutable_first_contact_date() =
                  testing::MakeDate(2014, 8, 31);
            },
            {"victim_case.first_contact_date"}),
        Row("UptakeWithoutAnOffer",
            [](Request& r) {
              Victim(r).set_restorative_justice_offer(
                  v1::RESTORATIVE_JUSTICE_OFFER_NOT_OFFERED);
            },
            {"victim_case.restorative_justice_uptake"}),
        Row("UptakeWhenTheOfferIsNotRecorded",
            [](Request& r) {
              Victim(r).set_restorative_justice_offer(
                  v1::RESTORATIVE_JUSTICE_OFFER_NOT_RECORDED);
            },
            {"victim_case.restorative_justice_uptake"}),
        Row("PlanningWithoutAnAssessment",
            [](Request& r) {
              Victim(r).set_safety_assessment(
                  v1::VICTIM_SAFETY_ASSESSMENT_NOT_ASSESSED);
            },
            {"victim_case.safety_planning"}),
        Row("AgeGroupOfABusiness",
            [](Request& r) {
              Victim(r).set_victim_kind(
                  v1::VICTIM_KIND_BUSINESS_OR_ORGANISATION);
            },
            {"victim_case.victim_age_group"}),
        Row("ServiceUnspecified",
            [](Request& r) {
              Victim(r).add_services_wanted(v1::VICTIM_SERVICE_UNSPECIFIED);
            },
            {"victim_case.services_wanted[2]"}),
        Row("ServiceRepeated",
            [](Request& r) {
              Victim(r).add_services_wanted(v1::VICTIM_SERVICE_INFORMATION);
            },
            {"victim_case.services_wanted[2]"}),
        Row("NoFurtherContactWithOthers",
            [](Request& r) {
              Victim(r).add_services_wanted(
                  v1::VICTIM_SERVICE_NO_FURTHER_CONTACT);
            },
            {"victim_case.services_wanted[2]"}),
        Row("TenServices",
            [](Request& r) {
              for (int i = 0; i < 8; ++i) {
                Victim(r).add_services_wanted(v1::VICTIM_SERVICE_SUPPORT);
              }
            },
            {"victim_case.services_wanted"})),
    testing::RowName());

TEST(VictimCaseValidationTest, FollowUpsMayBeUnsetAfterANo) {
  Request request = testing::ValidCreateVictimCaseRequest();
  v1::VictimCase& c = Victim(request);
  c.set_victim_kind(v1::VICTIM_KIND_COMMUNITY_OR_OTHER);
  c.clear_victim_age_group();
  c.clear_police_information_date();
  c.set_restorative_justice_offer(v1::RESTORATIVE_JUSTICE_OFFER_NOT_OFFERED);
  c.clear_restorative_justice_uptake();
  c.set_safety_assessment(v1::VICTIM_SAFETY_ASSESSMENT_NOT_RECORDED);
  c.clear_safety_planning();
  c.clear_services_wanted();
  c.add_services_wanted(v1::VICTIM_SERVICE_NOT_RECORDED);
  EXPECT_THAT(ViolatedFields(ValidateCreateVictimCaseRequest(request)),
              IsEmpty());
}

TEST(VictimCaseValidationTest, ValidateVictimCasePathsStartInsideTheRecord) {
  v1::VictimCase c = testing::ValidCreateVictimCaseRequest().victim_case();
  EXPECT_TRUE(ValidateVictimCase(c, "northmoor").empty());
  EXPECT_THAT(ViolatedFields(ValidateVictimCase(c, "southmoor")),
              UnorderedElementsAreArray({"related_case"}));
}

}  // namespace
}  // namespace yjinspect::intake
