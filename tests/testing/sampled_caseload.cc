#include "tests/testing/sampled_caseload.h"

#include <algorithm>
#include <set>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "tests/testing/case_builder.h"
#include "tests/testing/unary_call.h"

namespace yjinspect::testing {

v1::CreateCaseRequest EligibleCreateCaseRequest(absl::string_view yot,
                                                absl::string_view case_id) {
  v1::CreateCaseRequest request = ValidCreateCaseRequest(yot, case_id);
  v1::Disposal* disposal = request.mutable_case_()->mutable_disposal();
  *disposal->mutable_start_date() = MakeDate(2014, 10, 1);
  *disposal->mutable_end_date() = MakeDate(2015, 6, 1);
  return request;
}

v1::CreateCaseRequest IneligibleCreateCaseRequest(absl::string_view yot,
                                                  absl::string_view case_id) {
  return ValidCreateCaseRequest(yot, case_id);
}

void SetLongOffences(v1::Case& c, int count, int chars,
                     absl::string_view variant) {
  c.clear_offences();
  for (int i = 0; i < count; ++i) {
    v1::Offence* offence = c.add_offences();
    offence->set_code("105/01");
    std::string description = absl::StrCat(variant, " offence ", i, " ");
    description.resize(static_cast<size_t>(chars), 'x');
    offence->set_description(description);
    offence->set_category(v1::OFFENCE_CATEGORY_VIOLENCE_AGAINST_THE_PERSON);
    offence->set_seriousness(5);
    offence->set_index_offence(i == 0);
  }
}

absl::StatusOr<SampledCaseload> LoadSampledCaseload(
    v1::CaseIntake::Stub& stub, const SampledCaseloadSpec& spec) {
  std::vector<std::string> all;
  for (int i = 0; i < spec.eligible + spec.ineligible; ++i) {
    const bool eligible = i < spec.eligible;
    v1::CreateCaseRequest request =
        eligible
            ? EligibleCreateCaseRequest(spec.yot, absl::StrFormat("E-%02d", i))
            : IneligibleCreateCaseRequest(
                  spec.yot, absl::StrCat("I-", i - spec.eligible));
    auto created = Call(stub, &v1::CaseIntake::Stub::CreateCase, request);
    if (!created.ok()) return created.status();
    all.push_back(created->name());
  }
  auto inspection =
      Call(stub, &v1::CaseIntake::Stub::CreateInspection,
           ValidCreateInspectionRequest(spec.inspection_id, spec.yot));
  if (!inspection.ok()) return inspection.status();
  v1::DrawSampleRequest draw;
  draw.set_name(inspection->name());
  draw.set_seed(spec.seed);
  auto drawn = Call(stub, &v1::CaseIntake::Stub::DrawSample, draw);
  if (!drawn.ok()) return drawn.status();
  SampledCaseload caseload;
  caseload.inspection = *drawn;
  caseload.sampled.assign(drawn->sample().cases().begin(),
                          drawn->sample().cases().end());
  const std::set<std::string> in_sample(caseload.sampled.begin(),
                                        caseload.sampled.end());
  for (const std::string& name : all) {
    if (in_sample.count(name) == 0) caseload.unsampled.push_back(name);
  }
  return caseload;
}

}  // namespace yjinspect::testing
