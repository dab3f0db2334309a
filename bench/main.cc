// yjbench: the load generator and baselines of yjinspect's benchmarks.
//
//   yjbench <benchmark> [--flags]   prints one JSON object per line
//   yjbench report --results=FILE   turns those lines into RESULTS.md
//
// Every benchmark measures its own baseline in the same run (the machines
// are shared and noisy); see bench/README.md.

#include <algorithm>
#include <cstdlib>
#include <iostream>
#include <map>
#include <string>
#include <vector>

#include "absl/flags/flag.h"
#include "absl/flags/parse.h"
#include "absl/flags/usage.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_split.h"
#include "absl/time/time.h"
#include "bench/baselines.h"
#include "bench/intake_load.h"
#include "bench/million_cases.h"
#include "bench/national_verdicts.h"
#include "bench/report.h"
#include "bench/stalled_subscribers.h"
#include "bench/stream_delivery.h"
#include "common/host/service_command_line.h"
#include "common/telemetry/logging.h"
#include "nlohmann/json.hpp"
#include "services/findings/intake_feed.h"
#include "tests/testing/temp_dir.h"

ABSL_FLAG(std::string, clients, "1,4,16,32,64",
          "concurrent clients (comma-separated) for unary and batch");
ABSL_FLAG(double, seconds, 4, "measured seconds per figure");
ABSL_FLAG(double, warmup, 1, "unmeasured seconds before each figure");
ABSL_FLAG(int, rounds, 2,
          "unary and batch: slices each figure is measured in, taking "
          "turns with its baselines");
ABSL_FLAG(bool, baselines, true,
          "unary: measure the baselines too (false: only the service, for "
          "profiling)");

ABSL_FLAG(int, chunk, 100, "cases per BatchCreateCases chunk");
ABSL_FLAG(int, yots, 40, "stream: YOTs (inspections) per round");
ABSL_FLAG(int, cases_per_yot, 250, "stream and million: cases per YOT");
ABSL_FLAG(int, runs, 5, "verdicts: national runs");
ABSL_FLAG(int, cases, 1000000, "million: cases loaded");
ABSL_FLAG(std::string, intake_binary, "",
          "million and stalled: intake_server path");
ABSL_FLAG(int, subscribers, 300,
          "stalled: StreamSampledCases subscribers that never read");
ABSL_FLAG(std::string, findings_binary, "", "million: findings_server path");
ABSL_FLAG(std::string, results, "", "report: the JSON lines file");
ABSL_FLAG(std::string, machine, "", "report: markdown file of the machine");
ABSL_FLAG(std::vector<std::string>, attach, {},
          "report: markdown files pasted in at the end, when they exist");

