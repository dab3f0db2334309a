#include "services/findings/report/board_summary.h"

#include <algorithm>
#include <map>
#include <string>
#include <utility>

#include "absl/strings/str_cat.h"
#include "common/dates.h"
#include "common/resource_names.h"
#include "common/status_macros.h"
#include "services/findings/report/markdown_writer.h"
#include "services/findings/report/rated_standards.h"
#include "services/findings/report/recommendation_blocks.h"
#include "services/findings/report/report_page.h"
#include "services/findings/report/report_sections.h"
#include "services/findings/report/report_wording.h"

namespace yjinspect::findings {
namespace {

// "1 action", "3 actions".
std::string Count(size_t n, absl::string_view one, absl::string_view many) {
  return absl::StrCat(n, " ", n == 1 ? one : many);
}

std::string DateText(const google::type::Date& date) {
  std::optional<absl::CivilDay> day = common::ToCivilDay(date);
  return day ? LetterDate(*day) : common::FormatDate(date);
}

// "March 2026": when the inspection's fieldwork started.
std::string FieldworkMonth(const v1::Inspection& inspection) {
  std::optional<absl::CivilDay> day =
      common::ToCivilDay(inspection.fieldwork_start_date());
  if (!day) return "date unknown";
  const std::string date = LetterDate(*day);
  // LetterDate is "21st January 2015": drop the day.
  return date.substr(date.find(' ') + 1);
}

std::string StatusWords(const v1::Action& action, bool overdue) {
  std::string words;
  switch (action.status()) {
    case v1::ACTION_STATUS_PLANNED:
      words = "Planned";
      break;
    case v1::ACTION_STATUS_IN_PROGRESS:
      words = "In progress";
      break;
    case v1::ACTION_STATUS_DONE:
      words = "Done";
      break;
    case v1::ACTION_STATUS_DROPPED:
      words = absl::StrCat("Dropped: ", action.dropped_reason());
      break;
    default:
      words = "Unknown";
      break;
  }
  if (overdue) absl::StrAppend(&words, " (overdue)");
  return words;
}

// The recommendation id an action's name holds.
std::string RecommendationIdOf(const v1::Action& action) {
  auto name = common::ParseActionName(action.name());
  return name ? name->recommendation.recommendation_id : "";
}

std::string IdOf(absl::string_view name) {
  return std::string(name.substr(name.rfind('/') + 1));
}

struct ShownAction {
  const v1::Action* action;
  bool overdue;
};

// Overdue first, then by due date, then by name: the board reads what is
// late before what is on time.
void SortForTheBoard(std::vector<ShownAction>& actions) {
  auto due = [](const ShownAction& a) {
    return common::ToCivilDay(a.action->due_date())
        .value_or(absl::CivilDay(9999, 12, 31));
  };
  std::stable_sort(actions.begin(), actions.end(),
                   [&](const ShownAction& a, const ShownAction& b) {
                     if (a.overdue != b.overdue) return a.overdue;
                     if (due(a) != due(b)) return due(a) < due(b);
                     return a.action->name() < b.action->name();
                   });
}

// A table titled by `caption`; with `row_headers`, each row's first cell
// heads it (the standard, the action) for screen readers.
Block Table(std::vector<std::vector<Inline>> rows, absl::string_view cls,
            absl::string_view caption, bool row_headers) {
  Block table;
  table.kind = BlockKind::kTable;
  table.rows = std::move(rows);
  table.css_class = std::string(cls);
  table.caption = Plain(caption);
  table.row_headers = row_headers;
  return table;
}

std::vector<Block> RecommendationSection(const v1::Recommendation& r,
                                         absl::string_view yot,
                                         std::vector<ShownAction> actions) {
  std::vector<Block> blocks;
  blocks.push_back(
      Heading(3, Plain(absl::StrCat("Recommendation ", r.number(), " (",
                                    AddresseeInWords(r, yot), ")"))));
  blocks.push_back(Paragraph(Plain(r.text())));
  if (actions.empty()) {
    blocks.push_back(
        Paragraph(Plain("No action has been recorded for this "
                        "recommendation.")));
    return blocks;
  }
  SortForTheBoard(actions);
  std::vector<std::vector<Inline>> rows = {
      {Plain("Action"), Plain("Owner"), Plain("Due"), Plain("Status")}};
  for (const ShownAction& shown : actions) {
    const v1::Action& a = *shown.action;
    rows.push_back({Plain(a.description()), Plain(a.owner_role()),
                    Plain(DateText(a.due_date())),
                    Plain(StatusWords(a, shown.overdue))});
  }
  blocks.push_back(Table(
      std::move(rows), "actions",
      absl::StrCat("Actions answering recommendation ", r.number()), true));
  return blocks;
}

std::vector<Block> RatingsSection(const BoardSummaryMaterial& m) {
  std::vector<Block> blocks;
  blocks.push_back(Heading(2, Plain("Ratings")));
  const RatedInspection& now = m.current;
  const std::string now_column =
      absl::StrCat("This inspection (", FieldworkMonth(now.inspection), ")");
  if (!m.previous) {
    blocks.push_back(Paragraph(
        Plain("No previous inspection of this service with a published "
              "report is "
              "stored here, so these ratings stand alone.")));
    std::vector<std::vector<Inline>> rows = {
        {Plain("Standard"), Plain(now_column)}};
    for (const v1::SectionVerdict& s : now.verdicts.sections()) {
      if (!IsRatedSection(s)) continue;
      rows.push_back(
          {Plain(StandardName(s.section_id(), s.title())), RatingCell(s)});
    }
    rows.push_back({Plain("Overall"),
                    OverallCell(*now.framework, now.verdicts.overall())});
    blocks.push_back(
        Table(std::move(rows), "ratings", "Ratings of this inspection", true));
    return blocks;
  }
  const RatedInspection& before = *m.previous;
  blocks.push_back(Paragraph(Plain(absl::StrCat(
      "The ratings are shown beside those of the latest earlier inspection "
      "of this service whose published report is stored here: ",
      before.inspection.name(), ", fieldwork from ",
      DateText(before.inspection.fieldwork_start_date()), "."))));
  std::map<std::string, const v1::SectionVerdict*> earlier;
  for (const v1::SectionVerdict& s : before.verdicts.sections()) {
    // Every standard it had, rated or not: one it had but did not rate
    // says why, never that its framework lacked it.
    earlier[s.section_id()] = &s;
  }
  std::vector<std::vector<Inline>> rows = {
      {Plain("Standard"), Plain(now_column),
       Plain(absl::StrCat("Previous inspection (",
                          FieldworkMonth(before.inspection), ")"))}};
  constexpr absl::string_view kNotInFramework = "Not in its framework";
  for (const v1::SectionVerdict& s : now.verdicts.sections()) {
    if (!IsRatedSection(s)) continue;
    auto it = earlier.find(s.section_id());
    rows.push_back({Plain(StandardName(s.section_id(), s.title())),
                    RatingCell(s),
                    it == earlier.end() ? Plain(kNotInFramework)
                                        : RatingCell(*it->second)});
    if (it != earlier.end()) earlier.erase(it);
  }
  // Standards only the previous framework had, in its order.
  for (const v1::SectionVerdict& s : before.verdicts.sections()) {
    if (earlier.count(s.section_id()) == 0 || !IsRatedSection(s)) continue;
    rows.push_back({Plain(StandardName(s.section_id(), s.title())),
                    Plain(kNotInFramework), RatingCell(s)});
  }
  rows.push_back({Plain("Overall"),
                  OverallCell(*now.framework, now.verdicts.overall()),
                  OverallCell(*before.framework, before.verdicts.overall())});
  blocks.push_back(Table(std::move(rows), "ratings",
                         "Ratings of this inspection and the previous one",
                         true));
  return blocks;
}

struct Counted {
  size_t actions = 0;
  size_t overdue = 0;
  // Recommendations with at least one action.
  size_t answered = 0;
};

Counted CountShown(const BoardSummaryMaterial& m) {
  Counted c;
  std::map<std::string, bool> known;
  for (const v1::Recommendation& r : m.recommendations) {
    known[IdOf(r.name())] = true;
  }
  std::map<std::string, bool> answered;
  for (const v1::Action& a : m.actions) {
    if (known.count(RecommendationIdOf(a)) == 0) continue;
    ++c.actions;
    answered[RecommendationIdOf(a)] = true;
    if (IsOverdue(a, m.as_of)) ++c.overdue;
  }
  c.answered = answered.size();
  return c;
}

}  // namespace

std::vector<Block> BoardSummaryBlocks(const BoardSummaryMaterial& m) {
  const v1::Inspection& inspection = m.current.inspection;
  const std::string yot = inspection.yot_display_name().empty()
                              ? inspection.yot()
                              : inspection.yot_display_name();
  std::vector<v1::Recommendation> recommendations = m.recommendations;
  std::sort(
      recommendations.begin(), recommendations.end(),
      [](const auto& a, const auto& b) { return a.number() < b.number(); });
  std::map<std::string, std::vector<ShownAction>> by_recommendation;
  std::vector<ShownAction> overdue;
  const Counted counted = CountShown(m);
  for (const v1::Action& a : m.actions) {
    const ShownAction shown{&a, IsOverdue(a, m.as_of)};
    by_recommendation[RecommendationIdOf(a)].push_back(shown);
  }
  std::map<std::string, const v1::Recommendation*> by_id;
  for (const v1::Recommendation& r : recommendations) {
    by_id[IdOf(r.name())] = &r;
    for (const ShownAction& shown : by_recommendation[IdOf(r.name())]) {
      if (shown.overdue) overdue.push_back(shown);
    }
  }

  std::vector<Block> blocks;
  blocks.push_back(Heading(
      1, Plain(absl::StrCat("Action plan for the management board: ", yot))));
  const std::string overdue_words =
      counted.overdue == 0   ? "none is overdue"
      : counted.overdue == 1 ? "1 is overdue"
                             : absl::StrCat(counted.overdue, " are overdue");
  blocks.push_back(Paragraph(Plain(absl::StrCat(
      "Inspection ", inspection.name(), "; report published ",
      LetterDate(m.published), ". The action plan holds ",
      Count(counted.actions, "action", "actions"), ", recorded against ",
      counted.answered, " of the report's ",
      Count(recommendations.size(), "recommendation", "recommendations"),
      ". As of ", LetterDate(m.as_of), ", ", overdue_words,
      " (due before that day and neither done nor dropped)."))));

  blocks.push_back(Heading(2, Plain("Overdue actions")));
  if (overdue.empty()) {
    blocks.push_back(Paragraph(Plain("No action is overdue.")));
  } else {
    SortForTheBoard(overdue);
    std::vector<std::vector<Inline>> rows = {{Plain("Recommendation"),
                                              Plain("Action"), Plain("Owner"),
                                              Plain("Due"), Plain("Status")}};
    for (const ShownAction& shown : overdue) {
      const v1::Action& a = *shown.action;
      rows.push_back(
          {Plain(absl::StrCat(by_id[RecommendationIdOf(a)]->number())),
           Plain(a.description()), Plain(a.owner_role()),
           Plain(DateText(a.due_date())), Plain(StatusWords(a, true))});
    }
    blocks.push_back(Table(std::move(rows), "actions overdue",
                           "Overdue actions, the longest overdue first",
                           false));
  }

  blocks.push_back(Heading(2, Plain("Recommendations and their actions")));
  if (recommendations.empty()) {
    blocks.push_back(Paragraph(Plain("The report makes no recommendations.")));
  }
  for (const v1::Recommendation& r : recommendations) {
    for (Block& b :
         RecommendationSection(r, yot, by_recommendation[IdOf(r.name())])) {
      blocks.push_back(std::move(b));
    }
  }
  for (Block& b : RatingsSection(m)) blocks.push_back(std::move(b));
  return blocks;
}

absl::StatusOr<v1::BoardSummary> RenderBoardSummary(
    const BoardSummaryMaterial& material) {
  if (material.current.framework == nullptr ||
      (material.previous && material.previous->framework == nullptr)) {
    return absl::InvalidArgumentError(
        "cannot render the board summary: no framework");
  }
  const std::vector<Block> blocks = BoardSummaryBlocks(material);
  v1::BoardSummary summary;
  summary.set_markdown(WriteMarkdown(blocks));
  ASSIGN_OR_RETURN(*summary.mutable_html(),
                   HtmlReportPage(blocks, "Action plan"));
  *summary.mutable_as_of() = common::ToDate(material.as_of);
  const Counted counted = CountShown(material);
  summary.set_actions(static_cast<int32_t>(counted.actions));
  summary.set_overdue_actions(static_cast<int32_t>(counted.overdue));
  if (material.previous) {
    summary.set_previous_inspection(material.previous->inspection.name());
  }
  return summary;
}

std::optional<v1::Inspection> PreviousInspection(
    const v1::Inspection& current, const std::vector<v1::Inspection>& stored) {
  const std::optional<absl::CivilDay> start =
      common::ToCivilDay(current.fieldwork_start_date());
  if (!start) return std::nullopt;
  std::optional<v1::Inspection> latest;
  std::optional<absl::CivilDay> latest_start;
  for (const v1::Inspection& other : stored) {
    if (other.name() == current.name() || other.yot() != current.yot()) {
      continue;
    }
    // Only a published report's ratings: an earlier inspection's agreed
    // but unpublished verdicts are not the service's to read here.
    if (other.state() != v1::INSPECTION_STATE_REPORT_PUBLISHED) continue;
    const std::optional<absl::CivilDay> other_start =
        common::ToCivilDay(other.fieldwork_start_date());
    if (!other_start || *other_start >= *start) continue;
    if (!latest_start || *other_start > *latest_start) {
      latest = other;
      latest_start = other_start;
    }
  }
  return latest;
}

bool IsOverdue(const v1::Action& action, absl::CivilDay today) {
  if (action.status() == v1::ACTION_STATUS_DONE ||
      action.status() == v1::ACTION_STATUS_DROPPED) {
    return false;
  }
  std::optional<absl::CivilDay> due = common::ToCivilDay(action.due_date());
  return due.has_value() && *due < today;
}

}  // namespace yjinspect::findings
