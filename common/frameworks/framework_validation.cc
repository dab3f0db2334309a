#include "common/frameworks/framework_validation.h"

#include <map>
#include <set>
#include <string>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "common/frameworks/located_problems.h"
#include "common/frameworks/numeric_rules.h"
#include "common/frameworks/pool_rules.h"

namespace yjinspect::common {
namespace {

using frameworks_internal::Location;
using frameworks_internal::Node;
using frameworks_internal::Problems;
using frameworks_internal::Quote;

bool IsLowerOrDigit(char c) {
  return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
}

// 1 to `max_size` characters: lower-case letters, digits and `extra`, the
// first a letter (or also a digit when `digit_first`).
bool IsToken(absl::string_view value, size_t max_size, absl::string_view extra,
             bool digit_first) {
  if (value.empty() || value.size() > max_size) return false;
  const char first = value.front();
  if (!(first >= 'a' && first <= 'z') &&
      !(digit_first && first >= '0' && first <= '9')) {
    return false;
  }
  for (char c : value) {
    if (!IsLowerOrDigit(c) && extra.find(c) == absl::string_view::npos) {
      return false;
    }
  }
  return true;
}

constexpr absl::string_view kItemIdFormat =
    "must be 1 to 64 lower-case letters, digits, '.', '-' or '_', starting "
    "with a letter or digit";
constexpr absl::string_view kIdFormat =
    "must be 1 to 64 lower-case letters, digits or '_', starting with a "
    "letter";

bool IsItemId(absl::string_view id) { return IsToken(id, 64, ".-_", true); }
bool IsName(absl::string_view id) { return IsToken(id, 64, "_", false); }

class Validator {
 public:
  Validator(const v1::Framework& framework, absl::string_view file_name,
            const google::protobuf::TextFormat::ParseInfoTree* locations)
      : f_(framework),
        problems_(file_name),
        root_(v1::Framework::descriptor(), locations, Location{}) {}

  absl::Status Run() {
    CheckHeader();
    CheckScales();
    CheckKeyQuestions();
    frameworks_internal::NumericRules numbers(f_, root_, problems_);
    pools_.CheckPools(numbers);
    for (int i = 0; i < f_.sections_size(); ++i) {
      CheckSection(f_.sections(i), root_.Child("sections", i));
    }
    numbers.CheckThresholds(first_share_section_);
    numbers.CheckRating(first_rated_section_, counted_sections_);
    return problems_.ToStatus();
  }

 private:
  // A field of the framework's header that is required and must be well
  // formed (`rule` says how).
  void CheckHeaderToken(absl::string_view field, const std::string& value,
                        bool well_formed, absl::string_view rule) {
    if (value.empty()) {
      problems_.Add(root_.self(), absl::StrCat(field, " is required"));
    } else if (!well_formed) {
      problems_.Add(root_.At(field),
                    absl::StrCat(field, " ", Quote(value), " ", rule));
    }
  }

  void CheckHeader() {
    CheckHeaderToken("id", f_.id(), IsToken(f_.id(), 63, "-", false),
                     "must be a lower-case letter, then up to 62 lower-case "
                     "letters, digits or '-'");
    CheckHeaderToken("version", f_.version(),
                     IsToken(f_.version(), 16, "-", true),
                     "must be 1 to 16 lower-case letters, digits or '-', "
                     "starting with a letter or digit");
    if (f_.title().empty()) problems_.Add(root_.self(), "title is required");
    for (int i = 0; i < f_.supersedes_size(); ++i) {
      const v1::Supersession& earlier = f_.supersedes(i);
      const Node node = root_.Child("supersedes", i);
      if (!IsToken(earlier.version(), 16, "-", true)) {
        problems_.Add(node.self(), absl::StrCat("supersedes: version ",
                                                Quote(earlier.version()),
                                                " is not a framework version"));
      }
      if (absl::StripAsciiWhitespace(earlier.reason()).empty()) {
        problems_.Add(
            node.self(),
            absl::StrCat("supersedes version ", Quote(earlier.version()),
                         ": reason is required (what was wrong "
                         "with it)"));
      }
    }
  }

  // An id must be well formed and defined once; `record` notes a well-formed
  // id and answers whether it was new.
  template <typename Record>
  void CheckId(const Node& node, absl::string_view what, bool well_formed,
               absl::string_view format, Record record) {
    if (!well_formed) {
      problems_.Add(node.At("id"), absl::StrCat(what, ": id ", format));
    } else if (!record()) {
      problems_.Add(node.At("id"), absl::StrCat(what, " is defined twice"));
    }
  }

