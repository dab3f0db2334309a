// crash_driver: SIGKILLs the real intake and findings servers at random
// moments under concurrent client load and an open case stream, restarts
// them, and after every cycle checks from both stores that nothing
// acknowledged was lost and that the findings service applied every change
// exactly once; at the end, that the verdicts equal those of the same
// workload run without crashes. See tests/crash/README.md.

#include <unistd.h>

#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <deque>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <random>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "absl/flags/flag.h"
#include "absl/flags/parse.h"
#include "absl/flags/usage.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/time/clock.h"
#include "common/frameworks/framework_registry.h"
#include "common/status_macros.h"
#include "google/protobuf/text_format.h"
#include "google/protobuf/util/message_differencer.h"
#include "tests/crash/crash_checks.h"
#include "tests/crash/crash_workload.h"
#include "tests/crash/service_pair.h"
#include "tests/crash/store_snapshot.h"
#include "tests/testing/unary_call.h"
#include "yjinspect/config/v1/run_spec.pb.h"

ABSL_FLAG(std::string, intake_server, "", "path of the intake_server binary");
ABSL_FLAG(std::string, findings_server, "",
          "path of the findings_server binary");
ABSL_FLAG(int, cycles, 5, "kill-restart-check cycles");
ABSL_FLAG(uint64_t, seed, 0,
          "seed of the workload and of the kills; 0 picks one (printed)");
ABSL_FLAG(int, clients, 4, "client threads writing cases");
ABSL_FLAG(std::string, work_dir, "",
          "folder for the stores and server logs; default a new folder in "
          "/tmp, removed after a passing run");
ABSL_FLAG(std::string, report_inputs, "",
          "a run spec (text format) whose report_inputs the inspection gets, "
          "so that the rendered reports are compared too; empty: verdicts "
          "only");
ABSL_FLAG(bool, reference, true,
          "also run the workload without crashes and compare the verdicts");

namespace yjinspect::crash {
namespace {

using ::google::protobuf::util::MessageDifferencer;

constexpr int kCatchUpAttempts = 5;

std::string Ms(absl::Duration d) {
  return absl::StrCat(absl::ToInt64Milliseconds(d), " ms");
}

// Waits until the findings feed says it is connected at intake's head, or
// until its cursor has not moved for a second (a restarted process that had
// applied everything hears nothing from intake to say so), or `timeout`.
// Returns the last status read: the stores decide whether it caught up.
v1::FeedStatus AwaitFeed(v1::Findings::Stub& stub, absl::Duration timeout) {
  const absl::Time deadline = absl::Now() + timeout;
  v1::FeedStatus last;
  absl::Time last_move = absl::Now();
  while (absl::Now() < deadline) {
    auto status =
        testing::Call(stub, &v1::Findings::Stub::GetFeedStatus,
                      v1::GetFeedStatusRequest(), absl::Seconds(2), true);
    if (status.ok()) {
      if (status->cursor() != last.cursor()) last_move = absl::Now();
      last = *status;
      if (last.connected() && last.cursor() == last.intake_head()) return last;
      if (absl::Now() - last_move > absl::Seconds(1)) return last;
    }
    absl::SleepFor(absl::Milliseconds(20));
  }
  return last;
}

struct Tally {
  int checked = 0;
  int failed = 0;
  int unchecked = 0;
};

class CrashRun {
 public:
  CrashRun(ServiceBinaries binaries, std::string work_dir, uint64_t seed,
           int cycles, WorkloadOptions options, const v1::Framework& framework)
      : binaries_(std::move(binaries)),
        work_dir_(std::move(work_dir)),
        cycles_(cycles),
        options_(std::move(options)),
        framework_(framework),
        dice_(seed) {}

