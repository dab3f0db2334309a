#include "services/findings/judgement_validation.h"

#include <set>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "common/disposals.h"
#include "common/field_checks.h"
#include "common/frameworks/sample_pools.h"
#include "common/resource_names.h"

namespace yjinspect::findings {
namespace {

struct Found {
  const v1::Section* section = nullptr;
  const v1::Criterion* criterion = nullptr;
};

Found FindCriterion(const v1::Framework& framework, const std::string& id) {
  for (const auto& section : framework.sections()) {
    for (const auto& criterion : section.criteria()) {
      if (criterion.id() == id) return {&section, &criterion};
    }
  }
  return {};
}

const v1::AnswerScale* FindScale(const v1::Framework& framework,
                                 const std::string& id) {
  for (const auto& scale : framework.scales()) {
    if (scale.id() == id) return &scale;
  }
  return nullptr;
}

// Adds a violation when `answer` is not a value of the criterion's scale.
void CheckAnswer(const v1::Framework& framework, const v1::Criterion& criterion,
                 const v1::Judgement& j, const std::string& at,
                 common::FieldViolations& v) {
  const v1::AnswerScale* scale = FindScale(framework, criterion.scale());
  std::vector<std::string> allowed;
  bool ok = false;
  if (scale != nullptr) {
    for (const auto& value : scale->values()) {
      allowed.push_back(value.id());
      ok |= value.id() == j.answer();
    }
  }
  if (!ok) {
    v.Add(at + "answer",
          absl::StrCat("'", j.answer(), "' is not an answer to criterion ",
                       j.criterion_id(), "; one of ",
                       absl::StrJoin(allowed, ", ")));
  }
}

}  // namespace

common::FieldViolations ValidateInterviewAnswers(
    const google::protobuf::RepeatedPtrField<v1::Judgement>& judgements,
    const v1::Framework& framework) {
  common::FieldViolations v;
  for (int i = 0; i < judgements.size(); ++i) {
    const v1::Judgement& j = judgements.Get(i);
    const std::string at = absl::StrCat("judgements[", i, "].");
    Found found = FindCriterion(framework, j.criterion_id());
    if (found.criterion == nullptr ||
        found.section->evidence() != v1::EVIDENCE_SOURCE_STAFF_INTERVIEWS) {
      v.Add(at + "criterion_id",
            absl::StrCat("criterion ", j.criterion_id(),
                         " is not a staff-interview criterion of framework ",
                         framework.id(), " version ", framework.version()));
      continue;
    }
    CheckAnswer(framework, *found.criterion, j, at, v);
  }
  return v;
}

void CheckRecordingFields(common::FieldViolations& v,
                          const std::string& inspection,
                          const std::string& case_name,
                          const std::string& inspector_reference,
                          const std::string& etag) {
  common::CheckInspectionName(v, "inspection", inspection);
  common::CheckSampledRecordName(v, "case", case_name);
  common::CheckToken(v, "inspector_reference", inspector_reference, 32, "-",
                     true);
  common::CheckToken(v, "etag", etag, 64, "", false);
}

common::FieldViolations ValidateRecordRequest(
    const v1::RecordJudgementsRequest& request) {
  common::FieldViolations v;
  CheckRecordingFields(v, request.inspection(), request.case_(),
                       request.inspector_reference(), request.etag());
  if (request.judgements().empty()) {
    v.Add("judgements", "at least one judgement is required");
  } else if (request.judgements_size() > kMaxJudgementsPerCall) {
    v.Add("judgements",
          absl::StrCat("at most ", kMaxJudgementsPerCall, " per call"));
  }
  std::set<std::string> seen;
  for (int i = 0; i < request.judgements_size(); ++i) {
    const v1::Judgement& j = request.judgements(i);
    const std::string at = absl::StrCat("judgements[", i, "].");
    common::CheckToken(v, at + "criterion_id", j.criterion_id(), 64, ".-_",
                       true);
    common::CheckToken(v, at + "answer", j.answer(), 64, "-_", true);
    common::CheckText(v, at + "evidence_note", j.evidence_note(),
                      kMaxEvidenceNoteChars, false);
    if (!j.criterion_id().empty() && !seen.insert(j.criterion_id()).second) {
      v.Add(at + "criterion_id",
            absl::StrCat("criterion ", j.criterion_id(),
                         " is answered twice in this call"));
    }
  }
  return v;
}

namespace {

// A child's case `c`, or a victim's case when `c` is null.
common::FieldViolations ValidateAnswers(
    const v1::RecordJudgementsRequest& request, const v1::Framework& framework,
    const v1::Case* c, absl::string_view pool_id) {
  common::FieldViolations v;
  const bool out_of_court =
      c != nullptr && common::IsOutOfCourtDisposal(c->disposal().type());
  for (int i = 0; i < request.judgements_size(); ++i) {
    const v1::Judgement& j = request.judgements(i);
    const std::string at = absl::StrCat("judgements[", i, "].");
    Found found = FindCriterion(framework, j.criterion_id());
    if (found.criterion == nullptr) {
      v.Add(
          at + "criterion_id",
          absl::StrCat("criterion ", j.criterion_id(), " is not in framework ",
                       framework.id(), " version ", framework.version()));
      continue;
    }
    if (found.section->evidence() != v1::EVIDENCE_SOURCE_CASES) {
      v.Add(
          at + "criterion_id",
          absl::StrCat("criterion ", j.criterion_id(), " of section ",
                       found.section->id(), " is not judged from case files"));
      continue;
    }
    if (found.section->pools_size() > 0) {
      if (!common::SectionCoversPool(*found.section, pool_id)) {
        v.Add(at + "criterion_id",
              absl::StrCat("criterion ", j.criterion_id(), " of section ",
                           found.section->id(), " applies to the cases of ",
                           absl::StrJoin(found.section->pools(), ", "),
                           "; this case was sampled in ",
                           pool_id.empty() ? "no pool" : pool_id));
        continue;
      }
      CheckAnswer(framework, *found.criterion, j, at, v);
      continue;
    }
    if (c == nullptr) {
      v.Add(at + "criterion_id",
            absl::StrCat("criterion ", j.criterion_id(), " of section ",
                         found.section->id(),
                         " is judged from children's cases; this is a "
                         "victim's case"));
      continue;
    }
    const v1::CaseScope scope = found.section->scope();
    if ((scope == v1::CASE_SCOPE_COURT_DISPOSALS && out_of_court) ||
        (scope == v1::CASE_SCOPE_OUT_OF_COURT_DISPOSALS && !out_of_court)) {
      v.Add(at + "criterion_id",
            absl::StrCat("criterion ", j.criterion_id(), " applies to ",
                         out_of_court ? "court" : "out-of-court",
                         " disposals; this case's disposal is ",
                         v1::DisposalType_Name(c->disposal().type())));
      continue;
    }
    CheckAnswer(framework, *found.criterion, j, at, v);
  }
  return v;
}

}  // namespace

common::FieldViolations ValidateAgainstFramework(
    const v1::RecordJudgementsRequest& request, const v1::Framework& framework,
    const v1::Case& c, absl::string_view pool_id) {
  return ValidateAnswers(request, framework, &c, pool_id);
}

common::FieldViolations ValidateVictimCaseAgainstFramework(
    const v1::RecordJudgementsRequest& request, const v1::Framework& framework,
    absl::string_view pool_id) {
  return ValidateAnswers(request, framework, nullptr, pool_id);
}

}  // namespace yjinspect::findings