  void CheckScales() {
    for (int i = 0; i < f_.scales_size(); ++i) {
      const v1::AnswerScale& scale = f_.scales(i);
      const Node node = root_.Child("scales", i);
      const std::string what = absl::StrCat("scale ", Quote(scale.id()));
      CheckId(node, what, IsName(scale.id()), kIdFormat,
              [&] { return scales_.emplace(scale.id(), &scale).second; });
      if (scale.values_size() == 0) {
        problems_.Add(node.self(), absl::StrCat(what, " has no values"));
        continue;
      }
      std::set<std::string> value_ids;
      bool positive = false;
      bool negative = false;
      for (int j = 0; j < scale.values_size(); ++j) {
        const v1::AnswerValue& value = scale.values(j);
        const Node value_node = node.Child("values", j);
        const std::string value_what =
            absl::StrCat(what, ": value ", Quote(value.id()));
        CheckId(value_node, value_what, IsName(value.id()), kIdFormat,
                [&] { return value_ids.insert(value.id()).second; });
        if (value.label().empty()) {
          problems_.Add(value_node.self(),
                        absl::StrCat(value_what, ": label is required"));
        }
        if (value.meaning() == v1::ANSWER_MEANING_UNSPECIFIED ||
            !v1::AnswerMeaning_IsValid(value.meaning())) {
          problems_.Add(value_node.At("meaning"),
                        absl::StrCat(value_what,
                                     ": meaning is required (positive, "
                                     "negative or not applicable)"));
        }
        positive |= value.meaning() == v1::ANSWER_MEANING_POSITIVE;
        negative |= value.meaning() == v1::ANSWER_MEANING_NEGATIVE;
      }
      if (!positive || !negative) {
        problems_.Add(
            node.self(),
            absl::StrCat(what, " needs a positive and a negative value"));
      }
    }
  }

  void CheckKeyQuestions() {
    for (int i = 0; i < f_.key_questions_size(); ++i) {
      const std::string& question = f_.key_questions(i);
      if (!IsName(question)) {
        problems_.Add(
            root_.At("key_questions", i),
            absl::StrCat("key question ", Quote(question), " ", kIdFormat));
      } else if (!key_questions_.insert(question).second) {
        problems_.Add(
            root_.At("key_questions", i),
            absl::StrCat("key question ", Quote(question), " is listed twice"));
      }
    }
  }

