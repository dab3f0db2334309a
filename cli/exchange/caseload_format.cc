#include "cli/exchange/caseload_format.h"

#include <map>
#include <utility>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "absl/types/span.h"
#include "common/dates.h"

namespace yjinspect::cli::exchange {
namespace {

struct Code {
  const char* code;
  int value;
};
constexpr Code kGender[] = {{"m", v1::GENDER_MALE},
                            {"f", v1::GENDER_FEMALE},
                            {"other", v1::GENDER_OTHER},
                            {"not_known", v1::GENDER_NOT_KNOWN}};
constexpr Code kEthnicity[] = {
    {"white", v1::ETHNICITY_WHITE}, {"mixed", v1::ETHNICITY_MIXED},
    {"asian", v1::ETHNICITY_ASIAN}, {"black", v1::ETHNICITY_BLACK},
    {"other", v1::ETHNICITY_OTHER}, {"not_known", v1::ETHNICITY_NOT_KNOWN}};
constexpr Code kLookedAfter[] = {
    {"no", v1::LOOKED_AFTER_STATUS_NOT_LOOKED_AFTER},
    {"yes", v1::LOOKED_AFTER_STATUS_LOOKED_AFTER},
    {"remand", v1::LOOKED_AFTER_STATUS_LOOKED_AFTER_ON_REMAND}};
constexpr Code kNeed[] = {{"yes", v1::NEED_STATUS_IDENTIFIED},
                          {"no", v1::NEED_STATUS_NOT_IDENTIFIED},
                          {"not_known", v1::NEED_STATUS_NOT_KNOWN}};
constexpr Code kSend[] = {{"none", v1::SEND_STATUS_NONE},
                          {"sen_support", v1::SEND_STATUS_SEN_SUPPORT},
                          {"ehcp", v1::SEND_STATUS_EHC_PLAN},
                          {"not_known", v1::SEND_STATUS_NOT_KNOWN}};
constexpr Code kEte[] = {{"full_time", v1::ETE_STATUS_FULL_TIME},
                         {"part_time", v1::ETE_STATUS_PART_TIME},
                         {"none", v1::ETE_STATUS_NONE},
                         {"not_known", v1::ETE_STATUS_NOT_KNOWN}};
constexpr Code kAccommodation[] = {
    {"suitable", v1::ACCOMMODATION_STATUS_SUITABLE},
    {"unsuitable", v1::ACCOMMODATION_STATUS_UNSUITABLE},
    {"custody", v1::ACCOMMODATION_STATUS_IN_CUSTODY},
    {"not_known", v1::ACCOMMODATION_STATUS_NOT_KNOWN}};
constexpr Code kCategory[] = {
    {"violence", v1::OFFENCE_CATEGORY_VIOLENCE_AGAINST_THE_PERSON},
    {"sexual", v1::OFFENCE_CATEGORY_SEXUAL},
    {"robbery", v1::OFFENCE_CATEGORY_ROBBERY},
    {"theft", v1::OFFENCE_CATEGORY_THEFT_AND_HANDLING},
    {"burglary", v1::OFFENCE_CATEGORY_BURGLARY},
    {"criminal_damage", v1::OFFENCE_CATEGORY_CRIMINAL_DAMAGE},
    {"drugs", v1::OFFENCE_CATEGORY_DRUGS},
    {"motoring", v1::OFFENCE_CATEGORY_MOTORING},
    {"public_order", v1::OFFENCE_CATEGORY_PUBLIC_ORDER},
    {"breach_of_order", v1::OFFENCE_CATEGORY_BREACH_OF_STATUTORY_ORDER},
    {"fraud", v1::OFFENCE_CATEGORY_FRAUD_AND_FORGERY},
    {"arson", v1::OFFENCE_CATEGORY_ARSON},
    {"vehicle_theft", v1::OFFENCE_CATEGORY_VEHICLE_THEFT},
    {"breach_of_bail", v1::OFFENCE_CATEGORY_BREACH_OF_BAIL},
    {"other", v1::OFFENCE_CATEGORY_OTHER}};
constexpr Code kDisposal[] = {
    {"community_resolution", v1::DISPOSAL_TYPE_COMMUNITY_RESOLUTION},
    {"youth_caution", v1::DISPOSAL_TYPE_YOUTH_CAUTION},
    {"youth_conditional_caution", v1::DISPOSAL_TYPE_YOUTH_CONDITIONAL_CAUTION},
    {"referral_order", v1::DISPOSAL_TYPE_REFERRAL_ORDER},
    {"yro", v1::DISPOSAL_TYPE_YOUTH_REHABILITATION_ORDER},
    {"dto", v1::DISPOSAL_TYPE_DETENTION_AND_TRAINING_ORDER},
    {"longer_custodial", v1::DISPOSAL_TYPE_LONGER_CUSTODIAL_SENTENCE}};
constexpr Code kSetting[] = {{"community", v1::SUPERVISION_SETTING_COMMUNITY},
                             {"custody", v1::SUPERVISION_SETTING_CUSTODY}};
constexpr Code kLikelihood[] = {{"low", v1::REOFFENDING_LIKELIHOOD_LOW},
                                {"medium", v1::REOFFENDING_LIKELIHOOD_MEDIUM},
                                {"high", v1::REOFFENDING_LIKELIHOOD_HIGH}};
constexpr Code kConcern[] = {{"low", v1::CONCERN_LEVEL_LOW},
                             {"medium", v1::CONCERN_LEVEL_MEDIUM},
                             {"high", v1::CONCERN_LEVEL_HIGH},
                             {"very_high", v1::CONCERN_LEVEL_VERY_HIGH}};
constexpr Code kMappaCategory[] = {
    {"not_eligible", v1::MAPPA_CATEGORY_NOT_ELIGIBLE},
    {"1", v1::MAPPA_CATEGORY_1},
    {"2", v1::MAPPA_CATEGORY_2},
    {"3", v1::MAPPA_CATEGORY_3}};
constexpr Code kMappaLevel[] = {{"1", v1::MAPPA_LEVEL_1},
                                {"2", v1::MAPPA_LEVEL_2},
                                {"3", v1::MAPPA_LEVEL_3}};

// Every key of a case other than the offences' (CSV columns too).
constexpr const char* kCaseKeys[] = {"yot_code",
                                     "yot_name",
                                     "case_reference",
                                     "child_reference",
                                     "age_at_sentence",
                                     "gender",
                                     "ethnicity",
                                     "looked_after",
                                     "home_authority",
                                     "host_authority",
                                     "learning_disability",
                                     "send",
                                     "slcn",
                                     "ete",
                                     "accommodation",
                                     "disposal_type",
                                     "disposal_start",
                                     "disposal_end",
                                     "setting",
                                     "likelihood_of_reoffending",
                                     "risk_of_serious_harm",
                                     "safety_and_wellbeing",
                                     "mappa_category",
                                     "mappa_level",
                                     "assessment_date",
                                     "plan_date",
                                     "review_dates",
                                     "psr_date",
                                     "case_manager_reference"};
constexpr const char* kOffenceKeys[] = {"code", "description", "category",
                                        "seriousness", "index"};

constexpr const char* kIdentifying[] = {
    "name",          "firstname",  "firstnames", "forename",
    "forenames",     "givenname",  "middlename", "surname",
    "lastname",      "familyname", "fullname",   "childname",
    "preferredname", "alias",      "dob",        "dateofbirth",
    "birthdate",     "birthday",   "address",    "postcode",
    "zipcode",       "street",     "nhsnumber",  "upn",
    "uln",           "pncid",      "pncnumber",  "nationalinsurancenumber",
    "email",         "phone",      "telephone"};

}  // namespace

bool IsCaseKey(absl::string_view key) {
  for (const char* k : kCaseKeys) {
    if (key == k) return true;
  }
  return false;
}

bool IsOffenceKey(absl::string_view key) {
  for (const char* k : kOffenceKeys) {
    if (key == k) return true;
  }
  return false;
}

// "offence_3_code" -> {3, "code"}; nullopt for any other key.
std::optional<std::pair<int, std::string>> SplitOffenceColumn(
    absl::string_view key) {
  if (!absl::ConsumePrefix(&key, "offence_")) return std::nullopt;
  size_t underscore = key.find('_');
  int n = 0;
  if (underscore == absl::string_view::npos ||
      !absl::SimpleAtoi(key.substr(0, underscore), &n) || n < 1 ||
      n > kMaxOffenceColumns || !IsOffenceKey(key.substr(underscore + 1))) {
    return std::nullopt;
  }
  return std::pair{n, std::string(key.substr(underscore + 1))};
}

std::string OffenceField(int n, absl::string_view sub, CaseloadFormat format) {
  return format == CaseloadFormat::kCsv
             ? absl::StrCat("offence_", n, "_", sub)
             : absl::StrCat("offences[", n - 1, "].", sub);
}

namespace {

// Reads one flat row into a request, adding a problem for each bad key.
class RowReader {
 public:
  RowReader(int line, const ExchangeRow& row, CaseloadFormat format,
            std::vector<RowProblem>& problems)
      : line_(line), row_(row), format_(format), problems_(problems) {}

