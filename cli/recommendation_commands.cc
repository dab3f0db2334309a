#include "cli/recommendation_commands.h"

#include <iostream>
#include <map>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/string_view.h"
#include "absl/strings/strip.h"
#include "cli/answer_output.h"
#include "cli/client/rpc_client.h"
#include "cli/inspection_name.h"
#include "cli/inspection_run.h"
#include "cli/named_choice.h"
#include "yjinspect/v1/findings_service.grpc.pb.h"

namespace yjinspect::cli {
namespace {

using Findings = v1::Findings::Stub;

const std::map<std::string, v1::RecommendationAddressee>& Addressees() {
  static const auto* addressees =
      new std::map<std::string, v1::RecommendationAddressee>{
          {"service", v1::RECOMMENDATION_ADDRESSEE_SERVICE},
          {"board", v1::RECOMMENDATION_ADDRESSEE_MANAGEMENT_BOARD},
          {"police", v1::RECOMMENDATION_ADDRESSEE_POLICE},
          {"childrens-services",
           v1::RECOMMENDATION_ADDRESSEE_CHILDRENS_SERVICES},
          {"health", v1::RECOMMENDATION_ADDRESSEE_HEALTH},
          {"other", v1::RECOMMENDATION_ADDRESSEE_OTHER_PARTNER},
      };
  return *addressees;
}

// RECOMMENDATION_ADDRESSEE_MANAGEMENT_BOARD -> "management board".
std::string AddresseeLabel(const v1::Recommendation& r) {
  if (r.addressee() == v1::RECOMMENDATION_ADDRESSEE_OTHER_PARTNER) {
    return r.partner_name();
  }
  std::string name(v1::RecommendationAddressee_Name(r.addressee()));
  absl::string_view label = name;
  absl::ConsumePrefix(&label, "RECOMMENDATION_ADDRESSEE_");
  std::string words = absl::AsciiStrToLower(label);
  for (char& c : words) c = c == '_' ? ' ' : c;
  return words;
}

void PrintText(const v1::Recommendation& r) {
  PrintRecommendation(r, std::cout);
}

int Record(const GlobalOptions& global, const RecommendationChoice& choice) {
  absl::StatusOr<v1::RecordRecommendationRequest> request =
      RecommendationRequestOf(choice, global.actor);
  if (!request.ok()) return ReportUsageFailure(request.status().message());
  Findings stub(Connect(global.findings));
  return PrintAnswerAsJsonOr(RecordRecommendationAsRead(stub, *request),
                             global.json, PrintText);
}

int List(const GlobalOptions& global, const std::string& inspection) {
  v1::ListRecommendationsRequest request;
  request.set_parent(InspectionName(inspection));
  return PrintEveryItem(global.findings, &Findings::ListRecommendations,
                        request,
                        &v1::ListRecommendationsResponse::recommendations,
                        global.json, PrintText);
}

}  // namespace

absl::StatusOr<v1::RecommendationAddressee> AddresseeNamed(
    const std::string& word) {
  return ValueNamed(Addressees(), "--addressee", word);
}

absl::StatusOr<v1::RecordRecommendationRequest> RecommendationRequestOf(
    const RecommendationChoice& choice, const std::string& actor) {
  const std::string& inspector =
      choice.inspector.empty() ? actor : choice.inspector;
  if (inspector.empty()) {
    return absl::InvalidArgumentError(
        "a recommendation records who made it: give --inspector or --actor");
  }
  v1::RecordRecommendationRequest request;
  request.set_inspection(InspectionName(choice.inspection));
  request.set_recommendation_id(choice.id);
  request.set_inspector_reference(inspector);
  v1::Recommendation& r = *request.mutable_recommendation();
  absl::StatusOr<v1::RecommendationAddressee> addressee =
      AddresseeNamed(choice.addressee);
  if (!addressee.ok()) return addressee.status();
  r.set_addressee(*addressee);
  r.set_partner_name(choice.partner);
  for (const std::string& standard : choice.standards) {
    r.add_section_ids(standard);
  }
  r.set_text(choice.text);
  return request;
}

void PrintRecommendation(const v1::Recommendation& r, std::ostream& out) {
  absl::string_view id = r.name();
  if (const size_t slash = id.rfind('/'); slash != absl::string_view::npos) {
    id.remove_prefix(slash + 1);
  }
  out << r.number() << ". [" << id << "] " << AddresseeLabel(r) << " ("
      << absl::StrJoin(r.section_ids(), ", ") << "): " << r.text()
      << "  (revision " << r.revision() << ", by " << r.inspector_reference()
      << ")\n";
}

void AddRecommendationCommands(Subcommands commands) {
  auto [record, choice] = commands.Add(
      "record-recommendation",
      "Record one of the report's recommendations (ratings frameworks), or "
      "change it: its current etag is read first, so recording the same "
      "recommendation again changes nothing. Refused once the verdicts are "
      "agreed. Prints it as stored.",
      Record);
  AddInspectionArgument(*record, "inspection", &choice->inspection);
  record->add_option("--id", choice->id, "the recommendation's id, as board-1")
      ->required();
  record
      ->add_option("--addressee", choice->addressee,
                   "service, board, police, childrens-services, health or "
                   "other")
      ->required();
  record->add_option("--partner", choice->partner,
                     "with --addressee=other: the partner's short name");
  record
      ->add_option("--standard", choice->standards,
                   "a section id it rests on, as 1.1 (repeat, or separate "
                   "with commas)")
      ->delimiter(',')
      ->required();
  record->add_option("--text", choice->text, "what the addressee should do")
      ->required();
  record->add_option("--inspector", choice->inspector,
                     "who records it (default: --actor)");

  auto [list, inspection] = commands.Add(
      "list-recommendations",
      "List an inspection's recommendations in report order, one a line.",
      List);
  AddInspectionArgument(*list, "inspection", inspection);
}

}  // namespace yjinspect::cli
