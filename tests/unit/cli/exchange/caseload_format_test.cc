#include "cli/exchange/caseload_format.h"

#include <string>

#include "cli/exchange/import_caseload.h"
#include "cli/exchange/whole_file.h"
#include "gmock/gmock.h"
#include "google/protobuf/util/message_differencer.h"
#include "gtest/gtest.h"

namespace yjinspect::cli::exchange {
namespace {

using ::testing::HasSubstr;

std::string Fixture(const std::string& name) {
  auto text = ReadWholeFile(std::string(YJ_EXCHANGE_DATA "/") + name);
  EXPECT_TRUE(text.ok()) << text.status();
  return text.ok() ? *text : "";
}

class IdentifyingColumnTest : public ::testing::TestWithParam<const char*> {};

TEST_P(IdentifyingColumnTest, IsIdentifying) {
  EXPECT_TRUE(IsIdentifyingColumn(GetParam()));
}

INSTANTIATE_TEST_SUITE_P(
    Names, IdentifyingColumnTest,
    ::testing::Values("name", "Name", "first_name", "First Name", "surname",
                      "last-name", "FULL_NAME", "forename", "dob", "DoB",
                      "date_of_birth", "Date Of Birth", "birth-date", "address",
                      "address_line_1", "home_address", "postcode", "Post Code",
                      "child_dob"));

TEST(CaseloadFormatTest, ExchangeColumnsAreNotIdentifying) {
  for (const char* column :
       {"yot_name", "case_reference", "child_reference", "age_at_sentence",
        "case_manager_reference", "offence_1_description", "gender"}) {
    EXPECT_FALSE(IsIdentifyingColumn(column)) << column;
  }
}

TEST(CaseloadFormatTest, CsvAndJsonLinesGiveTheSameRequests) {
  ParsedCaseload csv =
      ParseCaseload(Fixture("caseload.csv"), CaseloadFormat::kCsv);
  ParsedCaseload jsonl =
      ParseCaseload(Fixture("caseload.jsonl"), CaseloadFormat::kJsonLines);
  ASSERT_TRUE(csv.problems.empty());
  ASSERT_TRUE(jsonl.problems.empty());
  ASSERT_EQ(csv.rows.size(), 3u);
  ASSERT_EQ(jsonl.rows.size(), 3u);
  for (size_t i = 0; i < 3; ++i) {
    EXPECT_TRUE(google::protobuf::util::MessageDifferencer::Equals(
        csv.rows[i].request, jsonl.rows[i].request))
        << csv.rows[i].request.DebugString() << "\nvs\n"
        << jsonl.rows[i].request.DebugString();
  }
  EXPECT_EQ(jsonl.rows[2].line, 4);  // the blank line 3 is skipped
  const v1::Case& dto = csv.rows[1].request.case_();
  EXPECT_EQ(csv.rows[1].request.parent(), "yots/northmoor");
  EXPECT_EQ(dto.disposal().type(),
            v1::DISPOSAL_TYPE_DETENTION_AND_TRAINING_ORDER);
  EXPECT_EQ(dto.child().looked_after_status(),
            v1::LOOKED_AFTER_STATUS_LOOKED_AFTER);
  EXPECT_EQ(dto.offences_size(), 2);
  EXPECT_EQ(dto.assessment().mappa().category(), v1::MAPPA_CATEGORY_1);
  EXPECT_EQ(csv.rows[2].request.case_().offences(0).description(),
            "Theft from a \"shop\"");
  EXPECT_EQ(csv.rows[0].request.case_().review_dates_size(), 2);
}

TEST(CaseloadFormatTest, JsonLinesProblemsNameJsonKeys) {
  ParsedCaseload parsed =
      ParseCaseload(Fixture("bad_rows.jsonl"), CaseloadFormat::kJsonLines);
  ASSERT_EQ(parsed.rows.size(), 1u);
  ASSERT_EQ(parsed.problems.size(), 3u);
  EXPECT_EQ(parsed.problems[0].line, 2);
  EXPECT_EQ(parsed.problems[0].field, "favourite_colour");
  EXPECT_EQ(parsed.problems[0].reason, "unknown key");
  EXPECT_EQ(parsed.problems[1].line, 2);
  EXPECT_EQ(parsed.problems[1].field, "offences[0].category");
  EXPECT_THAT(parsed.problems[1].reason, HasSubstr("unknown code; accepted: "
                                                   "violence, sexual"));
  EXPECT_EQ(parsed.problems[2].line, 3);
  EXPECT_EQ(parsed.problems[2].field, "");
  EXPECT_EQ(parsed.problems[2].reason, "is not a JSON object");
}

// Where each identifying fixture names its identifying column: the CSV
// header, the second JSON line.
struct IdentifyingFile {
  const char* name;
  CaseloadFormat format;
  int line;
  const char* column;
};

TEST(CaseloadFormatTest, IdentifyingColumnRefusesTheWholeFile) {
  for (const IdentifyingFile& file :
       {IdentifyingFile{"identifying.csv", CaseloadFormat::kCsv, 1,
                        "date_of_birth"},
        IdentifyingFile{"identifying.jsonl", CaseloadFormat::kJsonLines, 2,
                        "First Name"}}) {
    SCOPED_TRACE(file.name);
    ParsedCaseload parsed = ParseCaseload(Fixture(file.name), file.format);
    ASSERT_TRUE(parsed.refusal.has_value());
    EXPECT_EQ(parsed.refusal->line, file.line);
    EXPECT_EQ(parsed.refusal->field, file.column);
    EXPECT_TRUE(parsed.rows.empty());
  }
}

TEST(CaseloadFormatTest, UnknownCsvColumnRefusesTheFile) {
  ParsedCaseload parsed =
      ParseCaseload("yot_code,colour\nx,y\n", CaseloadFormat::kCsv);
  ASSERT_TRUE(parsed.refusal.has_value());
  EXPECT_EQ(parsed.refusal->field, "colour");
}

TEST(CaseloadFormatTest, ValidatorPathsMapToExchangeKeys) {
  EXPECT_EQ(ExchangeField("case.child.age_at_sentence", CaseloadFormat::kCsv),
            "age_at_sentence");
  EXPECT_EQ(
      ExchangeField("case.offences[1].index_offence", CaseloadFormat::kCsv),
      "offence_2_index");
  EXPECT_EQ(ExchangeField("case.offences[1].code", CaseloadFormat::kJsonLines),
            "offences[1].code");
  EXPECT_EQ(ExchangeField("case.review_dates[0]", CaseloadFormat::kCsv),
            "review_dates[0]");
  EXPECT_EQ(ExchangeField("case_id", CaseloadFormat::kCsv), "case_reference");
  EXPECT_EQ(
      ExchangeField("case.assessment.mappa.level", CaseloadFormat::kJsonLines),
      "mappa_level");
}

TEST(CaseloadFormatTest, FormatFollowsTheExtension) {
  EXPECT_EQ(FormatOfPath("a/b.CSV"), CaseloadFormat::kCsv);
  EXPECT_EQ(FormatOfPath("a.jsonl"), CaseloadFormat::kJsonLines);
  EXPECT_FALSE(FormatOfPath("a.txt"));
}

}  // namespace
}  // namespace yjinspect::cli::exchange
