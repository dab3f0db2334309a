// Victims' cases files (docs/yjb-exchange.md, "Victims' cases") imported
// into an in-process intake service over real gRPC, after the synthetic
// caseload they relate to: stored once and unchanged when imported again
// (in either format), bad rows reported exactly by line and field with only
// the good ones stored, and a file with an identifying column refused with
// nothing sent.

#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "cli/exchange/import_caseload.h"
#include "cli/exchange/import_victim_cases.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "nlohmann/json.hpp"
#include "tests/testing/intake_harness.h"

namespace yjinspect {
namespace {

using cli::exchange::CaseloadFormat;
using cli::exchange::ImportReport;
using ::testing::ElementsAre;
using ::testing::FieldsAre;
using ::testing::HasSubstr;
using ::testing::Not;

std::string Data(const std::string& name) {
  return std::string(YJ_EXCHANGE_DATA "/") + name;
}

cli::exchange::ImportOptions SmallChunks() {
  cli::exchange::ImportOptions options;
  options.chunk_size = 2;  // several calls even for small fixtures
  return options;
}

// A store holding the synthetic caseload the victims' fixtures relate to.
class VictimsImportTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto caseload = cli::exchange::ImportCaseloadFile(
        Data("caseload.csv"), CaseloadFormat::kCsv, intake_.stub(), {});
    ASSERT_TRUE(caseload.ok()) << caseload.status();
    ASSERT_EQ(caseload->created, 3);
  }

  ImportReport Import(const std::string& file, CaseloadFormat format) {
    auto report = cli::exchange::ImportVictimCasesFile(
        Data(file), format, intake_.stub(), SmallChunks());
    EXPECT_TRUE(report.ok()) << report.status();
    return report.ok() ? *report : ImportReport{};
  }

  std::vector<v1::VictimCase> Stored() {
    v1::ListVictimCasesRequest request;
    request.set_parent("yots/northmoor");
    request.set_page_size(1000);
    auto page = intake_.Call(&v1::CaseIntake::Stub::ListVictimCases, request);
    EXPECT_TRUE(page.ok()) << page.status();
    if (!page.ok()) return {};
    return {page->victim_cases().begin(), page->victim_cases().end()};
  }

  std::vector<std::string> StoredNames() {
    std::vector<std::string> names;
    for (const v1::VictimCase& c : Stored()) names.push_back(c.name());
    return names;
  }

  testing::IntakeHarness intake_{/*sync=*/false};
};

TEST_F(VictimsImportTest, AFileIsStoredOnceAndUnchangedWhenImportedAgain) {
  ImportReport first = Import("victim_cases.csv", CaseloadFormat::kCsv);
  EXPECT_FALSE(first.refusal.has_value());
  EXPECT_TRUE(first.problems.empty());
  EXPECT_EQ(first.lines_read, 3);
  EXPECT_EQ(first.sent, 3);
  EXPECT_EQ(first.created, 3);
  EXPECT_EQ(first.unchanged, 0);
  const std::vector<v1::VictimCase> stored = Stored();
  ASSERT_EQ(stored.size(), 3u);
  EXPECT_EQ(stored[0].name(), "yots/northmoor/victimCases/NM-V-0001");
  EXPECT_EQ(stored[0].related_case(), "yots/northmoor/cases/NM-0001");
  EXPECT_EQ(stored[2].related_case(), "yots/northmoor/cases/NM-0002");
  // The YOT's reference for the victim is stored only as its pseudonym.
  EXPECT_THAT(stored[0].victim_reference(), ::testing::StartsWith("yjp-"));

  // Again, and in the other format: every row already stored as it is.
  for (auto [file, format] :
       {std::pair{"victim_cases.csv", CaseloadFormat::kCsv},
        std::pair{"victim_cases.jsonl", CaseloadFormat::kJsonLines}}) {
    SCOPED_TRACE(file);
    ImportReport again = Import(file, format);
    EXPECT_TRUE(again.problems.empty());
    EXPECT_EQ(again.sent, 3);
    EXPECT_EQ(again.created, 0);
    EXPECT_EQ(again.unchanged, 3);
  }
  const std::vector<v1::VictimCase> after = Stored();
  ASSERT_EQ(after.size(), 3u);
  for (size_t i = 0; i < after.size(); ++i) {
    EXPECT_EQ(after[i].etag(), stored[i].etag()) << after[i].name();
  }
}

