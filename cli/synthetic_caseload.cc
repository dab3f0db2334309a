#include "cli/synthetic_caseload.h"

#include <algorithm>
#include <array>
#include <random>
#include <utility>

#include "absl/strings/str_format.h"
#include "common/dates.h"
#include "common/disposals.h"

namespace yjinspect::cli {
namespace {

using common::AddMonths;
using common::ToDate;

// Draws from weighted choices with a fixed, portable mapping (the standard
// distributions are implementation-defined; mt19937_64 itself is not).
class Dice {
 public:
  explicit Dice(uint64_t seed) : engine_(seed) {}
  // Uniform in [0, n).
  int Below(int n) {
    return static_cast<int>(engine_() % static_cast<uint64_t>(n));
  }
  int Between(int lo, int hi) { return lo + Below(hi - lo + 1); }
  bool Chance(int percent) { return Below(100) < percent; }
  template <typename T, size_t N>
  T Pick(const std::array<std::pair<T, int>, N>& weighted) {
    int total = 0;
    for (const auto& [value, weight] : weighted) total += weight;
    int roll = Below(total);
    for (const auto& [value, weight] : weighted) {
      if (roll < weight) return value;
      roll -= weight;
    }
    return weighted.back().first;
  }
  uint64_t Raw() { return engine_(); }

