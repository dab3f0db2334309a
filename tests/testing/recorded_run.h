#pragma once

// One inspection run (cli/inspection_run.h) from a spec file against the
// harnessed services, with its progress lines, for the integration tests
// that check what a whole run produced (bolton_test, log_privacy_test).

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/str_join.h"
#include "absl/time/time.h"
#include "cli/inspection_run.h"
#include "gtest/gtest.h"
#include "tests/testing/findings_harness.h"
#include "tests/testing/intake_harness.h"

namespace yjinspect::testing {

struct RecordedRun {
  absl::StatusOr<config::v1::InspectionRunSpec> spec =
      absl::FailedPreconditionError("no spec read");
  absl::StatusOr<cli::RunOutcome> outcome =
      absl::FailedPreconditionError("not run");
  std::vector<std::string> progress;

  // Reads the spec at `spec_path`.
  void Read(const std::string& spec_path) {
    spec = cli::ReadRunSpec(spec_path);
  }

  // Runs the spec (when it was read) against the two services, recording
  // each step's line in `progress`, and returns the outcome.
  absl::StatusOr<cli::RunOutcome> RunAgainst(IntakeHarness& intake,
                                             FindingsHarness& findings) {
    if (!spec.ok()) return spec.status();
    cli::RunTargets targets;
    targets.intake = intake.address();
    targets.findings = findings.server().address();
    targets.sample_wait = absl::Seconds(30);
    return cli::RunInspection(*spec, targets, [this](const std::string& line) {
      progress.push_back(line);
    });
  }

  // For a fixture's SetUp: the spec was read and the run succeeded; else
  // why, with the steps it got through.
  ::testing::AssertionResult Succeeded() const {
    if (!spec.ok()) {
      return ::testing::AssertionFailure() << spec.status();
    }
    if (!outcome.ok()) {
      return ::testing::AssertionFailure()
             << outcome.status() << "\nafter steps:\n"
             << absl::StrJoin(progress, "\n");
    }
    return ::testing::AssertionSuccess();
  }
};

// Both services in this process (stores without sync) and a spec run
// against them: what bolton_test and eastmoor_2025_test run.
struct InProcessRun : RecordedRun {
  IntakeHarness intake{/*sync=*/false};
  FindingsHarness findings{intake.address(), /*sync=*/false};

  absl::StatusOr<cli::RunOutcome> Run() { return RunAgainst(intake, findings); }
};

}  // namespace yjinspect::testing
