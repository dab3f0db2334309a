#pragma once

// The command line's commands on an inspection's recommendations: record
// one (creating it, or changing it with the etag read first) and list them
// in report order.

#include <ostream>
#include <string>

#include "CLI/CLI.hpp"
#include "absl/status/statusor.h"
#include "cli/subcommand.h"
#include "yjinspect/v1/findings_service.pb.h"

namespace yjinspect::cli {

// What a user asks to record.
struct RecommendationChoice {
  std::string inspection;
  std::string id;
  // service, board, police, childrens-services, health or other.
  std::string addressee;
  // With --addressee=other: the partner's short name.
  std::string partner;
  // Section ids of the inspection's framework, as "1.1" (repeatable, or
  // comma-separated).
  std::vector<std::string> standards;
  std::string text;
  // Who records it; the global --actor when empty.
  std::string inspector;
};

// The addressee a word names: "service", "board", "police",
// "childrens-services", "health", "other"; INVALID_ARGUMENT listing them
// otherwise.
absl::StatusOr<v1::RecommendationAddressee> AddresseeNamed(
    const std::string& word);

// The request for `choice`, or INVALID_ARGUMENT saying what is missing (the
// service checks the rest: the standards, the text's length).
absl::StatusOr<v1::RecordRecommendationRequest> RecommendationRequestOf(
    const RecommendationChoice& choice, const std::string& actor);

// "1. [board-1] management board (1.1, 1.3): text  (revision 2, by insp-1)".
void PrintRecommendation(const v1::Recommendation& r, std::ostream& out);

// Adds record-recommendation and list-recommendations to `commands`.
void AddRecommendationCommands(Subcommands commands);

}  // namespace yjinspect::cli