  // Runs everything; true when every invariant held.
  bool Run() {
    const absl::Time started = absl::Now();
    auto pair = ServicePair::Create(binaries_, work_dir_ + "/crash");
    if (!Ok(pair.status(), "creating the services")) return false;
    pair_ = std::move(*pair);
    if (!Ok(pair_->StartIntake(), "starting intake") ||
        !Ok(pair_->StartFindings(), "starting findings")) {
      return false;
    }
    workload_ = std::make_unique<CrashWorkload>(
        options_, pair_->intake().address(), pair_->findings().address(),
        framework_);
    if (!Ok(workload_->Setup(), "setting up the caseload")) return false;
    std::cout << "setup: " << workload_->ledger().Cases().size()
              << " cases, inspection " << workload_->inspection() << " with "
              << workload_->sample().size() << " sampled cases" << std::endl;
    feed_stub_ = v1::Findings::NewStub(grpc::CreateChannel(
        pair_->findings().address(), grpc::InsecureChannelCredentials()));

    bool all_held = true;
    for (int cycle = 1; cycle <= cycles_ && all_held; ++cycle) {
      all_held = Cycle(cycle);
    }
    if (!all_held) return false;

    auto verdicts = workload_->Verdicts();
    auto report =
        options_.report_inputs ? workload_->Report() : v1::RenderedReport();
    if (!Ok(verdicts.status(), "reading the verdicts") ||
        !Ok(report.status(), "rendering the report")) {
      return false;
    }
    pair_->KillFindings();
    pair_->KillIntake();
    const absl::Duration crash_time = absl::Now() - started;
    std::cout << "\ncrash run: " << cycles_ << " cycles in "
              << absl::FormatDuration(absl::Trunc(crash_time, absl::Seconds(1)))
              << "; " << intake_kills_ << " random kills of intake, "
              << findings_kills_ << " of findings, " << cycles_
              << " check kills of both; " << workload_->calls() << " calls, "
              << workload_->retries() << " retried; "
              << workload_->ledger().Cases().size() << " cases acknowledged; "
              << catch_up_retries_ << " catch-up retries" << std::endl;
    for (const auto& [name, tally] : tallies_) {
      std::cout << absl::StrFormat("  %-55s checked %3d, failed %d", name,
                                   tally.checked, tally.failed);
      if (tally.unchecked > 0) {
        std::cout << ", not checkable " << tally.unchecked;
      }
      std::cout << "\n";
    }
    if (!reference_) return true;
    return CompareWithReference(*verdicts, *report);
  }

  void set_reference(bool reference) { reference_ = reference; }

 private:
  bool Ok(const absl::Status& status, const std::string& what) {
    if (status.ok()) return true;
    std::cout << "FAILED " << what << ": " << status << std::endl;
    return false;
  }

  // Load with random kills and restarts of either service or both, then
  // the checks.
  bool Cycle(int cycle) {
    struct Kill {
      bool intake;
      bool findings;
      absl::Duration at;
      absl::Duration down;
    };
    // Kill moments fall within the shortest recent load time, so that most
    // kills meet calls and stream traffic in flight and some an idle pair.
    int64_t window = recent_loads_.empty() ? 500 : 3000;
    for (absl::Duration load : recent_loads_) {
      window = std::min(window, absl::ToInt64Milliseconds(load));
    }
    window = std::max<int64_t>(window, 100);
    auto random_kill = [&](bool intake, bool findings) {
      return Kill{intake, findings,
                  absl::Milliseconds(static_cast<int64_t>(dice_() % window)),
                  absl::Milliseconds(static_cast<int64_t>(dice_() % 300))};
    };
    std::vector<Kill> kills;
    switch (dice_() % 4) {
      case 0:
        kills.push_back(random_kill(true, false));
        break;
      case 1:
        kills.push_back(random_kill(false, true));
        break;
      case 2:  // each at its own moment
        kills.push_back(random_kill(true, false));
        kills.push_back(random_kill(false, true));
        break;
      default:  // both at once
        kills.push_back(random_kill(true, true));
        break;
    }
    std::sort(kills.begin(), kills.end(),
              [](const Kill& a, const Kill& b) { return a.at < b.at; });

    // The load runs on its own thread and the kills and restarts on this
    // one: a child started with PR_SET_PDEATHSIG dies with the thread that
    // started it, so only the main thread may start servers.
    const absl::Time start = absl::Now();
    absl::Status load;
    std::thread clients([&] {
      load = workload_->RunCycle(cycle);
      last_load_ = absl::Now() - start;
      recent_loads_.push_back(last_load_);
      if (recent_loads_.size() > 3) recent_loads_.pop_front();
    });
    absl::Status restarted;
    std::string plan;
    for (const Kill& kill : kills) {
      absl::SleepFor(start + kill.at - absl::Now());
      const absl::Duration at = absl::Now() - start;
      if (kill.findings) {
        pair_->KillFindings();
        ++findings_kills_;
      }
      if (kill.intake) {
        pair_->KillIntake();
        ++intake_kills_;
      }
      absl::SleepFor(kill.down);
      if (kill.intake) restarted = pair_->StartIntake();
      if (kill.findings && restarted.ok()) restarted = pair_->StartFindings();
      absl::StrAppend(&plan, plan.empty() ? "" : ", ",
                      kill.intake && kill.findings ? "both"
                      : kill.intake                ? "intake"
                                                   : "findings",
                      " at +", Ms(at), " (down ", Ms(kill.down), ")");
      if (!restarted.ok()) break;
    }
    clients.join();
    if (!Ok(restarted, "restarting after a kill") ||
        !Ok(load, absl::StrCat("cycle ", cycle, " load"))) {
      return false;
    }

    const absl::Time check_start = absl::Now();
    auto evidence = Evidence();
    if (!Ok(evidence.status(), "collecting the evidence")) return false;
    bool held = true;
    std::string outcome;
    for (const InvariantResult& result : CheckInvariants(*evidence)) {
      Tally& tally = tallies_[result.name];
      if (!result.checked) {
        ++tally.unchecked;
        continue;
      }
      ++tally.checked;
      if (!result.held) {
        ++tally.failed;
        held = false;
        absl::StrAppend(&outcome, "\n    VIOLATED ", result.name, ": ",
                        result.detail);
      }
    }
    // Start again for the next cycle.
    if (!Ok(pair_->StartIntake(), "restarting intake")) return false;
    if (!Ok(pair_->StartFindings(), "restarting findings")) return false;
    std::cout << "cycle " << cycle << "/" << cycles_ << ": killed " << plan
              << "; load " << Ms(last_load_) << ", check "
              << Ms(absl::Now() - check_start) << "; head "
              << evidence->intake.head << ", " << evidence->acknowledged.size()
              << " cases, "
              << (evidence->applied
                      ? absl::StrCat(*evidence->applied, " applied")
                      : std::string("applied not checkable"))
              << (held ? "; invariants held" : outcome) << std::endl;
    return held;
  }

