#include "common/dates.h"

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

absl::CivilDay AddMonths(absl::CivilDay day, int months) {
  absl::CivilMonth month = absl::CivilMonth(day) + months;
  absl::CivilDay first(month);
  absl::CivilDay last = absl::CivilDay(absl::CivilMonth(month) + 1) - 1;
  absl::CivilDay candidate = first + (day.day() - 1);
  return candidate > last ? last : candidate;
}

}  // namespace yjinspect::common