  void CheckSection(const v1::Section& section, const Node& node) {
    const std::string what = absl::StrCat("section ", Quote(section.id()));
    CheckId(node, what, IsItemId(section.id()), kItemIdFormat,
            [&] { return section_ids_.insert(section.id()).second; });
    if (section.title().empty()) {
      problems_.Add(node.self(), absl::StrCat(what, ": title is required"));
    }
    const v1::EvidenceSource evidence = section.evidence();
    const v1::ScoringMethod scoring = section.scoring();
    if (evidence == v1::EVIDENCE_SOURCE_UNSPECIFIED ||
        !v1::EvidenceSource_IsValid(evidence)) {
      problems_.Add(node.At("evidence"),
                    absl::StrCat(what, ": evidence is required"));
    }
    if (scoring == v1::SCORING_METHOD_UNSPECIFIED ||
        !v1::ScoringMethod_IsValid(scoring)) {
      problems_.Add(node.At("scoring"),
                    absl::StrCat(what, ": scoring is required"));
    }
    if (!v1::CaseScope_IsValid(section.scope())) {
      problems_.Add(node.At("scope"),
                    absl::StrCat(what, ": scope is not a known CaseScope"));
    } else if (evidence == v1::EVIDENCE_SOURCE_CASES && f_.pools_size() == 0 &&
               section.scope() == v1::CASE_SCOPE_UNSPECIFIED) {
      problems_.Add(node.self(),
                    absl::StrCat(what, ": evidence from cases needs a scope"));
    } else if (evidence != v1::EVIDENCE_SOURCE_CASES &&
               section.scope() != v1::CASE_SCOPE_UNSPECIFIED) {
      problems_.Add(node.At("scope"),
                    absl::StrCat(what,
                                 ": a scope applies only to evidence from "
                                 "cases"));
    }
    pools_.CheckSectionPools(section, node, what);
    if ((evidence == v1::EVIDENCE_SOURCE_PANEL) !=
        (scoring == v1::SCORING_METHOD_PANEL_RATING)) {
      problems_.Add(node.At("scoring"),
                    absl::StrCat(what,
                                 ": EVIDENCE_SOURCE_PANEL goes with "
                                 "SCORING_METHOD_PANEL_RATING, and only with "
                                 "it"));
    }
    if (scoring == v1::SCORING_METHOD_LOWEST_KEY_QUESTION &&
        evidence != v1::EVIDENCE_SOURCE_CASES) {
      problems_.Add(node.At("evidence"),
                    absl::StrCat(what,
                                 ": SCORING_METHOD_LOWEST_KEY_QUESTION needs "
                                 "EVIDENCE_SOURCE_CASES"));
    }
    if (scoring == v1::SCORING_METHOD_PANEL_RATING) {
      if (section.criteria_size() > 0) {
        problems_.Add(
            node.At("criteria", 0),
            absl::StrCat(what, ": a panel-rated section has no criteria"));
      }
    } else if (section.criteria_size() == 0) {
      problems_.Add(node.self(), absl::StrCat(what, " has no criteria"));
    }
    const bool rated = scoring == v1::SCORING_METHOD_LOWEST_KEY_QUESTION ||
                       scoring == v1::SCORING_METHOD_PANEL_RATING;
    if (section.counted_in_overall()) {
      if (rated) {
        ++counted_sections_;
      } else {
        problems_.Add(node.At("counted_in_overall"),
                      absl::StrCat(what,
                                   ": only rated sections (lowest key "
                                   "question or panel rating) count in the "
                                   "overall score"));
      }
    }
    if (rated && first_rated_section_.empty()) {
      first_rated_section_ = section.id();
    }
    if (scoring == v1::SCORING_METHOD_SHARE_OF_POSITIVE &&
        first_share_section_.empty()) {
      first_share_section_ = section.id();
    }

    for (int j = 0; j < section.criteria_size(); ++j) {
      CheckCriterion(section, section.criteria(j), node.Child("criteria", j));
    }
    if (scoring == v1::SCORING_METHOD_LOWEST_KEY_QUESTION) {
      CheckKeyQuestionsAsked(section, node, what);
    } else if (section.key_questions_size() > 0) {
      problems_.Add(node.At("key_questions", 0),
                    absl::StrCat(what,
                                 ": key_questions is only for sections "
                                 "scored SCORING_METHOD_LOWEST_KEY_QUESTION"));
    }
  }

  void CheckCriterion(const v1::Section& section, const v1::Criterion& c,
                      const Node& node) {
    const std::string what = absl::StrCat("section ", Quote(section.id()),
                                          ": criterion ", Quote(c.id()));
    CheckId(node, what, IsItemId(c.id()), kItemIdFormat,
            [&] { return criterion_ids_.insert(c.id()).second; });
    if (c.wording().empty()) {
      problems_.Add(node.self(), absl::StrCat(what, ": wording is required"));
    }
    if (c.scale().empty()) {
      problems_.Add(node.self(), absl::StrCat(what, ": scale is required"));
    } else if (auto it = scales_.find(c.scale()); it == scales_.end()) {
      problems_.Add(node.At("scale"),
                    absl::StrCat(what, ": scale ", Quote(c.scale()),
                                 " is not defined in scales"));
    } else if (OffersNotApplicable(*it->second) &&
               c.not_applicable_when().empty()) {
      problems_.Add(node.At("scale"),
                    absl::StrCat(what, ": scale ", Quote(c.scale()),
                                 " offers \"not applicable\", so "
                                 "not_applicable_when is required"));
    }
    CheckStatement(c.scored(), c.positive_statement(), "positive_statement",
                   node, what);
    CheckStatement(c.scored(), c.negative_statement(), "negative_statement",
                   node, what);
    const auto scale = scales_.find(c.scale());
    for (const auto& [value, statement] : c.value_statements()) {
      const std::string value_what =
          absl::StrCat(what, ": value_statements[", Quote(value), "]");
      if (scale != scales_.end() && !IsNegativeValue(*scale->second, value)) {
        problems_.Add(
            node.At("value_statements"),
            absl::StrCat(value_what, " must name a negative value of scale ",
                         Quote(c.scale())));
      }
      CheckStatement(true, statement, "value_statements", node, value_what);
    }
    if (!c.key_question().empty() &&
        section.scoring() != v1::SCORING_METHOD_LOWEST_KEY_QUESTION) {
      problems_.Add(node.At("key_question"),
                    absl::StrCat(what,
                                 ": key_question is only for sections scored "
                                 "SCORING_METHOD_LOWEST_KEY_QUESTION"));
    }
  }