  void Problem(std::string field, std::string reason) {
    problems_.push_back({line_, std::move(field), std::move(reason)});
  }
  std::string Text(const std::string& key, bool required) {
    auto it = row_.find(key);
    if (it != row_.end()) return it->second;
    if (required) Problem(Display(key), "is required");
    return "";
  }
  int Enum(const std::string& key, absl::Span<const Code> codes,
           bool required) {
    std::string text = Text(key, required);
    if (text.empty()) return 0;
    std::vector<std::string> accepted;
    for (const Code& c : codes) {
      if (text == c.code) return c.value;
      accepted.push_back(c.code);
    }
    Problem(Display(key), absl::StrCat("unknown code; accepted: ",
                                       absl::StrJoin(accepted, ", ")));
    return 0;
  }
  int Integer(const std::string& key) {
    std::string text = Text(key, true);
    int value = 0;
    if (!text.empty() && !absl::SimpleAtoi(text, &value)) {
      Problem(Display(key), "must be a whole number");
    }
    return value;
  }
  bool Boolean(const std::string& key) {
    std::string text = Text(key, false);
    if (text.empty() || text == "false") return false;
    if (text != "true") Problem(Display(key), "must be true or false");
    return text == "true";
  }
  void Date(const std::string& field, absl::string_view text,
            google::type::Date* out) {
    auto day = common::ParseIsoDate(text);
    if (!day) {
      Problem(field, "must be a real calendar date YYYY-MM-DD");
      return;
    }
    *out = common::ToDate(*day);
  }
  void Date(const std::string& key, bool required, google::type::Date* out) {
    std::string text = Text(key, required);
    if (!text.empty()) Date(Display(key), text, out);
  }
  std::string Display(const std::string& key) const {
    auto offence = SplitOffenceColumn(key);
    return offence ? OffenceField(offence->first, offence->second, format_)
                   : key;
  }
  bool Has(const std::string& key) const { return row_.count(key) > 0; }

