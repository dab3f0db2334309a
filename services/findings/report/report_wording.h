#pragma once

// The report's wording of dates, counts and published figures, in the idiom
// of the SQS letters. Pure functions.
//
// Rates are compared exactly, on tenths of a percent, and a lower rate is
// the better one (a reoffending or offending rate):
//   equal                          "the same as"
//   differ by at most 1.0 point    "slightly better than" / "slightly worse
//                                  than" (at most 10 tenths: 36.0% against
//                                  35.7% is "slightly worse")
//   differ by more                 "better than" / "worse than"
// For looked-after children the letter says "lower than" / "higher than" /
// "the same as", without "slightly".

#include <cstdint>
#include <string>

#include "absl/strings/string_view.h"
#include "absl/time/civil_time.h"
#include "services/findings/report/report_document.h"
#include "yjinspect/v1/report.pb.h"

namespace yjinspect::findings {

// Differences of at most this many tenths of a percentage point are
// "slight".
inline constexpr int32_t kSlightDifferenceTenths = 10;

// "1st", "2nd", "3rd", "4th", "11th", "12th", "13th", "21st", "22nd".
std::string OrdinalDay(int day);

// "21st January 2015".
std::string LetterDate(absl::CivilDay day);

// When fieldwork took place, completing "The inspection was conducted ...":
// "from 15th – 17th December 2014", "from 29th September – 1st October
// 2014", "from 29th December 2014 – 2nd January 2015", or for one day "on
// 15th December 2014". Dates are expected in order.
std::string FieldworkPeriod(absl::CivilDay first, absl::CivilDay last);

// "36.0%" for 360 tenths.
std::string PercentFromTenths(int32_t tenths);

// "20 cases", "1 case": the number in figures, as the letter gives its
// sample.
std::string CountInFigures(int64_t count, absl::string_view singular,
                           absl::string_view plural);

// `rate` against `other`, lower being better: "the same as", "slightly
// better than", "better than", "slightly worse than", "worse than".
std::string BetterOrWorseThan(int32_t rate, int32_t other);

// "lower than", "higher than", "the same as".
std::string LowerOrHigherThan(int32_t rate, int32_t other);

// "The published reoffending rate<sup>1</sup> for Bolton was 36.0%. This
// was better than the previous year and slightly worse than the England and
// Wales average of 35.7%." The previous-year clause only when
// previous_year_rate_tenths > 0, the national one only when
// national_rate_tenths > 0; no second sentence without either. No mark when
// `footnote_mark` is empty.
Inline ReoffendingSentences(const v1::ReoffendingFigures& figures,
                            absl::string_view place,
                            absl::string_view footnote_mark);

// "Published October 2014 based on binary reoffending rates after 12 months
// for the January 2012-December 2012 cohort. Source: Ministry of Justice",
// leaving out what is not given; "" when nothing is.
std::string ReoffendingSource(const v1::ReoffendingFigures& figures);

// "The offending rate for Looked After Children in Bolton (5.0%) was lower
// than the English average (5.6%)<sup>2</sup>." national_label defaults to
// "national average".
Inline LookedAfterSentence(const v1::LookedAfterFigures& figures,
                           absl::string_view place,
                           absl::string_view footnote_mark);

// "Published December 2014 by the Department for Education - Offending by
// Looked After Children"; "Source: ..." without a date; "" when neither is
// given.
std::string LookedAfterSource(const v1::LookedAfterFigures& figures);

}  // namespace yjinspect::findings
