// A run spec may name its caseload, judgements and context figures as files
// in the exchange formats instead of holding them inline: the same
// inspection comes out either way. Victims' cases, inline or in a file, are
// imported after the children's cases they relate to.

#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "cli/inspection_run.h"
#include "gmock/gmock.h"
#include "google/protobuf/text_format.h"
#include "gtest/gtest.h"
#include "tests/testing/case_builder.h"
#include "tests/testing/findings_harness.h"
#include "tests/testing/intake_harness.h"
#include "tests/testing/temp_dir.h"
#include "yjinspect/config/v1/run_spec.pb.h"

#ifndef YJ_SOURCE_DIR
#error "YJ_SOURCE_DIR must name the source tree"
#endif

namespace yjinspect {
namespace {

constexpr char kBolton[] =
    YJ_SOURCE_DIR "/examples/bolton-sqs-2014.run.textproto";

void Write(const std::string& path, const std::string& text) {
  std::ofstream(path) << text;
}

std::string TextOf(const google::protobuf::Message& message) {
  std::string text;
  google::protobuf::TextFormat::PrintToString(message, &text);
  return text;
}

absl::StatusOr<cli::RunOutcome> RunIn(
    const config::v1::InspectionRunSpec& spec) {
  testing::IntakeHarness intake(/*sync=*/false);
  testing::FindingsHarness findings(intake.address(), /*sync=*/false);
  return cli::RunInspection(spec,
                            {intake.address(), findings.server().address()},
                            [](const std::string&) {});
}

TEST(RunSpecFilesTest, JudgementsAndContextFiguresFromFilesGiveTheSameReport) {
  auto inline_spec = cli::ReadRunSpec(kBolton);
  ASSERT_TRUE(inline_spec.ok()) << inline_spec.status();
  auto inline_run = RunIn(*inline_spec);
  ASSERT_TRUE(inline_run.ok()) << inline_run.status();

  // The same spec with its judgements and figures moved out to files.
  testing::TempDir dir;
  config::v1::InspectionRunSpec spec = *inline_spec;
  config::v1::JudgementsFile judgements;
  *judgements.mutable_judgements() = spec.judgements();
  spec.clear_judgements();
  Write(dir.Sub("judgements.textproto"), TextOf(judgements));
  spec.set_judgements_file("judgements.textproto");
  const auto& r = spec.report_inputs().reoffending();
  const auto& l = spec.report_inputs().looked_after();
  auto rate = [](int tenths) {
    return absl::StrCat(tenths / 10, ".", tenths % 10);
  };
  Write(
      dir.Sub("figures.csv"),
      absl::StrCat("kind,rate,previous_year_rate,national_rate,national_label,"
                   "cohort,measure,source,published\n",
                   "reoffending,", rate(r.yot_rate_tenths()), ",",
                   rate(r.previous_year_rate_tenths()), ",",
                   rate(r.national_rate_tenths()), ",,\"", r.cohort(), "\",\"",
                   r.measure(), "\",\"", r.source(), "\",\"", r.published(),
                   "\"\n", "looked_after,", rate(l.local_rate_tenths()), ",,",
                   rate(l.national_rate_tenths()), ",\"", l.national_label(),
                   "\",,,\"", l.source(), "\",\"", l.published(), "\"\n"));
  spec.mutable_report_inputs()->clear_reoffending();
  spec.mutable_report_inputs()->clear_looked_after();
  spec.set_context_figures_file("figures.csv");
  Write(dir.Sub("bolton.run.textproto"), TextOf(spec));

  auto from_files = cli::ReadRunSpec(dir.Sub("bolton.run.textproto"));
  ASSERT_TRUE(from_files.ok()) << from_files.status();
  EXPECT_EQ(from_files->judgements_size(), inline_spec->judgements_size());
  auto files_run = RunIn(*from_files);
  ASSERT_TRUE(files_run.ok()) << files_run.status();
  EXPECT_EQ(files_run->report.markdown(), inline_run->report.markdown());
}

TEST(RunSpecFilesTest, ACaseloadFileIsImportedAndABadOneStopsTheRun) {
  testing::IntakeHarness intake(/*sync=*/false);
  testing::FindingsHarness findings(intake.address(), /*sync=*/false);
  auto spec = cli::ReadRunSpec(kBolton);
  ASSERT_TRUE(spec.ok());
  spec->clear_cases();
  spec->set_caseload_file(YJ_SOURCE_DIR "/tests/data/exchange/caseload.csv");
  cli::RunTargets targets{intake.address(), findings.server().address()};
  // Stop before the sample: this caseload is another YOT's.
  targets.before_step = [](int, absl::string_view name) {
    return name == "draw sample" ? absl::CancelledError("stop here")
                                 : absl::OkStatus();
  };
  auto stopped = cli::RunInspection(*spec, targets, [](const std::string&) {});
  EXPECT_EQ(stopped.status().code(), absl::StatusCode::kCancelled);
  v1::ListCasesRequest list;
  list.set_parent("yots/northmoor");
  v1::ListCasesResponse listed;
  ASSERT_TRUE(
      intake.stub()
          .ListCases(testing::IntakeHarness::Context().get(), list, &listed)
          .ok());
  EXPECT_GT(listed.cases_size(), 0);

  spec->set_caseload_file(YJ_SOURCE_DIR "/tests/data/exchange/bad_rows.csv");
  auto refused = cli::RunInspection(*spec, targets, [](const std::string&) {});
  EXPECT_EQ(refused.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(refused.status().message(), ::testing::HasSubstr("line 3"));
}

// Stops a run before it draws the sample: enough to see what it imported.
absl::Status StopBeforeTheSample(int, absl::string_view name) {
  return name == "draw sample" ? absl::CancelledError("stop here")
                               : absl::OkStatus();
}

TEST(RunSpecFilesTest, InlineVictimCasesAreImportedAfterTheCasesTheyRelateTo) {
  testing::IntakeHarness intake(/*sync=*/false);
  testing::FindingsHarness findings(intake.address(), /*sync=*/false);
  auto spec = cli::ReadRunSpec(kBolton);
  ASSERT_TRUE(spec.ok()) << spec.status();
  ASSERT_GE(spec->cases_size(), 2);
  // Synthetic victims of the spec's own (inline) children's cases.
  for (int i = 0; i < 2; ++i) {
    *spec->add_victim_cases() = testing::ValidCreateVictimCaseRequest(
        "bolton", absl::StrCat("BOL-V-", i + 1), spec->cases(i).case_id());
  }
  cli::RunTargets targets{intake.address(), findings.server().address()};
  targets.before_step = StopBeforeTheSample;
  std::vector<std::string> lines;
  auto stopped = cli::RunInspection(
      *spec, targets, [&lines](const std::string& l) { lines.push_back(l); });
  EXPECT_EQ(stopped.status().code(), absl::StatusCode::kCancelled);
  EXPECT_THAT(lines, ::testing::Contains(
                         ::testing::HasSubstr(", 2 victims' cases stored")));
  v1::ListVictimCasesRequest list;
  list.set_parent("yots/bolton");
  auto listed = intake.Call(&v1::CaseIntake::Stub::ListVictimCases, list);
  ASSERT_TRUE(listed.ok()) << listed.status();
  ASSERT_EQ(listed->victim_cases_size(), 2);
  EXPECT_EQ(listed->victim_cases(0).related_case(),
            absl::StrCat("yots/bolton/cases/", spec->cases(0).case_id()));

  // A victim's case of a child's case the spec does not hold stops the run
  // (run again: what was stored is unchanged).
  *spec->add_victim_cases() =
      testing::ValidCreateVictimCaseRequest("bolton", "BOL-V-3", "BOL-9999");
  auto refused = cli::RunInspection(*spec, targets, [](const std::string&) {});
  EXPECT_EQ(refused.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(refused.status().message(),
              ::testing::HasSubstr("victim_cases[2] (BOL-V-3)"));
  EXPECT_THAT(refused.status().message(),
              ::testing::HasSubstr("RELATED_CASE_NOT_STORED"));
  listed = intake.Call(&v1::CaseIntake::Stub::ListVictimCases, list);
  ASSERT_TRUE(listed.ok()) << listed.status();
  EXPECT_EQ(listed->victim_cases_size(), 2);
}

TEST(RunSpecFilesTest, AVictimCasesFileIsReadRelativeToTheSpec) {
  testing::TempDir dir;
  auto spec = cli::ReadRunSpec(kBolton);
  ASSERT_TRUE(spec.ok()) << spec.status();
  spec->set_victim_cases_file("victims.csv");
  Write(dir.Sub("bolton.run.textproto"), TextOf(*spec));
  auto read = cli::ReadRunSpec(dir.Sub("bolton.run.textproto"));
  ASSERT_TRUE(read.ok()) << read.status();
  EXPECT_EQ(read->victim_cases_file(), dir.Sub("victims.csv"));
}

}  // namespace
}  // namespace yjinspect
