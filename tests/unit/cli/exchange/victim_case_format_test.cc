// The victims' cases exchange format (docs/yjb-exchange.md, "Victims'
// cases"): rows mapped to requests in both framings, every kind of bad row
// named by line and field, the whole file refused for an identifying
// column or key, and the intake service's paths named as the file names
// them. All references are invented.

#include "cli/exchange/victim_case_format.h"

#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "cli/exchange/import_victim_cases.h"
#include "cli/exchange/whole_file.h"
#include "gmock/gmock.h"
#include "google/protobuf/util/message_differencer.h"
#include "gtest/gtest.h"

namespace yjinspect::cli::exchange {
namespace {

using ::testing::ElementsAre;
using ::testing::FieldsAre;
using ::testing::HasSubstr;

std::string Fixture(const std::string& name) {
  auto text = ReadWholeFile(std::string(YJ_EXCHANGE_DATA "/") + name);
  EXPECT_TRUE(text.ok()) << text.status();
  return text.ok() ? *text : "";
}

constexpr char kHeader[] =
    "yot_code,victim_case_reference,case_reference,victim_reference,"
    "victim_kind,victim_age_group,police_information_date,first_contact_"
    "date,restorative_justice_offer,restorative_justice_uptake,safety_"
    "assessment,safety_planning,services_wanted\n";
// A good row for kHeader.
constexpr char kGoodRow[] =
    "northmoor,NM-V-1,NM-0001,V-1,person,adult,2014-03-03,2014-03-12,"
    "offered,taken_up,assessed,planned,information;support\n";

// A good JSON Lines object, without its closing brace so a test can add a
// key.
constexpr char kGoodObject[] =
    R"({"yot_code":"northmoor","victim_case_reference":"NM-V-1",)"
    R"("case_reference":"NM-0001","victim_reference":"V-1",)"
    R"("victim_kind":"person","first_contact_date":"2014-03-12",)"
    R"("restorative_justice_offer":"not_offered",)"
    R"("safety_assessment":"not_assessed","services_wanted":["support"])";

TEST(VictimCaseFormatTest, CsvAndJsonLinesGiveTheSameRequests) {
  ParsedVictimCases csv =
      ParseVictimCases(Fixture("victim_cases.csv"), CaseloadFormat::kCsv);
  ParsedVictimCases jsonl = ParseVictimCases(Fixture("victim_cases.jsonl"),
                                             CaseloadFormat::kJsonLines);
  ASSERT_TRUE(csv.problems.empty());
  ASSERT_TRUE(jsonl.problems.empty());
  ASSERT_EQ(csv.rows.size(), 3u);
  ASSERT_EQ(jsonl.rows.size(), 3u);
  EXPECT_EQ(csv.lines_read, 3);
  for (size_t i = 0; i < 3; ++i) {
    EXPECT_TRUE(google::protobuf::util::MessageDifferencer::Equals(
        csv.rows[i].request, jsonl.rows[i].request))
        << csv.rows[i].request.DebugString() << "\nvs\n"
        << jsonl.rows[i].request.DebugString();
  }
  EXPECT_EQ(csv.rows[2].line, 4);
  EXPECT_EQ(jsonl.rows[2].line, 4);  // the blank line 3 is skipped
}

TEST(VictimCaseFormatTest, ARowMapsOntoTheVictimCase) {
  ParsedVictimCases parsed =
      ParseVictimCases(Fixture("victim_cases.csv"), CaseloadFormat::kCsv);
  ASSERT_EQ(parsed.rows.size(), 3u);
  const v1::CreateVictimCaseRequest& r = parsed.rows[0].request;
  EXPECT_EQ(r.parent(), "yots/northmoor");
  EXPECT_EQ(r.victim_case_id(), "NM-V-0001");
  const v1::VictimCase& c = r.victim_case();
  EXPECT_EQ(c.related_case(), "yots/northmoor/cases/NM-0001");
  EXPECT_EQ(c.victim_reference(), "V-7001");
  EXPECT_EQ(c.victim_kind(), v1::VICTIM_KIND_PERSON);
  EXPECT_EQ(c.victim_age_group(), v1::VICTIM_AGE_GROUP_ADULT);
  EXPECT_EQ(c.police_information_date().day(), 3);
  EXPECT_EQ(c.first_contact_date().month(), 3);
  EXPECT_EQ(c.first_contact_date().day(), 12);
  EXPECT_EQ(c.restorative_justice_offer(),
            v1::RESTORATIVE_JUSTICE_OFFER_OFFERED);
  EXPECT_EQ(c.restorative_justice_uptake(),
            v1::RESTORATIVE_JUSTICE_UPTAKE_TAKEN_UP);
  EXPECT_EQ(c.safety_assessment(), v1::VICTIM_SAFETY_ASSESSMENT_ASSESSED);
  EXPECT_EQ(c.safety_planning(), v1::VICTIM_SAFETY_PLANNING_PLANNED);
  EXPECT_THAT(c.services_wanted(),
              ElementsAre(v1::VICTIM_SERVICE_INFORMATION,
                          v1::VICTIM_SERVICE_RESTORATIVE_MEETING));
  // Left-out optional cells stay unset.
  const v1::VictimCase& business = parsed.rows[1].request.victim_case();
  EXPECT_EQ(business.victim_kind(), v1::VICTIM_KIND_BUSINESS_OR_ORGANISATION);
  EXPECT_EQ(business.victim_age_group(), v1::VICTIM_AGE_GROUP_UNSPECIFIED);
  EXPECT_FALSE(business.has_police_information_date());
  EXPECT_EQ(business.restorative_justice_uptake(),
            v1::RESTORATIVE_JUSTICE_UPTAKE_UNSPECIFIED);
  EXPECT_EQ(business.safety_planning(), v1::VICTIM_SAFETY_PLANNING_UNSPECIFIED);
  EXPECT_THAT(parsed.rows[2].request.victim_case().services_wanted(),
              ElementsAre(v1::VICTIM_SERVICE_NO_FURTHER_CONTACT));
}

TEST(VictimCaseFormatTest, SpacesAroundAServiceCodeAreIgnored) {
  std::string row = kGoodRow;
  row.replace(row.find("information;support"), 19, " information ; support");
  ParsedVictimCases parsed =
      ParseVictimCases(std::string(kHeader) + row, CaseloadFormat::kCsv);
  ASSERT_TRUE(parsed.problems.empty());
  ASSERT_EQ(parsed.rows.size(), 1u);
  EXPECT_EQ(parsed.rows[0].request.victim_case().services_wanted_size(), 2);
}

// One bad row: the file holding it, and the one problem it must give.
struct BadRow {
  const char* name;
  CaseloadFormat format;
  std::string text;
  int line;
  const char* field;
  const char* reason;
};

std::string CsvWith(const std::string& from, const std::string& to) {
  std::string row = kGoodRow;
  row.replace(row.find(from), from.size(), to);
  return absl::StrCat(kHeader, kGoodRow, row);
}

std::string JsonWith(absl::string_view extra) {
  return absl::StrCat(kGoodObject, "}\n", kGoodObject, extra, "}\n");
}

std::string JsonReplacing(const std::string& from, const std::string& to) {
  std::string object = kGoodObject;
  object.replace(object.find(from), from.size(), to);
  return absl::StrCat(kGoodObject, "}\n", object, "}\n");
}

class VictimBadRowTest : public ::testing::TestWithParam<BadRow> {};

TEST_P(VictimBadRowTest, IsReportedByLineAndFieldAndTheGoodRowKept) {
  const BadRow& bad = GetParam();
  ParsedVictimCases parsed = ParseVictimCases(bad.text, bad.format);
  ASSERT_FALSE(parsed.refusal.has_value());
  EXPECT_EQ(parsed.lines_read, 2);
  ASSERT_EQ(parsed.rows.size(), 1u);
  EXPECT_EQ(parsed.rows[0].line, bad.format == CaseloadFormat::kCsv ? 2 : 1);
  ASSERT_EQ(parsed.problems.size(), 1u);
  EXPECT_EQ(parsed.problems[0].line, bad.line);
  EXPECT_EQ(parsed.problems[0].field, bad.field);
  EXPECT_THAT(parsed.problems[0].reason, HasSubstr(bad.reason));
}

INSTANTIATE_TEST_SUITE_P(
    Rows, VictimBadRowTest,
    ::testing::Values(
        BadRow{"MissingRequired", CaseloadFormat::kCsv, CsvWith("NM-V-1,", ","),
               3, "victim_case_reference", "is required"},
        BadRow{"UnknownKind", CaseloadFormat::kCsv, CsvWith("person", "shop"),
               3, "victim_kind",
               "unknown code; accepted: person, business_or_organisation, "
               "community_or_other"},
        BadRow{"UnknownUptake", CaseloadFormat::kCsv,
               CsvWith("taken_up", "yes"), 3, "restorative_justice_uptake",
               "unknown code; accepted: taken_up, declined, not_recorded"},
        BadRow{"NotACalendarDate", CaseloadFormat::kCsv,
               CsvWith("2014-03-12", "2014-02-30"), 3, "first_contact_date",
               "must be a real calendar date YYYY-MM-DD"},
        BadRow{"BadPoliceDate", CaseloadFormat::kCsv,
               CsvWith("2014-03-03", "3/3/2014"), 3, "police_information_date",
               "must be a real calendar date YYYY-MM-DD"},
        BadRow{"UnknownService", CaseloadFormat::kCsv,
               CsvWith("information;support", "information;hug"), 3,
               "services_wanted[1]", "unknown code; accepted: information, "},
        BadRow{"EmptyServiceCode", CaseloadFormat::kCsv,
               CsvWith("information;support", "information;;support"), 3,
               "services_wanted[1]", "is empty"},
        BadRow{"MalformedCaseReference", CaseloadFormat::kCsv,
               CsvWith("NM-0001", "NM 0001"), 3, "case_reference",
               "must be 1 to 64 letters"},
        BadRow{"TooFewCsvFields", CaseloadFormat::kCsv,
               absl::StrCat(kHeader, kGoodRow, "northmoor,NM-V-2\n"), 3, "",
               "has 2 fields; the header has 13"},
        BadRow{"UnknownJsonKey", CaseloadFormat::kJsonLines,
               JsonWith(R"(,"favourite_colour":"blue")"), 2, "favourite_colour",
               "unknown key"},
        BadRow{"NotAJsonObject", CaseloadFormat::kJsonLines,
               absl::StrCat(kGoodObject, "}\n[1, 2]\n"), 2, "",
               "is not a JSON object"},
        BadRow{"ServicesNotAnArray", CaseloadFormat::kJsonLines,
               JsonReplacing(R"(["support"])", R"("support")"), 2,
               "services_wanted", "must be an array of codes"},
        BadRow{"ServiceNotACode", CaseloadFormat::kJsonLines,
               JsonReplacing(R"(["support"])", R"(["support",3])"), 2,
               "services_wanted[1]", "must be a code"},
        BadRow{"RequiredKeyNotAValue", CaseloadFormat::kJsonLines,
               JsonReplacing(R"("person")", R"(["person"])"), 2, "victim_kind",
               "must be a single value"},
        BadRow{"NestedValue", CaseloadFormat::kJsonLines,
               JsonWith(R"(,"victim_age_group":{"code":"adult"})"), 2,
               "victim_age_group", "must be a single value"},
        BadRow{"JsonUnknownCode", CaseloadFormat::kJsonLines,
               JsonWith(R"(,"safety_planning":"sorted")"), 2, "safety_planning",
               "unknown code; accepted: planned, "}),
    [](const ::testing::TestParamInfo<BadRow>& row) { return row.param.name; });

TEST(VictimCaseFormatTest, EveryMissingKeyOfARowIsReported) {
  ParsedVictimCases parsed = ParseVictimCases(
      absl::StrCat(kGoodObject, "}\n{\"yot_code\":\"northmoor\"}\n"),
      CaseloadFormat::kJsonLines);
  ASSERT_EQ(parsed.rows.size(), 1u);
  std::vector<std::string> fields;
  for (const RowProblem& p : parsed.problems) {
    EXPECT_EQ(p.line, 2);
    EXPECT_EQ(p.reason, "is required");
    fields.push_back(p.field);
  }
  EXPECT_THAT(fields,
              ElementsAre("victim_case_reference", "case_reference",
                          "victim_reference", "victim_kind",
                          "first_contact_date", "restorative_justice_offer",
                          "safety_assessment", "services_wanted"));
}

class VictimIdentifyingColumnTest
    : public ::testing::TestWithParam<const char*> {};

TEST_P(VictimIdentifyingColumnTest, IsIdentifying) {
  EXPECT_TRUE(IsVictimIdentifyingColumn(GetParam()));
}

INSTANTIATE_TEST_SUITE_P(
    Names, VictimIdentifyingColumnTest,
    ::testing::Values(
        // The caseload's own refusals hold for victims too.
        "name", "surname", "Date Of Birth", "dob", "address", "postcode",
        "email", "phone", "telephone",
        // And what would name or reach a victim.
        "victim_name", "Victim Name", "name_of_victim", "contact",
        "contact_details", "Contact-Number", "victim_contact", "phone_number",
        "mobile", "mobile_no", "email_address", "e.mail", "victim_email"));

TEST(VictimCaseFormatTest, ExchangeKeysAreNotIdentifying) {
  for (const char* key :
       {"yot_code", "victim_case_reference", "case_reference",
        "victim_reference", "victim_kind", "victim_age_group",
        "first_contact_date", "First Contact Date", "police_information_date",
        "restorative_justice_offer", "restorative_justice_uptake",
        "safety_assessment", "safety_planning", "services_wanted",
        "yot_name"}) {
    EXPECT_FALSE(IsVictimIdentifyingColumn(key)) << key;
  }
}

TEST(VictimCaseFormatTest, AnIdentifyingCsvColumnRefusesTheWholeFile) {
  std::string text = kHeader;
  text.insert(text.find("victim_kind"), "Victim Name,");
  std::string row = kGoodRow;
  row.insert(row.find("person"), "Someone,");
  ParsedVictimCases parsed =
      ParseVictimCases(absl::StrCat(text, kGoodRow, row), CaseloadFormat::kCsv);
  ASSERT_TRUE(parsed.refusal.has_value());
  EXPECT_EQ(parsed.refusal->line, 1);
  EXPECT_EQ(parsed.refusal->field, "Victim Name");
  EXPECT_THAT(parsed.refusal->reason, HasSubstr("Nothing was sent"));
  EXPECT_THAT(parsed.refusal->reason, ::testing::Not(HasSubstr("Someone")));
  EXPECT_TRUE(parsed.rows.empty());
  EXPECT_TRUE(parsed.problems.empty());
}

TEST(VictimCaseFormatTest, AnIdentifyingJsonKeyAtAnyDepthRefusesTheFile) {
  for (const char* extra : {R"(,"contact_details":"x")",
                            R"(,"extra":{"victim":{"phone_number":"x"}})",
                            R"(,"extra":[{"email":"x"}])"}) {
    SCOPED_TRACE(extra);
    ParsedVictimCases parsed =
        ParseVictimCases(JsonWith(extra), CaseloadFormat::kJsonLines);
    ASSERT_TRUE(parsed.refusal.has_value());
    EXPECT_EQ(parsed.refusal->line, 2);
    EXPECT_TRUE(parsed.rows.empty());
    EXPECT_TRUE(parsed.problems.empty());
    EXPECT_EQ(parsed.lines_read, 0);
  }
}

TEST(VictimCaseFormatTest, AnUnknownOrRepeatedCsvColumnRefusesTheFile) {
  ParsedVictimCases unknown =
      ParseVictimCases("yot_code,colour\nx,y\n", CaseloadFormat::kCsv);
  ASSERT_TRUE(unknown.refusal.has_value());
  EXPECT_EQ(unknown.refusal->field, "colour");
  EXPECT_THAT(unknown.refusal->reason, HasSubstr("unknown column"));
  // The caseload's columns are not the victims'.
  ParsedVictimCases caseload =
      ParseVictimCases(Fixture("caseload.csv"), CaseloadFormat::kCsv);
  ASSERT_TRUE(caseload.refusal.has_value());
  EXPECT_EQ(caseload.refusal->field, "yot_name");
  ParsedVictimCases repeated =
      ParseVictimCases("yot_code,Yot_Code\nx,y\n", CaseloadFormat::kCsv);
  ASSERT_TRUE(repeated.refusal.has_value());
  EXPECT_EQ(repeated.refusal->field, "Yot_Code");
  EXPECT_EQ(repeated.refusal->reason, "column repeated");
}

TEST(VictimCaseFormatTest, ValidatorPathsMapToExchangeKeys) {
  EXPECT_EQ(VictimExchangeField("parent"), "yot_code");
  EXPECT_EQ(VictimExchangeField("victim_case_id"), "victim_case_reference");
  EXPECT_EQ(VictimExchangeField("victim_case.related_case"), "case_reference");
  EXPECT_EQ(VictimExchangeField("victim_case.safety_planning"),
            "safety_planning");
  EXPECT_EQ(VictimExchangeField("victim_case.services_wanted[1]"),
            "services_wanted[1]");
}

TEST(ValidateVictimRowsTest, RuleBreakingRowsBecomeProblemsInExchangeTerms) {
  ParsedVictimCases parsed = ParseVictimCases(
      absl::StrCat(kHeader, kGoodRow,
                   // Uptake without an offer.
                   "northmoor,NM-V-2,NM-0001,V-2,person,,,2014-03-12,"
                   "not_offered,declined,not_assessed,,support\n",
                   // no_further_contact does not stand alone.
                   "northmoor,NM-V-3,NM-0001,V-3,person,,,2014-03-12,"
                   "not_offered,,not_assessed,,support;no_further_contact\n",
                   // A malformed YOT, reported once (not again through the
                   // related case's name built from it).
                   "North Moor,NM-V-4,NM-0001,V-4,person,,,2014-03-12,"
                   "not_offered,,not_assessed,,support\n"),
      CaseloadFormat::kCsv);
  ASSERT_TRUE(parsed.problems.empty());
  ASSERT_EQ(parsed.rows.size(), 4u);
  ValidateVictimRows(parsed);
  ASSERT_EQ(parsed.rows.size(), 1u);
  EXPECT_EQ(parsed.rows[0].line, 2);
  EXPECT_THAT(
      parsed.problems,
      ElementsAre(
          FieldsAre(3, "restorative_justice_uptake",
                    HasSubstr("must be unset unless restorative justice was "
                              "offered")),
          FieldsAre(4, "services_wanted[1]", HasSubstr("stands alone")),
          FieldsAre(5, "yot_code", HasSubstr("must be yots/{yot}"))));
}

}  // namespace
}  // namespace yjinspect::cli::exchange