  void CheckStatement(bool scored, absl::string_view statement,
                      absl::string_view field, const Node& node,
                      absl::string_view what) {
    if (statement.empty()) {
      if (scored) {
        problems_.Add(node.self(),
                      absl::StrCat(what, ": ", field,
                                   " is required for a scored criterion"));
      }
    } else if (statement.back() == '.' || statement.front() == ' ' ||
               statement.back() == ' ') {
      problems_.Add(node.At(field),
                    absl::StrCat(what, ": ", field,
                                 " must not end with '.' or have surrounding "
                                 "spaces: a report completes it as \"In "
                                 "<count phrase>, <statement>.\""));
    }
  }

  // Each of the framework's key questions asked exactly once, by a scored
  // criterion; nothing else.
  void CheckKeyQuestionsAsked(const v1::Section& section, const Node& node,
                              absl::string_view what) {
    if (key_questions_.empty()) {
      problems_.Add(node.At("scoring"),
                    absl::StrCat(what,
                                 " is scored by its lowest key question, but "
                                 "the framework lists no key_questions"));
      return;
    }
    // The section's own key questions, each from the framework's and
    // listed once; without them, every one of the framework's.
    std::set<std::string> own;
    for (int k = 0; k < section.key_questions_size(); ++k) {
      const std::string& question = section.key_questions(k);
      if (key_questions_.count(question) == 0) {
        problems_.Add(node.At("key_questions", k),
                      absl::StrCat(what, ": key question ", Quote(question),
                                   " is not one of the framework's "
                                   "key_questions"));
      } else if (!own.insert(question).second) {
        problems_.Add(node.At("key_questions", k),
                      absl::StrCat(what, " lists key question ",
                                   Quote(question), " twice"));
      }
    }
    const bool own_questions = section.key_questions_size() > 0;
    const std::set<std::string>& asks = own_questions ? own : key_questions_;
    const auto& listed =
        own_questions ? section.key_questions() : f_.key_questions();
    std::map<std::string, int> asked;
    for (int j = 0; j < section.criteria_size(); ++j) {
      const v1::Criterion& c = section.criteria(j);
      const Node c_node = node.Child("criteria", j);
      const std::string c_what =
          absl::StrCat(what, ": criterion ", Quote(c.id()));
      if (c.key_question().empty()) {
        problems_.Add(c_node.self(),
                      absl::StrCat(c_what, ": key_question is required"));
      } else if (asks.count(c.key_question()) == 0) {
        problems_.Add(
            c_node.At("key_question"),
            absl::StrCat(c_what, ": key_question ", Quote(c.key_question()),
                         " is not one of the ",
                         own_questions ? "section's" : "framework's",
                         " key_questions (", absl::StrJoin(listed, ", "), ")"));
      } else if (++asked[c.key_question()] > 1) {
        problems_.Add(c_node.At("key_question"),
                      absl::StrCat(what, " asks key question ",
                                   Quote(c.key_question()), " twice"));
      }
      if (!c.scored()) {
        problems_.Add(c_node.self(),
                      absl::StrCat(c_what,
                                   ": a key question criterion must be "
                                   "scored"));
      }
    }
    for (const std::string& question : listed) {
      if (asks.count(question) > 0 && asked.count(question) == 0) {
        problems_.Add(
            node.self(),
            absl::StrCat(what, " does not ask key question ", Quote(question)));
      }
    }
  }

  static bool IsNegativeValue(const v1::AnswerScale& scale,
                              absl::string_view id) {
    for (const v1::AnswerValue& value : scale.values()) {
      if (value.id() == id) {
        return value.meaning() == v1::ANSWER_MEANING_NEGATIVE;
      }
    }
    return false;
  }

  static bool OffersNotApplicable(const v1::AnswerScale& scale) {
    for (const v1::AnswerValue& value : scale.values()) {
      if (value.meaning() == v1::ANSWER_MEANING_NOT_APPLICABLE) return true;
    }
    return false;
  }

  const v1::Framework& f_;
  Problems problems_;
  const Node root_;
  std::map<std::string, const v1::AnswerScale*> scales_;
  std::set<std::string> key_questions_;
  std::set<std::string> section_ids_;
  std::set<std::string> criterion_ids_;
  std::string first_share_section_;
  std::string first_rated_section_;
  int counted_sections_ = 0;
  frameworks_internal::PoolRules pools_{f_, root_, problems_};
};

}  // namespace

absl::Status ValidateFramework(
    const v1::Framework& framework, absl::string_view file_name,
    const google::protobuf::TextFormat::ParseInfoTree* locations) {
  return Validator(framework, file_name, locations).Run();
}

}  // namespace yjinspect::common