 private:
  std::mt19937_64 engine_;
};

struct OffenceKind {
  const char* code;
  const char* description;
  v1::OffenceCategory category;
  int seriousness;
};

// Home Office offence codes with their usual YJB gravity scores.
constexpr std::array<OffenceKind, 22> kOffences = {{
    {"105/01", "Common assault",
     v1::OFFENCE_CATEGORY_VIOLENCE_AGAINST_THE_PERSON, 3},
    {"008/06", "Assault occasioning actual bodily harm",
     v1::OFFENCE_CATEGORY_VIOLENCE_AGAINST_THE_PERSON, 5},
    {"005/01", "Wounding with intent",
     v1::OFFENCE_CATEGORY_VIOLENCE_AGAINST_THE_PERSON, 7},
    {"010/01", "Possession of a bladed article",
     v1::OFFENCE_CATEGORY_VIOLENCE_AGAINST_THE_PERSON, 4},
    {"017/02", "Sexual assault", v1::OFFENCE_CATEGORY_SEXUAL, 6},
    {"020/01", "Sexual activity with a child", v1::OFFENCE_CATEGORY_SEXUAL, 7},
    {"034/01", "Robbery of personal property", v1::OFFENCE_CATEGORY_ROBBERY, 6},
    {"046/01", "Theft from a shop", v1::OFFENCE_CATEGORY_THEFT_AND_HANDLING, 2},
    {"049/01", "Theft from the person", v1::OFFENCE_CATEGORY_THEFT_AND_HANDLING,
     3},
    {"054/01", "Handling stolen goods", v1::OFFENCE_CATEGORY_THEFT_AND_HANDLING,
     3},
    {"028/01", "Burglary in a dwelling", v1::OFFENCE_CATEGORY_BURGLARY, 6},
    {"030/01", "Burglary other than a dwelling", v1::OFFENCE_CATEGORY_BURGLARY,
     4},
    {"058/01", "Criminal damage", v1::OFFENCE_CATEGORY_CRIMINAL_DAMAGE, 2},
    {"056/01", "Arson", v1::OFFENCE_CATEGORY_ARSON, 5},
    {"092/12", "Possession of cannabis", v1::OFFENCE_CATEGORY_DRUGS, 2},
    {"092/11", "Possession with intent to supply a class A drug",
     v1::OFFENCE_CATEGORY_DRUGS, 6},
    {"066/03", "Using threatening words or behaviour",
     v1::OFFENCE_CATEGORY_PUBLIC_ORDER, 3},
    {"804/01", "Driving while disqualified", v1::OFFENCE_CATEGORY_MOTORING, 3},
    {"037/01", "Aggravated vehicle taking", v1::OFFENCE_CATEGORY_VEHICLE_THEFT,
     4},
    {"053/10", "Fraud by false representation",
     v1::OFFENCE_CATEGORY_FRAUD_AND_FORGERY, 3},
    {"195/34", "Breach of a youth rehabilitation order",
     v1::OFFENCE_CATEGORY_BREACH_OF_STATUTORY_ORDER, 3},
    {"195/21", "Failure to surrender to bail",
     v1::OFFENCE_CATEGORY_BREACH_OF_BAIL, 2},
}};

// Relative frequency of each kOffences row among youth proven offences.
constexpr std::array<int, kOffences.size()> kOffenceWeights = {
    12, 10, 2, 5, 2, 1, 6, 10, 3, 3, 4, 3, 8, 1, 6, 3, 6, 3, 3, 1, 3, 2};

constexpr std::array<std::pair<v1::DisposalType, int>, 7> kDisposals = {{
    {v1::DISPOSAL_TYPE_COMMUNITY_RESOLUTION, 12},
    {v1::DISPOSAL_TYPE_YOUTH_CAUTION, 9},
    {v1::DISPOSAL_TYPE_YOUTH_CONDITIONAL_CAUTION, 6},
    {v1::DISPOSAL_TYPE_REFERRAL_ORDER, 33},
    {v1::DISPOSAL_TYPE_YOUTH_REHABILITATION_ORDER, 27},
    {v1::DISPOSAL_TYPE_DETENTION_AND_TRAINING_ORDER, 10},
    {v1::DISPOSAL_TYPE_LONGER_CUSTODIAL_SENTENCE, 3},
}};

constexpr std::array<std::pair<int, int>, 8> kAges = {{{10, 1},
                                                       {11, 2},
                                                       {12, 4},
                                                       {13, 8},
                                                       {14, 14},
                                                       {15, 21},
                                                       {16, 24},
                                                       {17, 26}}};

constexpr std::array<std::pair<v1::Ethnicity, int>, 6> kEthnicities = {
    {{v1::ETHNICITY_WHITE, 73},
     {v1::ETHNICITY_BLACK, 11},
     {v1::ETHNICITY_MIXED, 8},
     {v1::ETHNICITY_ASIAN, 6},
     {v1::ETHNICITY_OTHER, 1},
     {v1::ETHNICITY_NOT_KNOWN, 1}}};

constexpr std::array<const char*, 5> kOtherAuthorities = {
    "Eastfield", "Southvale", "Westbrook", "Highmoor", "Lowdale"};

bool IsCustodial(v1::DisposalType type) {
  return type == v1::DISPOSAL_TYPE_DETENTION_AND_TRAINING_ORDER ||
         type == v1::DISPOSAL_TYPE_LONGER_CUSTODIAL_SENTENCE;
}

// Length in months by disposal type, as courts and panels give them.
int LengthInMonths(v1::DisposalType type, Dice& dice) {
  switch (type) {
    case v1::DISPOSAL_TYPE_REFERRAL_ORDER:
      return std::array<int, 6>{
          3, 4, 6, 6, 9, 12}[static_cast<size_t>(dice.Below(6))];
    case v1::DISPOSAL_TYPE_YOUTH_REHABILITATION_ORDER:
      return std::array<int, 5>{6, 9, 12, 12,
                                18}[static_cast<size_t>(dice.Below(5))];
    case v1::DISPOSAL_TYPE_DETENTION_AND_TRAINING_ORDER:
      return std::array<int, 6>{
          4, 6, 8, 10, 12, 24}[static_cast<size_t>(dice.Below(6))];
    case v1::DISPOSAL_TYPE_LONGER_CUSTODIAL_SENTENCE:
      return dice.Between(30, 72);
    case v1::DISPOSAL_TYPE_YOUTH_CONDITIONAL_CAUTION:
      return 3;
    default:  // community resolution, youth caution: short voluntary work
      return dice.Between(1, 3);
  }
}

void FillChild(v1::Child& child, v1::DisposalType type, Dice& dice) {
  child.set_reference(absl::StrFormat("P%08X", dice.Raw() & 0xffffffffu));
  child.set_age_at_sentence(dice.Pick(kAges));
  child.set_gender(dice.Chance(84) ? v1::GENDER_MALE : v1::GENDER_FEMALE);
  child.set_ethnicity(dice.Pick(kEthnicities));
  int looked_after = dice.Below(100);
  if (looked_after < 11) {
    child.set_looked_after_status(v1::LOOKED_AFTER_STATUS_LOOKED_AFTER);
  } else if (looked_after < 13 && IsCustodial(type)) {
    child.set_looked_after_status(
        v1::LOOKED_AFTER_STATUS_LOOKED_AFTER_ON_REMAND);
  } else {
    child.set_looked_after_status(v1::LOOKED_AFTER_STATUS_NOT_LOOKED_AFTER);
  }
  if (child.looked_after_status() != v1::LOOKED_AFTER_STATUS_NOT_LOOKED_AFTER) {
    child.set_home_authority("Northmoor");
    child.set_host_authority(
        dice.Chance(35) ? kOtherAuthorities[static_cast<size_t>(dice.Below(5))]
                        : "Northmoor");
  }
  child.set_learning_disability(dice.Chance(30) ? v1::NEED_STATUS_IDENTIFIED
                                : dice.Chance(90)
                                    ? v1::NEED_STATUS_NOT_IDENTIFIED
                                    : v1::NEED_STATUS_NOT_KNOWN);
  int send = dice.Below(100);
  child.set_send_status(send < 18   ? v1::SEND_STATUS_EHC_PLAN
                        : send < 48 ? v1::SEND_STATUS_SEN_SUPPORT
                        : send < 95 ? v1::SEND_STATUS_NONE
                                    : v1::SEND_STATUS_NOT_KNOWN);
  child.set_speech_language_communication_needs(
      dice.Chance(55)   ? v1::NEED_STATUS_IDENTIFIED
      : dice.Chance(85) ? v1::NEED_STATUS_NOT_IDENTIFIED
                        : v1::NEED_STATUS_NOT_KNOWN);
  int ete = dice.Below(100);
  child.set_ete_status(ete < 45   ? v1::ETE_STATUS_FULL_TIME
                       : ete < 70 ? v1::ETE_STATUS_PART_TIME
                       : ete < 96 ? v1::ETE_STATUS_NONE
                                  : v1::ETE_STATUS_NOT_KNOWN);
}

void FillOffences(v1::Case& c, v1::DisposalType type, Dice& dice) {
  int count = dice.Chance(60) ? 1 : dice.Chance(70) ? 2 : 3;
  int total_weight = 0;
  for (int w : kOffenceWeights) total_weight += w;
  for (int i = 0; i < count; ++i) {
    int roll = dice.Below(total_weight);
    size_t k = 0;
    while (roll >= kOffenceWeights[k]) roll -= kOffenceWeights[k++];
    const OffenceKind& kind = kOffences[k];
    v1::Offence* offence = c.add_offences();
    offence->set_code(kind.code);
    offence->set_description(kind.description);
    offence->set_category(kind.category);
    // Custodial sentences follow the more serious offences.
    int seriousness = kind.seriousness + (IsCustodial(type) ? 2 : 0) -
                      (common::IsOutOfCourtDisposal(type) ? 1 : 0);
    offence->set_seriousness(std::clamp(seriousness, 1, 8));
  }
  // The index offence is the most serious one.
  auto most = std::max_element(c.mutable_offences()->begin(),
                               c.mutable_offences()->end(),
                               [](const v1::Offence& a, const v1::Offence& b) {
                                 return a.seriousness() < b.seriousness();
                               });
  most->set_index_offence(true);
}

void FillAssessment(v1::Case& c, v1::DisposalType type, Dice& dice) {
  int severity = IsCustodial(type)                    ? 2
                 : common::IsOutOfCourtDisposal(type) ? 0
                                                      : 1;
  v1::AssessmentOutcome* a = c.mutable_assessment();
  int likelihood = std::clamp(severity + dice.Between(-1, 1), 0, 2);
  a->set_likelihood_of_reoffending(
      static_cast<v1::ReoffendingLikelihood>(likelihood + 1));
  int harm = std::clamp(
      severity + dice.Between(-1, 1) + (dice.Chance(5) ? 1 : 0), 0, 3);
  a->set_risk_of_serious_harm(static_cast<v1::ConcernLevel>(harm + 1));
  a->set_safety_and_wellbeing(static_cast<v1::ConcernLevel>(
      std::clamp(dice.Between(0, 2) + (severity == 2 ? 1 : 0), 0, 3) + 1));
  bool sexual = false;
  bool violent = false;
  for (const auto& o : c.offences()) {
    sexual |= o.category() == v1::OFFENCE_CATEGORY_SEXUAL;
    violent |=
        o.category() == v1::OFFENCE_CATEGORY_VIOLENCE_AGAINST_THE_PERSON &&
        o.seriousness() >= 6;
  }
  v1::Mappa* mappa = a->mutable_mappa();
  if (sexual && !common::IsOutOfCourtDisposal(type)) {
    mappa->set_category(v1::MAPPA_CATEGORY_1);
    mappa->set_level(dice.Chance(80) ? v1::MAPPA_LEVEL_1 : v1::MAPPA_LEVEL_2);
  } else if (violent && IsCustodial(type)) {
    mappa->set_category(v1::MAPPA_CATEGORY_2);
    mappa->set_level(dice.Chance(70)   ? v1::MAPPA_LEVEL_1
                     : dice.Chance(85) ? v1::MAPPA_LEVEL_2
                                       : v1::MAPPA_LEVEL_3);
  } else {
    mappa->set_category(v1::MAPPA_CATEGORY_NOT_ELIGIBLE);
  }
}

v1::CreateCaseRequest GenerateCase(const CaseloadSpec& spec, int number,
                                   Dice& dice) {
  v1::CreateCaseRequest request;
  request.set_parent("yots/" + spec.yot);
  request.set_case_id(absl::StrFormat("%s-%04d", spec.case_prefix, number));
  request.set_request_id(
      absl::StrFormat("synthetic-%d-%s-%04d", spec.seed, spec.yot, number));
  v1::Case& c = *request.mutable_case_();
  c.set_yot_display_name(spec.yot_display_name);

  const v1::DisposalType type = dice.Pick(kDisposals);
  FillChild(*c.mutable_child(), type, dice);
  FillOffences(c, type, dice);

  // Started within the year before extraction and, for a current caseload,
  // not yet ended.
  const int months = LengthInMonths(type, dice);
  absl::CivilDay start = spec.as_of - dice.Between(7, 330);
  absl::CivilDay end = AddMonths(start, months);
  if (end <= spec.as_of) {
    start = spec.as_of - dice.Between(7, std::max(8, months * 28 - 1));
    end = AddMonths(start, months);
  }
  v1::Disposal* disposal = c.mutable_disposal();
  disposal->set_type(type);
  *disposal->mutable_start_date() = ToDate(start);
  *disposal->mutable_end_date() = ToDate(end);
  // A detention and training order is served half in custody.
  bool in_custody =
      (type == v1::DISPOSAL_TYPE_DETENTION_AND_TRAINING_ORDER &&
       spec.as_of < AddMonths(start, months / 2)) ||
      (type == v1::DISPOSAL_TYPE_LONGER_CUSTODIAL_SENTENCE && dice.Chance(90));
  disposal->set_setting(in_custody ? v1::SUPERVISION_SETTING_CUSTODY
                                   : v1::SUPERVISION_SETTING_COMMUNITY);
  c.mutable_child()->set_accommodation(
      in_custody        ? v1::ACCOMMODATION_STATUS_IN_CUSTODY
      : dice.Chance(90) ? v1::ACCOMMODATION_STATUS_SUITABLE
      : dice.Chance(85) ? v1::ACCOMMODATION_STATUS_UNSUITABLE
                        : v1::ACCOMMODATION_STATUS_NOT_KNOWN);

  FillAssessment(c, type, dice);
  // Court cases are assessed for the pre-sentence report or panel; the plan
  // follows within a few weeks of the start; reviews come every three months.
  const bool court = !common::IsOutOfCourtDisposal(type);
  const bool psr =
      court && (type != v1::DISPOSAL_TYPE_REFERRAL_ORDER || dice.Chance(30));
  absl::CivilDay assessed =
      court ? start - dice.Between(0, 20) : start + dice.Between(0, 5);
  if (psr) {
    *c.mutable_pre_sentence_report_date() = ToDate(start - dice.Between(1, 10));
    assessed = std::min(assessed, start - 14);
  }
  *c.mutable_assessment_date() = ToDate(assessed);
  absl::CivilDay planned = std::max(assessed, start) + dice.Between(3, 20);
  if (planned <= spec.as_of) {
    *c.mutable_plan_date() = ToDate(planned);
    for (absl::CivilDay review = AddMonths(planned, 3); review <= spec.as_of;
         review = AddMonths(review, 3)) {
      *c.add_review_dates() = ToDate(review);
    }
  }
  c.set_case_manager_reference(
      absl::StrFormat("STAFF-%02d", dice.Between(1, 12)));
  return request;
}

}  // namespace

std::vector<v1::CreateCaseRequest> GenerateCaseload(const CaseloadSpec& spec) {
  Dice dice(spec.seed);
  std::vector<v1::CreateCaseRequest> cases;
  cases.reserve(static_cast<size_t>(spec.cases));
  for (int i = 1; i <= spec.cases; ++i) {
    cases.push_back(GenerateCase(spec, i, dice));
  }
  return cases;
}

}  // namespace yjinspect::cli
