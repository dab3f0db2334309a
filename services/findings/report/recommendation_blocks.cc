#include "services/findings/report/recommendation_blocks.h"

#include <algorithm>
#include <utility>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"

namespace yjinspect::findings {
namespace {

// "(standard 1.1)", "(standards 1.1 and 2.1)", "(standards 1.1, 1.2 and
// 2.1)".
std::string Standards(const v1::Recommendation& r) {
  std::vector<std::string> ids(r.section_ids().begin(), r.section_ids().end());
  if (ids.empty()) return "";
  if (ids.size() == 1) return absl::StrCat("(standard ", ids[0], ")");
  const std::string last = ids.back();
  ids.pop_back();
  return absl::StrCat("(standards ", absl::StrJoin(ids, ", "), " and ", last,
                      ")");
}

}  // namespace

std::string AddresseeInWords(const v1::Recommendation& recommendation,
                             absl::string_view yot) {
  switch (recommendation.addressee()) {
    case v1::RECOMMENDATION_ADDRESSEE_SERVICE:
      return std::string(yot);
    case v1::RECOMMENDATION_ADDRESSEE_MANAGEMENT_BOARD:
      return "The management board";
    case v1::RECOMMENDATION_ADDRESSEE_POLICE:
      return "The police";
    case v1::RECOMMENDATION_ADDRESSEE_CHILDRENS_SERVICES:
      return "Children's services";
    case v1::RECOMMENDATION_ADDRESSEE_HEALTH:
      return "Health services";
    case v1::RECOMMENDATION_ADDRESSEE_OTHER_PARTNER:
      return recommendation.partner_name();
    default:
      // Stored recommendations always have an addressee; a value from a
      // newer build is named as the service's partner rather than dropped.
      return "Partners";
  }
}

std::vector<Block> RecommendationBlocks(
    std::vector<v1::Recommendation> recommendations, absl::string_view yot) {
  if (recommendations.empty()) return {};
  std::stable_sort(
      recommendations.begin(), recommendations.end(),
      [](const v1::Recommendation& a, const v1::Recommendation& b) {
        return a.number() < b.number();
      });
  std::vector<Inline> items;
  for (size_t i = 0; i < recommendations.size(); ++i) {
    const v1::Recommendation& r = recommendations[i];
    // Numbered by position, so the list reads 1, 2, 3 whatever the stored
    // numbers (they are dense too, but the report must never skip).
    items.push_back(
        {Run{RunStyle::kNumber, absl::StrCat(i + 1, ".")},
         Run{RunStyle::kPlain, " "},
         Run{RunStyle::kStrong, absl::StrCat(AddresseeInWords(r, yot), ":")},
         Run{RunStyle::kPlain,
             absl::StrCat(" ", r.text(), " ", Standards(r))}});
  }
  return {BulletList(std::move(items), "recommendations")};
}

}  // namespace yjinspect::findings