  // Waits for findings to catch up, checks the judgements through the
  // service, then SIGKILLs both and reads their stores.
  absl::StatusOr<CycleEvidence> Evidence() {
    CycleEvidence evidence;
    for (int attempt = 1;; ++attempt) {
      const v1::FeedStatus feed = AwaitFeed(*feed_stub_, absl::Seconds(10));
      ASSIGN_OR_RETURN(evidence.judgements_differing,
                       workload_->JudgementsDifferingAtFindings());
      pair_->KillFindings();
      pair_->KillIntake();
      ASSIGN_OR_RETURN(evidence.intake, ReadIntakeStore(pair_->intake_store()));
      ASSIGN_OR_RETURN(evidence.findings,
                       ReadFindingsStore(pair_->findings_store()));
      if (evidence.findings.cursor < evidence.intake.head &&
          attempt < kCatchUpAttempts) {
        // Findings had not caught up after all: let it.
        ++catch_up_retries_;
        RETURN_IF_ERROR(pair_->StartIntake());
        RETURN_IF_ERROR(pair_->StartFindings());
        continue;
      }
      // What this process applied since it started (from the cursor read
      // before it started) is exact when nothing was applied between the
      // status read and the kill: the cursor did not move.
      if (feed.cursor() == evidence.findings.cursor) {
        evidence.applied = feed.applied_since_start();
      }
      evidence.start_cursor = pair_->findings_start_cursor();
      evidence.attempts = attempt;
      break;
    }
    evidence.acknowledged = workload_->ledger().Cases();
    evidence.sample = workload_->sample();
    return evidence;
  }

  // The same workload on a fresh pair of services that are never killed.
  bool CompareWithReference(const v1::InspectionVerdicts& verdicts,
                            const v1::RenderedReport& report) {
    const absl::Time started = absl::Now();
    auto pair = ServicePair::Create(binaries_, work_dir_ + "/reference");
    if (!Ok(pair.status(), "creating the reference services")) return false;
    if (!Ok((*pair)->StartIntake(), "starting the reference intake") ||
        !Ok((*pair)->StartFindings(), "starting the reference findings")) {
      return false;
    }
    CrashWorkload reference(options_, (*pair)->intake().address(),
                            (*pair)->findings().address(), framework_);
    if (!Ok(reference.Setup(), "setting up the reference")) return false;
    for (int cycle = 1; cycle <= cycles_; ++cycle) {
      if (!Ok(reference.RunCycle(cycle), "the reference load")) return false;
    }
    auto reference_verdicts = reference.Verdicts();
    auto reference_report =
        options_.report_inputs ? reference.Report() : v1::RenderedReport();
    if (!Ok(reference_verdicts.status(), "the reference verdicts") ||
        !Ok(reference_report.status(), "the reference report")) {
      return false;
    }
    std::string differences;
    MessageDifferencer differ;
    differ.ReportDifferencesToString(&differences);
    const bool verdicts_equal = differ.Compare(verdicts, *reference_verdicts);
    const bool report_equal = report.markdown() == reference_report->markdown();
    std::cout << "reference run without crashes ("
              << absl::FormatDuration(
                     absl::Trunc(absl::Now() - started, absl::Seconds(1)))
              << "): verdicts " << (verdicts_equal ? "equal" : "DIFFER") << " ("
              << verdicts.criteria_size() << " criteria, "
              << verdicts.sections_size() << " sections), report "
              << (report_equal ? "equal" : "DIFFERS") << " ("
              << report.markdown().size() << " bytes of Markdown)" << std::endl;
    if (!verdicts_equal) std::cout << differences;
    return verdicts_equal && report_equal;
  }

