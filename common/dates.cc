#include "common/dates.h"

#include <string>

#include "absl/strings/str_format.h"

namespace yjinspect::common {

std::optional<absl::CivilDay> ToCivilDay(const google::type::Date& date) {
  if (date.year() < 1900 || date.year() > 2199) return std::nullopt;
  if (date.month() < 1 || date.month() > 12) return std::nullopt;
  if (date.day() < 1 || date.day() > 31) return std::nullopt;
  absl::CivilDay day(date.year(), date.month(), date.day());
  // CivilDay normalises 31 February to 3 March: a changed field means the
  // date did not exist.
  if (day.year() != date.year() || day.month() != date.month() ||
      day.day() != date.day()) {
    return std::nullopt;
  }
  return day;
}

google::type::Date ToDate(absl::CivilDay day) {
  google::type::Date date;
  date.set_year(static_cast<int32_t>(day.year()));
  date.set_month(day.month());
  date.set_day(day.day());
  return date;
}

std::string FormatDate(const google::type::Date& date) {
  return absl::StrFormat("%04d-%02d-%02d", date.year(), date.month(),
                         date.day());
}

std::optional<absl::CivilDay> ParseIsoDate(absl::string_view text) {
  // Exactly four digits, '-', two digits, '-', two digits: no signs, spaces
  // or short forms, which sscanf-style parsing would let through.
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') {
    return std::nullopt;
  }
  int fields[3] = {0, 0, 0};
  const size_t starts[3] = {0, 5, 8};
  const size_t lengths[3] = {4, 2, 2};
  for (int f = 0; f < 3; ++f) {
    for (size_t i = 0; i < lengths[f]; ++i) {
      const char c = text[starts[f] + i];
      if (c < '0' || c > '9') return std::nullopt;
      fields[f] = fields[f] * 10 + (c - '0');
    }
  }
  google::type::Date date;
  date.set_year(fields[0]);
  date.set_month(fields[1]);
  date.set_day(fields[2]);
  return ToCivilDay(date);
}

absl::CivilDay AddMonths(absl::CivilDay day, int months) {
  absl::CivilMonth month = absl::CivilMonth(day) + months;
  absl::CivilDay first(month);
  absl::CivilDay last = absl::CivilDay(absl::CivilMonth(month) + 1) - 1;
  absl::CivilDay candidate = first + (day.day() - 1);
  return candidate > last ? last : candidate;
}

}  // namespace yjinspect::common
