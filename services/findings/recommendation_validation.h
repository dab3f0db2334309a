#pragma once

// Validation of RecordRecommendation: the request's own shape first, then
// the standards it names against the inspection's framework. Field paths
// are relative to the request ("recommendation.section_ids[1]"). Pure.

#include <string>

#include "common/field_violations.h"
#include "yjinspect/v1/findings_service.pb.h"
#include "yjinspect/v1/framework.pb.h"
#include "yjinspect/v1/recommendation.pb.h"

namespace yjinspect::findings {

// A report's recommendation is one paragraph, not an essay.
inline constexpr size_t kMaxRecommendationChars = 1000;
inline constexpr size_t kMaxPartnerNameChars = 100;
inline constexpr int kMaxRecommendationSections = 20;

// The inspection name, the recommendation id, the inspector reference, the
// etag's form, and the recommendation: an addressee, a partner name exactly
// when the addressee is another partner, 1 to 20 distinct section ids, and
// text of 1 to 1000 characters once trimmed, without line breaks.
common::FieldViolations ValidateRecommendationRequest(
    const v1::RecordRecommendationRequest& request);

// Each of the recommendation's section ids names a section of `framework`.
common::FieldViolations ValidateRecommendationSections(
    const v1::Recommendation& recommendation, const v1::Framework& framework);

// What is kept of a recommendation as given: its addressee, partner name
// and text trimmed of surrounding white space, and its section ids; no
// output-only field.
v1::Recommendation RecommendationContent(const v1::Recommendation& given);

}  // namespace yjinspect::findings