 private:
  int line_;
  const ExchangeRow& row_;
  CaseloadFormat format_;
  std::vector<RowProblem>& problems_;
};

template <typename E>
E As(int value) {
  return static_cast<E>(value);
}

}  // namespace

bool ReadCaseRow(int line, const ExchangeRow& row, CaseloadFormat format,
                 std::vector<RowProblem>& problems,
                 v1::CreateCaseRequest& out) {
  size_t before = problems.size();
  RowReader r(line, row, format, problems);
  out.set_parent("yots/" + r.Text("yot_code", true));
  out.set_case_id(r.Text("case_reference", true));
  v1::Case& c = *out.mutable_case_();
  c.set_yot_display_name(r.Text("yot_name", false));
  v1::Child& child = *c.mutable_child();
  child.set_reference(r.Text("child_reference", true));
  child.set_age_at_sentence(r.Integer("age_at_sentence"));
  child.set_gender(As<v1::Gender>(r.Enum("gender", kGender, true)));
  child.set_ethnicity(As<v1::Ethnicity>(r.Enum("ethnicity", kEthnicity, true)));
  child.set_looked_after_status(
      As<v1::LookedAfterStatus>(r.Enum("looked_after", kLookedAfter, true)));
  child.set_home_authority(r.Text("home_authority", false));
  child.set_host_authority(r.Text("host_authority", false));
  child.set_learning_disability(
      As<v1::NeedStatus>(r.Enum("learning_disability", kNeed, true)));
  child.set_send_status(As<v1::SendStatus>(r.Enum("send", kSend, true)));
  child.set_speech_language_communication_needs(
      As<v1::NeedStatus>(r.Enum("slcn", kNeed, true)));
  child.set_ete_status(As<v1::EteStatus>(r.Enum("ete", kEte, true)));
  child.set_accommodation(As<v1::AccommodationStatus>(
      r.Enum("accommodation", kAccommodation, true)));

  for (int n = 1; n <= kMaxOffenceColumns; ++n) {
    auto key = [n](const char* sub) {
      return absl::StrCat("offence_", n, "_", sub);
    };
    bool present = false;
    for (const char* sub : kOffenceKeys) present = present || r.Has(key(sub));
    if (!present) continue;
    v1::Offence& o = *c.add_offences();
    o.set_code(r.Text(key("code"), true));
    o.set_description(r.Text(key("description"), false));
    o.set_category(
        As<v1::OffenceCategory>(r.Enum(key("category"), kCategory, true)));
    o.set_seriousness(r.Integer(key("seriousness")));
    o.set_index_offence(r.Boolean(key("index")));
  }
  if (c.offences().empty())
    r.Problem("offences", "at least one offence is required");

  v1::Disposal& d = *c.mutable_disposal();
  d.set_type(As<v1::DisposalType>(r.Enum("disposal_type", kDisposal, true)));
  r.Date("disposal_start", true, d.mutable_start_date());
  r.Date("disposal_end", true, d.mutable_end_date());
  d.set_setting(As<v1::SupervisionSetting>(r.Enum("setting", kSetting, true)));

  v1::AssessmentOutcome& a = *c.mutable_assessment();
  a.set_likelihood_of_reoffending(As<v1::ReoffendingLikelihood>(
      r.Enum("likelihood_of_reoffending", kLikelihood, true)));
  a.set_risk_of_serious_harm(
      As<v1::ConcernLevel>(r.Enum("risk_of_serious_harm", kConcern, true)));
  a.set_safety_and_wellbeing(
      As<v1::ConcernLevel>(r.Enum("safety_and_wellbeing", kConcern, true)));
  a.mutable_mappa()->set_category(
      As<v1::MappaCategory>(r.Enum("mappa_category", kMappaCategory, true)));
  a.mutable_mappa()->set_level(
      As<v1::MappaLevel>(r.Enum("mappa_level", kMappaLevel, false)));

  r.Date("assessment_date", true, c.mutable_assessment_date());
  if (r.Has("plan_date")) r.Date("plan_date", false, c.mutable_plan_date());
  std::string reviews = r.Text("review_dates", false);
  if (!reviews.empty()) {
    std::vector<std::string> dates = absl::StrSplit(reviews, ';');
    for (size_t i = 0; i < dates.size(); ++i) {
      r.Date(absl::StrCat("review_dates[", i, "]"), dates[i],
             c.add_review_dates());
    }
  }
  if (r.Has("psr_date")) {
    r.Date("psr_date", false, c.mutable_pre_sentence_report_date());
  }
  c.set_case_manager_reference(r.Text("case_manager_reference", true));
  return problems.size() == before;
}

std::optional<CaseloadFormat> ParseFormatName(absl::string_view name) {
  if (name == "jsonl") return CaseloadFormat::kJsonLines;
  if (name == "csv") return CaseloadFormat::kCsv;
  return std::nullopt;
}

std::optional<CaseloadFormat> FormatOfPath(absl::string_view path) {
  std::string lower = absl::AsciiStrToLower(path);
  if (absl::EndsWith(lower, ".csv")) return CaseloadFormat::kCsv;
  for (const char* ext : {".jsonl", ".ndjson", ".json"}) {
    if (absl::EndsWith(lower, ext)) return CaseloadFormat::kJsonLines;
  }
  return std::nullopt;
}

bool IsIdentifyingColumn(absl::string_view column) {
  std::string folded;
  for (char c : column) {
    if (c == ' ' || c == '_' || c == '-' || c == '.') continue;
    folded += absl::ascii_tolower(static_cast<unsigned char>(c));
  }
  for (const char* name : kIdentifying) {
    if (folded == name) return true;
  }
  // "address_line_1", "home_address", "child_dob", "childs_surname", ...
  for (const char* part : {"address", "dateofbirth", "surname", "forename"}) {
    if (absl::StrContains(folded, part)) return true;
  }
  return absl::StartsWith(folded, "dob") || absl::EndsWith(folded, "dob");
}

std::string ExchangeField(absl::string_view path, CaseloadFormat format) {
  static const std::map<std::string, std::string, std::less<>> kByPath = {
      {"parent", "yot_code"},
      {"case_id", "case_reference"},
      {"case.yot_display_name", "yot_name"},
      {"case.child.reference", "child_reference"},
      {"case.child.age_at_sentence", "age_at_sentence"},
      {"case.child.gender", "gender"},
      {"case.child.ethnicity", "ethnicity"},
      {"case.child.looked_after_status", "looked_after"},
      {"case.child.home_authority", "home_authority"},
      {"case.child.host_authority", "host_authority"},
      {"case.child.learning_disability", "learning_disability"},
      {"case.child.send_status", "send"},
      {"case.child.speech_language_communication_needs", "slcn"},
      {"case.child.ete_status", "ete"},
      {"case.child.accommodation", "accommodation"},
      {"case.offences", "offences"},
      {"case.disposal.type", "disposal_type"},
      {"case.disposal.start_date", "disposal_start"},
      {"case.disposal.end_date", "disposal_end"},
      {"case.disposal.setting", "setting"},
      {"case.assessment.likelihood_of_reoffending",
       "likelihood_of_reoffending"},
      {"case.assessment.risk_of_serious_harm", "risk_of_serious_harm"},
      {"case.assessment.safety_and_wellbeing", "safety_and_wellbeing"},
      {"case.assessment.mappa", "mappa_category"},
      {"case.assessment.mappa.category", "mappa_category"},
      {"case.assessment.mappa.level", "mappa_level"},
      {"case.assessment_date", "assessment_date"},
      {"case.plan_date", "plan_date"},
      {"case.review_dates", "review_dates"},
      {"case.pre_sentence_report_date", "psr_date"},
      {"case.case_manager_reference", "case_manager_reference"}};
  auto it = kByPath.find(path);
  if (it != kByPath.end()) return it->second;
  absl::string_view rest = path;
  if (absl::ConsumePrefix(&rest, "case.review_dates")) {
    return absl::StrCat("review_dates", rest);
  }
  // "case.offences[1].index_offence" -> offence 2, "index".
  if (absl::ConsumePrefix(&rest, "case.offences[")) {
    size_t close = rest.find("].");
    int i = 0;
    if (close != absl::string_view::npos &&
        absl::SimpleAtoi(rest.substr(0, close), &i)) {
      absl::string_view sub = rest.substr(close + 2);
      if (sub == "index_offence") sub = "index";
      return OffenceField(i + 1, sub, format);
    }
  }
  return std::string(path);
}

}  // namespace yjinspect::cli::exchange
