#pragma once

// Validation of RecordJudgements: first the request's own shape, then the
// answers against the inspection's framework and the case. Field paths are
// relative to the request ("judgements[2].answer").

#include <string>

#include "absl/strings/string_view.h"
#include "common/field_violations.h"
#include "yjinspect/v1/case.pb.h"
#include "yjinspect/v1/findings_service.pb.h"
#include "yjinspect/v1/framework.pb.h"

namespace yjinspect::findings {

inline constexpr int kMaxJudgementsPerCall = 200;
inline constexpr size_t kMaxEvidenceNoteChars = 2000;

// The fields a recording of a case's answers names it by: `inspection`,
// `case`, `inspector_reference` and `etag` (also of a second marking).
void CheckRecordingFields(common::FieldViolations& v,
                          const std::string& inspection,
                          const std::string& case_name,
                          const std::string& inspector_reference,
                          const std::string& etag);

common::FieldViolations ValidateRecordRequest(
    const v1::RecordJudgementsRequest& request);

// Each answer names a criterion of `framework` judged from case files, whose
// section applies to `c` (sampled in pool `pool_id`: a section that names
// pools covers theirs, one with a scope covers its disposals), with a value
// of its scale.
common::FieldViolations ValidateAgainstFramework(
    const v1::RecordJudgementsRequest& request, const v1::Framework& framework,
    const v1::Case& c, absl::string_view pool_id);
// The same for a victim's case sampled in pool `pool_id`: only a section
// that names that pool applies (sections with a scope, or none, judge
// children's cases).
common::FieldViolations ValidateVictimCaseAgainstFramework(
    const v1::RecordJudgementsRequest& request, const v1::Framework& framework,
    absl::string_view pool_id);

// Each answer names a staff-interview criterion of `framework` with a value
// of its scale.
common::FieldViolations ValidateInterviewAnswers(
    const google::protobuf::RepeatedPtrField<v1::Judgement>& judgements,
    const v1::Framework& framework);

}  // namespace yjinspect::findings
