#include "tests/testing/case_builder.h"

#include "absl/strings/str_cat.h"

namespace yjinspect::testing {

google::type::Date MakeDate(int year, int month, int day) {
  google::type::Date date;
  date.set_year(year);
  date.set_month(month);
  date.set_day(day);
  return date;
}

v1::Case ValidCase(absl::string_view child_reference) {
  v1::Case c;
  c.set_yot_display_name("Northmoor Youth Justice Service");
  v1::Child* child = c.mutable_child();
  child->set_reference(std::string(child_reference));
  child->set_age_at_sentence(15);
  child->set_gender(v1::GENDER_MALE);
  child->set_ethnicity(v1::ETHNICITY_WHITE);
  child->set_looked_after_status(v1::LOOKED_AFTER_STATUS_NOT_LOOKED_AFTER);
  child->set_learning_disability(v1::NEED_STATUS_NOT_IDENTIFIED);
  child->set_send_status(v1::SEND_STATUS_SEN_SUPPORT);
  child->set_speech_language_communication_needs(v1::NEED_STATUS_IDENTIFIED);
  child->set_ete_status(v1::ETE_STATUS_PART_TIME);
  child->set_accommodation(v1::ACCOMMODATION_STATUS_SUITABLE);
  v1::Offence* offence = c.add_offences();
  offence->set_code("105/01");
  offence->set_description("Assault occasioning actual bodily harm");
  offence->set_category(v1::OFFENCE_CATEGORY_VIOLENCE_AGAINST_THE_PERSON);
  offence->set_seriousness(5);
  offence->set_index_offence(true);
  v1::Disposal* disposal = c.mutable_disposal();
  disposal->set_type(v1::DISPOSAL_TYPE_REFERRAL_ORDER);
  *disposal->mutable_start_date() = MakeDate(2014, 9, 1);
  *disposal->mutable_end_date() = MakeDate(2015, 6, 1);
  disposal->set_setting(v1::SUPERVISION_SETTING_COMMUNITY);
  v1::AssessmentOutcome* assessment = c.mutable_assessment();
  assessment->set_likelihood_of_reoffending(v1::REOFFENDING_LIKELIHOOD_MEDIUM);
  assessment->set_risk_of_serious_harm(v1::CONCERN_LEVEL_MEDIUM);
  assessment->set_safety_and_wellbeing(v1::CONCERN_LEVEL_LOW);
  assessment->mutable_mappa()->set_category(v1::MAPPA_CATEGORY_NOT_ELIGIBLE);
  *c.mutable_assessment_date() = MakeDate(2014, 8, 20);
  *c.mutable_plan_date() = MakeDate(2014, 9, 10);
  *c.add_review_dates() = MakeDate(2014, 12, 1);
  *c.mutable_pre_sentence_report_date() = MakeDate(2014, 8, 25);
  c.set_case_manager_reference("STAFF-07");
  return c;
}

v1::CreateCaseRequest ValidCreateCaseRequest(absl::string_view yot,
                                             absl::string_view case_id) {
  v1::CreateCaseRequest request;
  request.set_parent(absl::StrCat("yots/", yot));
  request.set_case_id(std::string(case_id));
  *request.mutable_case_() = ValidCase(absl::StrCat("CH-", case_id));
  return request;
}

v1::CreateVictimCaseRequest ValidCreateVictimCaseRequest(
    absl::string_view yot, absl::string_view victim_case_id,
    absl::string_view related_case_id) {
  v1::CreateVictimCaseRequest request;
  request.set_parent(absl::StrCat("yots/", yot));
  request.set_victim_case_id(std::string(victim_case_id));
  v1::VictimCase& c = *request.mutable_victim_case();
  c.set_victim_reference(absl::StrCat("VR-", victim_case_id));
  c.set_related_case(absl::StrCat("yots/", yot, "/cases/", related_case_id));
  c.set_victim_kind(v1::VICTIM_KIND_PERSON);
  c.set_victim_age_group(v1::VICTIM_AGE_GROUP_ADULT);
  *c.mutable_police_information_date() = MakeDate(2014, 9, 1);
  *c.mutable_first_contact_date() = MakeDate(2014, 9, 8);
  c.set_restorative_justice_offer(v1::RESTORATIVE_JUSTICE_OFFER_OFFERED);
  c.set_restorative_justice_uptake(v1::RESTORATIVE_JUSTICE_UPTAKE_TAKEN_UP);
  c.set_safety_assessment(v1::VICTIM_SAFETY_ASSESSMENT_ASSESSED);
  c.set_safety_planning(v1::VICTIM_SAFETY_PLANNING_PLANNED);
  c.add_services_wanted(v1::VICTIM_SERVICE_INFORMATION);
  c.add_services_wanted(v1::VICTIM_SERVICE_RESTORATIVE_MEETING);
  return request;
}

v1::CreateInspectionRequest ValidCreateInspectionRequest(
    absl::string_view inspection_id, absl::string_view yot) {
  v1::CreateInspectionRequest request;
  request.set_inspection_id(std::string(inspection_id));
  v1::Inspection* inspection = request.mutable_inspection();
  inspection->set_yot(absl::StrCat("yots/", yot));
  inspection->set_yot_display_name("Northmoor Youth Justice Service");
  inspection->set_framework_id("sqs-2014");
  inspection->set_framework_version("1");
  *inspection->mutable_announcement_date() = MakeDate(2014, 12, 1);
  *inspection->mutable_fieldwork_start_date() = MakeDate(2014, 12, 15);
  *inspection->mutable_fieldwork_end_date() = MakeDate(2014, 12, 17);
  return request;
}

}  // namespace yjinspect::testing
