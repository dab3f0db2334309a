// services/intake/case_validation.h: every class of bad case names exactly
// the field that is wrong, and the valid request and its boundary values
// pass.

#include "services/intake/case_validation.h"

#include <functional>
#include <ostream>
#include <string>
#include <utility>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/testing/case_builder.h"
#include "tests/testing/matchers.h"
#include "tests/unit/intake/violation_rows.h"

namespace yjinspect::intake {
namespace {

using testing::Bad;
using testing::Clear;
using testing::MakeDate;
using testing::Missing;
using testing::Set;
using testing::ViolatedFields;
using Request = v1::CreateCaseRequest;

v1::Case& Case(Request& r) { return *r.mutable_case_(); }
v1::Child& Child(Request& r) { return *Case(r).mutable_child(); }
v1::Offence& Offence(Request& r, int i = 0) {
  return *Case(r).mutable_offences(i);
}
v1::Disposal& Disposal(Request& r) { return *Case(r).mutable_disposal(); }
v1::Mappa& Mappa(Request& r) {
  return *Case(r).mutable_assessment()->mutable_mappa();
}
// Adds a copy of the first offence that is not the index offence.
v1::Offence& AddOffence(Request& r) {
  v1::Offence* o = Case(r).add_offences();
  *o = Offence(r, 0);
  o->set_index_offence(false);
  return *o;
}
void LookAfter(Request& r, std::string home, std::string host) {
  Child(r).set_looked_after_status(v1::LOOKED_AFTER_STATUS_LOOKED_AFTER);
  Child(r).set_home_authority(std::move(home));
  Child(r).set_host_authority(std::move(host));
}
// Disposal of `type` from 1 September 2014 (the valid case's start) to `end`.
std::function<void(Request&)> Order(v1::DisposalType type,
                                    google::type::Date end) {
  return [type, end](Request& r) {
    Disposal(r).set_type(type);
    *Disposal(r).mutable_end_date() = end;
  };
}
std::string Repeat(absl::string_view text, int times) {
  std::string out;
  for (int i = 0; i < times; ++i) out.append(text.data(), text.size());
  return out;
}

using Row = testing::ViolationRow<Request>;
using ValidRow = testing::ValidRow<Request>;

TEST(CaseValidationTest, ValidRequestHasNoViolations) {
  common::FieldViolations v =
      ValidateCreateCaseRequest(testing::ValidCreateCaseRequest());
  EXPECT_THAT(ViolatedFields(v), IsEmpty());
  EXPECT_TRUE(v.ToStatus("case").ok());
}

TEST(CaseValidationTest, ValidateCasePathsStartInsideTheCase) {
  v1::Case c = testing::ValidCase();
  EXPECT_TRUE(ValidateCase(c).empty());
  c.mutable_child()->set_age_at_sentence(18);
  EXPECT_THAT(ViolatedFields(ValidateCase(c)),
              UnorderedElementsAreArray({"child.age_at_sentence"}));
}

TEST(CaseValidationTest, EveryBadFieldIsReported) {
  Request request = testing::ValidCreateCaseRequest();
  request.set_case_id("bad/id");
  Child(request).set_age_at_sentence(9);
  Offence(request).clear_code();
  EXPECT_THAT(
      ViolatedFields(ValidateCreateCaseRequest(request)),
      UnorderedElementsAreArray(
          {"case_id", "case.child.age_at_sentence", "case.offences[0].code"}));
}

TEST(CaseValidationTest, ViolationsDoNotEchoTheValue) {
  Request request = testing::ValidCreateCaseRequest();
  Offence(request).set_description("Assault on Jane Example\x01");
  Child(request).set_reference("Jane Example");
  common::FieldViolations v = ValidateCreateCaseRequest(request);
  ASSERT_EQ(v.violations().size(), 2u);
  for (const auto& violation : v.violations()) {
    EXPECT_THAT(violation.description, Not(HasSubstr("Jane")));
  }
  EXPECT_THAT(std::string(v.ToStatus("case").message()),
              Not(HasSubstr("Jane")));
}

class BadCaseTest : public ::testing::TestWithParam<Row> {};

TEST_P(BadCaseTest, NamesExactlyTheBadField) {
  testing::ExpectRowViolations(GetParam(), testing::ValidCreateCaseRequest(),
                               ValidateCreateCaseRequest, "case");
}

INSTANTIATE_TEST_SUITE_P(
    Request, BadCaseTest,
    ::testing::Values(
        Missing("ParentMissing", "parent"),
        Bad("ParentWithoutCollection", "parent", "northmoor"),
        Bad("ParentUpperCase", "parent", "yots/Northmoor"),
        Bad("ParentWildcard", "parent", "yots/-"),
        Missing("CaseIdMissing", "case_id"),
        Bad("CaseIdWithSlash", "case_id", "NM/1"),
        Bad("RequestIdWithSpace", "request_id", "retry key"),
        Bad("RequestIdOf65Characters", "request_id", std::string(65, 'a')),
        Missing("CaseMissing", "case"),
        Bad("DisplayNameOf101Characters", "case.yot_display_name",
            std::string(101, 'x')),
        Bad("DisplayNameWithCarriageReturn", "case.yot_display_name",
            "North\rmoor"),
        Missing("CaseManagerMissing", "case.case_manager_reference"),
        Bad("CaseManagerWithUnderscore", "case.case_manager_reference",
            "STAFF_07")),
    testing::RowName());

INSTANTIATE_TEST_SUITE_P(
    Child, BadCaseTest,
    ::testing::Values(
        Missing("ChildMissing", "case.child"),
        Missing("ReferenceMissing", "case.child.reference"),
        Bad("ReferenceOf33Characters", "case.child.reference",
            std::string(33, 'C')),
        Bad("AgeNine", "case.child.age_at_sentence", 9),
        Bad("AgeEighteen", "case.child.age_at_sentence", 18),
        Missing("AgeMissing", "case.child.age_at_sentence"),
        Missing("GenderUnspecified", "case.child.gender"),
        Bad("GenderUnknownValue", "case.child.gender", 99),
        Bad("EthnicityUnknownValue", "case.child.ethnicity", 7),
        Missing("LookedAfterStatusUnspecified",
                "case.child.looked_after_status"),
        Missing("LearningDisabilityUnspecified",
                "case.child.learning_disability"),
        Bad("SendStatusNegative", "case.child.send_status", -1),
        Missing("SpeechNeedsUnspecified",
                "case.child.speech_language_communication_needs"),
        Bad("EteStatusUnknownValue", "case.child.ete_status", 99),
        Missing("AccommodationUnspecified", "case.child.accommodation"),
        Row{"LookedAfterWithoutAuthorities",
            [](Request& r) { LookAfter(r, "", ""); },
            {"case.child.home_authority", "case.child.host_authority"}},
        Row{"OnRemandWithoutHostAuthority",
            [](Request& r) {
              LookAfter(r, "Northmoor", "");
              Child(r).set_looked_after_status(
                  v1::LOOKED_AFTER_STATUS_LOOKED_AFTER_ON_REMAND);
            },
            {"case.child.host_authority"}},
        Bad("NotLookedAfterWithHomeAuthority", "case.child.home_authority",
            "Northmoor"),
        Row{"NotLookedAfterWithBothAuthorities",
            [](Request& r) {
              LookAfter(r, "Northmoor", "Southvale");
              Child(r).set_looked_after_status(
                  v1::LOOKED_AFTER_STATUS_NOT_LOOKED_AFTER);
            },
            {"case.child.home_authority", "case.child.host_authority"}},
        Row{"AuthorityOf101Characters",
            [](Request& r) { LookAfter(r, std::string(101, 'x'), "South"); },
            {"case.child.home_authority"}},
        Row{"AuthorityWithNul",
            [](Request& r) {
              LookAfter(r, "Northmoor", std::string("South\0vale", 10));
            },
            {"case.child.host_authority"}}),
    testing::RowName());

INSTANTIATE_TEST_SUITE_P(
    Offences, BadCaseTest,
    ::testing::Values(
        Missing("NoOffences", "case.offences"),
        Row{"TwentyOneOffences",
            [](Request& r) {
              for (int i = 0; i < 20; ++i) AddOffence(r);
            },
            {"case.offences"}},
        Row{"NoIndexOffence",
            [](Request& r) { Offence(r).set_index_offence(false); },
            {"case.offences"}},
        Row{"TwoIndexOffences",
            [](Request& r) { AddOffence(r).set_index_offence(true); },
            {"case.offences"}},
        Missing("CodeMissing", "case.offences[0].code"),
        Bad("CodeWithSpace", "case.offences[0].code", "105 01"),
        Bad("CodeOf17Characters", "case.offences[0].code",
            std::string(17, '1')),
        Row{"SecondOffenceCodeBad",
            [](Request& r) { AddOffence(r).set_code("10501!"); },
            {"case.offences[1].code"}},
        Bad("DescriptionOf201Characters", "case.offences[0].description",
            std::string(201, 'x')),
        Bad("DescriptionOf201TwoByteCharacters", "case.offences[0].description",
            Repeat("\xc3\xa9", 201)),
        Bad("DescriptionWithBell", "case.offences[0].description", "Theft\a"),
        Bad("DescriptionWithDelete", "case.offences[0].description",
            "Theft\x7f"),
        // U+0085 NEXT LINE is a (C1) control character too.
        Bad("DescriptionWithC1Control", "case.offences[0].description",
            "Theft\xc2\x85"),
        Missing("CategoryUnspecified", "case.offences[0].category"),
        Bad("CategoryUnknownValue", "case.offences[0].category", 16),
        Bad("SeriousnessZero", "case.offences[0].seriousness", 0),
        Bad("SeriousnessNine", "case.offences[0].seriousness", 9)),
    testing::RowName());

INSTANTIATE_TEST_SUITE_P(
    Disposal, BadCaseTest,
    ::testing::Values(
        Missing("DisposalMissing", "case.disposal"),
        Missing("TypeUnspecified", "case.disposal.type"),
        Bad("TypeUnknownValue", "case.disposal.type", 8),
        Missing("SettingUnspecified", "case.disposal.setting"),
        Missing("StartMissing", "case.disposal.start_date"),
        Missing("EndMissing", "case.disposal.end_date"),
        Bad("EndOnThirtiethFebruary", "case.disposal.end_date",
            MakeDate(2015, 2, 30)),
        Bad("StartOnThirtyFirstSeptember", "case.disposal.start_date",
            MakeDate(2014, 9, 31)),
        Bad("EndBeforeStart", "case.disposal.end_date", MakeDate(2014, 8, 31)),
        Row{"ReferralOrderOf13Months",
            Order(v1::DISPOSAL_TYPE_REFERRAL_ORDER, MakeDate(2015, 10, 1)),
            {"case.disposal.end_date"}},
        Row{"ReferralOrderOf2Months",
            Order(v1::DISPOSAL_TYPE_REFERRAL_ORDER, MakeDate(2014, 11, 1)),
            {"case.disposal.end_date"}},
        Row{"DetentionAndTrainingOrderOf2Months",
            Order(v1::DISPOSAL_TYPE_DETENTION_AND_TRAINING_ORDER,
                  MakeDate(2014, 11, 1)),
            {"case.disposal.end_date"}},
        Row{"DetentionAndTrainingOrderOf25Months",
            Order(v1::DISPOSAL_TYPE_DETENTION_AND_TRAINING_ORDER,
                  MakeDate(2016, 10, 1)),
            {"case.disposal.end_date"}},
        Row{"YouthRehabilitationOrderOf37Months",
            Order(v1::DISPOSAL_TYPE_YOUTH_REHABILITATION_ORDER,
                  MakeDate(2017, 10, 1)),
            {"case.disposal.end_date"}}),
    testing::RowName());

INSTANTIATE_TEST_SUITE_P(
    AssessmentAndDates, BadCaseTest,
    ::testing::Values(
        Missing("AssessmentMissing", "case.assessment"),
        Missing("LikelihoodUnspecified",
                "case.assessment.likelihood_of_reoffending"),
        Bad("RiskOfSeriousHarmUnknownValue",
            "case.assessment.risk_of_serious_harm", 5),
        Missing("SafetyAndWellbeingUnspecified",
                "case.assessment.safety_and_wellbeing"),
        Missing("MappaMissing", "case.assessment.mappa"),
        Missing("MappaCategoryUnspecified", "case.assessment.mappa.category"),
        Bad("MappaLevelSetWhenNotEligible", "case.assessment.mappa.level",
            v1::MAPPA_LEVEL_1),
        Row{"MappaLevelMissingWhenEligible",
            [](Request& r) { Mappa(r).set_category(v1::MAPPA_CATEGORY_2); },
            {"case.assessment.mappa.level"}},
        Missing("AssessmentDateMissing", "case.assessment_date"),
        Bad("AssessmentDateThirtyFirstApril", "case.assessment_date",
            MakeDate(2014, 4, 31)),
        Bad("AssessmentDateInYear1899", "case.assessment_date",
            MakeDate(1899, 8, 20)),
        Bad("PlanBeforeAssessment", "case.plan_date", MakeDate(2014, 8, 19)),
        Bad("ReviewBeforePlan", "case.review_dates[0]", MakeDate(2014, 9, 9)),
        Row{"ReviewBeforeAssessmentWithoutPlan",
            [](Request& r) {
              Case(r).clear_plan_date();
              *Case(r).mutable_review_dates(0) = MakeDate(2014, 8, 1);
            },
            {"case.review_dates[0]"}},
        Row{"ReviewsOutOfOrder",
            [](Request& r) {
              *Case(r).add_review_dates() = MakeDate(2014, 11, 30);
            },
            {"case.review_dates[1]"}},
        Row{"FiftyOneReviews",
            [](Request& r) {
              for (int i = 0; i < 50; ++i) {
                *Case(r).add_review_dates() = MakeDate(2015, 1, 1);
              }
            },
            {"case.review_dates"}},
        Bad("ReportAfterSentenceStart", "case.pre_sentence_report_date",
            MakeDate(2014, 9, 2)),
        Bad("ReportOnThirtyFirstJune", "case.pre_sentence_report_date",
            MakeDate(2014, 6, 31))),
    testing::RowName());

class BoundaryCaseTest : public ::testing::TestWithParam<ValidRow> {};

TEST_P(BoundaryCaseTest, IsValid) {
  Request request = testing::ValidCreateCaseRequest();
  GetParam().mutate(request);
  EXPECT_THAT(ViolatedFields(ValidateCreateCaseRequest(request)), IsEmpty());
}

INSTANTIATE_TEST_SUITE_P(
    Boundaries, BoundaryCaseTest,
    ::testing::Values(
        ValidRow{"AgeTen", Set("case.child.age_at_sentence", 10)},
        ValidRow{"AgeSeventeen", Set("case.child.age_at_sentence", 17)},
        ValidRow{"DescriptionOf200Characters",
                 Set("case.offences[0].description", std::string(200, 'x'))},
        ValidRow{"DescriptionOf200TwoByteCharacters",
                 Set("case.offences[0].description", Repeat("\xc3\xa9", 200))},
        ValidRow{"DescriptionWithNewlineAndTab",
                 Set("case.offences[0].description", "Theft\n\tof a cycle")},
        ValidRow{"NoDescription", Clear("case.offences[0].description")},
        ValidRow{"AuthoritiesOf100CharactersWhenLookedAfter",
                 [](Request& r) {
                   LookAfter(r, std::string(100, 'h'), std::string(100, 'o'));
                 }},
        ValidRow{"ReferralOrderOfExactly12Months",
                 Order(v1::DISPOSAL_TYPE_REFERRAL_ORDER, MakeDate(2015, 9, 1))},
        ValidRow{
            "ReferralOrderOfExactly3Months",
            Order(v1::DISPOSAL_TYPE_REFERRAL_ORDER, MakeDate(2014, 12, 1))},
        ValidRow{"DetentionAndTrainingOrderOf4Months",
                 Order(v1::DISPOSAL_TYPE_DETENTION_AND_TRAINING_ORDER,
                       MakeDate(2015, 1, 1))},
        ValidRow{"DetentionAndTrainingOrderOf24Months",
                 Order(v1::DISPOSAL_TYPE_DETENTION_AND_TRAINING_ORDER,
                       MakeDate(2016, 9, 1))},
        ValidRow{"FourMonthsFromThirtyFirstOctoberToLeapDay",
                 [](Request& r) {
                   *Disposal(r).mutable_start_date() = MakeDate(2015, 10, 31);
                   Order(v1::DISPOSAL_TYPE_DETENTION_AND_TRAINING_ORDER,
                         MakeDate(2016, 2, 29))(r);
                 }},
        ValidRow{"YouthCautionHasNoStatutoryLength",
                 Order(v1::DISPOSAL_TYPE_YOUTH_CAUTION, MakeDate(2019, 9, 1))},
        ValidRow{"TwentyOffences",
                 [](Request& r) {
                   for (int i = 0; i < 19; ++i) AddOffence(r);
                 }},
        ValidRow{"IndexOffenceIsNotTheFirst",
                 [](Request& r) {
                   AddOffence(r).set_index_offence(true);
                   Offence(r, 0).set_index_offence(false);
                 }},
        ValidRow{"FiftyReviews",
                 [](Request& r) {
                   for (int i = 0; i < 49; ++i) {
                     *Case(r).add_review_dates() = MakeDate(2015, 1, 1);
                   }
                 }},
        ValidRow{"AssessmentPlanAndReviewOnOneDay",
                 [](Request& r) {
                   *Case(r).mutable_plan_date() = Case(r).assessment_date();
                   *Case(r).mutable_review_dates(0) = Case(r).assessment_date();
                 }},
        ValidRow{"ReportOnTheDayOfSentence",
                 Set("case.pre_sentence_report_date", MakeDate(2014, 9, 1))},
        ValidRow{"OptionalDatesAbsent",
                 [](Request& r) {
                   Case(r).clear_plan_date();
                   Case(r).clear_review_dates();
                   Case(r).clear_pre_sentence_report_date();
                 }},
        ValidRow{"AssessmentOnLeapDay",
                 Set("case.assessment_date", MakeDate(2012, 2, 29))},
        ValidRow{"MappaEligibleWithLevel",
                 [](Request& r) {
                   Mappa(r).set_category(v1::MAPPA_CATEGORY_1);
                   Mappa(r).set_level(v1::MAPPA_LEVEL_2);
                 }},
        ValidRow{"LongestIds",
                 [](Request& r) {
                   r.set_parent("yots/" + std::string(63, 'y'));
                   r.set_case_id(std::string(64, 'C'));
                   r.set_request_id(std::string(64, 'r'));
                   Child(r).set_reference(std::string(32, 'R'));
                 }}),
    testing::RowName());

}  // namespace
}  // namespace yjinspect::intake
