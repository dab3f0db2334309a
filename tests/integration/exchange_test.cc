// The YJB exchange end to end over real gRPC: caseload files imported into
// an in-process intake service (exact problem reports, only good rows
// stored, identifying columns refused), and the Bolton inspection's results
// exported and checked against docs/yjb-export.schema.json.

#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/time/time.h"
#include "cli/exchange/context_figures.h"
#include "cli/exchange/export_results.h"
#include "cli/exchange/import_caseload.h"
#include "cli/exchange/whole_file.h"
#include "cli/inspection_run.h"
#include "gmock/gmock.h"
#include "google/protobuf/util/message_differencer.h"
#include "gtest/gtest.h"
#include "nlohmann/json.hpp"
#include "tests/testing/findings_harness.h"
#include "tests/testing/intake_harness.h"

namespace yjinspect {
namespace {

using cli::exchange::CaseloadFormat;
using cli::exchange::ImportReport;
using ::testing::ElementsAre;
using ::testing::FieldsAre;
using ::testing::HasSubstr;

// The subset of JSON Schema docs/yjb-export.schema.json uses: type (one or
// a list), required, properties, additionalProperties (false or a schema),
// items, enum, const, minimum and $ref to "#/$defs/...". Returns one line
// per violation, with its JSON pointer.
void CheckSchema(const nlohmann::json& root, const nlohmann::json& schema,
                 const nlohmann::json& value, const std::string& at,
                 std::vector<std::string>& errors) {
  if (schema.contains("$ref")) {
    std::string ref = schema["$ref"].get<std::string>();
    const std::string prefix = "#/$defs/";
    if (ref.rfind(prefix, 0) != 0) {
      errors.push_back(at + ": unsupported $ref " + ref);
      return;
    }
    CheckSchema(root, root["$defs"][ref.substr(prefix.size())], value, at,
                errors);
    return;
  }
  if (schema.contains("type")) {
    auto is = [&value](const std::string& type) {
      if (type == "object") return value.is_object();
      if (type == "array") return value.is_array();
      if (type == "string") return value.is_string();
      if (type == "integer") return value.is_number_integer();
      if (type == "number") return value.is_number();
      if (type == "boolean") return value.is_boolean();
      if (type == "null") return value.is_null();
      return false;
    };
    bool ok = false;
    if (schema["type"].is_array()) {
      for (const auto& t : schema["type"]) ok = ok || is(t.get<std::string>());
    } else {
      ok = is(schema["type"].get<std::string>());
    }
    if (!ok) {
      errors.push_back(at + ": wrong type");
      return;
    }
  }
  if (schema.contains("const") && value != schema["const"]) {
    errors.push_back(at + ": not the constant");
  }
  if (schema.contains("enum")) {
    bool found = false;
    for (const auto& e : schema["enum"]) found = found || e == value;
    if (!found) errors.push_back(at + ": not one of the enum");
  }
  if (schema.contains("minimum") && value.is_number() &&
      value.get<double>() < schema["minimum"].get<double>()) {
    errors.push_back(at + ": below minimum");
  }
  if (value.is_object()) {
    for (const auto& key : schema.value("required", nlohmann::json::array())) {
      if (!value.contains(key.get<std::string>())) {
        errors.push_back(at + ": missing " + key.get<std::string>());
      }
    }
    const auto properties =
        schema.value("properties", nlohmann::json::object());
    for (const auto& [key, item] : value.items()) {
      if (properties.contains(key)) {
        CheckSchema(root, properties[key], item, absl::StrCat(at, "/", key),
                    errors);
      } else if (schema.contains("additionalProperties")) {
        const auto& extra = schema["additionalProperties"];
        if (extra.is_boolean() && !extra.get<bool>()) {
          errors.push_back(absl::StrCat(at, ": unexpected key ", key));
        } else if (extra.is_object()) {
          CheckSchema(root, extra, item, absl::StrCat(at, "/", key), errors);
        }
      }
    }
  }
  if (value.is_array() && schema.contains("items")) {
    for (size_t i = 0; i < value.size(); ++i) {
      CheckSchema(root, schema["items"], value[i], at + "/" + std::to_string(i),
                  errors);
    }
  }
}

std::vector<std::string> SchemaErrors(const nlohmann::json& schema,
                                      const nlohmann::json& value) {
  std::vector<std::string> errors;
  CheckSchema(schema, schema, value, "", errors);
  return errors;
}

std::string Data(const std::string& name) {
  return std::string(YJ_EXCHANGE_DATA "/") + name;
}

std::vector<v1::Case> StoredCases(testing::IntakeHarness& intake) {
  std::vector<v1::Case> out;
  v1::ListCasesRequest request;
  request.set_parent("yots/-");
  request.set_page_size(1000);
  v1::ListCasesResponse page;
  grpc::Status status = intake.stub().ListCases(
      testing::IntakeHarness::Context().get(), request, &page);
  EXPECT_TRUE(status.ok()) << status.error_message();
  for (auto& c : *page.mutable_cases()) {
    c.clear_create_time();
    c.clear_update_time();
    out.push_back(c);
  }
  return out;
}

std::vector<std::string> Names(const std::vector<v1::Case>& cases) {
  std::vector<std::string> names;
  for (const auto& c : cases) names.push_back(c.name());
  return names;
}

ImportReport Import(testing::IntakeHarness& intake, const std::string& file,
                    CaseloadFormat format) {
  cli::exchange::ImportOptions options;
  options.chunk_size = 2;  // several chunks even for small fixtures
  auto report = cli::exchange::ImportCaseloadFile(Data(file), format,
                                                  intake.stub(), options);
  EXPECT_TRUE(report.ok()) << report.status();
  return report.ok() ? *report : ImportReport{};
}

TEST(ExchangeImportTest, BadRowsGetAnExactReportAndOnlyGoodRowsAreStored) {
  testing::IntakeHarness intake(/*sync=*/false);
  ImportReport report = Import(intake, "bad_rows.csv", CaseloadFormat::kCsv);
  EXPECT_FALSE(report.refusal.has_value());
  EXPECT_EQ(report.lines_read, 7);
  EXPECT_EQ(report.sent, 3);
  EXPECT_EQ(report.created, 2);
  EXPECT_THAT(
      report.problems,
      ElementsAre(
          FieldsAre(3, "gender", "is required"),
          FieldsAre(4, "gender",
                    "unknown code; accepted: m, f, other, "
                    "not_known"),
          FieldsAre(5, "case_reference",
                    "the service holds this case_reference with different "
                    "content (ALREADY_EXISTS); erase the stored case first "
                    "to send it again"),
          FieldsAre(6, "disposal_start",
                    "must be a real calendar date YYYY-MM-DD"),
          FieldsAre(7, "age_at_sentence",
                    "must be 10 to 17 (age in whole years at sentence)")));
  EXPECT_EQ(report.RefusedLines(), 5);
  EXPECT_THAT(Names(StoredCases(intake)),
              ElementsAre("yots/northmoor/cases/NM-0101",
                          "yots/northmoor/cases/NM-0106"));
  EXPECT_EQ(StoredCases(intake)[0].child().age_at_sentence(), 15);
}

TEST(ExchangeImportTest, DateOfBirthColumnStoresNothing) {
  testing::IntakeHarness intake(/*sync=*/false);
  ImportReport report = Import(intake, "identifying.csv", CaseloadFormat::kCsv);
  ASSERT_TRUE(report.refusal.has_value());
  EXPECT_EQ(report.refusal->line, 1);
  EXPECT_EQ(report.refusal->field, "date_of_birth");
  EXPECT_EQ(report.sent, 0);
  EXPECT_TRUE(StoredCases(intake).empty());
  report = Import(intake, "identifying.jsonl", CaseloadFormat::kJsonLines);
  ASSERT_TRUE(report.refusal.has_value());
  EXPECT_EQ(report.refusal->line, 2);
  EXPECT_TRUE(StoredCases(intake).empty());
  nlohmann::json json = nlohmann::json::parse(
      cli::exchange::ImportReportJson(report), nullptr, false);
  EXPECT_EQ(json["file_refused"]["field"], "First Name");
  EXPECT_EQ(json["sent"], 0);
}

TEST(ExchangeImportTest, CsvAndJsonLinesStoreIdenticalCases) {
  testing::IntakeHarness from_csv(/*sync=*/false);
  testing::IntakeHarness from_jsonl(/*sync=*/false);
  ImportReport csv = Import(from_csv, "caseload.csv", CaseloadFormat::kCsv);
  ImportReport jsonl =
      Import(from_jsonl, "caseload.jsonl", CaseloadFormat::kJsonLines);
  EXPECT_TRUE(csv.problems.empty());
  EXPECT_TRUE(jsonl.problems.empty());
  EXPECT_EQ(csv.created, 3);
  EXPECT_EQ(jsonl.created, 3);
  std::vector<v1::Case> a = StoredCases(from_csv);
  std::vector<v1::Case> b = StoredCases(from_jsonl);
  ASSERT_EQ(a.size(), 3u);
  ASSERT_EQ(b.size(), 3u);
  for (size_t i = 0; i < a.size(); ++i) {
    EXPECT_TRUE(google::protobuf::util::MessageDifferencer::Equals(a[i], b[i]))
        << a[i].name();
  }
  // Importing the other format into the same store changes nothing.
  ImportReport again =
      Import(from_csv, "caseload.jsonl", CaseloadFormat::kJsonLines);
  EXPECT_EQ(again.created, 0);
  EXPECT_EQ(again.unchanged, 3);
  EXPECT_TRUE(again.problems.empty());
}

TEST(ExchangeExportTest, BoltonResultsRoundTripThroughTheSchema) {
  testing::IntakeHarness intake(/*sync=*/false);
  testing::FindingsHarness findings(intake.address(), /*sync=*/false);
  auto spec =
      cli::ReadRunSpec(YJ_SOURCE_DIR "/examples/bolton-sqs-2014.run.textproto");
  ASSERT_TRUE(spec.ok()) << spec.status();
  cli::RunTargets targets{intake.address(), findings.server().address(),
                          absl::Seconds(30)};
  auto outcome = cli::RunInspection(*spec, targets, [](const std::string&) {});
  ASSERT_TRUE(outcome.ok()) << outcome.status();
  const std::string inspection = outcome->inspection.name();

  // The context figures replace the run's figures and keep its other inputs.
  auto text = cli::exchange::ReadWholeFile(Data("context.csv"));
  ASSERT_TRUE(text.ok());
  auto figures = cli::exchange::ParseContextFigures(*text);
  ASSERT_TRUE(figures.problems.empty());
  auto stored = cli::exchange::SetContextFigures(findings.stub(), inspection,
                                                 figures.figures);
  ASSERT_TRUE(stored.ok()) << stored.status();
  EXPECT_EQ(stored->reoffending().previous_year_rate_tenths(), 342);
  EXPECT_FALSE(stored->addressee().empty());
  EXPECT_FALSE(stored->summary().empty());

  auto exported = cli::exchange::ExportResults(findings.stub(), inspection);
  ASSERT_TRUE(exported.ok()) << exported.status();
  nlohmann::json doc = nlohmann::json::parse(*exported, nullptr, false);
  ASSERT_FALSE(doc.is_discarded());
  auto schema_text = cli::exchange::ReadWholeFile(
      YJ_SOURCE_DIR "/docs/yjb-export.schema.json");
  ASSERT_TRUE(schema_text.ok());
  nlohmann::json schema = nlohmann::json::parse(*schema_text, nullptr, false);
  ASSERT_FALSE(schema.is_discarded());
  EXPECT_THAT(SchemaErrors(schema, doc), ::testing::IsEmpty());

  EXPECT_EQ(doc["inspection"], inspection);
  EXPECT_EQ(doc["criteria"].size(),
            static_cast<size_t>(outcome->report.verdicts().criteria_size()));
  EXPECT_EQ(doc["sections"].size(),
            static_cast<size_t>(outcome->report.verdicts().sections_size()));
  EXPECT_THAT(doc["report"]["markdown"].get<std::string>(), HasSubstr("36.0%"));
  EXPECT_EQ(doc["format"], "yjinspect-results/4");
  // An SQS letter has no recommendations; the key is there all the same.
  EXPECT_EQ(doc["recommendations"], nlohmann::json::array());
  // A document missing a required key or with a wrong type fails the check.
  nlohmann::json broken = doc;
  broken.erase("overall");
  broken["sections"][0]["percent"] = "12";
  EXPECT_EQ(SchemaErrors(schema, broken).size(), 2u);
}

// A ratings inspection's recommendations are exported in report order, as
// the schema describes them.
TEST(ExchangeExportTest, RatingsRecommendationsAreExportedInReportOrder) {
  testing::IntakeHarness intake(/*sync=*/false);
  testing::FindingsHarness findings(intake.address(), /*sync=*/false);
  auto spec =
      cli::ReadRunSpec(YJ_SOURCE_DIR "/examples/eastmoor-2025/run.textproto");
  ASSERT_TRUE(spec.ok()) << spec.status();
  ASSERT_EQ(spec->recommendations_size(), 2);
  cli::RunTargets targets{intake.address(), findings.server().address(),
                          absl::Seconds(30)};
  auto outcome = cli::RunInspection(*spec, targets, [](const std::string&) {});
  ASSERT_TRUE(outcome.ok()) << outcome.status();
  const std::string inspection = outcome->inspection.name();

  auto exported = cli::exchange::ExportResults(findings.stub(), inspection);
  ASSERT_TRUE(exported.ok()) << exported.status();
  nlohmann::json doc = nlohmann::json::parse(*exported, nullptr, false);
  ASSERT_FALSE(doc.is_discarded());
  auto schema_text = cli::exchange::ReadWholeFile(
      YJ_SOURCE_DIR "/docs/yjb-export.schema.json");
  ASSERT_TRUE(schema_text.ok());
  nlohmann::json schema = nlohmann::json::parse(*schema_text, nullptr, false);
  EXPECT_THAT(SchemaErrors(schema, doc), ::testing::IsEmpty());

  const nlohmann::json& recommendations = doc["recommendations"];
  ASSERT_EQ(recommendations.size(), 2u);
  EXPECT_EQ(recommendations[0]["name"],
            inspection + "/recommendations/board-1");
  EXPECT_EQ(recommendations[0]["number"], 1);
  EXPECT_EQ(recommendations[0]["addressee"], "management_board");
  EXPECT_EQ(recommendations[0]["section_ids"], nlohmann::json::array({"1.2"}));
  EXPECT_EQ(recommendations[1]["addressee"], "service");
  EXPECT_EQ(recommendations[1]["partner_name"], "");
  EXPECT_THAT(recommendations[1]["text"].get<std::string>(),
              HasSubstr("Keep victims"));
  // The run published the report and recorded the action plan: each
  // recommendation carries its actions.
  const nlohmann::json& board_actions = recommendations[0]["actions"];
  ASSERT_EQ(board_actions.size(), 2u);
  EXPECT_EQ(board_actions[0]["name"],
            inspection + "/recommendations/board-1/actions/recruit");
  EXPECT_EQ(board_actions[0]["status"], "in_progress");
  EXPECT_EQ(board_actions[0]["due_date"], "2026-08-31");
  EXPECT_EQ(board_actions[0]["owner_role"], "Head of Service");
  EXPECT_EQ(recommendations[1]["actions"][0]["status"], "dropped");
  EXPECT_THAT(
      recommendations[1]["actions"][0]["dropped_reason"].get<std::string>(),
      HasSubstr("police"));
  // An addressee outside the enum fails the check.
  nlohmann::json broken = doc;
  broken["recommendations"][0]["addressee"] = "court";
  EXPECT_EQ(SchemaErrors(schema, broken).size(), 1u);
}

}  // namespace
}  // namespace yjinspect
