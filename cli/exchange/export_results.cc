#include "cli/exchange/export_results.h"

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"
#include "cli/client/paged.h"
#include "cli/client/rpc_client.h"
#include "common/dates.h"
#include "common/rpc/grpc_status.h"
#include "google/protobuf/descriptor.h"
#include "nlohmann/json.hpp"

namespace yjinspect::cli::exchange {
namespace {

using Json = nlohmann::json;

// RATING_STATUS_RATED -> "rated": the enum's name without its prefix, in
// lower case ("unspecified" for the zero value).
std::string Code(const google::protobuf::EnumDescriptor* descriptor, int value,
                 absl::string_view prefix) {
  const auto* v = descriptor->FindValueByNumber(value);
  if (v == nullptr) return "unknown";
  absl::string_view name = v->name();
  absl::ConsumePrefix(&name, prefix);
  return absl::AsciiStrToLower(name);
}

Json Share(const v1::Fraction& share, bool set) {
  if (!set || share.denominator() == 0) return nullptr;
  return {{"numerator", share.numerator()},
          {"denominator", share.denominator()}};
}

// How many of the applicable cases were positive, and that share, of a key
// question or a proposed finding.
template <typename Counted>
Json Proportion(const Counted& c) {
  return {{"positive", c.positive()},
          {"applicable", c.applicable()},
          {"share", Share(c.share(), c.has_share())},
          {"percent", c.percent()}};
}

// The rating a section or the whole inspection came to: computed, and
// final after any override by the panel.
template <typename Rated>
Json Rating(const Rated& r) {
  return {{"status",
           Code(v1::RatingStatus_descriptor(), r.status(), "RATING_STATUS_")},
          {"computed_rating", r.computed_rating()},
          {"final_rating", r.final_rating()},
          {"overridden", r.overridden()},
          {"override_reason", r.override_reason()}};
}

Json Criterion(const v1::CriterionCount& c) {
  Json by_value = Json::object();
  for (const auto& [value, count] : c.by_value()) by_value[value] = count;
  return {{"criterion_id", c.criterion_id()},
          {"section_id", c.section_id()},
          {"positive", c.positive()},
          {"negative", c.negative()},
          {"not_applicable", c.not_applicable()},
          {"unanswered", c.unanswered()},
          {"applicable", c.applicable()},
          {"out_of_scope", c.out_of_scope()},
          {"by_value", by_value}};
}

Json Section(const v1::SectionVerdict& s) {
  Json key_questions = Json::array();
  for (const auto& k : s.key_questions()) {
    Json key_question = Proportion(k);
    key_question.update({{"key_question", k.key_question()},
                         {"negative", k.negative()},
                         {"not_applicable", k.not_applicable()},
                         {"lowest", k.lowest()}});
    key_questions.push_back(key_question);
  }
  Json section = Rating(s);
  section.update({{"section_id", s.section_id()},
                  {"title", s.title()},
                  {"domain", s.domain()},
                  {"scoring", Code(v1::ScoringMethod_descriptor(), s.scoring(),
                                   "SCORING_METHOD_")},
                  {"cases_in_scope", s.cases_in_scope()},
                  {"share", Share(s.share(), s.has_share())},
                  {"percent", s.percent()},
                  {"key_questions", key_questions},
                  {"counted_in_overall", s.counted_in_overall()},
                  {"points", s.points()}});
  return section;
}

Json Overall(const v1::OverallRating& o) {
  Json missing = Json::array();
  for (const auto& m : o.missing_sections()) missing.push_back(m);
  Json overall = Rating(o);
  overall.update({{"score", o.score()},
                  {"max_score", o.max_score()},
                  {"missing_sections", missing}});
  return overall;
}

Json Findings(
    const google::protobuf::RepeatedPtrField<v1::ProposedFinding>& list) {
  Json out = Json::array();
  for (const auto& f : list) {
    Json finding = Proportion(f);
    finding.update({{"criterion_id", f.criterion_id()},
                    {"section_id", f.section_id()},
                    {"wording", f.wording()},
                    {"proposed", f.proposed()},
                    {"decision", Code(v1::FindingDecision_descriptor(),
                                      f.decision(), "FINDING_DECISION_")},
                    {"reason", f.reason()}});
    out.push_back(finding);
  }
  return out;
}

// The actions of `list` that answer recommendation `name`, in list order.
Json ActionsOf(const std::string& name, const std::vector<v1::Action>& list) {
  Json out = Json::array();
  const std::string prefix = name + "/actions/";
  for (const auto& a : list) {
    if (!absl::StartsWith(a.name(), prefix)) continue;
    out.push_back({{"name", a.name()},
                   {"owner_role", a.owner_role()},
                   {"description", a.description()},
                   {"due_date", common::FormatDate(a.due_date())},
                   {"status", Code(v1::ActionStatus_descriptor(), a.status(),
                                   "ACTION_STATUS_")},
                   {"dropped_reason", a.dropped_reason()}});
  }
  return out;
}

Json Recommendations(const std::vector<v1::Recommendation>& list,
                     const std::vector<v1::Action>& actions) {
  Json out = Json::array();
  for (const auto& r : list) {
    Json section_ids = Json::array();
    for (const auto& id : r.section_ids()) section_ids.push_back(id);
    out.push_back(
        {{"name", r.name()},
         {"number", r.number()},
         {"addressee", Code(v1::RecommendationAddressee_descriptor(),
                            r.addressee(), "RECOMMENDATION_ADDRESSEE_")},
         {"partner_name", r.partner_name()},
         {"section_ids", section_ids},
         {"text", r.text()},
         {"actions", ActionsOf(r.name(), actions)}});
  }
  return out;
}

// A statistic's exact value, or null with the reason it has none.
Json Statistic(const v1::AgreementStatistic& s) {
  if (!s.defined()) {
    return {{"value", nullptr},
            {"numerator", nullptr},
            {"denominator", nullptr},
            {"undefined_reason", s.undefined_reason()}};
  }
  return {{"value", s.value()},
          {"numerator", s.numerator()},
          {"denominator", s.denominator()},
          {"undefined_reason", nullptr}};
}

Json AgreementFigures(const v1::AgreementFigures& f) {
  Json categories = Json::array();
  for (const auto& c : f.categories()) {
    categories.push_back({{"answer", c.answer()},
                          {"first_marker", c.first_marker()},
                          {"second_marker", c.second_marker()}});
  }
  return {{"pairs", f.pairs()},
          {"agreeing", f.agreeing()},
          {"categories", categories},
          {"observed_agreement", Statistic(f.observed_agreement())},
          {"cohens_kappa", Statistic(f.cohens_kappa())},
          {"gwets_ac1", Statistic(f.gwets_ac1())}};
}

// The inspectors' agreement, per criterion lowest first. The figures per
// pair of inspectors stay out: they judge named staff, and are the
// inspectorate's own (`yjinspect agreement`).
Json Agreement(
    const v1::AgreementSummary& a,
    const google::protobuf::RepeatedPtrField<v1::ModerationHold>& holds) {
  Json criteria = Json::array();
  for (const auto& c : a.criteria()) {
    Json row = AgreementFigures(c.figures());
    row.update(
        {{"criterion_id", c.criterion_id()}, {"section_id", c.section_id()}});
    criteria.push_back(row);
  }
  Json held = Json::array();
  for (const auto& h : holds) {
    Json open = Json::array();
    for (const auto& c : h.open_criterion_ids()) open.push_back(c);
    held.push_back({{"case_findings", h.case_findings()},
                    {"second_marking_pending", h.second_marking_pending()},
                    {"open_criterion_ids", open}});
  }
  return {{"second_markers_assigned", a.second_markers_assigned()},
          {"second_markings_submitted", a.second_markings_submitted()},
          {"disagreements", a.disagreements()},
          {"disagreements_open", a.disagreements_open()},
          {"unpaired_answers", a.unpaired_answers()},
          {"overall", AgreementFigures(a.overall())},
          {"criteria", criteria},
          {"moderation_holds", held}};
}

}  // namespace

std::string ExportResultsJson(
    const std::string& inspection, const v1::InspectionVerdicts& verdicts,
    const std::vector<v1::Recommendation>& recommendations,
    const std::vector<v1::Action>& actions, const v1::RenderedReport& report,
    const v1::AgreementSummary& agreement) {
  Json criteria = Json::array();
  for (const auto& c : verdicts.criteria()) criteria.push_back(Criterion(c));
  Json sections = Json::array();
  for (const auto& s : verdicts.sections()) sections.push_back(Section(s));
  Json framework = {{"id", verdicts.framework_id()},
                    {"version", verdicts.framework_version()}};
  if (verdicts.has_framework_superseded()) {
    framework["superseded_by"] = verdicts.framework_superseded().by_version();
    framework["superseded_reason"] = verdicts.framework_superseded().reason();
  }
  Json out = {
      {"format", kExportFormat},
      {"inspection", inspection},
      {"framework", framework},
      {"criteria", criteria},
      {"sections", sections},
      {"overall", Overall(verdicts.overall())},
      {"strengths", Findings(verdicts.strengths())},
      {"improvements", Findings(verdicts.improvements())},
      {"recommendations", Recommendations(recommendations, actions)},
      {"agreement", Agreement(agreement, verdicts.moderation_holds())},
      {"report", {{"markdown", report.markdown()}, {"html", report.html()}}}};
  return out.dump(2);
}

absl::StatusOr<std::string> ExportResults(v1::Findings::StubInterface& stub,
                                          const std::string& inspection) {
  v1::GetVerdictsRequest verdicts_request;
  verdicts_request.set_inspection(inspection);
  v1::InspectionVerdicts verdicts;
  grpc::Status status =
      stub.GetVerdicts(Deadline().get(), verdicts_request, &verdicts);
  if (!status.ok()) return common::FromGrpcStatus(status);
  std::vector<v1::Recommendation> recommendations;
  v1::ListRecommendationsRequest list;
  list.set_parent(inspection);
  absl::Status listed =
      ForEachPage(stub, &v1::Findings::StubInterface::ListRecommendations, list,
                  [&](const v1::ListRecommendationsResponse& page) {
                    for (const auto& r : page.recommendations()) {
                      recommendations.push_back(r);
                    }
                  });
  if (!listed.ok()) return listed;
  // Every recommendation's actions: none before publication.
  std::vector<v1::Action> actions;
  v1::ListActionsRequest list_actions;
  list_actions.set_parent(absl::StrCat(inspection, "/recommendations/-"));
  listed = ForEachPage(stub, &v1::Findings::StubInterface::ListActions,
                       list_actions, [&](const v1::ListActionsResponse& page) {
                         for (const auto& a : page.actions()) {
                           actions.push_back(a);
                         }
                       });
  if (!listed.ok()) return listed;
  v1::RenderReportRequest report_request;
  report_request.set_inspection(inspection);
  v1::RenderedReport report;
  status = stub.RenderReport(Deadline().get(), report_request, &report);
  if (!status.ok()) return common::FromGrpcStatus(status);
  v1::GetAgreementRequest agreement_request;
  agreement_request.set_inspection(inspection);
  v1::AgreementSummary agreement;
  status = stub.GetAgreement(Deadline().get(), agreement_request, &agreement);
  if (!status.ok()) return common::FromGrpcStatus(status);
  return ExportResultsJson(inspection, verdicts, recommendations, actions,
                           report, agreement);
}

}  // namespace yjinspect::cli::exchange
