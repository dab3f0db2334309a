#pragma once

// The recommendations of a ratings report, as a numbered list: each with
// its addressee in words, its text, and the standards it rests on. Pure.

#include <string>
#include <vector>

#include "absl/strings/string_view.h"
#include "services/findings/report/report_document.h"
#include "yjinspect/v1/recommendation.pb.h"

namespace yjinspect::findings {

// Who the recommendation is for, as the report names it: the YOT's name
// `yot` for the service itself, "The management board", "The police",
// "Children's services", "Health services", or the partner's own name.
std::string AddresseeInWords(const v1::Recommendation& recommendation,
                             absl::string_view yot);

// One list item per recommendation, in number order whatever the order
// given: "1. The management board: Make sure ... (standard 1.1)". The
// number is set as a number, the addressee strong. No block for none.
std::vector<Block> RecommendationBlocks(
    std::vector<v1::Recommendation> recommendations, absl::string_view yot);

}  // namespace yjinspect::findings