namespace yjinspect::bench {
namespace {

using nlohmann::json;

void Emit(const json& line) { std::cout << line.dump() << std::endl; }

std::vector<int> ClientCounts() {
  std::vector<int> counts;
  for (absl::string_view part :
       absl::StrSplit(absl::GetFlag(FLAGS_clients), ',')) {
    int n = 0;
    if (absl::SimpleAtoi(part, &n) && n > 0) counts.push_back(n);
  }
  return counts;
}

absl::Duration Warmup() { return absl::Seconds(absl::GetFlag(FLAGS_warmup)); }
absl::Duration Measured() {
  return absl::Seconds(absl::GetFlag(FLAGS_seconds));
}

json Figures(const std::string& bench, int clients, LoadResult& load) {
  return json{{"bench", bench},
              {"clients", clients},
              {"ops", load.ok},
              {"failed", load.failed},
              {"per_s", load.PerSecond()},
              {"p50_us", Quantile(load.latencies_us, 0.5)},
              {"p99_us", Quantile(load.latencies_us, 0.99)}};
}

size_t CaseBytes() {
  return BenchCreateCaseRequest("benchyot", "C0-0").case_().ByteSizeLong();
}

// Echo, intake and raw RocksDB take turns in `rounds` slices each, so that
// a noisy moment of the shared machine lands on all three alike.
void Unary(const std::string& dir) {
  const size_t value_size = CaseBytes();
  const int rounds = std::max(1, absl::GetFlag(FLAGS_rounds));
  const absl::Duration slice = Measured() / rounds;
  struct Figure {
    LoadResult echo, intake, raw;
    uint64_t intake_syncs = 0, intake_wal_writes = 0;
  };
  std::map<int, Figure> figures;
  LoadResult fdatasync;
  for (int round = 0; round < rounds; ++round) {
    Merge(fdatasync, RawFdatasync(dir, value_size, Warmup(), slice));
    for (int clients : ClientCounts()) {
      Figure& f = figures[clients];
      const bool baselines = absl::GetFlag(FLAGS_baselines);
      if (baselines) Merge(f.echo, EchoCreateCase(clients, Warmup(), slice));
      IntakeLoadResult intake =
          DurableCreateCase(dir, clients, Warmup(), slice);
      f.intake_syncs += intake.wal_syncs;
      f.intake_wal_writes += intake.wal_writes;
      Merge(f.intake, std::move(intake.load));
      if (baselines) {
        Merge(f.raw, RawRocksDbSyncedWrites(dir, clients, value_size, 1,
                                            Warmup(), slice));
      }
    }
  }
  for (int clients : ClientCounts()) {
    Figure& f = figures[clients];
    Emit(Figures("echo", clients, f.echo));
    json line = Figures("create_case", clients, f.intake);
    line["wal_syncs"] = f.intake_syncs;
    line["wal_writes"] = f.intake_wal_writes;
    line["cases_per_sync"] =
        f.intake_syncs > 0
            ? static_cast<double>(f.intake.total_ok) / f.intake_syncs
            : 0.0;
    Emit(line);
    json raw_line = Figures("rocksdb_sync", clients, f.raw);
    raw_line["value_size"] = value_size;
    raw_line["wal_syncs"] = f.raw.wal_syncs;
    raw_line["values_per_sync"] =
        f.raw.wal_syncs > 0
            ? static_cast<double>(f.raw.total_ok) / f.raw.wal_syncs
            : 0.0;
    Emit(raw_line);
  }
  json sync_line = Figures("fdatasync", 1, fdatasync);
  sync_line["size"] = value_size;
  Emit(sync_line);
}

void Fdatasync(const std::string& dir) {
  LoadResult sync = RawFdatasync(dir, CaseBytes(), Warmup(), Measured());
  json line = Figures("fdatasync", 1, sync);
  line["size"] = CaseBytes();
  Emit(line);
}

void Batch(const std::string& dir) {
  const int chunk = absl::GetFlag(FLAGS_chunk);
  const int rounds = std::max(1, absl::GetFlag(FLAGS_rounds));
  const absl::Duration slice = Measured() / rounds;
  std::map<int, std::pair<LoadResult, LoadResult>> figures;
  std::map<int, uint64_t> syncs;
  for (int round = 0; round < rounds; ++round) {
    for (int clients : ClientCounts()) {
      IntakeLoadResult intake =
          DurableBatchCreateCases(dir, clients, chunk, Warmup(), slice);
      syncs[clients] += intake.wal_syncs;
      Merge(figures[clients].first, std::move(intake.load));
      Merge(figures[clients].second,
            RawRocksDbSyncedWrites(dir, clients, CaseBytes(), chunk, Warmup(),
                                   slice));
    }
  }
  for (int clients : ClientCounts()) {
    json line = Figures("batch_create_cases", clients, figures[clients].first);
    line["chunk"] = chunk;
    line["wal_syncs"] = syncs[clients];
    Emit(line);
    json raw_line =
        Figures("rocksdb_sync_batch", clients, figures[clients].second);
    raw_line["chunk"] = chunk;
    raw_line["wal_syncs"] = figures[clients].second.wal_syncs;
    Emit(raw_line);
  }
}

void Stream(const std::string& dir) {
  const int clients = ClientCounts().empty() ? 4 : ClientCounts().front();
  StreamDeliveryResult stream =
      StreamDelivery(dir, absl::GetFlag(FLAGS_yots),
                     absl::GetFlag(FLAGS_cases_per_yot), clients);
  const double live = stream.live_cases / stream.live_seconds;
  const double catchup = stream.catchup_cases / stream.catchup_seconds;
  Emit(json{{"bench", "stream"},
            {"cases", stream.live_cases},
            {"draws", stream.latencies_us.size()},
            {"live_per_s", live},
            {"catchup_cases", stream.catchup_cases},
            {"catchup_per_s", catchup},
            {"producer_per_s", stream.catchup_cases / stream.producer_seconds},
            {"p50_us", Quantile(stream.latencies_us, 0.5)},
            {"p99_us", Quantile(stream.latencies_us, 0.99)},
            {"case_bytes", stream.case_bytes}});
  // The consumer's ceiling: the same records written as the findings
  // service writes them, in unsynced batches of a stream response's size.
  const size_t batch = findings::IntakeFeed::kChangesPerMessage;
  Emit(json{{"bench", "rocksdb_unsynced_batches"},
            {"records", stream.live_cases},
            {"value_size", stream.case_bytes},
            {"batch", batch},
            {"per_s", RawRocksDbUnsyncedBatches(dir, stream.live_cases,
                                                stream.case_bytes, batch)}});
  Emit(json{
      {"bench", "rocksdb_readseq"},
      {"records", stream.live_cases},
      {"value_size", stream.case_bytes},
      {"per_s", RawRocksDbReadSeq(dir, stream.live_cases, stream.case_bytes)}});
}

void Verdicts() {
  NationalVerdictsResult verdicts =
      NationalVerdicts(150, 50, 60, absl::GetFlag(FLAGS_runs));
  std::vector<double> runs = verdicts.runs_ms;
  std::vector<double> cpu = verdicts.cpu_ms;
  Emit(json{{"bench", "national_verdicts"},
            {"yots", 150},
            {"cases", 50},
            {"criteria", verdicts.criteria},
            {"runs_ms", verdicts.runs_ms},
            {"median_ms", Quantile(runs, 0.5)},
            {"max_ms", Quantile(runs, 1.0)},
            {"cpu_ms", verdicts.cpu_ms},
            {"median_cpu_ms", Quantile(cpu, 0.5)}});
}

void Million(const std::string& dir) {
  MillionCasesOptions options;
  options.intake_binary = absl::GetFlag(FLAGS_intake_binary);
  options.findings_binary = absl::GetFlag(FLAGS_findings_binary);
  options.dir = dir;
  options.cases = absl::GetFlag(FLAGS_cases);
  options.cases_per_yot = std::min(500, absl::GetFlag(FLAGS_cases_per_yot));
  MillionCasesResult r = MillionCases(options);
  Emit(json{{"bench", "million"},
            {"cases", r.cases},
            {"yots", r.yots},
            {"load_s", r.load_seconds},
            {"draw_s", r.draw_seconds},
            {"delivery_s", r.delivery_seconds},
            {"delivered", r.delivered},
            {"intake_peak_kb", r.intake_peak_kb},
            {"intake_rss_kb", r.intake_rss_kb},
            {"intake_loaded_rss_kb", r.intake_loaded_rss_kb},
            {"findings_peak_kb", r.findings_peak_kb},
            {"findings_rss_kb", r.findings_rss_kb},
            {"intake_restart_s", r.intake_restart_seconds},
            {"findings_restart_s", r.findings_restart_seconds},
            {"intake_restart_rss_kb", r.intake_restart_rss_kb},
            {"findings_restart_rss_kb", r.findings_restart_rss_kb}});
}

void Stalled(const std::string& dir) {
  StalledSubscribersOptions options;
  options.intake_binary = absl::GetFlag(FLAGS_intake_binary);
  options.dir = dir;
  options.subscribers = absl::GetFlag(FLAGS_subscribers);
  options.writers = ClientCounts().empty() ? 4 : ClientCounts().front();
  options.warmup = absl::Seconds(absl::GetFlag(FLAGS_warmup));
  options.measured = absl::Seconds(absl::GetFlag(FLAGS_seconds));
  StalledSubscribersResult r = StalledSubscribers(options);
  json line = Figures("stalled_subscribers", options.writers, r.with);
  json without = Figures("", options.writers, r.without);
  line["subscribers"] = options.subscribers;
  line["without_per_s"] = without["per_s"];
  line["without_p50_us"] = without["p50_us"];
  line["without_p99_us"] = without["p99_us"];
  line["rss_without_kb"] = r.rss_without_kb;
  line["rss_with_kb"] = r.rss_with_kb;
  line["rss_filled_kb"] = r.rss_filled_kb;
  // A closed loop's rate falls with a rare long call that the quantiles
  // below the slowest do not show.
  line["max_us"] = Quantile(r.with.latencies_us, 1.0);
  line["without_max_us"] = Quantile(r.without.latencies_us, 1.0);
  line["peak_kb"] = r.peak_kb;
  Emit(line);
}

int Run(const std::string& command) {
  if (command == "report") {
    return WriteReport(absl::GetFlag(FLAGS_results),
                       absl::GetFlag(FLAGS_machine),
                       absl::GetFlag(FLAGS_attach), std::cout)
               ? EXIT_SUCCESS
               : EXIT_FAILURE;
  }
  testing::TempDir scratch;
  const std::string& dir = scratch.path();
  if (command == "unary") {
    Unary(dir);
  } else if (command == "fdatasync") {
    Fdatasync(dir);
  } else if (command == "batch") {
    Batch(dir);
  } else if (command == "stream") {
    Stream(dir);
  } else if (command == "verdicts") {
    Verdicts();
  } else if (command == "million") {
    Million(dir);
  } else if (command == "stalled") {
    Stalled(dir);
  } else {
    std::cerr << "unknown benchmark " << command
              << "; one of unary fdatasync batch stream stalled verdicts "
                 "million report\n";
    return 2;
  }
  return EXIT_SUCCESS;
}

}  // namespace
}  // namespace yjinspect::bench

int main(int argc, char** argv) {
  absl::SetProgramUsageMessage(
      "yjinspect benchmarks: yjbench "
      "unary|fdatasync|batch|stream|stalled|verdicts|million|report "
      "[--flags]");
  std::vector<char*> args = absl::ParseCommandLine(argc, argv);
  // The services under load run as their own mains run them.
  yjinspect::common::SkipMutexDeadlockDetection();
  if (args.size() != 2) {
    std::cerr << "usage: yjbench "
                 "unary|fdatasync|batch|stream|stalled|verdicts|million|"
                 "report [--flags]\n";
    return 2;
  }
  yjinspect::common::InitLogging("yjbench", "warn");
  return yjinspect::bench::Run(args[1]);
}
