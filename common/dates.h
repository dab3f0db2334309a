#pragma once

// Calendar dates as google.type.Date: validity, order and month arithmetic.

#include <optional>
#include <string>

#include "absl/strings/string_view.h"
#include "absl/time/civil_time.h"
#include "google/type/date.pb.h"

namespace yjinspect::common {

// The date as a civil day, or nullopt when it is not a real, complete
// calendar date (year 1900 to 2199, month 1-12, a day the month has).
std::optional<absl::CivilDay> ToCivilDay(const google::type::Date& date);

google::type::Date ToDate(absl::CivilDay day);

// "2014-12-15".
std::string FormatDate(const google::type::Date& date);

// Parses "YYYY-MM-DD" into a real calendar date, or nullopt.
std::optional<absl::CivilDay> ParseIsoDate(absl::string_view text);

// The same day of the month `months` later (clamped to the month's last day:
// 31 January + 1 month = 28/29 February), as sentence lengths are counted.
absl::CivilDay AddMonths(absl::CivilDay day, int months);

}  // namespace yjinspect::common
