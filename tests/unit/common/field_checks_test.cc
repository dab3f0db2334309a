// common/field_checks.h: the checks every request validator shares. Each
// bad value gives one violation naming the field and what is expected, and
// never the value itself (it may be case content, which must not reach
// logs).

#include "common/field_checks.h"

#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "common/field_violations.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/testing/case_builder.h"
#include "tests/testing/matchers.h"
#include "yjinspect/v1/case.pb.h"

namespace yjinspect::common {
namespace {

// Each violation as "field: description", in the order added.
std::vector<std::string> Described(const FieldViolations& violations) {
  std::vector<std::string> out;
  for (const FieldViolation& v : violations.violations()) {
    out.push_back(v.field + ": " + v.description);
  }
  return out;
}

// What CheckText says of `text` in case.notes, as Described.
std::vector<std::string> TextSays(absl::string_view text, size_t max_chars,
                                  bool required = true) {
  FieldViolations v;
  CheckText(v, "case.notes", text, max_chars, required);
  return Described(v);
}

// What CheckToken says of `value` in `field`, as Described.
std::vector<std::string> TokenSays(absl::string_view field,
                                   absl::string_view value, size_t max_chars,
                                   absl::string_view extra,
                                   bool required = true) {
  FieldViolations v;
  CheckToken(v, field, value, max_chars, extra, required);
  return Described(v);
}

// --- text -------------------------------------------------------------------

TEST(CheckTextTest, PlainTextWithNewlinesAndTabsIsAccepted) {
  EXPECT_THAT(TextSays("First visit.\n\tChild attended.", 100), IsEmpty());
}

TEST(CheckTextTest, EmptyIsRefusedOnlyWhenRequired) {
  EXPECT_THAT(TextSays("", 10, /*required=*/false), IsEmpty());
  EXPECT_THAT(TextSays("", 10), ElementsAre("case.notes: is required"));
}

TEST(CheckTextTest, LengthCountsCharactersNotBytes) {
  // Four characters, eight bytes.
  const std::string four = "\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9";
  EXPECT_THAT(TextSays(four, 4), IsEmpty());
  EXPECT_THAT(TextSays(four + "x", 4),
              ElementsAre("case.notes: is longer than 4 characters"));
}

class ControlCharacterTest : public ::testing::TestWithParam<std::string> {};

TEST_P(ControlCharacterTest, IsRefusedWithoutEchoingTheText) {
  const std::string text = "Synthetic-note" + GetParam() + "end";
  FieldViolations v;
  CheckText(v, "case.notes", text, 100, /*required=*/true);
  EXPECT_THAT(Described(v),
              ElementsAre("case.notes: contains a control character; use "
                          "plain text"));
  EXPECT_THAT(v.ToStatus("case").message(), Not(HasSubstr("Synthetic-note")));
}

INSTANTIATE_TEST_SUITE_P(
    C0C1AndDelete, ControlCharacterTest,
    ::testing::Values(std::string("\x01"), std::string(1, '\0'),
                      std::string("\r"), std::string("\x1b"),
                      std::string("\x7f"), std::string("\xc2\x80"),
                      std::string("\xc2\x9f")));

TEST(CheckTextTest, LettersJustOutsideTheC1RangeAreAccepted) {
  // U+00A0 (no-break space) and U+00E9 (e acute) share the C1 controls'
  // lead byte range but are text.
  EXPECT_THAT(TextSays("a\xc2\xa0\xc3\xa9", 10), IsEmpty());
}

// --- tokens and request ids -------------------------------------------------

TEST(CheckTokenTest, LettersDigitsAndTheExtrasAreAccepted) {
  EXPECT_THAT(TokenSays("case.offences[0].code", "105/01", 10, "/"), IsEmpty());
}

TEST(CheckTokenTest, AnotherCharacterIsRefusedNamingTheExtras) {
  EXPECT_THAT(TokenSays("case.offences[0].code", "105.01", 10, "/-"),
              ElementsAre("case.offences[0].code: must be 1 to 10 letters, "
                          "digits or '/' '-'"));
}

TEST(CheckTokenTest, WithoutExtrasTheMessageSaysLettersAndDigits) {
  EXPECT_THAT(TokenSays("case.case_manager_reference", "STAFF-07", 20, ""),
              ElementsAre("case.case_manager_reference: must be "
                          "1 to 20 letters, digits"));
}

TEST(CheckTokenTest, LongerThanTheLimitIsRefused) {
  EXPECT_THAT(TokenSays("code", std::string(8, 'a'), 8, ""), IsEmpty());
  EXPECT_THAT(TokenSays("code", std::string(9, 'a'), 8, ""),
              ElementsAre("code: must be 1 to 8 letters, digits"));
}

TEST(CheckTokenTest, NonAsciiLettersAreRefused) {
  EXPECT_THAT(TokenSays("code", "caf\xc3\xa9", 10, ""), Not(IsEmpty()));
}

TEST(CheckTokenTest, EmptyIsRefusedOnlyWhenRequired) {
  EXPECT_THAT(TokenSays("code", "", 8, "", /*required=*/false), IsEmpty());
  EXPECT_THAT(TokenSays("code", "", 8, ""), ElementsAre("code: is required"));
}

TEST(CheckRequestIdTest, IsOptionalAndUpTo64LettersDigitsDashesUnderscores) {
  FieldViolations v;
  CheckRequestId(v, "request_id", "");
  CheckRequestId(v, "request_id", "retry-7_b");
  CheckRequestId(v, "request_id", std::string(64, 'f'));
  EXPECT_TRUE(v.empty());
  CheckRequestId(v, "request_id", std::string(65, 'f'));
  CheckRequestId(v, "request_id", "retry 7");
  EXPECT_THAT(Described(v),
              ElementsAre("request_id: must be 1 to 64 letters, digits or "
                          "'-' '_'",
                          "request_id: must be 1 to 64 letters, digits or "
                          "'-' '_'"));
}

// --- enums and dates --------------------------------------------------------

TEST(CheckEnumTest, AKnownValueIsAccepted) {
  FieldViolations v;
  CheckEnum(v, "case.child.gender", v1::Gender_descriptor(), v1::GENDER_MALE);
  EXPECT_TRUE(v.empty());
}

TEST(CheckEnumTest, UnsetIsRequiredListingTheValuesButUnspecified) {
  FieldViolations v;
  CheckEnum(v, "case.disposal.setting", v1::SupervisionSetting_descriptor(),
            v1::SUPERVISION_SETTING_UNSPECIFIED);
  EXPECT_THAT(Described(v), ElementsAre("case.disposal.setting: is required; "
                                        "one of SUPERVISION_SETTING_COMMUNITY, "
                                        "SUPERVISION_SETTING_CUSTODY"));
}

TEST(CheckEnumTest, AnUnknownNumberIsNamedWithTheEnum) {
  FieldViolations v;
  CheckEnum(v, "case.disposal.setting", v1::SupervisionSetting_descriptor(),
            42);
  EXPECT_THAT(Described(v),
              ElementsAre("case.disposal.setting: has unknown value 42 for "
                          "SupervisionSetting; one of "
                          "SUPERVISION_SETTING_COMMUNITY, "
                          "SUPERVISION_SETTING_CUSTODY"));
}

TEST(CheckDateTest, ARealDateIsReturned) {
  FieldViolations v;
  google::type::Date leap_day = testing::MakeDate(2016, 2, 29);
  EXPECT_EQ(CheckDate(v, "case.plan_date", &leap_day),
            absl::CivilDay(2016, 2, 29));
  EXPECT_TRUE(v.empty());
}

TEST(CheckDateTest, MissingIsRequired) {
  FieldViolations v;
  EXPECT_EQ(CheckDate(v, "case.plan_date", nullptr), std::nullopt);
  EXPECT_THAT(Described(v), ElementsAre("case.plan_date: is required"));
}

TEST(CheckDateTest, ADateThatDoesNotExistIsRefused) {
  for (const google::type::Date& date :
       {testing::MakeDate(2015, 2, 29), testing::MakeDate(2014, 13, 1),
        testing::MakeDate(2014, 4, 31), testing::MakeDate(1899, 12, 31),
        testing::MakeDate(2014, 1, 0)}) {
    FieldViolations v;
    EXPECT_EQ(CheckDate(v, "case.plan_date", &date), std::nullopt)
        << date.ShortDebugString();
    ASSERT_EQ(v.violations().size(), 1u);
    EXPECT_EQ(v.violations()[0].field, "case.plan_date");
    EXPECT_THAT(v.violations()[0].description,
                HasSubstr("is not a calendar date"));
  }
}

// --- resource names ---------------------------------------------------------

TEST(CheckNameTest, GoodNamesParseWithoutViolations) {
  FieldViolations v;
  EXPECT_EQ(CheckInspectionName(v, "name", "inspections/northmoor-2014"),
            "northmoor-2014");
  std::optional<CaseName> c =
      CheckCaseName(v, "name", "yots/northmoor/cases/NM-0001");
  ASSERT_TRUE(c.has_value());
  EXPECT_EQ(c->yot, "northmoor");
  EXPECT_EQ(c->case_id, "NM-0001");
  std::optional<CaseFindingsName> f = CheckCaseFindingsName(
      v, "name", "inspections/northmoor-2014/caseFindings/NM-0001");
  ASSERT_TRUE(f.has_value());
  EXPECT_EQ(f->inspection_id, "northmoor-2014");
  EXPECT_EQ(f->case_id, "NM-0001");
  EXPECT_TRUE(v.empty());
}

TEST(CheckNameTest, RecommendationNamesParseOrNameTheirFormat) {
  FieldViolations v;
  auto good = CheckRecommendationName(
      v, "name", "inspections/northmoor-2025/recommendations/r1");
  ASSERT_TRUE(good.has_value());
  EXPECT_EQ(good->recommendation_id, "r1");
  EXPECT_TRUE(v.empty());
  EXPECT_FALSE(CheckRecommendationName(v, "name", "inspections/northmoor-2025")
                   .has_value());
  EXPECT_THAT(Described(v),
              ElementsAre(absl::StrCat("name: ", kRecommendationNameFormat)));
  EXPECT_EQ(RequireRecommendationName("name", "", "GetRecommendation request")
                .status()
                .code(),
            absl::StatusCode::kInvalidArgument);
}

TEST(CheckNameTest, ActionNamesParseOrNameTheirFormat) {
  FieldViolations v;
  auto good = CheckActionName(
      v, "name", "inspections/northmoor-2025/recommendations/r1/actions/a1");
  ASSERT_TRUE(good.has_value());
  EXPECT_EQ(good->action_id, "a1");
  EXPECT_TRUE(v.empty());
  EXPECT_FALSE(CheckActionName(v, "name",
                               "inspections/northmoor-2025/recommendations/r1")
                   .has_value());
  EXPECT_THAT(Described(v),
              ElementsAre(absl::StrCat("name: ", kActionNameFormat)));
  EXPECT_EQ(RequireActionName("name", "", "GetAction request").status().code(),
            absl::StatusCode::kInvalidArgument);
}

TEST(CheckNameTest, EmptyNamesAreRequired) {
  FieldViolations v;
  EXPECT_EQ(CheckInspectionName(v, "inspection", ""), std::nullopt);
  EXPECT_FALSE(CheckCaseName(v, "name", "").has_value());
  EXPECT_FALSE(CheckCaseFindingsName(v, "case_findings", "").has_value());
  EXPECT_THAT(Described(v),
              ElementsAre("inspection: is required", "name: is required",
                          "case_findings: is required"));
}

// A malformed name and the violation its check gives.
struct BadName {
  const char* kind;  // "inspection", "case" or "case findings"
  const char* name;
};

std::optional<std::string> CheckKind(const BadName& bad,
                                     FieldViolations& violations) {
  const std::string kind = bad.kind;
  if (kind == "inspection") {
    return CheckInspectionName(violations, "request.name", bad.name);
  }
  if (kind == "case") {
    auto parsed = CheckCaseName(violations, "request.name", bad.name);
    if (!parsed) return std::nullopt;
    return parsed->case_id;
  }
  auto parsed = CheckCaseFindingsName(violations, "request.name", bad.name);
  if (!parsed) return std::nullopt;
  return parsed->case_id;
}

std::string FormatOf(const BadName& bad) {
  const std::string kind = bad.kind;
  if (kind == "inspection") return std::string(kInspectionNameFormat);
  if (kind == "case") return std::string(kCaseNameFormat);
  return std::string(kCaseFindingsNameFormat);
}

class BadNameTest : public ::testing::TestWithParam<BadName> {};

TEST_P(BadNameTest, GivesOneViolationOfTheFieldStatingTheFormat) {
  FieldViolations v;
  EXPECT_EQ(CheckKind(GetParam(), v), std::nullopt);
  ASSERT_EQ(v.violations().size(), 1u);
  EXPECT_EQ(v.violations()[0].field, "request.name");
  EXPECT_EQ(v.violations()[0].description, FormatOf(GetParam()));
}

INSTANTIATE_TEST_SUITE_P(
    Shapes, BadNameTest,
    ::testing::Values(
        // Inspections: wrong collection, missing or bad id, extra segments.
        BadName{"inspection", "inspection/northmoor-2014"},
        BadName{"inspection", "inspections/"},
        BadName{"inspection", "inspections/Northmoor-2014"},
        BadName{"inspection", "inspections/2014-northmoor"},
        BadName{"inspection", "inspections/northmoor-2014/"},
        BadName{"inspection", "inspections/northmoor-2014/caseFindings/NM-1"},
        BadName{"inspection", "/inspections/northmoor-2014"},
        BadName{"inspection", "northmoor-2014"},
        BadName{"inspection", "yots/northmoor"},
        // Cases: a YOT alone, wrong collection, bad YOT, bad or missing id.
        BadName{"case", "yots/northmoor"},
        BadName{"case", "yots/northmoor/cases/"},
        BadName{"case", "yots/northmoor/case/NM-0001"},
        BadName{"case", "yots/Northmoor/cases/NM-0001"},
        BadName{"case", "yots/northmoor/cases/-NM-0001"},
        BadName{"case", "yots/northmoor/cases/NM 0001"},
        BadName{"case", "yots/northmoor/cases/NM-0001/x"},
        BadName{"case", "inspections/northmoor-2014/caseFindings/NM-0001"},
        // Case findings: an inspection alone, cases instead of caseFindings,
        // bad inspection id, bad case id.
        BadName{"case findings", "inspections/northmoor-2014"},
        BadName{"case findings", "inspections/northmoor-2014/cases/NM-0001"},
        BadName{"case findings", "inspections/Northmoor/caseFindings/NM-0001"},
        BadName{"case findings", "inspections/northmoor-2014/caseFindings/"},
        BadName{"case findings",
                "inspections/northmoor-2014/caseFindings/NM.0001"},
        BadName{"case findings", "yots/northmoor/cases/NM-0001"}));

TEST(CheckNameTest, TheViolationNeverEchoesTheName) {
  // A case reference pasted where a name belongs may be a real one: it must
  // not reach the message that the edge logs.
  FieldViolations v;
  CheckInspectionName(v, "name", "Synthetic Child Reference 4471");
  CheckCaseName(v, "case", "yots/northmoor/cases/Synthetic 4471");
  CheckCaseFindingsName(v, "findings", "Synthetic 4471");
  ASSERT_EQ(v.violations().size(), 3u);
  const std::string message(v.ToStatus("request").message());
  EXPECT_THAT(message, Not(HasSubstr("4471")));
  for (const FieldViolation& violation : v.violations()) {
    EXPECT_THAT(violation.description, Not(HasSubstr("4471")));
  }
}

TEST(RequireNameTest, AGoodNameIsReturnedParsed) {
  auto inspection = RequireInspectionName("name", "inspections/northmoor-2014",
                                          "GetInspection request");
  ASSERT_TRUE(inspection.ok()) << inspection.status();
  EXPECT_EQ(*inspection, "northmoor-2014");

  auto c = RequireCaseName("name", "yots/northmoor/cases/NM-0001",
                           "GetCase request");
  ASSERT_TRUE(c.ok()) << c.status();
  EXPECT_EQ(c->yot, "northmoor");
  EXPECT_EQ(c->case_id, "NM-0001");

  auto f = RequireCaseFindingsName(
      "name", "inspections/northmoor-2014/caseFindings/NM-0001",
      "GetCaseFindings request");
  ASSERT_TRUE(f.ok()) << f.status();
  EXPECT_EQ(f->inspection_id, "northmoor-2014");
  EXPECT_EQ(f->case_id, "NM-0001");
}

TEST(RequireNameTest, ABadInspectionNameIsInvalidArgumentWithItsViolation) {
  auto result = RequireInspectionName("name", "inspection/northmoor-2014",
                                      "GetInspection request");
  EXPECT_EQ(result.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(result.status().message(),
            "invalid GetInspection request: name: must be "
            "inspections/{inspection}");
  std::vector<FieldViolation> violations = ViolationsOf(result.status());
  ASSERT_EQ(violations.size(), 1u);
  EXPECT_EQ(violations[0].field, "name");
  EXPECT_EQ(violations[0].description, kInspectionNameFormat);
}

TEST(RequireNameTest, ABadCaseNameIsInvalidArgumentWithItsViolation) {
  auto result = RequireCaseName("name", "yots/northmoor", "GetCase request");
  EXPECT_EQ(result.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(std::string(result.status().message()),
              HasSubstr("invalid GetCase request: name: "));
  std::vector<FieldViolation> violations = ViolationsOf(result.status());
  ASSERT_EQ(violations.size(), 1u);
  EXPECT_EQ(violations[0].field, "name");
  EXPECT_EQ(violations[0].description, kCaseNameFormat);
}

TEST(RequireNameTest, AnEmptyCaseFindingsNameIsRequired) {
  auto result =
      RequireCaseFindingsName("case_findings", "", "RecordJudgements request");
  EXPECT_EQ(result.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(result.status().message(),
            "invalid RecordJudgements request: case_findings: is required");
  std::vector<FieldViolation> violations = ViolationsOf(result.status());
  ASSERT_EQ(violations.size(), 1u);
  EXPECT_EQ(violations[0].field, "case_findings");
  EXPECT_EQ(violations[0].description, "is required");
}

TEST(RequireNameTest, ACaseNameIsNotACaseFindingsName) {
  // The two name kinds share their case id: a caller who sends one for the
  // other is told the format wanted.
  auto result = RequireCaseFindingsName("name", "yots/northmoor/cases/NM-0001",
                                        "GetCaseFindings request");
  ASSERT_FALSE(result.ok());
  EXPECT_THAT(ViolationsOf(result.status()), Not(IsEmpty()));
  EXPECT_EQ(ViolationsOf(result.status())[0].description,
            kCaseFindingsNameFormat);
}

}  // namespace
}  // namespace yjinspect::common
