#include "tests/unit/findings/report/report_fixtures.h"

#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "common/frameworks/framework_registry.h"
#include "gtest/gtest.h"
#include "services/findings/verdicts/verdict_engine.h"
#include "tests/testing/case_builder.h"

namespace yjinspect::findings::testing {
namespace {

using ::yjinspect::testing::MakeDate;

v1::InspectionVerdicts Verdicts(
    const v1::Framework& framework, const std::vector<v1::CaseAnswers>& cases,
    const std::vector<v1::PanelRating>& panel,
    const std::vector<v1::VerdictOverride>& overrides) {
  absl::StatusOr<v1::InspectionVerdicts> verdicts =
      ComputeVerdicts(framework, cases, panel, overrides);
  EXPECT_TRUE(verdicts.ok()) << verdicts.status();
  return verdicts.ok() ? *verdicts : v1::InspectionVerdicts();
}

}  // namespace

std::vector<v1::CaseAnswers> Records(
    absl::string_view prefix, int64_t count, v1::EvidenceSource source,
    v1::DisposalType disposal,
    const std::vector<std::pair<std::string, AnswerMix>>& mixes) {
  std::vector<v1::CaseAnswers> records(static_cast<size_t>(count));
  for (int64_t i = 0; i < count; ++i) {
    v1::CaseAnswers& record = records[static_cast<size_t>(i)];
    record.set_case_name(absl::StrCat(prefix, "-", i));
    record.set_source(source);
    if (source == v1::EVIDENCE_SOURCE_CASES) record.set_disposal_type(disposal);
  }
  for (const auto& [criterion, mix] : mixes) {
    size_t next = 0;
    for (const auto& [value, n] : mix) {
      for (int64_t k = 0; k < n && next < records.size(); ++k, ++next) {
        (*records[next].mutable_answers())[criterion] = value;
      }
    }
  }
  return records;
}

ReportSubject ReportCase::Subject() const {
  ReportSubject subject;
  subject.framework = framework;
  subject.inspection = &inspection;
  subject.verdicts = &verdicts;
  subject.inputs = &inputs;
  subject.cases_examined = cases_examined;
  subject.victim_cases_examined = victim_cases_examined;
  subject.staff_interviewed = staff_interviewed;
  subject.decision_order = decision_order;
  subject.recommendations = recommendations;
  subject.management_board_edition = management_board_edition;
  return subject;
}

const v1::Framework& BuiltInFramework(absl::string_view id,
                                      absl::string_view version) {
  // Loaded once: report cases point into it, and copies of them outlive
  // any one call.
  static const auto* const registry =
      new absl::StatusOr<common::FrameworkRegistry>(
          common::FrameworkRegistry::LoadBuiltIn());
  EXPECT_TRUE(registry->ok()) << registry->status();
  if (!registry->ok()) return v1::Framework::default_instance();
  const v1::Framework* framework = version.empty()
                                       ? (*registry)->Newest(id)
                                       : (*registry)->Find(id, version);
  EXPECT_NE(framework, nullptr) << id << " " << version;
  return framework == nullptr ? v1::Framework::default_instance() : *framework;
}

namespace {

v1::Inspection BoltonInspection(const v1::Framework& framework) {
  v1::Inspection inspection;
  inspection.set_name("inspections/bolton-2014");
  inspection.set_yot("yots/bolton");
  inspection.set_yot_display_name("Bolton");
  inspection.set_framework_id(framework.id());
  inspection.set_framework_version(framework.version());
  *inspection.mutable_announcement_date() = MakeDate(2014, 12, 5);
  *inspection.mutable_fieldwork_start_date() = MakeDate(2014, 12, 15);
  *inspection.mutable_fieldwork_end_date() = MakeDate(2014, 12, 17);
  return inspection;
}

v1::ReportInputs BoltonInputs() {
  v1::ReportInputs inputs;
  inputs.set_addressee(
      "Margaret Asquith, Chair of Bolton YOT Management Board and Director "
      "of Children's Services, Bolton Council");
  inputs.set_sender("Julie Fox, HM Assistant Chief Inspector");
  inputs.set_area("Bolton");
  *inputs.mutable_publication_date() = MakeDate(2015, 1, 21);
  inputs.set_lead_inspector("Yvonne McGuckian");
  inputs.set_lead_inspector_contact(
      "She can be contacted at Yvonne.McGuckian@hmiprobation.gsi.gov.uk or on "
      "07973 295475.");
  inputs.set_summary(
      "Overall, we found that there had been recent improvements to the "
      "quality of assessment and planning.\n\nThe quality of work had "
      "improved since the last inspection.");
  (*inputs.mutable_section_narratives())["2"] =
      "Assessments on the violence cases in particular were very thorough.";
  v1::ReoffendingFigures* r = inputs.mutable_reoffending();
  r->set_yot_rate_tenths(360);
  r->set_previous_year_rate_tenths(382);
  r->set_national_rate_tenths(357);
  r->set_cohort("January 2012-December 2012");
  r->set_measure("binary reoffending rates after 12 months");
  r->set_source("Ministry of Justice");
  r->set_published("October 2014");
  v1::LookedAfterFigures* l = inputs.mutable_looked_after();
  l->set_local_rate_tenths(50);
  l->set_national_rate_tenths(56);
  l->set_national_label("English average");
  l->set_source(
      "Department for Education - Offending by Looked After Children");
  l->set_published("December 2014");
  v1::CopyRecipient* head = inputs.add_copy_to();
  head->set_role("YOT Head of Service");
  head->set_name("Mick Coleman");
  v1::CopyRecipient* links = inputs.add_copy_to();
  links->set_role("YJB link staff");
  links->set_name("Malcolm Potter, Paula Williams, Linda Paris");
  return inputs;
}

}  // namespace

ReportCase BoltonCase(absl::string_view framework_id, int64_t cases_examined,
                      absl::string_view framework_version) {
  ReportCase c;
  c.framework = &BuiltInFramework(framework_id, framework_version);
  c.inspection = BoltonInspection(*c.framework);
  c.inputs = BoltonInputs();
  c.cases_examined = cases_examined;
  return c;
}

ReportCase BoltonSqs() {
  ReportCase c = BoltonCase("sqs-2014", 20);
  c.staff_interviewed = 6;
  // The criteria every case answered "yes", then the others.
  std::vector<std::pair<std::string, AnswerMix>> mixes;
  for (const char* criterion :
       {"1.1", "1.5", "1.9", "2.1", "2.6", "3.3", "4.1", "4.2", "4.3"}) {
    mixes.push_back({criterion, {{"yes", 20}}});
  }
  mixes.insert(mixes.end(), {{"1.2", {{"yes", 17}, {"no", 3}}},
                             {"1.3", {{"yes", 19}, {"no", 1}}},
                             {"1.4", {{"yes", 6}, {"na", 14}}},
                             {"1.6", {{"yes", 9}, {"no", 11}}},
                             {"1.7", {{"yes", 5}, {"na", 15}}},
                             {"1.8", {{"yes", 2}, {"no", 3}, {"na", 15}}},
                             {"1.10", {{"yes", 16}, {"no", 4}}},
                             {"1.11", {{"yes", 19}, {"no", 1}}},
                             {"2.2", {{"yes", 18}, {"na", 2}}},
                             {"2.3", {{"yes", 10}, {"no", 6}, {"na", 4}}},
                             {"2.4", {{"yes", 1}, {"no", 1}, {"na", 18}}},
                             {"2.5", {{"right", 17}, {"under_estimated", 3}}},
                             {"2.7", {{"yes", 18}, {"na", 2}}},
                             {"2.8", {{"yes", 3}, {"na", 17}}},
                             {"3.1", {{"yes", 12}, {"no", 8}}},
                             {"3.2", {{"yes", 14}, {"no", 6}}},
                             {"3.4", {{"yes", 4}, {"na", 16}}},
                             {"3.5", {{"yes", 10}, {"na", 10}}},
                             {"4.4", {{"yes", 15}, {"na", 5}}}});
  std::vector<v1::CaseAnswers> records =
      Records("BO", 20, v1::EVIDENCE_SOURCE_CASES,
              v1::DISPOSAL_TYPE_REFERRAL_ORDER, mixes);
  std::vector<v1::CaseAnswers> interviews =
      Records("interview", 6, v1::EVIDENCE_SOURCE_STAFF_INTERVIEWS,
              v1::DISPOSAL_TYPE_UNSPECIFIED,
              {{"om.1", {{"yes", 6}}},
               {"om.2", {{"yes", 6}}},
               {"om.3", {{"yes", 5}, {"no", 1}}}});
  records.insert(records.end(), interviews.begin(), interviews.end());
  v1::VerdictOverride reject;
  reject.set_target("improvement:3.1");
  reject.set_value("reject");
  reject.set_reason("Vulnerability work was improving; see 3.2.");
  reject.set_by("LI-01");
  c.verdicts = Verdicts(*c.framework, records, {}, {reject});
  return c;
}

ReportCase RatingsInspection() {
  // Version 1, as an inspection pins its version: one sample of court and
  // out-of-court cases, and resettlement rated by the panel without
  // resettlement cases, which version 2 would leave not rated.
  ReportCase c = BoltonCase("hmip-youth-2021", 36, "1");
  std::vector<std::pair<std::string, AnswerMix>> mixes;
  for (const char* standard :
       {"2.1", "2.2", "2.3", "2.4", "3.1", "3.2", "3.3"}) {
    mixes.push_back(
        {absl::StrCat(standard, "-desistance"), {{"yes", 14}, {"no", 4}}});
    mixes.push_back({absl::StrCat(standard, "-safety_and_wellbeing"),
                     {{"yes", 16}, {"no", 2}}});
    mixes.push_back({absl::StrCat(standard, "-keeping_others_safe"),
                     {{"yes", 12}, {"no", 3}, {"na", 3}}});
  }
  std::vector<v1::CaseAnswers> records =
      Records("court", 18, v1::EVIDENCE_SOURCE_CASES,
              v1::DISPOSAL_TYPE_REFERRAL_ORDER, mixes);
  std::vector<v1::CaseAnswers> ooc =
      Records("ooc", 18, v1::EVIDENCE_SOURCE_CASES,
              v1::DISPOSAL_TYPE_YOUTH_CAUTION, mixes);
  records.insert(records.end(), ooc.begin(), ooc.end());
  std::vector<v1::PanelRating> panel;
  for (const char* standard : {"1.1", "1.2", "1.3", "1.4", "3.4", "4.1"}) {
    v1::PanelRating rating;
    rating.set_section_id(standard);
    rating.set_rating("Good");
    rating.set_reason("Evidence from the panel.");
    panel.push_back(rating);
  }
  c.verdicts = Verdicts(*c.framework, records, panel, {});
  return c;
}

}  // namespace yjinspect::findings::testing
