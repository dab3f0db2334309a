#include "services/findings/recommendation_validation.h"

#include <set>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "common/field_checks.h"

namespace yjinspect::findings {
namespace {

std::string Trimmed(absl::string_view text) {
  return std::string(absl::StripAsciiWhitespace(text));
}

}  // namespace

common::FieldViolations ValidateRecommendationRequest(
    const v1::RecordRecommendationRequest& request) {
  common::FieldViolations v;
  common::CheckInspectionName(v, "inspection", request.inspection());
  if (request.recommendation_id().empty()) {
    v.Add("recommendation_id", "is required");
  } else if (!common::IsValidCaseId(request.recommendation_id())) {
    v.Add("recommendation_id", std::string(common::kCaseIdFormat));
  }
  common::CheckToken(v, "inspector_reference", request.inspector_reference(),
                     32, "-", true);
  common::CheckToken(v, "etag", request.etag(), 64, "", false);
  if (!request.has_recommendation()) {
    v.Add("recommendation", "is required");
    return v;
  }
  const v1::Recommendation& r = request.recommendation();
  common::CheckEnum(v, "recommendation.addressee",
                    v1::RecommendationAddressee_descriptor(), r.addressee());
  const std::string partner = Trimmed(r.partner_name());
  if (r.addressee() == v1::RECOMMENDATION_ADDRESSEE_OTHER_PARTNER) {
    common::CheckText(v, "recommendation.partner_name", partner,
                      kMaxPartnerNameChars, true);
  } else if (!partner.empty()) {
    v.Add("recommendation.partner_name",
          "is only for RECOMMENDATION_ADDRESSEE_OTHER_PARTNER: the other "
          "addressees are named by the report itself");
  }
  if (r.section_ids().empty()) {
    v.Add("recommendation.section_ids",
          "name at least one standard (a section id of the inspection's "
          "framework) the recommendation rests on");
  } else if (r.section_ids_size() > kMaxRecommendationSections) {
    v.Add("recommendation.section_ids",
          absl::StrCat("at most ", kMaxRecommendationSections, " standards"));
  }
  std::set<std::string> seen;
  for (int i = 0; i < r.section_ids_size(); ++i) {
    const std::string field =
        absl::StrCat("recommendation.section_ids[", i, "]");
    common::CheckToken(v, field, r.section_ids(i), 32, ".-_", true);
    if (!r.section_ids(i).empty() && !seen.insert(r.section_ids(i)).second) {
      v.Add(field, "names a standard named before");
    }
  }
  const std::string text = Trimmed(r.text());
  common::CheckText(v, "recommendation.text", text, kMaxRecommendationChars,
                    true);
  if (absl::StrContains(text, '\n') || absl::StrContains(text, '\r')) {
    v.Add("recommendation.text",
          "must be one paragraph, without line breaks: the report numbers "
          "each recommendation as one item");
  }
  return v;
}

common::FieldViolations ValidateRecommendationSections(
    const v1::Recommendation& recommendation, const v1::Framework& framework) {
  common::FieldViolations v;
  for (int i = 0; i < recommendation.section_ids_size(); ++i) {
    bool known = false;
    for (const v1::Section& s : framework.sections()) {
      known |= s.id() == recommendation.section_ids(i);
    }
    if (!known) {
      v.Add(absl::StrCat("recommendation.section_ids[", i, "]"),
            absl::StrCat("names no section of the inspection's framework (",
                         framework.id(), " version ", framework.version(),
                         "); see yjinspect show-framework"));
    }
  }
  return v;
}

v1::Recommendation RecommendationContent(const v1::Recommendation& given) {
  v1::Recommendation kept;
  kept.set_addressee(given.addressee());
  kept.set_partner_name(Trimmed(given.partner_name()));
  *kept.mutable_section_ids() = given.section_ids();
  kept.set_text(Trimmed(given.text()));
  return kept;
}

}  // namespace yjinspect::findings
