#include "services/findings/report/report_wording.h"

#include <array>
#include <cstdlib>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"

namespace yjinspect::findings {
namespace {

constexpr std::array<absl::string_view, 12> kMonths = {
    "January", "February", "March",     "April",   "May",      "June",
    "July",    "August",   "September", "October", "November", "December"};

absl::string_view MonthName(absl::CivilDay day) {
  return kMonths.at(static_cast<size_t>(day.month() - 1));
}

void AppendPlain(Inline& line, absl::string_view text) {
  if (text.empty()) return;
  if (!line.empty() && line.back().style == RunStyle::kPlain) {
    line.back().text.append(text.data(), text.size());
  } else {
    line.push_back(Run{RunStyle::kPlain, std::string(text)});
  }
}

void AppendMark(Inline& line, absl::string_view mark) {
  if (!mark.empty()) {
    line.push_back(Run{RunStyle::kSuperscript, std::string(mark)});
  }
}

}  // namespace

std::string OrdinalDay(int day) {
  absl::string_view suffix = "th";
  if (day % 100 < 11 || day % 100 > 13) {
    switch (day % 10) {
      case 1:
        suffix = "st";
        break;
      case 2:
        suffix = "nd";
        break;
      case 3:
        suffix = "rd";
        break;
      default:
        break;
    }
  }
  return absl::StrCat(day, suffix);
}

std::string LetterDate(absl::CivilDay day) {
  return absl::StrCat(OrdinalDay(day.day()), " ", MonthName(day), " ",
                      day.year());
}

std::string FieldworkPeriod(absl::CivilDay first, absl::CivilDay last) {
  if (first == last) return absl::StrCat("on ", LetterDate(first));
  // The en dash of the letters, spaced.
  constexpr absl::string_view kDash = " \u2013 ";
  if (first.year() != last.year()) {
    return absl::StrCat("from ", LetterDate(first), kDash, LetterDate(last));
  }
  if (first.month() != last.month()) {
    return absl::StrCat("from ", OrdinalDay(first.day()), " ", MonthName(first),
                        kDash, LetterDate(last));
  }
  return absl::StrCat("from ", OrdinalDay(first.day()), kDash,
                      LetterDate(last));
}

std::string PercentFromTenths(int32_t tenths) {
  const int32_t magnitude = std::abs(tenths);
  return absl::StrFormat("%s%d.%d%%", tenths < 0 ? "-" : "", magnitude / 10,
                         magnitude % 10);
}

std::string CountInFigures(int64_t count, absl::string_view singular,
                           absl::string_view plural) {
  return absl::StrCat(count, " ", count == 1 ? singular : plural);
}

std::string BetterOrWorseThan(int32_t rate, int32_t other) {
  if (rate == other) return "the same as";
  const int64_t difference = std::abs(static_cast<int64_t>(rate) - other);
  return absl::StrCat(difference <= kSlightDifferenceTenths ? "slightly " : "",
                      rate < other ? "better than" : "worse than");
}

std::string LowerOrHigherThan(int32_t rate, int32_t other) {
  if (rate == other) return "the same as";
  return rate < other ? "lower than" : "higher than";
}

Inline ReoffendingSentences(const v1::ReoffendingFigures& figures,
                            absl::string_view place,
                            absl::string_view footnote_mark) {
  Inline line;
  AppendPlain(line, "The published reoffending rate");
  AppendMark(line, footnote_mark);
  AppendPlain(line,
              absl::StrCat(" for ", place, " was ",
                           PercentFromTenths(figures.yot_rate_tenths()), "."));
  std::vector<std::string> clauses;
  if (figures.previous_year_rate_tenths() > 0) {
    clauses.push_back(
        absl::StrCat(BetterOrWorseThan(figures.yot_rate_tenths(),
                                       figures.previous_year_rate_tenths()),
                     " the previous year"));
  }
  if (figures.national_rate_tenths() > 0) {
    clauses.push_back(
        absl::StrCat(BetterOrWorseThan(figures.yot_rate_tenths(),
                                       figures.national_rate_tenths()),
                     " the England and Wales average of ",
                     PercentFromTenths(figures.national_rate_tenths())));
  }
  if (!clauses.empty()) {
    AppendPlain(
        line, absl::StrCat(" This was ", absl::StrJoin(clauses, " and "), "."));
  }
  return line;
}

std::string ReoffendingSource(const v1::ReoffendingFigures& figures) {
  std::vector<std::string> parts;
  if (!figures.published().empty()) {
    parts.push_back(absl::StrCat("Published ", figures.published()));
  }
  if (!figures.measure().empty()) {
    parts.push_back(absl::StrCat("based on ", figures.measure()));
  }
  if (!figures.cohort().empty()) {
    parts.push_back(absl::StrCat("for the ", figures.cohort(), " cohort"));
  }
  std::string text = absl::StrJoin(parts, " ");
  if (!text.empty()) text[0] = absl::ascii_toupper(text[0]);
  if (!figures.source().empty()) {
    absl::StrAppend(&text, text.empty() ? "" : ". ",
                    "Source: ", figures.source());
  }
  return text;
}

Inline LookedAfterSentence(const v1::LookedAfterFigures& figures,
                           absl::string_view place,
                           absl::string_view footnote_mark) {
  absl::string_view label = figures.national_label();
  if (label.empty()) label = "national average";
  const bool has_article = absl::StartsWithIgnoreCase(label, "the ");
  Inline line;
  AppendPlain(
      line, absl::StrCat(
                "The offending rate for Looked After Children in ", place, " (",
                PercentFromTenths(figures.local_rate_tenths()), ") was ",
                LowerOrHigherThan(figures.local_rate_tenths(),
                                  figures.national_rate_tenths()),
                has_article ? " " : " the ", label, " (",
                PercentFromTenths(figures.national_rate_tenths()), ")"));
  AppendMark(line, footnote_mark);
  AppendPlain(line, ".");
  return line;
}

std::string LookedAfterSource(const v1::LookedAfterFigures& figures) {
  if (figures.published().empty()) {
    return figures.source().empty()
               ? ""
               : absl::StrCat("Source: ", figures.source());
  }
  if (figures.source().empty()) {
    return absl::StrCat("Published ", figures.published());
  }
  const bool has_article = absl::StartsWithIgnoreCase(figures.source(), "the ");
  return absl::StrCat("Published ", figures.published(),
                      has_article ? " by " : " by the ", figures.source());
}

}  // namespace yjinspect::findings