  ServiceBinaries binaries_;
  std::string work_dir_;
  int cycles_;
  WorkloadOptions options_;
  const v1::Framework& framework_;
  std::mt19937_64 dice_;
  bool reference_ = true;
  std::unique_ptr<ServicePair> pair_;
  std::unique_ptr<CrashWorkload> workload_;
  std::unique_ptr<v1::Findings::Stub> feed_stub_;
  absl::Duration last_load_ = absl::Milliseconds(500);
  std::deque<absl::Duration> recent_loads_;
  int intake_kills_ = 0;
  int findings_kills_ = 0;
  int catch_up_retries_ = 0;
  std::map<std::string, Tally> tallies_;
};

int Main() {
  ServiceBinaries binaries{absl::GetFlag(FLAGS_intake_server),
                           absl::GetFlag(FLAGS_findings_server)};
  if (binaries.intake.empty() || binaries.findings.empty()) {
    std::cerr << "--intake_server and --findings_server are required\n";
    return EXIT_FAILURE;
  }
  uint64_t seed = absl::GetFlag(FLAGS_seed);
  if (seed == 0) seed = std::random_device{}() | 1;
  std::string work_dir = absl::GetFlag(FLAGS_work_dir);
  const bool temporary = work_dir.empty();
  if (temporary) {
    char pattern[] = "/tmp/yj-crash-XXXXXX";
    if (mkdtemp(pattern) == nullptr) {
      std::cerr << "cannot create a work folder\n";
      return EXIT_FAILURE;
    }
    work_dir = pattern;
  }
  auto registry = common::FrameworkRegistry::LoadBuiltIn();
  if (!registry.ok()) {
    std::cerr << registry.status() << "\n";
    return EXIT_FAILURE;
  }
  const v1::Framework* framework = registry->Find("sqs-2014", "1");
  if (framework == nullptr) {
    std::cerr << "no built-in framework sqs-2014 version 1\n";
    return EXIT_FAILURE;
  }
  WorkloadOptions options;
  if (const std::string path = absl::GetFlag(FLAGS_report_inputs);
      !path.empty()) {
    std::ifstream in(path);
    std::stringstream text;
    text << in.rdbuf();
    config::v1::InspectionRunSpec spec;
    if (!in ||
        !google::protobuf::TextFormat::ParseFromString(text.str(), &spec)) {
      std::cerr << "cannot read a run spec from " << path << "\n";
      return EXIT_FAILURE;
    }
    options.report_inputs = spec.report_inputs();
  }
  options.seed = seed;
  options.clients = absl::GetFlag(FLAGS_clients);
  const int cycles = absl::GetFlag(FLAGS_cycles);
  std::cout << "crash test: seed " << seed << ", " << cycles << " cycles, "
            << options.clients << " clients; work folder " << work_dir
            << "\n  rerun: crash_driver --seed=" << seed
            << " --cycles=" << cycles << " (kill moments also depend on "
            << "timing)" << std::endl;

  CrashRun run(binaries, work_dir, seed, cycles, options, *framework);
  run.set_reference(absl::GetFlag(FLAGS_reference));
  const bool passed = run.Run();
  std::cout << (passed ? "PASSED" : "FAILED") << std::endl;
  if (passed && temporary) {
    std::error_code ignored;
    std::filesystem::remove_all(work_dir, ignored);
  } else if (!passed) {
    std::cout << "stores and server logs kept in " << work_dir << std::endl;
  }
  return passed ? EXIT_SUCCESS : EXIT_FAILURE;
}

}  // namespace
}  // namespace yjinspect::crash

int main(int argc, char** argv) {
  absl::SetProgramUsageMessage(
      "Kills the real intake and findings servers with SIGKILL under load "
      "and checks what they stored.\nUsage: crash_driver "
      "--intake_server=PATH --findings_server=PATH [--cycles=N] [--seed=S]");
  absl::ParseCommandLine(argc, argv);
  return yjinspect::crash::Main();
}