TEST_F(VictimsImportTest, BadRowsGetAnExactReportAndOnlyGoodRowsAreStored) {
  ImportReport report = Import("victim_bad_rows.csv", CaseloadFormat::kCsv);
  EXPECT_FALSE(report.refusal.has_value());
  EXPECT_EQ(report.lines_read, 7);
  // Lines 2, 4 and 7 pass the checks here; the service refuses 4 and 7.
  EXPECT_EQ(report.sent, 3);
  EXPECT_EQ(report.created, 1);
  EXPECT_THAT(
      report.problems,
      ElementsAre(
          FieldsAre(3, "victim_kind",
                    "unknown code; accepted: person, "
                    "business_or_organisation, community_or_other"),
          FieldsAre(4, "case_reference",
                    "the service holds no case with this case_reference in "
                    "this YOT (FAILED_PRECONDITION); import the caseload "
                    "first"),
          FieldsAre(5, "restorative_justice_uptake",
                    HasSubstr("must be unset unless restorative justice was "
                              "offered")),
          FieldsAre(6, "services_wanted[1]", HasSubstr("stands alone")),
          FieldsAre(7, "victim_case_reference",
                    "the service holds this victim_case_reference with "
                    "different content (ALREADY_EXISTS); erase the stored "
                    "victim's case first to send it again"),
          FieldsAre(8, "first_contact_date",
                    "must be a real calendar date YYYY-MM-DD")));
  EXPECT_EQ(report.RefusedLines(), 6);
  EXPECT_THAT(StoredNames(),
              ElementsAre("yots/northmoor/victimCases/NM-V-0101"));
  // The report names fields, never the file's values.
  const std::string json = cli::exchange::ImportReportJson(report);
  for (const char* value : {"NM-0999", "V-8003", "shopkeeper", "2014-02-30"}) {
    EXPECT_THAT(json, Not(HasSubstr(value))) << value;
  }
  nlohmann::json parsed = nlohmann::json::parse(json, nullptr, false);
  EXPECT_EQ(parsed["refused_lines"], 6);
  EXPECT_EQ(parsed["created"], 1);

  // Importing the same file again stores nothing more: the good row is
  // unchanged and the others are refused as before.
  ImportReport again = Import("victim_bad_rows.csv", CaseloadFormat::kCsv);
  EXPECT_EQ(again.created, 0);
  EXPECT_EQ(again.unchanged, 1);
  EXPECT_EQ(again.RefusedLines(), 6);
}

TEST_F(VictimsImportTest, AnIdentifyingColumnSendsNothing) {
  auto report = cli::exchange::ImportVictimCasesText(
      "yot_code,victim_case_reference,case_reference,victim_reference,"
      "victim_kind,first_contact_date,restorative_justice_offer,safety_"
      "assessment,services_wanted,Contact Phone\n"
      "northmoor,NM-V-0201,NM-0001,V-9001,person,2014-03-12,not_offered,"
      "not_assessed,support,01234 567890\n",
      CaseloadFormat::kCsv, intake_.stub(), SmallChunks());
  ASSERT_TRUE(report.ok()) << report.status();
  ASSERT_TRUE(report->refusal.has_value());
  EXPECT_EQ(report->refusal->line, 1);
  EXPECT_EQ(report->refusal->field, "Contact Phone");
  EXPECT_EQ(report->sent, 0);
  EXPECT_TRUE(Stored().empty());
}

}  // namespace
}  // namespace yjinspect
